/**
 * The endpoint's request-rate quotas. AWS counts them per account and region: one limiter per operation
 * and region, each counting accepted requests in a rolling second of wall-clock time (so they work with
 * any simulated clock).
 */

/** Counts accepted requests in a rolling one-second window. */
function createRateLimiter(perSecond: number): {allow(): boolean} {
	const accepted: number[] = [];
	return {
		allow() {
			const t = performance.now();
			while (accepted.length > 0 && (accepted[0] ?? 0) <= t - 1000) accepted.shift();
			if (accepted.length >= perSecond) return false;
			accepted.push(t);
			return true;
		},
	};
}

/** Whether one more `operation` in `region` fits its quota of `perSecond` requests a second (counted if so). */
export function createQuotas(): (operation: string, region: string, perSecond: number) => boolean {
	const limiters = new Map<string, {allow(): boolean}>();
	return (operation, region, perSecond) => {
		const name = `${operation}/${region}`;
		let limiter = limiters.get(name);
		if (!limiter) limiters.set(name, (limiter = createRateLimiter(perSecond)));
		return limiter.allow();
	};
}
