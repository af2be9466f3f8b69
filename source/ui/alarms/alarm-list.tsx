import {Box} from 'ink';
import {useDisplay} from '../shared/display-context.js';
import {formatCount} from '../../render/format.js';
import type {Segment} from '../../render/segments.js';
import {Line} from '../shared/line.js';

export type AlarmListProps = {
	/** Every line of the list (alarmListLines), already sanitized. */
	readonly lines: readonly Segment[][];
	readonly width: number;
	/** Rows including the title line. */
	readonly height: number;
	/** First visible line (clamped here too). */
	readonly scroll: number;
};

/** The `a` view: every IoT alarm with its state, since when, what it watches and why; j/k scroll. */
export function AlarmList({lines, width, height, scroll}: AlarmListProps) {
	const {glyphs: g} = useDisplay();
	const rows = Math.max(0, height - 1);
	const first = Math.min(Math.max(0, scroll), Math.max(0, lines.length - rows));
	const visible = lines.slice(first, first + rows);
	const count = (value: number): string => formatCount(value, g);
	const position =
		lines.length > rows
			? ` ${g.sep} ${count(first + 1)}${g.range}${count(first + visible.length)} of ${count(lines.length)} ${g.sep} j/k scroll`
			: '';
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Line segments={[{text: ' ALARMS', bold: true}, {text: ` ${g.sep} CloudWatch alarms on AWS/IoT metrics${position}`, dim: true}]} width={width} />
			{visible.map((segments, index) => (
				<Line key={index} segments={segments} width={width} />
			))}
		</Box>
	);
}
