/**
 * Pure segments of the metrics table: one row per metric for the columns that fit, and the one-line
 * summary of the error group. Metric names are ours, but every string still passes through sanitize().
 *
 * The error group is a second group with its own title row. Its rows show the error rate (errors per
 * success of the same minute: Connect.AuthError per Connect.Success) in the Δ column's place: the
 * baseline of an error count is mostly 0 to a handful, so its Δ is "—" or "+16k%", while the rate
 * says how much of the traffic fails. The FLAG still carries the baseline's judgement, and from 100
 * columns BASELINE shows the expected count and band.
 */
import {formatRate, type ErrorRate} from '../../iot/rates.js';
import {sanitize} from '../../text/sanitize.js';
import type {AlarmState, MetricSeries} from '../../types.js';
import {alarmCell} from '../alarms/alarm-lines.js';
import {fitCount, formatClockShort, formatCount} from '../../render/format.js';
import {gauge} from './gauge.js';
import {padCell, UNICODE, type Glyphs} from '../../render/glyphs.js';
import {flaggedSeverity, flagSegment, formatBaseline, metricDelta, severityColor} from '../../render/judgement.js';
import {gapBefore, type MetricColumn, type MetricColumnId} from './metric-columns.js';
import {segmentsWidth, type Segment} from '../../render/segments.js';
import {bandedSparkline, bandToSlots, pointsToSlots, tickCells, type BandSide} from './sparkline.js';
import {maxTicks, tickSlots, type MinuteWeights} from './timeline.js';

/** What a row shows besides the metric itself. */
export type RowExtras = {
	/** Error-group rows: the error rate, shown in the Δ column (null: no success metric to divide by). */
	readonly rate?: ErrorRate | null;
	/** The worst state of the alarms that watch the metric, for the ALM column. */
	readonly alarm?: AlarmState;
	/** Minutes with a relevant risky control-plane change and their weights (timeline.ts), ticked on the sparkline. */
	readonly ticks?: MinuteWeights;
};

/** formatRate in the glyph set ("—" is its missing value). */
export function rateText(rate: ErrorRate | null | undefined, g: Glyphs = UNICODE): string {
	const text = formatRate(rate ?? null);
	return text === UNICODE.missing ? g.missing : text;
}

const WINDOW_MS = 90 * 60_000;

/** Columns an error or no-data row spans with one note instead of numbers. */
const NOTE_SPAN: ReadonlySet<MetricColumnId> = new Set(['baseline', 'delta', 'gauge', 'spark', 'time']);

/** Why a row has no numbers (query failed, no data), or null for a row that has them. */
function rowNote(metric: MetricSeries): Segment | null {
	if (metric.state === 'error') return {text: sanitize(metric.error ?? 'query failed'), color: 'red', dim: true};
	if (metric.state === 'no-data' || metric.latest === null) {
		return {text: metric.dimensionSets === 0 ? 'never reported' : 'nothing in the last 90 min', dim: true};
	}
	return null;
}

function sparkSegments(metric: MetricSeries, width: number, flagColor: Segment['color'], ticks: MinuteWeights | undefined, g: Glyphs): Segment[] {
	const latest = metric.latest;
	if (latest === null) return [{text: ' '.repeat(width)}];
	const periodMs = metric.period * 1000;
	const slots = Math.max(1, Math.round(WINDOW_MS / periodMs));
	const values = pointsToSlots(metric.points, periodMs, latest.t, slots);
	const band = bandToSlots(metric.band, periodMs, latest.t, slots);
	// Outside the band: the row's flag colour, or yellow for a past excursion on a row that is fine now.
	const color = (side: BandSide): Segment['color'] => (side === 'below' || side === 'above' ? (flagColor ?? 'yellow') : 'cyan');
	const runs = bandedSparkline(values, band, width, g).map(run => ({text: run.text, color: color(run.side)}));
	if (ticks === undefined || ticks.size === 0) return runs;
	const marked = tickCells(tickSlots(ticks, periodMs, latest.t, slots), width, maxTicks(width));
	if (!marked.includes(true)) return runs;
	// A changed minute replaces its slot's glyph with the tick, bold, in the terminal's own colour; but
	// never on a cell drawn outside the band: the deviation itself (the drop's height and colour, which
	// also reads without colour) matters more than where the change falls in it.
	const out: Segment[] = [];
	let cell = 0;
	for (const run of runs) {
		const inBand = run.color === 'cyan';
		for (const glyph of run.text) {
			const segment: Segment = marked[cell] && inBand ? {text: g.tick, bold: true} : {text: glyph, color: run.color};
			const last = out.at(-1);
			if (last && last.color === segment.color && last.bold === segment.bold) out[out.length - 1] = {...last, text: last.text + segment.text};
			else out.push(segment);
			cell++;
		}
	}
	return out;
}

function cellSegments(metric: MetricSeries, column: MetricColumn, extras: RowExtras, g: Glyphs): Segment[] {
	const severity = flaggedSeverity(metric);
	const flagColor = severity === null ? undefined : severityColor(severity);
	const fit = (segment: Segment): Segment[] => [{...segment, text: padCell(segment.text, column.width, column.align, g)}];
	const latest = metric.latest;
	const judged = metric.state === 'ok' && metric.judgement === 'judged' ? metric.baseline : null;
	switch (column.id) {
		case 'name':
			return fit({text: sanitize(metric.name), color: flagColor, bold: severity !== null});
		case 'now':
			return fit(latest === null ? {text: g.missing, dim: true} : {text: fitCount(latest.v, column.width, g), bold: true});
		case 'baseline':
			return fit(judged === null ? {text: ''} : {text: formatBaseline(judged, column.width, g)});
		case 'delta': {
			if (extras.rate !== undefined) {
				const rate = rateText(extras.rate, g);
				return fit(rate === g.missing ? {text: rate, dim: true} : {text: rate, color: flagColor, bold: severity !== null});
			}
			const delta = metricDelta(metric, g);
			return fit(delta === g.missing ? {text: delta, dim: true} : {text: delta, color: flagColor, bold: severity !== null});
		}
		case 'gauge':
			return fit(judged === null || latest === null ? {text: ''} : {text: gauge(latest.v, judged, column.width, g), color: flagColor});
		case 'spark':
			return sparkSegments(metric, column.width, flagColor, extras.ticks, g);
		case 'time':
			return fit(latest === null ? {text: ''} : {text: formatClockShort(latest.t), dim: true});
		case 'flag':
			return fit(flagSegment(metric, g));
		case 'alarm':
			return fit(alarmCell(extras.alarm, g));
	}
}

/** One metric as padded cells for `columns`; an error or no-data row says why across the middle columns. */
export function metricRowSegments(metric: MetricSeries, columns: readonly MetricColumn[], g: Glyphs = UNICODE, extras: RowExtras = {}): Segment[] {
	const note = rowNote(metric);
	const out: Segment[] = [];
	for (let index = 0; index < columns.length; index++) {
		const column = columns[index];
		if (column === undefined) break;
		out.push({text: gapBefore(index, column.id)});
		if (note === null || !NOTE_SPAN.has(column.id)) {
			out.push(...cellSegments(metric, column, extras, g));
			continue;
		}
		let width = column.width;
		for (let next = columns[index + 1]; next !== undefined && NOTE_SPAN.has(next.id); next = columns[index + 1]) {
			index++;
			width += gapBefore(index, next.id).length + next.width;
		}
		out.push({...note, text: padCell(note.text, width, 'left', g)});
	}
	return out;
}

/**
 * The header line of the table, from the same columns as the rows (Δ in the set's glyph). The error
 * group's own title row names the group in the METRIC column and RATE in the Δ column's place.
 */
export function metricTitle(columns: readonly MetricColumn[], g: Glyphs = UNICODE, group: 'main' | 'errors' = 'main'): string {
	const title = (column: MetricColumn): string => {
		if (group === 'errors' && column.id === 'name') return 'ERRORS & THROTTLES';
		if (column.id === 'delta') return group === 'errors' ? 'RATE' : g.delta;
		return column.title;
	};
	return columns.map((column, index) => gapBefore(index, column.id) + padCell(title(column), column.width, column.align, g)).join('');
}

export type SummaryOptions = {
	readonly rates?: ReadonlyMap<string, ErrorRate | null>;
	readonly alarms?: ReadonlyMap<string, AlarmState>;
	/** The line's width: rates are left out (others' first) when they would not fit. */
	readonly width?: number;
};

/**
 * One line for the whole error group. Flagged metrics come first with their flag ("▲ CRIT
 * Connect.AuthError 312 (13%)"), worst first; then how many metrics, and the other non-zero ones,
 * largest first. Error rates (from `rates`) follow the counts while the line fits `width`: first for
 * every metric named, else for the flagged ones only, else none. A metric whose alarm is in ALARM gets
 * the alarm glyph after its count.
 */
export function errorSummary(metrics: readonly MetricSeries[], g: Glyphs = UNICODE, options: SummaryOptions = {}): Segment[] {
	const {rates = new Map(), alarms = new Map(), width = Number.POSITIVE_INFINITY} = options;
	const flagged = metrics
		.filter(metric => flaggedSeverity(metric) !== null)
		.sort((a, b) => Number(flaggedSeverity(b) === 'crit') - Number(flaggedSeverity(a) === 'crit'));
	const isFlagged = new Set(flagged);
	const nonZero = metrics
		.filter(metric => metric.state === 'ok' && metric.latest !== null && metric.latest.v > 0)
		.sort((a, b) => (b.latest?.v ?? 0) - (a.latest?.v ?? 0));
	const others = nonZero.filter(metric => !isFlagged.has(metric));
	const failed = metrics.filter(metric => metric.state === 'error').length;
	// The line up to "N non-zero" is what must show; the list of the others may be cut.
	const build = (withRates: 'all' | 'flagged' | 'none'): {line: Segment[]; head: number} => {
		const count = (metric: MetricSeries, rated: boolean): string => {
			const value = metric.latest === null ? g.missing : formatCount(metric.latest.v, g);
			const rate = rated ? rates.get(metric.name) : undefined;
			const alarm = alarms.get(metric.name) === 'ALARM' ? ` ${g.alarm} ALM` : '';
			return (rate === undefined || rate === null || rate.value === null ? value : `${value} (${rateText(rate, g)})`) + alarm;
		};
		const out: Segment[] = [{text: ' '}];
		flagged.forEach((metric, index) => {
			const flag = flagSegment(metric, g);
			if (index > 0) out.push({text: ', '});
			out.push({...flag, text: `${flag.text} ${sanitize(metric.name)} ${count(metric, withRates !== 'none')}`});
		});
		if (flagged.length > 0) out.push({text: ` ${g.sep} `});
		else out.push(nonZero.length > 0 ? {text: `${g.warn} `, color: 'yellow'} : {text: '  '});
		out.push({text: `errors: ${metrics.length} metrics ${g.sep} ${nonZero.length} non-zero`, bold: nonZero.length > 0 && flagged.length === 0});
		const head = segmentsWidth(out);
		const list = others.map(metric => `${sanitize(metric.name)} ${count(metric, withRates === 'all')}`).join(', ');
		if (list) out.push({text: `${flagged.length > 0 ? ', also' : ':'} ${list}`, color: 'yellow'});
		if (failed > 0) out.push({text: ` ${g.sep} ${g.cross} ${failed} failed`, color: 'red'});
		return {line: out, head};
	};
	const all = build('all');
	if (segmentsWidth(all.line) <= width) return all.line;
	// Rates of the flagged metrics before the names of the others: they say how bad the flag is.
	const flaggedOnly = build('flagged');
	return flaggedOnly.head <= width ? flaggedOnly.line : build('none').line;
}
