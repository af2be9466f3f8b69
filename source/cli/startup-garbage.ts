/**
 * Start-up (the baselines' days of history, the trail's first fill of the lookback) allocates many times
 * what the app keeps afterwards. V8 sizes the heap for it and gives the garbage back only once it sees
 * the process idle, which a clock ticking every second can put off for minutes: the screen would sit at
 * two or three times its memory. Once start-up is over, one full collection gives it back. dist/cli.js
 * runs node with --expose-gc; without it (tests, `node --import tsx`) this does nothing.
 */

/** What is needed of the monitor: when start-up is over. */
export type Settles = {whenSettled(timeoutMs: number): Promise<void>};

/** Longest wait for start-up to end (a slow account, a history that never loads). */
const SETTLE_TIMEOUT_MS = 120_000;

export function collectAfterStartup(monitor: Settles, gc: (() => void) | undefined = globalThis.gc): void {
	if (typeof gc !== 'function') return;
	void monitor.whenSettled(SETTLE_TIMEOUT_MS).then(() => {
		// After the frame that start-up's last answer causes, not in the middle of it. Twice: the first
		// frees the heap's pages, the second hands the freed pages back to the system (RSS).
		setTimeout(() => {
			gc();
			gc();
		}, 500).unref();
	});
}
