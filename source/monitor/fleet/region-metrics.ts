/**
 * The CloudWatch half of fleet mode for ONE region: one ListMetrics pass (linked accounts included, every
 * 15 minutes), then per refresh one GetMetricData for every series of every watched account (split only
 * beyond 500 queries), each account judged by its own baseline engine. A failure of the whole region
 * (not enabled, throttled, denied) is the region's; a metric an account does not share (Forbidden) is
 * that account's. Never throws.
 */
import type {CloudWatchClient} from '../../aws/clients.js';
import {discoverFleetSeries, fetchFleetWindows, type AccountKey, type FleetDiscovery, type ScopedMetric} from '../../aws/fleet-metrics.js';
import type {SeverityRules} from '../../baseline/severity.js';
import type {MetricSeries} from '../../types.js';
import {BaselineEngine} from '../baseline-engine.js';
import {buildSeries, lastSettledBucket, placeholder, settledWindow} from '../series.js';
import {loadFleetHistory, saveFleetHistory, type LiveWindow} from './fleet-history.js';
import {carryOver, clean, type LastLive} from './live-window.js';
import {packSeries, unpackSeries, type PackedSeries} from './packed-series.js';
import {describeRegionError} from './scope-errors.js';

const REDISCOVER_MS = 15 * 60_000;
const HISTORY_RETRY_MS = 60_000;
/** GetMetricData requests of one refresh out at once (a few: CloudWatch allows 50 per second per region). */
const LIVE_CONCURRENCY = 3;
/**
 * A refresh asks again only for the minutes after the previous answer's end, and this many before it
 * (a datapoint CloudWatch adds late to a settled bucket is still read); the older minutes of the window
 * are the previous answer's. The same requests per refresh, a fraction of the datapoints to send and parse.
 */
const LIVE_OVERLAP_MS = 5 * 60_000;
/** A live monitor writes the learned baselines this long after they are in (its first judged frame comes first). */
const SAVE_DELAY_MS = 2_000;

/** Which accounts a region watches: the caller's own only, every linked one, or these. */
export type AccountSelection = {readonly kind: 'self'} | {readonly kind: 'all'} | {readonly kind: 'list'; readonly ids: readonly string[]};

export type RegionMetricsOptions = {
	readonly client: CloudWatchClient;
	readonly region: string;
	readonly metrics: readonly string[];
	readonly accounts: AccountSelection;
	readonly rules: SeverityRules;
	readonly now: () => number;
	readonly settleLagMs: number;
	readonly historyBuckets: number;
	readonly historyDays: number;
	/** Cache file of one scope (null: no cache), the detector model id, and whether to ignore the cache. */
	readonly cache: {readonly pathOf: (account: AccountKey) => string | null; readonly model: string; readonly rebaseline: boolean};
	readonly signal: AbortSignal;
	/** Called before every CloudWatch request, pages included. */
	readonly onRequest: (operation: 'ListMetrics' | 'GetMetricData') => void;
	readonly onChange: () => void;
};

export type AccountMetrics = {
	readonly account: AccountKey;
	/** Each series without its points and band (its judgement, what the overview reads). */
	readonly series: readonly MetricSeries[];
	/** The full series, points and band included (made on demand: only an opened or printed scope needs them). */
	readonly full: () => readonly MetricSeries[];
	/** Why this account's metrics could not be read (e.g. not shared with this monitoring account), or null. */
	readonly error: string | null;
	readonly learning: {readonly done: number; readonly total: number} | null;
};

export type RegionMetricsState = {
	readonly error: string | null;
	readonly throttled: boolean;
	readonly lastSuccess: number | null;
	readonly lastAttempt: number | null;
	readonly historyError: string | null;
};

type Entry = {engine: BaselineEngine; series: readonly PackedSeries[]; error: string | null};

const pack = (series: readonly MetricSeries[]): PackedSeries[] => series.map(packSeries);

/** Judges an account's last answer again, now that its baselines are learned (no band: bandFor gives it when opened). */
function rejudge(entry: Entry): void {
	entry.series = pack(entry.series.map(s => entry.engine.observe(unpackSeries(s, () => []), false)));
}

export class RegionMetrics {
	private discovery: FleetDiscovery | null = null;
	private discoveredAt = 0;
	private lastLive: LastLive | null = null;
	private readonly entries = new Map<AccountKey, Entry>();
	private history: Promise<void> | null = null;
	/** Resolves true once the history has learned the cached baselines' gap from the live window, false if it will not. */
	private liveGap: Promise<boolean> = Promise.resolve(false);
	private historyFailedAt = -Infinity;
	private historyDone = false;
	private saving: Promise<void> = Promise.resolve();
	private state: RegionMetricsState = {error: null, throttled: false, lastSuccess: null, lastAttempt: null, historyError: null};

	constructor(private readonly options: RegionMetricsOptions) {
		const {accounts} = options;
		if (accounts.kind === 'self') this.entry(null);
		if (accounts.kind === 'list') for (const id of accounts.ids) this.entry(id);
	}

	get region(): string {
		return this.options.region;
	}

	getState(): RegionMetricsState {
		return this.state;
	}

	/** Every watched account of this region (linked accounts appear after the first ListMetrics pass). */
	accounts(): AccountMetrics[] {
		return [...this.entries].map(([account, entry]) => {
			const done = entry.engine.readyCount();
			const packed = entry.series;
			return {
				account,
				series: packed.map(p => p.light),
				full: () => packed.map(p => unpackSeries(p, (name, points) => entry.engine.bandFor(name, points))),
				error: entry.error,
				learning: done < entry.engine.size ? {done, total: entry.engine.size} : null,
			};
		});
	}

	/**
	 * Adds rows for accounts seen in other regions while this region has never answered (not enabled,
	 * denied, unreachable): a failing region keeps its rows, each saying why, instead of vanishing.
	 */
	adopt(accounts: readonly string[]): void {
		if (this.options.accounts.kind !== 'all' || this.state.lastSuccess !== null || this.state.error === null) return;
		for (const account of accounts) {
			if (this.entries.has(account)) continue;
			this.entry(account).series = pack(this.options.metrics.map(name => placeholder(name, this.state.error)));
		}
	}

	nextSettleAt(): number {
		const {now, settleLagMs} = this.options;
		return lastSettledBucket(now(), settleLagMs) + 120_000 + settleLagMs;
	}

	private entry(account: AccountKey): Entry {
		let entry = this.entries.get(account);
		if (!entry) {
			entry = {engine: new BaselineEngine(this.options.metrics, this.options.rules), series: pack(this.options.metrics.map(name => placeholder(name))), error: null};
			this.entries.set(account, entry);
		}
		return entry;
	}

	/** One refresh; with `waitForHistory` (--once) the baselines are learned before judging. */
	async poll(signal: AbortSignal, waitForHistory = false): Promise<void> {
		const {client, metrics, now, settleLagMs, historyBuckets, accounts, onRequest} = this.options;
		this.state = {...this.state, lastAttempt: now()};
		let operation: 'ListMetrics' | 'GetMetricData' = 'ListMetrics';
		try {
			if (!this.discovery || now() - this.discoveredAt > REDISCOVER_MS) {
				const found = await discoverFleetSeries(client, metrics, accounts.kind !== 'self', signal, () => onRequest('ListMetrics'));
				this.discovery = found;
				this.discoveredAt = now();
				if (accounts.kind === 'all') for (const account of found.keys()) if (account !== null) this.entry(account);
				this.history = null;
				this.historyDone = false;
			}
			const wanted: ScopedMetric[] = [];
			for (const account of this.entries.keys()) {
				const discovery = this.discovery.get(account);
				for (const name of metrics) wanted.push({account, metric: name, series: discovery?.get(name) ?? []});
			}
			const discovered = this.discovery;
			const fetchLive = (at: number): LiveWindow => {
				const window = settledWindow(at, historyBuckets, settleLagMs);
				operation = 'GetMetricData';
				const previous = this.lastLive;
				const from =
					previous && previous.discovery === discovered && previous.accounts === this.entries.size && previous.end > window.start && previous.end <= window.end
						? Math.max(window.start, previous.end - LIVE_OVERLAP_MS)
						: window.start;
				const fetched = fetchFleetWindows(client, wanted, {...window, start: from}, {signal, onRequest: () => onRequest('GetMetricData'), concurrency: LIVE_CONCURRENCY});
				const windows =
					previous && from > window.start ? fetched.then(answer => carryOver(previous.windows, answer, window.start, from, window.end, window.periodSeconds * 1000)) : fetched;
				// Awaited below; a failure is handled there (and by the history that shares it).
				windows.catch(() => {});
				return {at, start: window.start, end: window.end, windows};
			};
			let at = now();
			let live: LiveWindow | null = null;
			if (waitForHistory) {
				// --once: the baselines first, then the live window.
				const history = this.startHistory(null);
				if (history) {
					await history;
					await this.saving;
				}
				at = now();
			} else {
				// The live window is requested at once; a history whose cached baselines only miss minutes
				// inside it learns them from its answer (one GetMetricData wave at start, not two).
				live = fetchLive(at);
				this.startHistory(live);
			}
			live ??= fetchLive(at);
			const windows = await live.windows;
			this.lastLive = clean(windows) ? {discovery: discovered, accounts: this.entries.size, start: live.start, end: live.end, windows} : null;
			// Cached baselines that only miss this answer's minutes are ready in moments: judged once, after
			// that, rather than shown as learning first.
			if (!waitForHistory) await this.liveGap;
			for (const [account, entry] of this.entries) {
				const discovery = this.discovery.get(account);
				const byName = windows.get(account);
				const series = metrics.map(name =>
					entry.engine.observe(buildSeries(name, byName?.get(name), discovery?.get(name)?.length ?? 0, {now: at, settleLagMs, historyBuckets}), false),
				);
				entry.series = pack(series);
				const forbidden = series.find(s => s.error?.startsWith('Forbidden'));
				entry.error = forbidden
					? `access denied: account ${account ?? 'self'} does not share its metrics with this monitoring account in ${this.options.region} (${forbidden.error})`
					: account !== null && !discovery
						? `no AWS/IoT metrics from account ${account} in ${this.options.region}: is it linked to this monitoring account (OAM sink) and does it use AWS IoT here?`
						: null;
			}
			this.state = {...this.state, error: null, throttled: false, lastSuccess: now()};
		} catch (error) {
			if (signal.aborted) return;
			const described = describeRegionError(error, this.options.region, 'CloudWatch', operation);
			if (this.state.lastSuccess === null) {
				for (const entry of this.entries.values()) entry.series = pack(metrics.map(name => placeholder(name, described.message)));
			}
			this.state = {...this.state, error: described.message, throttled: described.kind === 'throttled'};
		}
	}

	/**
	 * Judges every account whose baselines are all learned and that `judged` does not hold yet: on a cold
	 * start a region's 50 accounts learn one after another, and each is judged as soon as it is ready
	 * rather than showing "nothing could be judged yet" until the last one is.
	 */
	private judgeLearned(judged: Set<Entry>): void {
		for (const entry of this.entries.values()) {
			if (judged.has(entry) || entry.engine.readyCount() < entry.engine.size) continue;
			judged.add(entry);
			rejudge(entry);
		}
	}

	private startHistory(live: LiveWindow | null): Promise<void> | null {
		const {now} = this.options;
		if (this.history) return this.history;
		if (this.historyDone || !this.discovery || now() - this.historyFailedAt < HISTORY_RETRY_MS) return null;
		const discovery = this.discovery;
		const scopes = [...this.entries].flatMap(([account, entry]) => {
			const found = discovery.get(account);
			return found ? [{account, discovery: found, engine: entry.engine, cachePath: this.options.cache.pathOf(account)}] : [];
		});
		// Accounts judged as soon as their own baselines are in (not when the whole region's are).
		const judged = new Set<Entry>();
		let gapLearned: (value: boolean) => void = () => {};
		this.liveGap = new Promise<boolean>(resolve => (gapLearned = resolve));
		this.history = loadFleetHistory({
			client: this.options.client,
			scopes,
			now: live?.at ?? now(),
			settleLagMs: this.options.settleLagMs,
			historyDays: this.options.historyDays,
			model: this.options.cache.model,
			rebaseline: this.options.cache.rebaseline,
			signal: this.options.signal,
			onRequest: () => this.options.onRequest('GetMetricData'),
			onProgress: () => {
				this.judgeLearned(judged);
				this.options.onChange();
			},
			live,
			onLiveGap: gapLearned,
		}).then(
			() => {
				this.historyDone = true;
				gapLearned(false);
				for (const entry of this.entries.values()) rejudge(entry);
				this.state = {...this.state, historyError: null};
				this.options.onChange();
				// After the judged snapshot is out (a live monitor draws it first: SAVE_DELAY_MS); --once waits for it (poll above).
				const delay = live ? SAVE_DELAY_MS : 0;
				this.saving = new Promise<void>(resolve => (delay > 0 ? setTimeout(resolve, delay).unref() : setImmediate(resolve))).then(() =>
					this.options.signal.aborted ? undefined : saveFleetHistory(scopes, this.options.cache.model),
				);
			},
			(error: unknown) => {
				this.historyFailedAt = now();
				this.history = null;
				gapLearned(false);
				this.state = {...this.state, historyError: `baseline history: ${describeRegionError(error, this.options.region, 'CloudWatch', 'GetMetricData').message}`};
				this.options.onChange();
			},
		);
		return this.history;
	}
}
