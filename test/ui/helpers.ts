/** Shared test helpers for the UI: condition polling, a fake monitor and hand-written snapshots. */
import {BASELINE_METRICS, ERROR_METRICS} from '../../source/iot/catalog.js';
import type {MonitorHandle} from '../../source/monitor/types.js';
import type {MetricSeries, Snapshot, SourceHealth, TrailEvent} from '../../source/types.js';

/** Polls `predicate` until it returns true (or a truthy value); rejects after `timeoutMs`. */
export async function waitFor(predicate: () => unknown, timeoutMs = 2000, what = 'condition'): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (predicate()) return;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 5));
	}
}

/** 2024-05-01 12:03:08 UTC: the fixed "now" of these tests. */
export const NOW = Date.UTC(2024, 4, 1, 12, 3, 8);
export const fixedClock = (): number => NOW;
const MINUTE = 60_000;

export function health(overrides: Partial<SourceHealth> = {}): SourceHealth {
	return {lastSuccess: NOW - 8000, lastAttempt: NOW - 8000, error: null, throttled: false, callsLastMinute: 1, ...overrides};
}

/** A metric with 90 one-minute points ending 3 minutes before NOW, values from `value(i)`. */
export function metric(name: string, value: (index: number) => number = () => 100, overrides: Partial<MetricSeries> = {}): MetricSeries {
	const end = NOW - 3 * MINUTE - (NOW % MINUTE);
	const points = Array.from({length: 90}, (_, i) => ({t: end - (89 - i) * MINUTE, v: value(i)}));
	return {name, state: 'ok', period: 60, stat: 'Sum', points, latest: points.at(-1) ?? null, dimensionSets: 2, error: null, ...overrides};
}

export function noData(name: string): MetricSeries {
	return metric(name, () => 0, {state: 'no-data', points: [], latest: null, dimensionSets: 0});
}

/** Newest first, one a minute back from NOW: ids "e0" (newest) .. "e<n-1>". */
export function makeEvents(count: number, prefix = 'e', newest = NOW): TrailEvent[] {
	return Array.from({length: count}, (_, i) => event({eventId: `${prefix}${i}`, eventTime: newest - i * 1000, eventName: `Event${prefix}${i}`}));
}

export function event(overrides: Partial<TrailEvent> = {}): TrailEvent {
	return {
		eventId: 'x',
		eventTime: NOW,
		eventName: 'AttachPolicy',
		eventSource: 'iot.amazonaws.com',
		username: 'alice',
		identityType: 'IAMUser',
		readOnly: false,
		errorCode: null,
		sourceIp: '198.51.100.4',
		awsRegion: 'us-east-1',
		resources: [],
		raw: '',
		late: false,
		...overrides,
	};
}

export function snapshot(overrides: Partial<Snapshot> = {}): Snapshot {
	return {
		generatedAt: NOW,
		region: 'us-east-1',
		profile: 'prod',
		demo: false,
		paused: false,
		metrics: [...BASELINE_METRICS.map(name => metric(name)), ...ERROR_METRICS.map(name => noData(name))],
		events: makeEvents(20),
		eventsSince: NOW - 60 * MINUTE,
		health: {metrics: health(), trail: health({lastSuccess: NOW - 3000})},
		...overrides,
	};
}

export type FakeMonitor = MonitorHandle & {
	/** Replaces the snapshot and notifies subscribers. */
	emit(next: Snapshot): void;
	readonly calls: {paused: boolean[]; refresh: number};
};

/** A MonitorHandle over hand-written snapshots, recording the commands it receives. */
export function fakeMonitor(initial: Snapshot = snapshot()): FakeMonitor {
	let current = initial;
	const listeners = new Set<(s: Snapshot) => void>();
	const calls = {paused: [] as boolean[], refresh: 0};
	return {
		calls,
		getSnapshot: () => current,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		refreshNow() {
			calls.refresh++;
		},
		setPaused(paused) {
			calls.paused.push(paused);
		},
		emit(next) {
			current = next;
			for (const listener of listeners) listener(next);
		},
	};
}

/** Key sequences as a terminal sends them. */
export const KEYS = {up: '\u001B[A', down: '\u001B[B', pageUp: '\u001B[5~', pageDown: '\u001B[6~', escape: '\u001B', ctrlC: '\u0003'};
