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
	/** The two counts, for a share of too few successes to be a percent ("24/1", not "2400%"). */
	readonly errors?: number;
	readonly successes?: number;
};

/** Fewer successes than this in the minute: the rate is shown as errors/successes, not a percent. */
export const RATE_BASE_MIN = 10;

/** The rate of `series` against its success metric in `all`, or null when it has none (or none loaded). */
export function errorRate(series: MetricSeries, all: readonly MetricSeries[]): ErrorRate | null {
	const per = findMetric(series.name)?.per ?? null;
	if (per === null || series.latest === null) return null;
	const success = all.find(candidate => candidate.name === per);
	if (success === undefined) return null;
	const same = success.points.find(point => point.t === series.latest!.t);
	return {per, value: same && same.v > 0 ? series.latest.v / same.v : null, errors: series.latest.v, successes: same?.v ?? 0};
}

/** "1.2%", "0.03%", "<0.01%", "—". */
export function formatRate(rate: ErrorRate | null): string {
	if (rate === null || rate.value === null) return '—';
	if (rate.successes !== undefined && rate.errors !== undefined && rate.successes < RATE_BASE_MIN && rate.errors > 0) return `${rate.errors}/${rate.successes}`;
	const percent = rate.value * 100;
	if (percent === 0) return '0%';
	if (percent < 0.01) return '<0.01%';
	if (percent < 1) return `${percent.toFixed(2)}%`;
	if (percent < 10) return `${percent.toFixed(1)}%`;
	return `${Math.round(percent)}%`;
}
