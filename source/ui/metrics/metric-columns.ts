/**
 * Pure column layout of the metrics table. METRIC, NOW, Δ and FLAG always show; the sparkline takes
 * what is left; BASELINE, then the gauge, then the bucket time join while the sparkline keeps
 * {@link MIN_SPARK_WITH_EXTRAS} cells (about 100 and 120 columns). Below 80 columns the name shrinks
 * first, then the gauge replaces a sparkline that would be too short to read.
 *
 * ALM, the CloudWatch alarm state of the metric, sits right after FLAG (one space apart, so the two
 * read as one judgement) and only when some alarm watches a metric of the table: an account without
 * IoT alarms keeps its sparkline cells. At 80 columns it costs the sparkline 6 of its 23 cells.
 */
import {GAUGE_WIDTH} from './gauge.js';

export type MetricColumnId = 'name' | 'now' | 'baseline' | 'delta' | 'gauge' | 'spark' | 'time' | 'flag' | 'alarm';

/** One column that fits, with its width in columns. */
export type MetricColumn = {
	readonly id: MetricColumnId;
	readonly title: string;
	readonly width: number;
	readonly align: 'left' | 'right';
};

/** Wide enough for the longest catalog name (UpdateThingShadow.Accepted). */
export const NAME_WIDTH = 26;
const MIN_NAME_WIDTH = 14;
/** Fits "18.2k (16.1k–20.3k)", the widest compact baseline. */
export const BASELINE_WIDTH = 19;
/** Fits "+9999%" and "+12k%". */
export const DELTA_WIDTH = 6;
/** Fits "learning", the widest flag. */
export const FLAG_WIDTH = 8;
export const NOW_WIDTH = 9;
/** Fits "◆ ALM", the widest alarm mark. */
export const ALARM_WIDTH = 5;
const TIME_WIDTH = 5;
/** Columns between two cells (after the name: 1, the NOW cell is right-aligned anyway). */
export const CELL_GAP = 2;
/** A sparkline narrower than this reads as noise: the gauge replaces it. */
export const MIN_SPARK = 12;
/** Optional columns join only while the sparkline keeps this many cells. */
const MIN_SPARK_WITH_EXTRAS = 20;

const spec = (id: MetricColumnId, title: string, width: number, align: 'left' | 'right' = 'left'): MetricColumn => ({
	id,
	title,
	width,
	align,
});

/**
 * The gap printed before the column at `index` (the first gets the leading space); the alarm mark
 * hugs the flag before it.
 */
export const gapBefore = (index: number, id?: MetricColumnId): string => (index <= 1 || id === 'alarm' ? ' ' : ' '.repeat(CELL_GAP));

/** Columns the cells take together, with the leading space and gaps. */
export function columnsSpan(columns: readonly MetricColumn[]): number {
	return columns.reduce((sum, column, index) => sum + gapBefore(index, column.id).length + column.width, 0);
}

export type MetricColumnOptions = {
	/** Add the ALM column (some alarm watches a metric of the table). */
	readonly alarm?: boolean;
};

/** The metrics-table columns for `width`, in display order, spanning at most `width`. */
export function metricColumns(width: number, {alarm = false}: MetricColumnOptions = {}): MetricColumn[] {
	const build = (name: number, spark: number, extras: readonly MetricColumnId[], gaugeOnly = false): MetricColumn[] => {
		const columns: MetricColumn[] = [spec('name', 'METRIC', name), spec('now', 'NOW /min', NOW_WIDTH, 'right')];
		if (extras.includes('baseline')) columns.push(spec('baseline', 'BASELINE (band)', BASELINE_WIDTH, 'right'));
		columns.push(spec('delta', 'Δ', DELTA_WIDTH, 'right'));
		if (extras.includes('gauge') || gaugeOnly) columns.push(spec('gauge', 'VS BAND', GAUGE_WIDTH));
		if (spark > 0) columns.push(spec('spark', 'LAST 90 MIN', spark));
		if (extras.includes('time')) columns.push(spec('time', 'AT', TIME_WIDTH));
		columns.push(spec('flag', 'FLAG', FLAG_WIDTH));
		if (alarm) columns.push(spec('alarm', 'ALM', ALARM_WIDTH));
		return columns;
	};
	// Span of everything but the sparkline cells themselves (its gap included).
	const fixed = (name: number, extras: readonly MetricColumnId[]): number => columnsSpan(build(name, 1, extras)) - 1;
	const extras: MetricColumnId[] = [];
	for (const id of ['baseline', 'gauge', 'time'] as const) {
		if (width - fixed(NAME_WIDTH, [...extras, id]) < MIN_SPARK_WITH_EXTRAS) break;
		extras.push(id);
	}
	const name = Math.max(MIN_NAME_WIDTH, Math.min(NAME_WIDTH, width - fixed(0, extras) - MIN_SPARK));
	const spark = width - fixed(name, extras);
	if (spark >= MIN_SPARK) return build(name, spark, extras);
	// Too narrow for a readable sparkline: the gauge says more in fewer cells, if even that fits.
	if (spark >= GAUGE_WIDTH) {
		// The name takes what the sparkline would have had beyond the gauge.
		const roomy = Math.min(NAME_WIDTH, width - columnsSpan(build(0, 0, extras, true)));
		return build(Math.max(name, roomy), 0, extras, true);
	}
	const bare = build(name, 0, extras);
	// Narrower than the smallest layout (60 columns): the flag matters more than the alarm mark.
	return alarm && columnsSpan(bare) > width ? metricColumns(width) : bare;
}
