/**
 * The clock for ages on screen ("8s ago"). One timer for the whole screen, so every age that ticks
 * lands in the same frame, and only the components that show an age subscribe: a tick re-renders
 * them, not the App and not the panels around them.
 */
import {useSyncExternalStore, type ReactNode} from 'react';

/** Where the current time comes from; tests pass a fixed one. */
export type Clock = () => number;

/** The time of the last tick, and who to tell at the next one. */
export type Ticker = {
	readonly now: () => number;
	readonly subscribe: (listener: () => void) => () => void;
};

/** A ticker reading `clock` every `intervalMs` while anything is subscribed. */
export function createTicker(clock: Clock, intervalMs: number): Ticker {
	let now = clock();
	const listeners = new Set<() => void>();
	let timer: NodeJS.Timeout | undefined;
	const tick = (): void => {
		now = clock();
		for (const listener of [...listeners]) listener();
	};
	return {
		now: () => now,
		subscribe(listener) {
			listeners.add(listener);
			if (timer === undefined) {
				now = clock();
				timer = setInterval(tick, intervalMs);
				// A clock alone must never keep the process alive (stdin and the monitor's polls do that).
				timer.unref();
			}
			return () => {
				listeners.delete(listener);
				if (listeners.size === 0 && timer !== undefined) {
					clearInterval(timer);
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
