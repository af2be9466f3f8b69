import {Box} from 'ink';
import {sanitize} from '../../text/sanitize.js';
import {useDisplay} from '../shared/display-context.js';
import {formatCount} from '../../render/format.js';
import {cut} from '../../render/glyphs.js';
import type {Segment} from '../../render/segments.js';
import {Line} from '../shared/line.js';

export type EventDetailProps = {
	/** Summary lines (detailSummary), already sanitized. */
	readonly summary: readonly Segment[][];
	/** Record lines (recordLines), sanitized and cut here, only the visible ones. */
	readonly record: readonly string[];
	/** First visible line (clamped here too). */
	readonly scroll: number;
	readonly width: number;
	/** Rows including the title line. */
	readonly height: number;
};

/** Lines in the scrollable part of the detail view. */
export const detailLineCount = (summary: readonly unknown[], record: readonly unknown[]): number => summary.length + record.length;

/** The detail view of one event, virtualised: renders `height` lines whatever the record holds. */
export function EventDetail({summary, record, scroll, width, height}: EventDetailProps) {
	const {glyphs: g} = useDisplay();
	const rows = Math.max(0, height - 1);
	const total = detailLineCount(summary, record);
	const first = Math.min(Math.max(0, scroll), Math.max(0, total - rows));
	const lines: Segment[][] = [];
	for (let index = first; index < Math.min(total, first + rows); index++) {
		const own = summary[index];
		if (own) lines.push(own);
		else lines.push([{text: ' ' + cut(sanitize(record[index - summary.length] ?? ''), width - 1, g)}]);
	}
	const count = (value: number): string => formatCount(value, g);
	const position = total > rows ? ` ${g.sep} lines ${count(first + 1)}${g.range}${count(first + lines.length)} of ${count(total)}` : '';
	const title: Segment[] = [
		{text: ' DETAIL', bold: true},
		{text: position, dim: true},
		{text: ` ${g.sep} Esc back`, dim: true},
	];
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Line segments={title} width={width} />
			{lines.map((segments, index) => (
				<Line key={index} segments={segments} width={width} />
			))}
		</Box>
	);
}
