import {memo} from 'react';
import {Box} from 'ink';
import {BASELINE_METRICS, ERROR_METRICS} from '../../iot/catalog.js';
import {sanitize} from '../../text/sanitize.js';
import {pad} from '../../text/width.js';
import type {MetricSeries} from '../../types.js';
import {fitCount, formatClockShort, formatCount, MISSING} from '../format.js';
import type {ScreenLayout} from '../layout.js';
import type {Segment} from '../segments.js';
import {pointsToSlots, sparkline} from '../sparkline.js';
import {Line} from './line.js';

const WINDOW_MS = 90 * 60_000;
const NOW_WIDTH = 9;
const TIME_WIDTH = 5;
/** Wide enough for the longest catalog name (UpdateThingShadow.Accepted). */
const NAME_WIDTH = 26;
/** The bucket time column appears from this width on. */
const TIME_COLUMN_FROM = 100;

type Columns = {readonly name: number; readonly spark: number; readonly time: boolean};

function columnsFor(width: number): Columns {
	const time = width >= TIME_COLUMN_FROM;
	// leading space, gaps (1 + 2), right margin, optional " HH:MM"
	const fixed = 1 + 1 + NOW_WIDTH + 2 + 1 + (time ? TIME_WIDTH + 1 : 0);
	const name = Math.max(8, Math.min(NAME_WIDTH, width - fixed - 10));
	return {name, spark: Math.max(0, width - fixed - name), time};
}

function rowSegments(metric: MetricSeries, columns: Columns): Segment[] {
	const name: Segment = {text: ` ${pad(sanitize(metric.name), columns.name)} `};
	const gap: Segment = {text: '  '};
	if (metric.state === 'error') {
		const why = sanitize(metric.error ?? 'query failed');
		return [name, {text: pad('✗ error', NOW_WIDTH, 'right'), color: 'red'}, gap, {text: pad(why, columns.spark), color: 'red', dim: true}];
	}
	const latest = metric.latest;
	if (metric.state === 'no-data' || latest === null) {
		const note = metric.dimensionSets === 0 ? 'no data (never reported)' : 'no data';
		return [name, {text: pad(MISSING, NOW_WIDTH, 'right'), dim: true}, gap, {text: pad(note, columns.spark), dim: true}];
	}
	const periodMs = metric.period * 1000;
	const slots = pointsToSlots(metric.points, periodMs, latest.t, Math.max(1, Math.round(WINDOW_MS / periodMs)));
	const out: Segment[] = [
		name,
		{text: pad(fitCount(latest.v, NOW_WIDTH), NOW_WIDTH, 'right'), bold: true},
		gap,
		{text: sparkline(slots, columns.spark), color: 'cyan'},
	];
	if (columns.time) out.push({text: ` ${formatClockShort(latest.t)}`, dim: true});
	return out;
}

/** One line for the whole error group: how many metrics, and which are non-zero, largest first. */
export function errorSummary(metrics: readonly MetricSeries[]): Segment[] {
	const nonZero = metrics
		.filter(metric => metric.state === 'ok' && metric.latest !== null && metric.latest.v > 0)
		.sort((a, b) => (b.latest?.v ?? 0) - (a.latest?.v ?? 0));
	const failed = metrics.filter(metric => metric.state === 'error').length;
	const list = nonZero.map(metric => `${sanitize(metric.name)} ${formatCount(metric.latest?.v ?? 0)}`).join(', ');
	const out: Segment[] = [
		nonZero.length > 0 ? {text: ' ⚠ ', color: 'yellow'} : {text: '   '},
		{text: `errors: ${metrics.length} metrics · ${nonZero.length} non-zero`, bold: nonZero.length > 0},
	];
	if (list) out.push({text: `: ${list}`, color: 'yellow'});
	if (failed > 0) out.push({text: ` · ✗ ${failed} failed`, color: 'red'});
	return out;
}

export type MetricsTableProps = {
	/** The main rows (baseline metrics first), always one row each. */
	readonly main: readonly MetricSeries[];
	/** The error group: one row each, or one summary line, per `errorMode`. */
	readonly errors: readonly MetricSeries[];
	readonly errorMode: ScreenLayout['errorMode'];
	readonly width: number;
};

/** METRIC / NOW /min / LAST 90 MIN table; memoised so the once-a-second clock tick does not rebuild every sparkline. */
export const MetricsTable = memo(function MetricsTable({main, errors, errorMode, width}: MetricsTableProps) {
	const columns = columnsFor(width);
	const title =
		` ${pad('METRIC', columns.name)} ${pad('NOW /min', NOW_WIDTH, 'right')}  ${pad('LAST 90 MIN', columns.spark)}` +
		(columns.time ? ` ${pad('AT', TIME_WIDTH)}` : '');
	return (
		<Box flexDirection="column" width={width}>
			<Line segments={[{text: title, bold: true, dim: true}]} width={width} />
			{main.map(metric => (
				<Line key={metric.name} segments={rowSegments(metric, columns)} width={width} />
			))}
			{errorMode === 'full' &&
				errors.map(metric => <Line key={metric.name} segments={rowSegments(metric, columns)} width={width} />)}
			{errorMode === 'summary' && <Line segments={errorSummary(errors)} width={width} />}
		</Box>
	);
});

/**
 * The snapshot's metrics in display order: the baseline nine (catalog order), then other non-error
 * metrics as they came; the error group (catalog group 'errors', catalog order) separately.
 */
export function splitMetrics(metrics: readonly MetricSeries[]): {main: MetricSeries[]; errors: MetricSeries[]} {
	const byName = new Map(metrics.map(metric => [metric.name, metric]));
	const pick = (names: readonly string[]): MetricSeries[] =>
		names.flatMap(name => {
			const metric = byName.get(name);
			return metric ? [metric] : [];
		});
	const known = new Set([...BASELINE_METRICS, ...ERROR_METRICS]);
	const others = metrics.filter(metric => !known.has(metric.name));
	return {main: [...pick(BASELINE_METRICS), ...others], errors: pick(ERROR_METRICS)};
}
