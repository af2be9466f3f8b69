/**
 * A fleet holds thousands of series, and the overview draws none of their points: only each scope's
 * judgement. So between polls a series is kept as its judgement with empty `points` and `band` (what the
 * overview, the status and the flags read) plus one Float64Array of its points and band, and the full
 * MetricSeries is made again only when a scope is opened (or printed). Exact: the same numbers back.
 */
import type {BandPoint, MetricPoint, MetricSeries} from '../../types.js';

export type PackedSeries = {
	/** The series without its points and band (latest, judgement, baseline and deviation kept). */
	readonly light: MetricSeries;
	/** [t, v] per point, then [t, low, high] per band point; null when both are empty. */
	readonly data: Float64Array | null;
	readonly points: number;
};

export function packSeries(series: MetricSeries): PackedSeries {
	const n = series.points.length;
	const b = series.band.length;
	if (n === 0 && b === 0) return {light: series, data: null, points: 0};
	const data = new Float64Array(2 * n + 3 * b);
	for (let i = 0; i < n; i++) {
		const point = series.points[i]!;
		data[2 * i] = point.t;
		data[2 * i + 1] = point.v;
	}
	for (let i = 0; i < b; i++) {
		const point = series.band[i]!;
		const at = 2 * n + 3 * i;
		data[at] = point.t;
		data[at + 1] = point.low;
		data[at + 2] = point.high;
	}
	return {light: {...series, points: [], band: []}, data, points: n};
}

export function unpackSeries(packed: PackedSeries): MetricSeries {
	const {light, data, points: n} = packed;
	if (data === null) return light;
	const points: MetricPoint[] = new Array(n);
	for (let i = 0; i < n; i++) points[i] = {t: data[2 * i]!, v: data[2 * i + 1]!};
	const band: BandPoint[] = new Array((data.length - 2 * n) / 3);
	for (let i = 0; i < band.length; i++) {
		const at = 2 * n + 3 * i;
		band[i] = {t: data[at]!, low: data[at + 1]!, high: data[at + 2]!};
	}
	return {...light, points, band};
}
