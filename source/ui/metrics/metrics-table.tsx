import {memo} from 'react';
import {Box} from 'ink';
import {BASELINE_METRICS, ERROR_METRICS} from '../../iot/catalog.js';
import type {ErrorRate} from '../../iot/rates.js';
import type {AlarmState, MetricSeries} from '../../types.js';
import {useDisplay} from '../shared/display-context.js';
import type {ScreenLayout} from '../frame/layout.js';
import {metricColumns} from './metric-columns.js';
import {errorSummary, metricRowSegments, metricTitle} from './metric-row.js';
import type {ChangeTicks} from './timeline.js';
import {Line} from '../shared/line.js';
import {panelErrorLines} from '../shared/panel-error.js';

export type MetricsTableProps = {
	/** The main rows (baseline metrics first), always one row each. */
	readonly main: readonly MetricSeries[];
	/** The error group: a title and one row each, or one summary line, per `errorMode`. */
	readonly errors: readonly MetricSeries[];
	readonly errorMode: ScreenLayout['errorMode'];
	readonly width: number;
	/** The column-title rows (the table's, and the error group's); short terminals go without (layout.ts). */
	readonly title?: boolean;
	/** Error rates of the error group by metric name (source/iot/rates.ts). */
	readonly rates?: ReadonlyMap<string, ErrorRate | null>;
	/** The worst alarm state by metric name; the ALM column shows when any metric of the table has one. */
	readonly alarms?: ReadonlyMap<string, AlarmState>;
	/** Minutes with relevant control-plane changes by metric name, ticked on the sparklines. */
	readonly ticks?: ChangeTicks;
	/** CloudWatch's error: when no metric has data to show, its rows hold the whole message instead. */
	readonly error?: string | null;
};

const NONE = new Map<never, never>();

/**
 * METRIC / NOW / BASELINE / Δ / gauge / LAST 90 MIN / FLAG / ALM, as many columns as fit
 * (metric-columns.ts), then the error group; memoised so the once-a-second clock tick does not rebuild
 * every sparkline (the App memoises the maps per snapshot).
 */
export const MetricsTable = memo(function MetricsTable({
	main,
	errors,
	errorMode,
	width,
	title = true,
	rates = NONE,
	alarms = NONE,
	ticks = NONE,
	error = null,
}: MetricsTableProps) {
	const {glyphs} = useDisplay();
	const notice = error !== null && main.every(metric => metric.state === 'error') ? panelErrorLines(error, width, main.length, glyphs) : [];
	const shown = errorMode === 'full' ? [...main, ...errors] : main;
	const columns = metricColumns(width, {alarm: shown.some(metric => alarms.has(metric.name))});
	const row = (metric: MetricSeries, rate?: ErrorRate | null) => (
		<Line
			key={metric.name}
			segments={metricRowSegments(metric, columns, glyphs, {rate, alarm: alarms.get(metric.name), ticks: ticks.get(metric.name)})}
			width={width}
		/>
	);
	return (
		<Box flexDirection="column" width={width}>
			{title && <Line segments={[{text: metricTitle(columns, glyphs), bold: true, dim: true}]} width={width} />}
			{notice.length > 0 ? main.map((metric, index) => <Line key={metric.name} segments={notice[index] ?? []} width={width} />) : main.map(metric => row(metric))}
			{errorMode === 'full' && title && <Line segments={[{text: metricTitle(columns, glyphs, 'errors'), bold: true, dim: true}]} width={width} />}
			{errorMode === 'full' && errors.map(metric => row(metric, rates.get(metric.name) ?? null))}
			{errorMode === 'summary' && <Line segments={errorSummary(errors, glyphs, {rates, alarms, width})} width={width} />}
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
