/**
 * When the current deviation of a metric began: the bucket its flag rose at, as the judge fixed it
 * (source/baseline/judge.ts; it never moves while the flag is held). A series without that (built by
 * hand) falls back to the start of the run of buckets, ending with the newest settled one, that lie
 * outside the normal band on the side the deviation points to. Pure.
 */
import type {MetricSeries} from '../types.js';

/** Start (epoch ms) of the first bucket of the current deviation; null when the metric is not flagged. */
export function deviationOnset(series: MetricSeries): number | null {
	const {deviation, latest} = series;
	if (series.judgement !== 'judged' || deviation === null || deviation.severity === 'ok' || latest === null) return null;
	if (typeof deviation.since === 'number') return deviation.since;
	const bands = new Map(series.band.map(point => [point.t, point]));
	const outside = (t: number, v: number): boolean => {
		const band = bands.get(t);
		if (band === undefined) return false;
		return deviation.direction === 'down' ? v < band.low : v > band.high;
	};
	let onset = latest.t;
	for (let i = series.points.length - 1; i >= 0; i--) {
		const point = series.points[i]!;
		if (point.t > latest.t) continue;
		if (!outside(point.t, point.v)) break;
		onset = point.t;
	}
	return onset;
}
