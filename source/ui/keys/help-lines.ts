/** Pure: the `?` help's lines, from the keymap, and the legend of every glyph. keys/help.tsx draws them. */
import {keyLabel, padCell, UNICODE, type Glyphs} from '../../render/glyphs.js';
import {FILTER_INPUT_KEYS, type Keymap, type UiMode} from './keymap.js';
import type {Segment} from '../../render/segments.js';

const LABEL_WIDTH = 8;

/** What the metrics table's judgement columns, the event rows' marks and the status line mean. */
export function legend(g: Glyphs = UNICODE): ReadonlyArray<readonly [label: string, text: string]> {
	const {band, scale, marker, below, above} = g.gauge;
	const sample = scale + scale + band + marker + band + scale + scale;
	return [
		['FLAG', `${g.down} CRIT/${g.up} WARN: newest settled minute far below/above its band`],
		['', `${g.normal} normal ${g.sep} learning: history still loading ${g.sep} no data: none seen`],
		['band', `normal for this time of day and week: BASELINE expected (low${g.range}high)`],
		['', `${g.delta} vs expected; gauge ${sample} (${below} ${above} beyond); '${g.sparkBelow}' in LAST 90 MIN: below`],
		['', `'${g.tick}' in LAST 90 MIN: a change that can explain the metric (W lists)`],
		['RATE', 'error group: errors per success that minute (e.g. per Connect.Success)'],
		['ALM', `its CloudWatch alarm: ${g.alarm} ALM in ALARM ${g.sep} ${g.alarmUnknown} ins: insufficient data ${g.sep} ok`],
		['alarms', `${g.alarm} ALARM line: IoT alarms in ALARM, newest first; a lists them all`],
		['events', `${g.cross} failed call ${g.sep} ${g.warn} deletes or changes security ${g.sep} ROOT root user`],
		['', `${g.late} arrived late: out of order, or 10+ min after it happened`],
		['status', `${g.warn} stale: nothing new for 2 refresh intervals; ${g.approx} $/day: GetMetricData`],
		['header', `${g.live} live ${g.sep} ${g.paused} paused ${g.sep} ${g.check} all normal`],
		['', `${g.filter} 8/100: a filter is on, 8 of the 100 events match`],
		['list', `${g.select} selected ${g.sep} ${g.newAbove} 3 new: arrived above since you scrolled ${g.sep} ${g.missing} no value`],
	];
}

/** The Unicode legend. */
export const LEGEND = legend(UNICODE);

const row = (label: string, text: string, g: Glyphs): Segment[] => [{text: ` ${padCell(label, LABEL_WIDTH, 'left', g)} `, bold: true}, {text}];

/**
 * Every line of the help: the bindings (with where they work), most important first (the footer's
 * priority), so the first page at 80x24 holds every key the footer may have dropped; then the filter
 * line's keys and the legend.
 */
export function helpLines(keymap: Keymap, g: Glyphs = UNICODE): Segment[][] {
	const ranked = keymap
		.map((binding, index) => ({binding, index}))
		.sort((a, b) => (a.binding.footer ?? 99) - (b.binding.footer ?? 99) || a.index - b.index)
		.map(({binding}) => binding);
	// Only keys limited to the list say so; back (Esc) says where it works in its own words.
	const where = (modes: readonly UiMode[] | undefined): string =>
		modes !== undefined && modes.length === 1 ? ` (${modes[0]})` : '';
	return [
		...ranked.map(binding => row(keyLabel(binding.label, g), binding.help + where(binding.modes), g)),
		[{text: ' '}],
		[{text: ' While typing a filter (/):', bold: true}],
		...FILTER_INPUT_KEYS.map(key => row(keyLabel(key.label, g), key.help, g)),
		[{text: ' '}],
		...legend(g).map(([label, text]) => row(label, text, g)),
	];
}
