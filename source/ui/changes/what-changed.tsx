import {Box} from 'ink';
import {SUSPECT_WINDOW_MS, type Suspect} from '../../trail/suspects.js';
import {useDisplay} from '../shared/display-context.js';
import {formatClockShort} from '../../render/format.js';
import {changesHeadLines, HEAD_LINES, suspectRowSegments, suspectTitle, whyLines, WHY_LINES, type ChangesHead} from './what-changed-lines.js';
import {Line} from '../shared/line.js';

export type WhatChangedProps = Omit<ChangesHead, 'found'> & {
	/** Most suspicious first (suspectsFor). */
	readonly suspects: readonly Suspect[];
	/** Index of the selected suspect, -1 when there are none. */
	readonly selected: number;
	readonly width: number;
	/** Rows of the whole view. */
	readonly height: number;
};

/** Rows the list of suspects gets in a view `height` rows high. */
export const suspectRows = (height: number): number => Math.max(1, height - HEAD_LINES - WHY_LINES);

/**
 * The What-changed view: title (metric, flag, onset, which of the flagged), the window, the suspects
 * one a row (virtualised: only the visible ones are drawn, the selection kept on screen), and the
 * selected one's reasons in full at the bottom.
 */
export function WhatChanged(props: WhatChangedProps) {
	const {suspects, selected, width, height, target} = props;
	const {glyphs: g} = useDisplay();
	const rows = suspectRows(height);
	const offset = Math.max(0, Math.min(selected - rows + 1, suspects.length - rows));
	const visible = suspects.slice(offset, offset + rows);
	const [title, window] = changesHeadLines({...props, found: suspects.length}, g);
	const empty = ` nothing changed and no call failed from ${formatClockShort(target.onset - SUSPECT_WINDOW_MS)} to ${formatClockShort(target.onset + 60_000)} in the events loaded`;
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Line segments={title ?? []} width={width} />
			<Line segments={window ?? []} width={width} />
			<Line segments={[{text: suspectTitle(width, g), dim: true}]} width={width} />
			{visible.length === 0 && <Line segments={[{text: empty, dim: true}]} width={width} />}
			{visible.map((suspect, index) => (
				<Line key={index} segments={suspectRowSegments(suspect, target.onset, width, offset + index === selected, g)} width={width} />
			))}
			<Box flexGrow={1} />
			{whyLines(suspects[selected], width, g).map((segments, index) => (
				<Line key={`why${index}`} segments={segments} width={width} />
			))}
		</Box>
	);
}
