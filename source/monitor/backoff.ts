/**
 * How long a source waits before trying again. One rule for every poller: back off, but never for longer
 * than the source's own poll interval. Once the fault clears, the next attempt is then at most one interval
 * away, so the screen is healthy again within two intervals (that attempt plus its answer), while a failing
 * source still never calls more often than its pacing allows.
 */

/** The first pause after a throttled LookupEvents request; each further one in a row doubles it. */
export const THROTTLE_FIRST_BACKOFF_MS = 2_000;

/**
 * Pause before re-sending a throttled request, after `throttles` throttles in a row (1, 2, ...):
 * the ceiling doubles from THROTTLE_FIRST_BACKOFF_MS up to `maxMs` (the tail's poll interval), the pause is
 * drawn in [ceiling / 2, ceiling] (jitter, so that several clients do not retry in step), and it is never
 * shorter than the pacing gap `1000 / ratePerSecond` (our share of the 2 requests/s LookupEvents quota).
 */
export function throttleBackoffMs(throttles: number, maxMs: number, ratePerSecond: number, random: () => number = Math.random): number {
	const pacing = 1000 / ratePerSecond;
	const doubled = THROTTLE_FIRST_BACKOFF_MS * 2 ** Math.min(30, Math.max(0, throttles - 1));
	const ceiling = Math.max(pacing, Math.min(maxMs, doubled));
	return Math.max(pacing, ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Pause before the retry after `failures` failed polls in a row (1, 2, ...): the `steps` in turn (the last
 * one repeats), but never longer than the source's poll interval `intervalMs`.
 */
export function errorRetryMs(failures: number, steps: readonly number[], intervalMs: number): number {
	const step = steps[Math.min(Math.max(1, failures), steps.length) - 1] ?? intervalMs;
	return Math.min(step, intervalMs);
}
