/**
 * Pure: turns raw per-bucket Sums into the MetricSeries the UI and --once show. This is where the
 * honesty rules live: only settled buckets are shown, and "no data" is never shown as 0.
 */
import type {MetricPoint, MetricSeries} from '../types.js';
import type {MetricWindow} from '../aws/metrics.js';

export const PERIOD_SECONDS = 60;
const PERIOD_MS = PERIOD_SECONDS * 1000;

/**
 * CloudWatch makes a 1-minute bucket queryable about 2 minutes after it ends and fills it in gradually, so
 * the newest buckets read low. A bucket counts as settled once this long has passed since its END; judging
 * it sooner would show a drop that is not there.
 */
export const DEFAULT_SETTLE_LAG_MS = 150_000;

export type SeriesOptions = {
	readonly now: number;
	readonly settleLagMs?: number;
	/** How many settled buckets to keep (the sparkline's window). */
	readonly historyBuckets?: number;
};

/** Start (epoch ms) of the newest bucket that has settled at `now`. */
export function lastSettledBucket(now: number, settleLagMs = DEFAULT_SETTLE_LAG_MS): number {
	return Math.floor((now - settleLagMs - PERIOD_MS) / PERIOD_MS) * PERIOD_MS;
}

/** The [start, end) range of settled buckets to request for a history of `buckets` minutes. */
export function settledWindow(now: number, buckets: number, settleLagMs = DEFAULT_SETTLE_LAG_MS) {
	const end = lastSettledBucket(now, settleLagMs) + PERIOD_MS;
	return {start: end - buckets * PERIOD_MS, end, periodSeconds: PERIOD_SECONDS};
}

/**
 * One metric's series from its window of raw Sums. `dimensionSets` is how many series ListMetrics found
 * (0: CloudWatch has never seen the metric). Missing buckets inside a window that has data are 0 (IoT
 * does not always write zeros); a window without any datapoint is `no-data`.
 */
export function buildSeries(
	name: string,
	window: MetricWindow | undefined,
	dimensionSets: number,
	options: SeriesOptions,
): MetricSeries {
	const base = {name, period: PERIOD_SECONDS, stat: 'Sum' as const, dimensionSets, baseline: null, deviation: null, band: []};
	if (window?.error) return {...base, state: 'error', judgement: 'error', points: [], latest: null, error: window.error};
	const buckets = options.historyBuckets ?? 90;
	const last = lastSettledBucket(options.now, options.settleLagMs);
	const first = last - (buckets - 1) * PERIOD_MS;
	let seen = false;
	const points: MetricPoint[] = [];
	for (let t = first; t <= last; t += PERIOD_MS) {
		const v = window?.values.get(t);
		if (v !== undefined) seen = true;
		points.push({t, v: v ?? 0});
	}
	if (!seen) return {...base, state: 'no-data', judgement: 'no-data', points: [], latest: null, error: null};
	return {...base, state: 'ok', judgement: 'learning', points, latest: points[points.length - 1] ?? null, error: null};
}

/** What a metric shows before any answer (no data yet), or when its source failed (`error`). */
export function placeholder(name: string, error: string | null = null): MetricSeries {
	return {
		name,
		state: error ? 'error' : 'no-data',
		period: 60,
		stat: 'Sum',
		points: [],
		latest: null,
		dimensionSets: 0,
		error,
		judgement: error ? 'error' : 'no-data',
		baseline: null,
		deviation: null,
		band: [],
	};
}
