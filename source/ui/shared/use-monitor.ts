import {useMemo, useSyncExternalStore} from 'react';
import type {MonitorHandle} from '../../monitor/types.js';
import type {Snapshot, SourceHealth} from '../../types.js';
import {isStale} from '../frame/source-status.js';
import type {Ticker} from './ticker.js';

/**
 * Fields of a source's health that move on every poll (its time of success, attempt and calls in the
 * last minute) without anything else changing: on screen they are a time, an age and a count in the
 * header and the status line, drawn again at the clock's next tick anyway.
 */
const BOOKKEEPING_HEALTH = new Set<string>(['lastSuccess', 'lastAttempt', 'callsLastMinute', 'throttlesLastMinute']);

function sameBesides<T extends object>(a: T, b: T, ignored: (key: string) => boolean): boolean {
	const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
	for (const key of keys) if (!ignored(key) && (a as Record<string, unknown>)[key] !== (b as Record<string, unknown>)[key]) return false;
	return true;
}

function healthCanWait(shown: SourceHealth, next: SourceHealth, now: number): boolean {
	if (!sameBesides(shown, next, key => BOOKKEEPING_HEALTH.has(key))) return false;
	// The first success ends "never"; data that read as stale and is fresh again must say so at once.
	if ((shown.lastSuccess === null) !== (next.lastSuccess === null)) return false;
	return isStale(shown, now) === isStale(next, now);
}

/**
 * Whether `next` may wait for the clock's next tick instead of being drawn now: it differs from the
 * snapshot on screen only in per-poll bookkeeping (generatedAt, and each source's time of success,
 * attempt and call counts), with no source turning fresh or stale by it. Every poll of the CloudTrail tail
 * (5 s) ends with such a snapshot when it found nothing new; drawn at the next tick (10 s, when ages
 * step) instead, an idle screen draws about half as many frames. Events, metrics, alarms, errors,
 * throttling, pause and anything else new are drawn at once. Unknown fields count as news.
 */
export function canWaitForTick(shown: Snapshot, next: Snapshot, now: number): boolean {
	if (shown === next) return true;
	if (!sameBesides(shown, next, key => key === 'generatedAt' || key === 'health')) return false;
	return healthCanWait(shown.health.metrics, next.health.metrics, now) && healthCanWait(shown.health.trail, next.health.trail, now);
}

/** The snapshots a screen draws: the monitor's, with bookkeeping-only ones held to the ticker's next tick (canWaitForTick). */
export type SnapshotStore = {readonly subscribe: (onChange: () => void) => () => void; readonly getSnapshot: () => Snapshot};

export function tickedSnapshots(monitor: MonitorHandle, ticker: Ticker): SnapshotStore {
	let shown = monitor.getSnapshot();
	return {
		getSnapshot: () => shown,
		subscribe(onChange) {
			let waiting = false;
			const show = (snapshot: Snapshot): void => {
				waiting = false;
				if (snapshot === shown) return;
				shown = snapshot;
				onChange();
			};
			const offMonitor = monitor.subscribe(snapshot => {
				if (canWaitForTick(shown, snapshot, ticker.now())) waiting = snapshot !== shown;
				else show(snapshot);
			});
			// The tick that steps the ages draws the newest snapshot in the same frame.
			const offTicker = ticker.subscribe(() => {
				if (waiting) show(monitor.getSnapshot());
			});
			// Anything that came between the first render and this subscription.
			show(monitor.getSnapshot());
			return () => {
				offMonitor();
				offTicker();
			};
		},
	};
}

/**
 * The monitor's latest snapshot; re-renders on every new one, except that with a `ticker`, snapshots
 * that only move per-poll bookkeeping wait for its next tick (tickedSnapshots).
 */
export function useMonitor(monitor: MonitorHandle, ticker?: Ticker): Snapshot {
	const store = useMemo<SnapshotStore>(
		() =>
			ticker
				? tickedSnapshots(monitor, ticker)
				: {subscribe: onChange => monitor.subscribe(() => onChange()), getSnapshot: () => monitor.getSnapshot()},
		[monitor, ticker],
	);
	return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
