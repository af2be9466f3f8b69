/**
 * Baseline history for every scope of one region: each scope's disk cache first (one file per account
 * and region, the same file single-scope mode uses), then from CloudWatch only what is missing (a gap
 * inside the live refresh's window is taken from that answer: no request of its own), all
 * scopes together in GetMetricData requests sized so that each holds at most 100,800 datapoints (one page:
 * 5 series of 14 days at one minute, up to 500 series of a short gap). Each request's values are learned
 * and dropped before the next, so memory stays at one request's worth whatever the fleet's size.
 */
import type {CloudWatchClient} from '../../aws/clients.js';
import {fetchFleetWindows, type AccountKey, type FleetWindows, type ScopedMetric} from '../../aws/fleet-metrics.js';
import type {Discovery} from '../../aws/metric-discovery.js';
import type {BaselineEngine} from '../baseline-engine.js';
import {readBaselines, saveBaselines} from '../baseline-cache.js';
import {settledWindow} from '../series.js';

const MINUTE = 60_000;
/** GetMetricData's most datapoints per request. */
export const MAX_DATAPOINTS = 100_800;

export type HistoryScope = {
	readonly account: AccountKey;
	readonly discovery: Discovery;
	readonly engine: BaselineEngine;
	/** This scope's cache file, or null for none. */
	readonly cachePath: string | null;
};

/** The live refresh's request, made anyway: `windows` holds every watched metric's Sums for [start, end). */
export type LiveWindow = {readonly at: number; readonly start: number; readonly end: number; readonly windows: Promise<FleetWindows>};

export type FleetHistoryOptions = {
	readonly client: CloudWatchClient;
	readonly scopes: readonly HistoryScope[];
	readonly now: number;
	readonly settleLagMs: number;
	readonly historyDays: number;
	readonly model: string;
	readonly rebaseline: boolean;
	readonly signal: AbortSignal;
	readonly onRequest: () => void;
	readonly onProgress: () => void;
	/** When the gap since the cached baselines lies inside it, the gap is learned from its answer. */
	readonly live?: LiveWindow | null;
	/** Called with true once the gap has been learned from `live`, or with false as soon as it will not be. */
	readonly onLiveGap?: (learned: boolean) => void;
};

const breathe = () => new Promise<void>(resolve => setImmediate(resolve));

/** Cache files read at once. */
const READ_AHEAD = 4;

/** Yields to the event loop once every BREATHE_MS of work (not after every metric: thousands of them). */
const BREATHE_MS = 10;
function breather(): () => Promise<void> | undefined {
	let last = performance.now();
	return () => {
		if (performance.now() - last < BREATHE_MS) return undefined;
		return breathe().then(() => {
			last = performance.now();
		});
	};
}

/** Queries per request so that `buckets` one-minute datapoints per series stay within one page. */
export function queriesPerRequest(buckets: number): number {
	return Math.max(1, Math.min(500, Math.floor(MAX_DATAPOINTS / Math.max(1, buckets))));
}

export async function loadFleetHistory(options: FleetHistoryOptions): Promise<void> {
	const {client, scopes, now, settleLagMs, historyDays, signal} = options;
	const end = settledWindow(now, 1, settleLagMs).end;
	const fullStart = end - historyDays * 1440 * MINUTE;
	const full: Array<{scope: HistoryScope; metric: ScopedMetric}> = [];
	const gap: Array<{scope: HistoryScope; metric: ScopedMetric}> = [];
	const pause = breather();
	// Read a few files ahead without blocking the loop (the live refresh's requests are out meanwhile), restored in order.
	const read = (index: number) => {
		const path = scopes[index]?.cachePath;
		return path && !options.rebaseline ? readBaselines(path, options.model) : Promise.resolve(null);
	};
	const files = scopes.slice(0, READ_AHEAD).map((_, index) => read(index));
	for (const [index, scope] of scopes.entries()) {
		const cached = (await files[index]) ?? {};
		files[index] = Promise.resolve(null);
		if (index + READ_AHEAD < scopes.length) files.push(read(index + READ_AHEAD));
		if (signal.aborted) return;
		for (const [name, entry] of Object.entries(cached)) {
			if (scope.discovery.has(name) && entry.lastT >= fullStart && entry.lastT < end) scope.engine.restore(name, entry);
		}
		for (const [name, series] of scope.discovery) {
			const item = {scope, metric: {account: scope.account, metric: name, series}};
			(scope.engine.lastLearned(name) >= fullStart ? gap : full).push(item);
		}
	}
	const gapStart = Math.min(...gap.map(item => item.scope.engine.lastLearned(item.metric.metric) + MINUTE));
	const {live} = options;
	const gapFromLive = gap.length > 0 && live !== null && live !== undefined && gapStart >= live.start && end === live.end;
	if (!gapFromLive) options.onLiveGap?.(false);
	// The gap first: the cached metrics are judged while the others' full history is still coming.
	for (const [items, start] of [
		[gap, gapStart],
		[full, fullStart],
	] as const) {
		if (items.length === 0) continue;
		if (items === gap && gapFromLive) {
			// The gap is inside the live window: its answer, cut to [start, end), is what a request for
			// the gap would have returned.
			const windows = await live.windows;
			for (const item of items) {
				if (signal.aborted) return;
				const window = windows.get(item.metric.account)?.get(item.metric.metric);
				if (window?.error) continue;
				const values = new Map<number, number>();
				for (const [t, v] of window?.values ?? []) if (t >= start && t < end) values.set(t, v);
				item.scope.engine.learnHistory(item.metric.metric, values, start, end);
				options.onProgress();
				await pause();
			}
			options.onLiveGap?.(true);
			continue;
		}
		const buckets = Math.ceil((end - start) / MINUTE);
		const limit = queriesPerRequest(buckets);
		// Chunks of whole metrics, at most `limit` series each.
		let chunk: typeof items[number][] = [];
		let size = 0;
		const flush = async () => {
			if (chunk.length === 0) return;
			const windows =
				start < end
					? await fetchFleetWindows(client, chunk.map(item => item.metric), {start, end, periodSeconds: 60}, {maxQueries: limit, signal, onRequest: options.onRequest})
					: new Map();
			for (const item of chunk) {
				if (signal.aborted) return;
				const window = windows.get(item.metric.account)?.get(item.metric.metric);
				// A metric this scope may not read (Forbidden) learns nothing and stays learning.
				if (window?.error) continue;
				item.scope.engine.learnHistory(item.metric.metric, window?.values ?? new Map(), start, end);
				options.onProgress();
				await breathe();
			}
			chunk = [];
			size = 0;
		};
		for (const item of items) {
			if (size + item.metric.series.length > limit) await flush();
			if (signal.aborted) return;
			chunk.push(item);
			size += item.metric.series.length;
		}
		await flush();
	}
}

/**
 * Writes each scope's baselines to its cache file, yielding between files: run after the fleet is judged,
 * so a hundred files never stand between the history and the first judged snapshot.
 */
export async function saveFleetHistory(scopes: readonly HistoryScope[], model: string): Promise<void> {
	for (const scope of scopes) {
		if (scope.cachePath) saveBaselines(scope.cachePath, model, scope.engine.toCache());
		await breathe();
	}
}
