/**
 * The one scroll window: the help, the alarm list and the detail view are each a title line over a
 * window of `height - 1` lines of a longer list, moved by j/k, PgUp/PgDn, g/G (state/ui-reducer.ts
 * keeps the first visible line; it is clamped here too, as the list may have shrunk since).
 */
import {Box} from 'ink';
import {formatCount} from '../../render/format.js';
import type {Glyphs} from '../../render/glyphs.js';
import type {Segment} from '../../render/segments.js';
import {useDisplay} from './display-context.js';
import {Line} from './line.js';

/** Which lines of `total` show in `rows` rows from `scroll`: [first, end). */
export function pageWindow(total: number, rows: number, scroll: number): {readonly first: number; readonly end: number} {
	const first = Math.min(Math.max(0, scroll), Math.max(0, total - rows));
	return {first, end: Math.min(total, first + rows)};
}

/** " · lines 3–22 of 140 · j/k scroll" when the list is longer than the window, else "". */
export function pagePosition(total: number, first: number, end: number, g: Glyphs): string {
	if (end - first >= total) return '';
	const count = (value: number): string => formatCount(value, g);
	return ` ${g.sep} lines ${count(first + 1)}${g.range}${count(end)} of ${count(total)} ${g.sep} j/k scroll`;
}

export type PagerProps = {
	/** The title line; the position is added after it. */
	readonly title: readonly Segment[];
	/** More words after the position (what closes the screen). */
	readonly trailer?: string;
	readonly total: number;
	/** Line `index` of the list: only the visible ones are asked for (a record may hold 100,000). */
	readonly lineAt: (index: number) => Segment[];
	readonly scroll: number;
	readonly width: number;
	/** Rows including the title line. */
	readonly height: number;
};

/** A title line and the visible window of a list. */
export function Pager({title, trailer = '', total, lineAt, scroll, width, height}: PagerProps) {
	const {glyphs: g} = useDisplay();
	const {first, end} = pageWindow(total, Math.max(0, height - 1), scroll);
	const visible: Segment[][] = [];
	for (let index = first; index < end; index++) visible.push(lineAt(index));
	const head: Segment[] = [...title, {text: pagePosition(total, first, end, g) + trailer, dim: true}];
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Line segments={head} width={width} />
			{visible.map((segments, index) => (
				<Line key={index} segments={segments} width={width} />
			))}
		</Box>
	);
}
