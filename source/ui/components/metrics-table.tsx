import {memo} from 'react';
import {Box} from 'ink';
import {BASELINE_METRICS, ERROR_METRICS} from '../../iot/catalog.js';
import type {MetricSeries} from '../../types.js';
import {useDisplay} from '../display-context.js';
import type {ScreenLayout} from '../layout.js';
import {metricColumns} from '../metric-columns.js';
import {errorSummary, metricRowSegments, metricTitle} from '../metric-row.js';
import {Line} from './line.js';

export type MetricsTableProps = {
	/** The main rows (baseline metrics first), always one row each. */
	readonly main: readonly MetricSeries[];
	/** The error group: one row each, or one summary line, per `errorMode`. */
	readonly errors: readonly MetricSeries[];
	readonly errorMode: ScreenLayout['errorMode'];
	readonly width: number;
	/** The column-title row; short terminals go without (layout.ts). Shown by default. */
	readonly title?: boolean;
};

/**
 * METRIC / NOW / BASELINE / Δ / gauge / LAST 90 MIN / FLAG, as many columns as fit (metric-columns.ts);
 * memoised so the once-a-second clock tick does not rebuild every sparkline.
 */
export const MetricsTable = memo(function MetricsTable({main, errors, errorMode, width, title = true}: MetricsTableProps) {
	const {glyphs} = useDisplay();
	const columns = metricColumns(width);
	return (
		<Box flexDirection="column" width={width}>
			{title && <Line segments={[{text: metricTitle(columns, glyphs), bold: true, dim: true}]} width={width} />}
			{main.map(metric => (
				<Line key={metric.name} segments={metricRowSegments(metric, columns, glyphs)} width={width} />
			))}
			{errorMode === 'full' &&
				errors.map(metric => <Line key={metric.name} segments={metricRowSegments(metric, columns, glyphs)} width={width} />)}
			{errorMode === 'summary' && <Line segments={errorSummary(errors, glyphs)} width={width} />}
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
