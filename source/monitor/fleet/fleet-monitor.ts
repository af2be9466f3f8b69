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
import type {EventsUnread, FleetSnapshot, ScopedEvent, ScopeRef, ScopeView} from '../../types.js';
import type {Snapshot, SourceHealth, TrailEvent} from '../../types.js';
import {CallCounter, ERROR_RETRY_MS} from '../call-counter.js';
import {errorRetryMs} from '../backoff.js';
import {mergeEvents} from '../events.js';
import {overallStatus} from '../monitor.js';
import {eventCoverage} from '../../trail/coverage.js';
import {DEFAULT_SETTLE_LAG_MS} from '../series.js';
import {sleep} from '../sleep.js';
import type {TrailState} from '../trail-tail.js';
import {RegionAlarms} from './fleet-alarms.js';
import {FleetEvents} from './fleet-events.js';
import {RegionMetrics, type AccountSelection} from './region-metrics.js';
import {compareScopes, summarize, worstStatus} from './scope-summary.js';

/**
 * Changes arriving within this long make one snapshot: a fleet snapshot covers every scope, and while
 * baselines load, thousands of metrics report progress one by one.
 */
const EMIT_COALESCE_MS = 50;
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
};

const scopeKey = (scope: ScopeRef) => `${scope.account}/${scope.region}`;

/** Whether a tail has read every event of the 15 minutes before the newest it read. */
export function recentRead(trail: TrailState | null): boolean {
	return trail !== null && trail.caughtUp && trail.until !== null && trail.until - trail.since >= RECENT_MS;
}

export class FleetMonitor {
	private readonly now: () => number;
	private readonly regions: RegionMetrics[];
	private readonly alarms: RegionAlarms[];
	private readonly events: FleetEvents;
	private readonly abort = new AbortController();
	private readonly listeners = new Set<(snapshot: FleetSnapshot) => void>();
	private readonly metricCalls = new Map<string, CallCounter>();
	private readonly trailCalls = new Map<string, CallCounter>();
	private readonly recent = new Map<string, number[]>();
	private merged: readonly TrailEvent[] = [];
	private readonly known = new Set<string>();
	private readonly unreadObjects = new Map<EventsUnread['reason'], EventsUnread>();
	/** Events dropped from `merged` at the buffer limit. */
	private dropped = 0;
	private wake = new AbortController();
	private paused = false;
	private running = false;
	private snapshot: FleetSnapshot;
	private pending: NodeJS.Timeout | null = null;
	private labels: ReadonlyMap<string, string> = new Map();
	private labelsRead: Promise<void> | null = null;
	private labelsDone = false;

	constructor(private readonly options: FleetMonitorOptions) {
		this.now = options.now ?? Date.now;
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
					onRequest: () => this.counter(this.metricCalls, clients.region).add(),
					onChange: () => this.emit(),
				}),
		);
		this.alarms = options.clients.regions.map(
			clients => new RegionAlarms(clients.region, clients.cloudwatch, this.now, () => this.counter(this.metricCalls, clients.region).add()),
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
			onRequest: (_operation, region) => this.counter(this.trailCalls, region).add(),
			onEvents: added => this.absorb(added),
		});
		this.snapshot = this.build();
	}

	/** The scope account of a region's account key: null is the caller's own account. */
	private accountId(account: AccountKey): string {
		return account ?? this.options.selfAccount ?? 'self';
	}

	private counter(map: Map<string, CallCounter>, region: string): CallCounter {
		let counter = map.get(region);
		if (!counter) {
			counter = new CallCounter(this.now);
			map.set(region, counter);
		}
		return counter;
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
		void this.readLabels();
		for (const region of this.regions) {
			void this.loop(() => this.pollMetrics(region), () => this.metricsDelay(region), () => region.getState(), this.options.pollIntervalMs ?? 60_000);
		}
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

	/** Resolves once every region's metrics (and the account names) have answered, data or error, or after `timeoutMs`. */
	whenAnswered(timeoutMs: number): Promise<void> {
		const answered = () => this.labelsDone && this.regions.every(r => r.getState().lastSuccess !== null || r.getState().error !== null);
		if (answered()) return Promise.resolve();
		return new Promise(resolve => {
			const done = () => {
				clearTimeout(timer);
				unsubscribe();
				resolve();
			};
			const timer = setTimeout(done, timeoutMs);
			const unsubscribe = this.subscribe(() => {
				if (answered()) done();
			});
		});
	}

	/** One poll of everything, baselines included, then the snapshot (for --once and tests). */
	async pollOnce(): Promise<FleetSnapshot> {
		await Promise.all([...this.regions.map(region => region.poll(this.abort.signal, true)), this.events.poll(this.abort.signal), this.readLabels(), ...this.alarms.map(alarms => alarms.poll(this.abort.signal))]);
		this.flush();
		return this.snapshot;
	}

	/** Once: the OAM link labels of linked accounts (only when other accounts than the caller's are watched). */
	private readLabels(): Promise<void> {
		if (this.options.accounts.kind === 'self') {
			this.labelsDone = true;
			return Promise.resolve();
		}
		this.labelsRead ??= this.options.clients.linkLabels(this.abort.signal).then(answer => {
			this.labels = answer.labels;
			this.labelsDone = true;
			this.emit();
		});
		return this.labelsRead;
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

	private absorb(added: readonly ScopedEvent[]): void {
		const cutoff = this.now() - RECENT_MS;
		for (const event of added) {
			if (event.account === null || event.region === null || event.eventTime < cutoff) continue;
			const key = scopeKey({account: event.account, region: event.region});
			const times = this.recent.get(key) ?? [];
			times.push(event.eventTime);
			this.recent.set(key, times);
		}
		// Each region's tail has marked its events late or not already; merging them marks nothing new.
		const result = mergeEvents(this.merged, this.known, added, {late: {backlog: true, newestShown: null, lookedAt: null}, max: this.options.maxEvents ?? 10_000});
		for (const event of result.added) this.known.add(event.eventId);
		if (result.dropped > 0) {
			this.dropped += result.dropped;
			const kept = new Set(result.events.map(e => e.eventId));
			for (const id of this.known) if (!kept.has(id)) this.known.delete(id);
		}
		this.merged = result.events;
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

	private recentCount(scope: ScopeRef): number {
		const times = this.recent.get(scopeKey(scope));
		if (!times) return 0;
		const cutoff = this.now() - RECENT_MS;
		const kept = times.filter(t => t >= cutoff);
		this.recent.set(scopeKey(scope), kept);
		return kept.length;
	}

	private build(): FleetSnapshot {
		const now = this.now();
		const events = this.merged as readonly ScopedEvent[];
		const byScope = new Map<string, ScopedEvent[]>();
		for (const event of events) {
			if (event.account === null || event.region === null) continue;
			const key = scopeKey({account: event.account, region: event.region});
			const list = byScope.get(key);
			if (list) list.push(event);
			else byScope.set(key, [event]);
		}
		const views: ScopeView[] = [];
		const sourceNotes = this.events.regions();
		const known = new Set(this.regions.flatMap(region => region.accounts().flatMap(a => (a.account === null ? [] : [a.account]))));
		if (known.size === 0 && this.options.selfAccount) known.add(this.options.selfAccount);
		for (const region of this.regions) region.adopt([...known]);
		for (const region of this.regions) {
			const regionState = region.getState();
			const trail = this.events.stateFor(region.region);
			const regionSource = sourceNotes.find(s => s.region === region.region);
			const regionAlarms = this.alarms.find(alarms => alarms.region === region.region);
			for (const account of region.accounts()) {
				const scope = {account: this.accountId(account.account), region: region.region};
				// Events cover a scope when they come from the organization trail, or from LookupEvents for the caller's own account.
				const covered = this.events.kind.kind === 'log-group' || account.account === null || account.account === this.options.selfAccount;
				const metricsError = regionState.error ?? account.error;
				const trailError = covered ? (trail?.error ?? regionSource?.error ?? (this.events.missingEverywhere() ? `log group ${this.options.trailLogGroup} is in none of the watched regions: pass its ARN with --trail-log-group` : null)) : null;
				const health = (s: {lastSuccess: number | null; lastAttempt: number | null; throttled: boolean} | null, error: string | null, calls: number, intervalMs: number): SourceHealth => ({
					lastSuccess: s?.lastSuccess ?? null,
					lastAttempt: s?.lastAttempt ?? null,
					error,
					throttled: s?.throttled ?? false,
					callsLastMinute: calls,
					throttlesLastMinute: 0,
					intervalMs,
				});
				const scopeEvents = covered ? (byScope.get(scopeKey(scope)) ?? []) : [];
				const own = account.account === null || account.account === this.options.selfAccount;
				const alarms = regionAlarms?.forScope(scope.account, own) ?? {alarms: [], error: null, skipped: 0};
				const snapshot: Snapshot = {
					generatedAt: now,
					region: region.region,
					profile: this.options.profile,
					demo: this.options.demo,
					paused: this.paused,
					metrics: account.series, // without points and bands: the summary and status need only the judgements
					events: scopeEvents,
					eventsSince: covered ? (trail?.since ?? now) : now,
					eventsDropped: trail?.dropped ?? 0,
					eventsUnread: covered ? this.unread(trail) : null,
					health: {
						metrics: health(regionState, metricsError, this.counter(this.metricCalls, region.region).lastMinute(), this.options.pollIntervalMs ?? 60_000),
						trail: health(covered ? (trail as TrailState | null) : null, trailError, this.counter(this.trailCalls, region.region).lastMinute(), this.options.tailIntervalMs ?? 10_000),
					},
					status: overallStatus(account.series, metricsError !== null || trailError !== null, alarms.alarms),
					learning: account.learning,
					alarms: alarms.alarms,
					alarmsError: alarms.error,
					...(alarms.skipped > 0 ? {alarmsSkipped: alarms.skipped} : {}),
					...(alarms.note ? {alarmsNote: alarms.note} : {}),
				};
				const name = this.options.accountNames?.[scope.account] ?? this.labels.get(scope.account) ?? scope.account;
				// Events of the last 15 minutes are counted once the tail has read all of them (newest minutes and 15 back).
				const summary = summarize(scope, name, snapshot, covered && recentRead(trail) ? this.recentCount(scope) : null);
				// The overview reads the summary; the points and bands of a scope are made only when it is opened or printed.
				let full: Snapshot | null = null;
				views.push({
					summary,
					get snapshot(): Snapshot {
						full ??= {...snapshot, metrics: account.full()};
						return full;
					},
				});
			}
		}
		views.sort(compareScopes);
		const tails = sourceNotes.flatMap(source => (source.tail ? [source.tail.getState()] : []));
		const since = tails.length > 0 ? Math.max(...tails.map(t => t.since)) : now;
		const unread = tails.map(t => this.unread(t)).find(u => u !== null) ?? null;
		return {
			generatedAt: now,
			demo: this.options.demo,
			paused: this.paused,
			regions: this.regions.map(r => r.region),
			scopes: views,
			events,
			status: worstStatus(views),
			eventsCoverage: {since: eventCoverage({events, eventsSince: since, eventsDropped: this.dropped}).completeFrom, unread, dropped: this.dropped},
			eventSource: this.events.kind,
		};
	}
}
