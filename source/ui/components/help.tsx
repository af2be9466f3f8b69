import {Box} from 'ink';
import {pad} from '../../text/width.js';
import type {Keymap} from '../keymap.js';
import type {Segment} from '../segments.js';
import {Line} from './line.js';

const LABEL_WIDTH = 8;

/** What the metrics table's judgement columns mean, below the keys when there is room. */
export const LEGEND: ReadonlyArray<readonly [label: string, text: string]> = [
	['FLAG', '▼ CRIT/▲ WARN: newest settled minute far below/above its band'],
	['', '· normal · learning: history still loading · no data: none seen'],
	['band', 'normal for this time of day and week: BASELINE expected (low–high)'],
	['', "Δ vs expected; gauge ──━●━── (« » beyond); '_' in LAST 90 MIN: below"],
];

const row = (label: string, text: string): Segment[] => [{text: ` ${pad(label, LABEL_WIDTH)} `, bold: true}, {text}];

export type HelpProps = {readonly keymap: Keymap; readonly width: number; readonly height: number};

/** The `?` overlay: every binding with its full description (same keymap as the footer), then the legend. */
export function Help({keymap, width, height}: HelpProps) {
	const rows = keymap.slice(0, Math.max(0, height - 2));
	const legendRows = height - 2 - rows.length - 1 >= LEGEND.length ? LEGEND : [];
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Line segments={[{text: ' HELP', bold: true}, {text: ' · keys (Esc or ? closes)', dim: true}]} width={width} />
			<Line segments={[{text: ' '}]} width={width} />
			{rows.map((binding, index) => (
				<Line key={index} segments={row(binding.label, binding.help)} width={width} />
			))}
			{legendRows.length > 0 && <Line segments={[{text: ' '}]} width={width} />}
			{legendRows.map(([label, text], index) => (
				<Line key={`legend-${index}`} segments={row(label, text)} width={width} />
			))}
		</Box>
	);
}
