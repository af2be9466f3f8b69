/**
 * Error rates: an error metric's newest settled minute as a share of its success metric's same minute
 * (Connect.AuthError per Connect.Success, ...). Pure.
 */
import type {MetricSeries} from '../types.js';
import {findMetric} from './catalog.js';

export type ErrorRate = {
	/** The success metric it is a share of. */
	readonly per: string;
	/** errors / successes for the same minute; null when that minute has no successes to divide by. */
	readonly value: number | null;
};

/** The rate of `series` against its success metric in `all`, or null when it has none (or none loaded). */
export function errorRate(series: MetricSeries, all: readonly MetricSeries[]): ErrorRate | null {
	const per = findMetric(series.name)?.per ?? null;
	if (per === null || series.latest === null) return null;
	const success = all.find(candidate => candidate.name === per);
	if (success === undefined) return null;
	const same = success.points.find(point => point.t === series.latest!.t);
	return {per, value: same && same.v > 0 ? series.latest.v / same.v : null};
}

/** "1.2%", "0.03%", "<0.01%", "—". */
export function formatRate(rate: ErrorRate | null): string {
	if (rate === null || rate.value === null) return '—';
	const percent = rate.value * 100;
	if (percent === 0) return '0%';
	if (percent < 0.01) return '<0.01%';
	if (percent < 1) return `${percent.toFixed(2)}%`;
	if (percent < 10) return `${percent.toFixed(1)}%`;
	return `${Math.round(percent)}%`;
}
