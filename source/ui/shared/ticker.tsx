/**
 * The clock for ages on screen ("20s ago"). One timer for the whole screen, so every age that ticks
 * lands in the same frame, and only the components that show an age subscribe: a tick re-renders
 * them, not the App and not the panels around them. Ages step by AGE_STEP_MS (formatAge), so the
 * screen's clock ticks at that step: an idle screen redraws 6 times a minute, not 60.
 */
import {useSyncExternalStore, type ReactNode} from 'react';

/** Where the current time comes from; tests pass a fixed one. */
export type Clock = () => number;

/** The time of the last tick, and who to tell at the next one. */
export type Ticker = {
	readonly now: () => number;
	readonly subscribe: (listener: () => void) => () => void;
};

/**
 * A ticker reading `clock` every `intervalMs` while anything is subscribed, on the wall clock's multiples
 * of `intervalMs` (every age on screen steps at the same moment, and a 10 s ticker wakes 6 times a minute).
 */
export function createTicker(clock: Clock, intervalMs: number): Ticker {
	let now = clock();
	const listeners = new Set<() => void>();
	let timer: NodeJS.Timeout | undefined;
	const schedule = (): void => {
		const wait = intervalMs - (((clock() % intervalMs) + intervalMs) % intervalMs);
		timer = setTimeout(tick, wait === 0 ? intervalMs : wait);
		// A clock alone must never keep the process alive (stdin and the monitor's polls do that).
		timer.unref();
	};
	const tick = (): void => {
		now = clock();
		schedule();
		for (const listener of [...listeners]) listener();
	};
	return {
		now: () => now,
		subscribe(listener) {
			listeners.add(listener);
			if (timer === undefined) {
				now = clock();
				schedule();
			}
			return () => {
				listeners.delete(listener);
				if (listeners.size === 0 && timer !== undefined) {
					clearTimeout(timer);
					timer = undefined;
				}
			};
		},
	};
}

/** The ticker's time; the calling component re-renders at every tick. */
export function useNow(ticker: Ticker): number {
	return useSyncExternalStore(ticker.subscribe, ticker.now);
}

/** Renders `children(now)` and re-renders only that at every tick. */
export function Clocked({ticker, children}: {readonly ticker: Ticker; readonly children: (now: number) => ReactNode}) {
	return <>{children(useNow(ticker))}</>;
}
