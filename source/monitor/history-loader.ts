/**
 * Loads the baseline history at start: the disk cache first, then from CloudWatch only what is missing,
 * in as few GetMetricData requests as its limits allow (one request per group, paged at 100,800
 * datapoints). One-minute data is kept 15 days, so 14 days at a 60 s period is the most minute-level
 * history there is.
 */
import type {CloudWatchClient} from '../aws/clients.js';
import type {Discovery} from '../aws/metric-discovery.js';
import {fetchWindowCounted} from '../aws/metrics.js';
import type {BaselineEngine} from './baseline-engine.js';
import {loadBaselines, saveBaselines} from './baseline-cache.js';
import {settledWindow} from './series.js';

const MINUTE = 60_000;

export type HistoryOptions = {
	readonly client: CloudWatchClient;
	readonly discovery: Discovery;
	readonly engine: BaselineEngine;
	readonly now: number;
	readonly settleLagMs: number;
	readonly historyDays: number;
	/** Cache file and model id (null: no cache); `rebaseline` ignores what is cached. */
	readonly cache: {readonly path: string; readonly model: string; readonly rebaseline: boolean} | null;
	readonly signal: AbortSignal;
	readonly onProgress: () => void;
	readonly onCall: () => void;
	/** Unreadable parts of the answers, skipped (the total of this load, counted for the status line). */
	readonly onSkipped?: (count: number) => void;
};

/** Yields to the event loop so the UI stays responsive while two weeks of minutes are learned. */
const breathe = () => new Promise<void>(resolve => setImmediate(resolve));

export async function loadHistory(options: HistoryOptions): Promise<void> {
	const {client, discovery, engine, now, settleLagMs, historyDays, cache, signal} = options;
	const end = settledWindow(now, 1, settleLagMs).end;
	const fullStart = end - historyDays * 1440 * MINUTE;
	if (cache && !cache.rebaseline) {
		const cached = loadBaselines(cache.path, cache.model) ?? {};
		for (const [name, entry] of Object.entries(cached)) {
			if (discovery.has(name) && entry.lastT >= fullStart && entry.lastT < end) engine.restore(name, entry);
		}
	}
	// Two groups at most: metrics learned from scratch, and cached ones that only need the gap.
	const full: string[] = [];
	const gap: string[] = [];
	for (const name of discovery.keys()) (engine.lastLearned(name) >= fullStart ? gap : full).push(name);
	const gapStart = Math.min(...gap.map(name => engine.lastLearned(name) + MINUTE));
	let skipped = 0;
	const unreadable: string[] = [];
	for (const [names, start] of [
		[full, fullStart],
		[gap, gapStart],
	] as const) {
		if (names.length === 0) continue;
		const subset = new Map(names.map(name => [name, discovery.get(name) ?? []]));
		let windows = new Map<string, {values: ReadonlyMap<number, number>; unreadable?: boolean}>();
		if (start < end) {
			options.onCall();
			const result = await fetchWindowCounted(client, subset, {start, end, periodSeconds: 60}, signal);
			windows = result.windows;
			skipped += result.skipped;
			options.onSkipped?.(skipped);
		}
		for (const name of names) {
			if (signal.aborted) return;
			// Unreadable: not learned (it would learn nothing), so the next load asks for it again.
			if (windows.get(name)?.unreadable) {
				unreadable.push(name);
				continue;
			}
			engine.learnHistory(name, windows.get(name)?.values ?? new Map(), start, end);
			options.onProgress();
			await breathe();
		}
	}
	if (cache) saveBaselines(cache.path, cache.model, engine.toCache());
	// The metrics learned so far stay learned; a failed load is tried again a minute later (metrics-poller.ts).
	if (unreadable.length > 0) throw new Error(`unreadable answer for ${unreadable.join(', ')}; trying again in a minute`);
}
