/**
 * What the single-scope Monitor and the FleetMonitor both keep about their pollers: requests counted over
 * a sliding minute (the status line's calls per minute), and the pauses after failed polls.
 */

/** Pause before the 1st, 2nd, ... retry after a failed poll (the last one repeats). */
export const ERROR_RETRY_MS: readonly number[] = [5_000, 10_000, 20_000, 40_000];

/** Calls in a sliding minute. */
export class CallCounter {
	private readonly stamps: number[] = [];
	constructor(private readonly now: () => number) {}
	add(): void {
		this.stamps.push(this.now());
	}
	lastMinute(): number {
		const cutoff = this.now() - 60_000;
		while (this.stamps.length > 0 && this.stamps[0]! < cutoff) this.stamps.shift();
		return this.stamps.length;
	}
}

/** One CallCounter per key (a fleet's regions), made on first use. */
export class CallCounters {
	private readonly counters = new Map<string, CallCounter>();
	constructor(private readonly now: () => number) {}
	of(key: string): CallCounter {
		let counter = this.counters.get(key);
		if (!counter) this.counters.set(key, (counter = new CallCounter(this.now)));
		return counter;
	}
}
