/**
 * Pure segments of the metrics table: one row per metric for the columns that fit, and the one-line
 * summary of the error group. Metric names are ours, but every string still passes through sanitize().
 */
import {sanitize} from '../text/sanitize.js';
import type {MetricSeries} from '../types.js';
import {fitCount, formatClockShort, formatCount} from './format.js';
import {gauge} from './gauge.js';
import {padCell, UNICODE, type Glyphs} from './glyphs.js';
import {flaggedSeverity, flagSegment, formatBaseline, metricDelta, severityColor} from './judgement.js';
import {gapBefore, type MetricColumn, type MetricColumnId} from './metric-columns.js';
import type {Segment} from './segments.js';
import {bandedSparkline, bandToSlots, pointsToSlots, type BandSide} from './sparkline.js';

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

function sparkSegments(metric: MetricSeries, width: number, flagColor: Segment['color'], g: Glyphs): Segment[] {
	const latest = metric.latest;
	if (latest === null) return [{text: ' '.repeat(width)}];
	const periodMs = metric.period * 1000;
	const slots = Math.max(1, Math.round(WINDOW_MS / periodMs));
	const values = pointsToSlots(metric.points, periodMs, latest.t, slots);
	const band = bandToSlots(metric.band, periodMs, latest.t, slots);
	// Outside the band: the row's flag colour, or yellow for a past excursion on a row that is fine now.
	const color = (side: BandSide): Segment['color'] => (side === 'below' || side === 'above' ? (flagColor ?? 'yellow') : 'cyan');
	return bandedSparkline(values, band, width, g).map(run => ({text: run.text, color: color(run.side)}));
}

function cellSegments(metric: MetricSeries, column: MetricColumn, g: Glyphs): Segment[] {
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
			const delta = metricDelta(metric, g);
			return fit(delta === g.missing ? {text: delta, dim: true} : {text: delta, color: flagColor, bold: severity !== null});
		}
		case 'gauge':
			return fit(judged === null || latest === null ? {text: ''} : {text: gauge(latest.v, judged, column.width, g), color: flagColor});
		case 'spark':
			return sparkSegments(metric, column.width, flagColor, g);
		case 'time':
			return fit(latest === null ? {text: ''} : {text: formatClockShort(latest.t), dim: true});
		case 'flag':
			return fit(flagSegment(metric, g));
	}
}

/** One metric as padded cells for `columns`; an error or no-data row says why across the middle columns. */
export function metricRowSegments(metric: MetricSeries, columns: readonly MetricColumn[], g: Glyphs = UNICODE): Segment[] {
	const note = rowNote(metric);
	const out: Segment[] = [];
	for (let index = 0; index < columns.length; index++) {
		const column = columns[index];
		if (column === undefined) break;
		out.push({text: gapBefore(index)});
		if (note === null || !NOTE_SPAN.has(column.id)) {
			out.push(...cellSegments(metric, column, g));
			continue;
		}
		let width = column.width;
		for (let next = columns[index + 1]; next !== undefined && NOTE_SPAN.has(next.id); next = columns[index + 1]) {
			index++;
			width += gapBefore(index).length + next.width;
		}
		out.push({...note, text: padCell(note.text, width, 'left', g)});
	}
	return out;
}

/** The header line of the table, from the same columns as the rows (Δ in the set's glyph). */
export function metricTitle(columns: readonly MetricColumn[], g: Glyphs = UNICODE): string {
	const title = (column: MetricColumn): string => (column.id === 'delta' ? g.delta : column.title);
	return columns.map((column, index) => gapBefore(index) + padCell(title(column), column.width, column.align, g)).join('');
}

/**
 * One line for the whole error group. Flagged metrics come first with their flag ("▲ CRIT
 * Connect.AuthError 312"), worst first; then how many metrics, and the other non-zero ones, largest first.
 */
export function errorSummary(metrics: readonly MetricSeries[], g: Glyphs = UNICODE): Segment[] {
	const flagged = metrics
		.filter(metric => flaggedSeverity(metric) !== null)
		.sort((a, b) => Number(flaggedSeverity(b) === 'crit') - Number(flaggedSeverity(a) === 'crit'));
	const isFlagged = new Set(flagged);
	const nonZero = metrics
		.filter(metric => metric.state === 'ok' && metric.latest !== null && metric.latest.v > 0)
		.sort((a, b) => (b.latest?.v ?? 0) - (a.latest?.v ?? 0));
	const others = nonZero.filter(metric => !isFlagged.has(metric));
	const failed = metrics.filter(metric => metric.state === 'error').length;
	const count = (metric: MetricSeries): string => (metric.latest === null ? g.missing : formatCount(metric.latest.v, g));
	const out: Segment[] = [{text: ' '}];
	flagged.forEach((metric, index) => {
		const flag = flagSegment(metric, g);
		if (index > 0) out.push({text: ', '});
		out.push({...flag, text: `${flag.text} ${sanitize(metric.name)} ${count(metric)}`});
	});
	if (flagged.length > 0) out.push({text: ` ${g.sep} `});
	else out.push(nonZero.length > 0 ? {text: `${g.warn} `, color: 'yellow'} : {text: '  '});
	out.push({text: `errors: ${metrics.length} metrics ${g.sep} ${nonZero.length} non-zero`, bold: nonZero.length > 0 && flagged.length === 0});
	const list = others.map(metric => `${sanitize(metric.name)} ${count(metric)}`).join(', ');
	if (list) out.push({text: `${flagged.length > 0 ? ', also' : ':'} ${list}`, color: 'yellow'});
	if (failed > 0) out.push({text: ` ${g.sep} ${g.cross} ${failed} failed`, color: 'red'});
	return out;
}
