/**
 * Fleet mode's engine: many scopes (account x region) at once. It owns, per region, one RegionMetrics
 * (one ListMetrics pass and one GetMetricData per refresh for every account there) and one event source
 * loop (FleetEvents), and keeps per-scope state: each scope's own Snapshot (what today's single-scope
 * screen shows) and its overview row (ScopeSummary). A failure stays in its region or account; the
 * other loops go on. Single-scope mode does not come here: it keeps source/monitor/monitor.ts.
 */
import {setMaxListeners} from 'node:events';
import type {FleetClients} from '../../aws/fleet-clients.js';
import type {AccountKey} from '../../aws/fleet-metrics.js';
import {DEFAULT_RULES, type SeverityRules} from '../../baseline/severity.js';
import type {EventsUnread, FleetSnapshot, ScopeRef} from '../../types.js';
import {CallCounters, ERROR_RETRY_MS} from '../call-counter.js';
import {errorRetryMs} from '../backoff.js';
import {DEFAULT_SETTLE_LAG_MS} from '../series.js';
import {sleep} from '../sleep.js';
import {until} from '../until.js';
import type {TrailState} from '../trail-tail.js';
import {RegionAlarms} from './fleet-alarms.js';
import {FleetEventBook} from './fleet-event-book.js';
import {FleetEvents} from './fleet-events.js';
import {AccountLabels} from './label-cache.js';
import {RegionMetrics, type AccountSelection} from './region-metrics.js';
import {buildFleetSnapshot} from './fleet-snapshot.js';

/**
 * Changes arriving within this long make one snapshot: a fleet snapshot covers every scope, and while
 * baselines load, thousands of metrics report progress one by one.
 */
const EMIT_COALESCE_MS = 50;
/**
 * Metrics first: the event sources, the alarms and the OAM names start once every region's metrics have
 * answered (or after this long), so that on a 2-core jump host the first overview frame does not wait
 * behind a trail backfill or the loading of the OAM client.
 */
const SECONDARY_START_MS = 2_000;
const RECENT_MS = 15 * 60_000;

export type FleetMonitorOptions = {
	readonly clients: FleetClients;
	readonly accounts: AccountSelection;
	/** The caller's account id when known (names the scope of its own metrics and LookupEvents). */
	readonly selfAccount: string | null;
	/** Account names from the settings file; they win over OAM link labels, which win over the id. */
	readonly accountNames?: Readonly<Record<string, string>>;
	/** The organization trail's log group (name or ARN); null: LookupEvents for the caller's account. */
	readonly trailLogGroup: string | null;
	readonly profile: string | null;
	readonly demo: boolean;
	readonly metrics: readonly string[];
	readonly now?: () => number;
	readonly pollIntervalMs?: number;
	readonly tailIntervalMs?: number;
	readonly lookbackMs?: number;
	readonly trailRatePerSecond?: number;
	readonly maxEvents?: number;
	readonly maxTrailPages?: number | null;
	readonly settleLagMs?: number;
	readonly historyBuckets?: number;
	readonly historyDays?: number;
	readonly rules?: SeverityRules;
	/** Cache file of one scope (null: none), the detector model id, and whether to ignore what is cached. */
	readonly baselineCache?: {readonly pathOf: (scope: ScopeRef) => string | null; readonly model: string; readonly rebaseline: boolean};
	readonly errorRetryMs?: readonly number[];
	/** The file of the last run's OAM link labels (null or absent: none is read or written). */
	readonly labelCachePath?: string | null;
};


/** Whether a region's metrics have answered once (data or error). */
const answered = (region: RegionMetrics): boolean => region.getState().lastSuccess !== null || region.getState().error !== null;

export class FleetMonitor {
	private readonly now: () => number;
	private readonly regions: RegionMetrics[];
	private readonly alarms: RegionAlarms[];
	private readonly events: FleetEvents;
	private readonly abort = new AbortController();
	private readonly listeners = new Set<(snapshot: FleetSnapshot) => void>();
	private readonly metricCalls: CallCounters;
	private readonly trailCalls: CallCounters;
	private readonly book: FleetEventBook;
	private readonly unreadObjects = new Map<EventsUnread['reason'], EventsUnread>();
	/** Events dropped from `merged` at the buffer limit. */
	private wake = new AbortController();
	private paused = false;
	private running = false;
	private snapshot: FleetSnapshot;
	private pending: NodeJS.Timeout | null = null;
	/** OAM link labels by account id: the last run's until OAM answers. */
	private readonly labels: AccountLabels;

	constructor(private readonly options: FleetMonitorOptions) {
		this.now = options.now ?? Date.now;
		this.metricCalls = new CallCounters(this.now);
		this.trailCalls = new CallCounters(this.now);
		this.labels = new AccountLabels(options.accounts.kind === 'self' ? null : (options.labelCachePath ?? null));
		this.book = new FleetEventBook(this.now, options.maxEvents ?? 10_000);
		// Every region's loops and requests listen to the one stop signal: more than Node's default 10 is expected.
		setMaxListeners(Math.max(10, 8 * options.clients.regions.length + 10), this.abort.signal);
		const settleLagMs = options.settleLagMs ?? DEFAULT_SETTLE_LAG_MS;
		this.regions = options.clients.regions.map(
			clients =>
				new RegionMetrics({
					client: clients.cloudwatch,
					region: clients.region,
					metrics: options.metrics,
					accounts: options.accounts,
					rules: options.rules ?? DEFAULT_RULES,
					now: this.now,
					settleLagMs,
					historyBuckets: options.historyBuckets ?? 90,
					historyDays: options.historyDays ?? 14,
					cache: {
						pathOf: account => options.baselineCache?.pathOf({account: this.accountId(account), region: clients.region}) ?? null,
						model: options.baselineCache?.model ?? '',
						rebaseline: options.baselineCache?.rebaseline ?? false,
					},
					signal: this.abort.signal,
					onRequest: () => this.metricCalls.of(clients.region).add(),
					onChange: () => this.emit(),
				}),
		);
		this.alarms = options.clients.regions.map(
			clients => new RegionAlarms(clients.region, clients.cloudwatch, this.now, () => this.metricCalls.of(clients.region).add()),
		);
		this.events = new FleetEvents({
			clients: options.clients,
			logGroup: options.trailLogGroup,
			selfAccount: options.selfAccount,
			now: this.now,
			lookbackMs: options.lookbackMs ?? 3 * 3600_000,
			overlapMs: 20 * 60_000,
			lookupRatePerSecond: options.trailRatePerSecond ?? 1,
			maxEvents: options.maxEvents ?? 10_000,
			maxPages: options.maxTrailPages ?? null,
			// The organization trail's first fill: newest minutes first, at least the 15 the overview counts,
			// and between its polls no longer than one tail interval without the newest minutes.
			minBackfillMs: RECENT_MS,
			backfillBudgetMs: options.tailIntervalMs ?? 10_000,
			onChange: () => this.emit(),
			onRequest: (_operation, region) => this.trailCalls.of(region).add(),
			onEvents: added => this.book.absorb(added),
		});
		this.snapshot = this.build();
	}

	/** The scope account of a region's account key: null is the caller's own account. */
	private accountId(account: AccountKey): string {
		return account ?? this.options.selfAccount ?? 'self';
	}

	getSnapshot(): FleetSnapshot {
		return this.snapshot;
	}

	subscribe(listener: (snapshot: FleetSnapshot) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	refreshNow(): void {
		this.wake.abort();
	}

	setPaused(paused: boolean): void {
		this.paused = paused;
		if (!paused) this.refreshNow();
		this.emit();
	}

	start(): void {
		if (this.running) return;
		this.running = true;
		for (const region of this.regions) {
			void this.loop(() => this.pollMetrics(region), () => this.metricsDelay(region), () => region.getState(), this.options.pollIntervalMs ?? 60_000);
		}
		void this.whenAnswered(SECONDARY_START_MS).then(() => {
			if (!this.abort.signal.aborted) this.startSecondary();
		});
	}

	/** What follows the first metrics: names (the last run's are shown meanwhile), alarms and events. */
	private startSecondary(): void {
		void this.readLabels();
		for (const alarms of this.alarms) {
			// Alarms are a help beside the numbers: their own loop, once a minute, errors or not (as single-scope
			// mode), never awaited by the first frame.
			const interval = Math.max(this.options.pollIntervalMs ?? 60_000, 60_000);
			void this.loop(() => alarms.poll(this.abort.signal), () => interval, () => ({error: null, throttled: false}), interval);
		}
		for (const region of this.events.sourceRegions()) {
			void this.loop(
				() => this.events.pollRegion(region, this.abort.signal),
				// While the first fill steps back, the next poll (new minutes, then older slices) follows at once.
				() => (this.events.backfilling(region) ? 0 : (this.options.tailIntervalMs ?? 10_000)),
				() => ({error: this.events.failing(region) ? 'failing' : null, throttled: false}),
				this.options.tailIntervalMs ?? 10_000,
			);
		}
	}

	stop(): void {
		this.abort.abort();
		this.refreshNow();
		if (this.pending) clearTimeout(this.pending);
		this.pending = null;
	}

	/** Resolves once every region's metrics have answered (data or error), or after `timeoutMs`. */
	whenAnswered(timeoutMs: number): Promise<void> {
		return until(() => this.regions.every(answered), listener => this.subscribe(listener), timeoutMs);
	}

	/**
	 * Resolves once start-up is over (every region answered, no baseline still learning, every event
	 * source past its first fill), or after `timeoutMs`: when its garbage can be collected.
	 */
	whenSettled(timeoutMs: number): Promise<void> {
		const settled = () =>
			this.regions.every(r => answered(r) && r.accounts().every(a => a.learning === null)) &&
			this.events.sourceRegions().every(region => {
				const trail = this.events.stateFor(region);
				return trail === null || trail.error !== null || trail.older !== 'reading';
			});
		return until(settled, listener => this.subscribe(listener), timeoutMs, {unref: true});
	}

	/** One poll of everything, baselines included, then the snapshot (for --once and tests). */
	async pollOnce(): Promise<FleetSnapshot> {
		await Promise.all([...this.regions.map(region => region.poll(this.abort.signal, true)), this.events.poll(this.abort.signal), this.readLabels(), ...this.alarms.map(alarms => alarms.poll(this.abort.signal))]);
		this.flush();
		return this.snapshot;
	}

	/** Once: the OAM link labels of linked accounts (only when other accounts than the caller's are watched). */
	private async readLabels(): Promise<void> {
		if (this.options.accounts.kind === 'self') return;
		if (await this.labels.refresh(() => this.options.clients.linkLabels(this.abort.signal))) this.emit();
	}

	private pollMetrics(region: RegionMetrics): Promise<void> {
		return region.poll(this.abort.signal);
	}

	private metricsDelay(region: RegionMetrics): number {
		const interval = this.options.pollIntervalMs ?? 60_000;
		const settle = region.nextSettleAt() + 2_000 - this.now();
		return Math.max(1_000, Math.min(interval, settle));
	}

	/** Polls one source until stopped: after a failure the error retry steps, never longer than its `intervalMs`. */
	private async loop(
		poll: () => Promise<void>,
		delay: () => number,
		state: () => {error: string | null; throttled: boolean},
		intervalMs: number,
	): Promise<void> {
		const signal = this.abort.signal;
		let failures = 0;
		while (!signal.aborted) {
			if (!this.paused) {
				await poll();
				const s = state();
				failures = s.error && !s.throttled ? failures + 1 : 0;
				this.emit();
			}
			if (signal.aborted) break;
			const wait = this.paused ? 3600_000 : failures > 0 ? errorRetryMs(failures, this.options.errorRetryMs ?? ERROR_RETRY_MS, intervalMs) : delay();
			await sleep(wait, AbortSignal.any([signal, this.wake.signal]));
			if (this.wake.signal.aborted) this.wake = new AbortController();
		}
	}

	/** A change: one new snapshot for all changes of the next EMIT_COALESCE_MS. */
	private emit(): void {
		if (this.pending || this.abort.signal.aborted) return;
		this.pending = setTimeout(() => {
			this.pending = null;
			this.flush();
		}, EMIT_COALESCE_MS);
	}

	private flush(): void {
		if (this.pending) clearTimeout(this.pending);
		this.pending = null;
		this.snapshot = this.build();
		for (const listener of this.listeners) listener(this.snapshot);
	}

	/** Why a source left older events unread (null: it did not). */
	private unread(trail: TrailState | null): EventsUnread | null {
		if (!trail || trail.older === 'read') return null;
		// One object per reason, so that a screen comparing props sees no change where there is none.
		let unread = this.unreadObjects.get(trail.older);
		if (!unread) this.unreadObjects.set(trail.older, (unread = {reason: trail.older, max: this.options.maxEvents ?? 10_000}));
		return unread;
	}

	private build(): FleetSnapshot {
		return buildFleetSnapshot({
			options: this.options,
			now: this.now(),
			paused: this.paused,
			regions: this.regions,
			alarms: this.alarms,
			events: this.events,
			book: this.book,
			labels: this.labels.labels,
			calls: (source, region) => (source === 'metrics' ? this.metricCalls : this.trailCalls).of(region).lastMinute(),
			unread: trail => this.unread(trail),
			accountId: account => this.accountId(account),
		});
	}
}
