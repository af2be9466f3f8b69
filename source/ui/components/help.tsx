import {Box} from 'ink';
import {pad} from '../../text/width.js';
import {FILTER_INPUT_KEYS, type Keymap, type UiMode} from '../keymap.js';
import {formatCount} from '../format.js';
import type {Segment} from '../segments.js';
import {Line} from './line.js';

const LABEL_WIDTH = 8;

/** What the metrics table's judgement columns and the event rows' marks mean. */
export const LEGEND: ReadonlyArray<readonly [label: string, text: string]> = [
	['FLAG', '▼ CRIT/▲ WARN: newest settled minute far below/above its band'],
	['', '· normal · learning: history still loading · no data: none seen'],
	['band', 'normal for this time of day and week: BASELINE expected (low–high)'],
	['', "Δ vs expected; gauge ──━●━── (« » beyond); '_' in LAST 90 MIN: below"],
	['events', '✗ failed call · ⚠ deletes or changes security · ROOT root user'],
	['', '↶ arrived late: Event History delivered it after newer events'],
];


const row = (label: string, text: string): Segment[] => [{text: ` ${pad(label, LABEL_WIDTH)} `, bold: true}, {text}];

/** Every line of the help: the bindings (with where they work), the filter line's keys, the legend. */
export function helpLines(keymap: Keymap): Segment[][] {
	// Only keys limited to the list say so; back (Esc) says where it works in its own words.
	const where = (modes: readonly UiMode[] | undefined): string =>
		modes !== undefined && modes.length === 1 ? ` (${modes[0]})` : '';
	return [
		...keymap.map(binding => row(binding.label, binding.help + where(binding.modes))),
		[{text: ' '}],
		[{text: ' While typing a filter (/):', bold: true}],
		...FILTER_INPUT_KEYS.map(key => row(key.label, key.help)),
		[{text: ' '}],
		...LEGEND.map(([label, text]) => row(label, text)),
	];
}

export type HelpProps = {
	readonly keymap: Keymap;
	readonly width: number;
	readonly height: number;
	/** First visible line. */
	readonly scroll?: number;
};

/** The `?` overlay, generated from the same keymap as the footer; scrolls with j/k when taller than the screen. */
export function Help({keymap, width, height, scroll = 0}: HelpProps) {
	const lines = helpLines(keymap);
	const rows = Math.max(0, height - 1);
	const first = Math.min(Math.max(0, scroll), Math.max(0, lines.length - rows));
	const visible = lines.slice(first, first + rows);
	const position =
		lines.length > rows ? ` · j/k scroll · ${formatCount(first + 1)}–${formatCount(first + visible.length)} of ${formatCount(lines.length)}` : '';
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Line segments={[{text: ' HELP', bold: true}, {text: ` · keys (Esc or ? closes)${position}`, dim: true}]} width={width} />
			{visible.map((segments, index) => (
				<Line key={index} segments={segments} width={width} />
			))}
		</Box>
	);
}
