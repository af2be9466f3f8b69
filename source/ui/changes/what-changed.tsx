import {Box} from 'ink';
import {SUSPECT_WINDOW_MS, type Suspect} from '../../trail/suspects.js';
import {useDisplay} from '../shared/display-context.js';
import {formatClockShort} from '../../render/format.js';
import {changesHeadLines, HEAD_LINES, listEntries, reasonLines, suspectRowSegments, suspectTitle, visibleEntries, whyLines, WHY_LINES, type ChangesHead} from './what-changed-lines.js';
import {Line} from '../shared/line.js';

export type WhatChangedProps = Omit<ChangesHead, 'found' | 'ranked' | 'after'> & {
	/** suspectsFor's list: ranked, then after the onset, then the weaker rest. */
	readonly suspects: readonly Suspect[];
	/** Index of the selected suspect, -1 when there are none. */
	readonly selected: number;
	readonly width: number;
	/** Rows of the whole view. */
	readonly height: number;
};

/** Rows the list of suspects gets in a view `height` rows high, `width` wide, showing the flag's `reason`. */
export const suspectRows = (height: number, reason: string | null = null, width = 80): number =>
	Math.max(1, height - HEAD_LINES - reasonLines(reason, width).length - WHY_LINES);

/**
 * The What-changed view: title (metric, flag, onset, which of the flagged), the flag's reason in words,
 * the window, the suspects
 * one a row with their section lines (virtualised: only the visible ones are drawn, the selection kept
 * on screen), and the selected one's reasons in full at the bottom.
 */
export function WhatChanged(props: WhatChangedProps) {
	const {suspects, selected, width, height, target} = props;
	const {glyphs: g} = useDisplay();
	const visible = visibleEntries(listEntries(suspects, target, g), selected, suspectRows(height, props.reason ?? null, width));
	const ranked = suspects.filter(suspect => suspect.section === 'ranked').length;
	const after = suspects.filter(suspect => suspect.section === 'after').length;
	const [title, window] = changesHeadLines({...props, found: suspects.length, ranked, after}, g);
	const empty = ` nothing changed from ${formatClockShort(target.onset - SUSPECT_WINDOW_MS)} to ${formatClockShort(target.onset)} in the events loaded`;
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Line segments={title ?? []} width={width} />
			{reasonLines(props.reason, width, g).map((segments, index) => (
				<Line key={`reason${index}`} segments={segments} width={width} />
			))}
			<Line segments={window ?? []} width={width} />
			<Line segments={[{text: suspectTitle(width, g), dim: true}]} width={width} />
			{suspects.length === 0 && <Line segments={[{text: empty, dim: true}]} width={width} />}
			{visible.map(entry =>
				entry.kind === 'section' ? (
					<Line key={`s${entry.text}`} segments={[{text: entry.text, dim: true}]} width={width} />
				) : (
					<Line key={entry.index} segments={suspectRowSegments(suspects[entry.index]!, target.onset, width, entry.index === selected, g)} width={width} />
				),
			)}
			<Box flexGrow={1} />
			{whyLines(suspects[selected], width, g).map((segments, index) => (
				<Line key={`why${index}`} segments={segments} width={width} />
			))}
		</Box>
	);
}
