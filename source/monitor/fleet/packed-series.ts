/**
 * A fleet holds thousands of series, and the overview draws none of their points: only each scope's
 * judgement. So between polls a series is kept as its judgement with empty `points` and `band` (what the
 * overview, the status and the flags read) plus its values in one Float64Array, and the full MetricSeries
 * is made again only when a scope is opened (or printed). Its points are one a minute, so only the first
 * minute and the values are kept (the times too where they are not evenly spaced); the band is not kept
 * at all: the baseline engine holds the band each point was judged with and gives it back (`BaselineEngine.bandFor`).
 * Exact: the same numbers back.
 */
import type {BandPoint, MetricPoint, MetricSeries} from '../../types.js';

export type PackedSeries = {
	/** The series without its points and band (latest, judgement, baseline and deviation kept). */
	readonly light: MetricSeries;
	/** The values; then, unless the points are evenly spaced from `first` by `step`, their times. */
	readonly data: Float64Array | null;
	readonly points: number;
	readonly first: number;
	/** Milliseconds between points, or 0: the times are stored after the values. */
	readonly step: number;
};

function evenStep(points: readonly MetricPoint[]): number {
	if (points.length < 2) return 1;
	const step = points[1]!.t - points[0]!.t;
	if (!(step > 0)) return 0;
	for (let i = 2; i < points.length; i++) if (points[i]!.t - points[i - 1]!.t !== step) return 0;
	return step;
}

export function packSeries(series: MetricSeries): PackedSeries {
	const n = series.points.length;
	const light = series.band.length === 0 && n === 0 ? series : {...series, points: [], band: []};
	if (n === 0) return {light, data: null, points: 0, first: 0, step: 1};
	const step = evenStep(series.points);
	const data = new Float64Array(step > 0 ? n : 2 * n);
	for (let i = 0; i < n; i++) {
		const point = series.points[i]!;
		data[i] = point.v;
		if (step === 0) data[n + i] = point.t;
	}
	return {light, data, points: n, first: series.points[0]!.t, step};
}

/** The full series again; `bandOf` gives the band of its points (the baseline engine's). */
export function unpackSeries(packed: PackedSeries, bandOf: (name: string, points: readonly MetricPoint[]) => BandPoint[]): MetricSeries {
	const {light, data, points: n, first, step} = packed;
	if (data === null) return light;
	const points: MetricPoint[] = new Array(n);
	for (let i = 0; i < n; i++) points[i] = {t: step > 0 ? first + i * step : data[n + i]!, v: data[i]!};
	return {...light, points, band: bandOf(light.name, points)};
}
