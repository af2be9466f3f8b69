/**
 * The engine: owns both pollers, decides when to poll, and emits an immutable Snapshot after every change.
 * Polls chain with setTimeout after the previous one finished (never overlapping) and are abortable.
 * No Ink here; the UI only subscribes.
 */
import type {CloudTrailClient, CloudWatchClient} from '../aws/clients.js';
import type {Snapshot} from '../types.js';
import type {MonitorHandle} from './types.js';
import {MetricsPoller} from './metrics-poller.js';
import {LOOKUP_OVERLAP} from './overlap-schedule.js';
import {TrailTail} from './trail-tail.js';
import {AlarmsPoller} from './alarms-poller.js';
import {BaselineEngine} from './baseline-engine.js';
import type {HistoryOptions} from './history-loader.js';
import {DEFAULT_RULES, type SeverityRules} from '../baseline/severity.js';
import {DEFAULT_SETTLE_LAG_MS} from './series.js';
import {sleep} from './sleep.js';
import {watchThrottles} from '../aws/attempts.js';
import {errorRetryMs} from './backoff.js';
import {CallCounter, ERROR_RETRY_MS} from './call-counter.js';
import {until} from './until.js';
import {overallStatus, pollerHealth} from './snapshot-status.js';

export type MonitorOptions = {
	readonly cloudwatch: CloudWatchClient;
	readonly cloudtrail: CloudTrailClient;
	readonly region: string;
	readonly profile: string | null;
	readonly demo: boolean;
	readonly metrics: readonly string[];
	readonly now?: () => number;
	readonly pollIntervalMs?: number;
	readonly tailIntervalMs?: number;
	readonly lookbackMs?: number;
	readonly overlapMs?: number;
	readonly trailRatePerSecond?: number;
	readonly maxEvents?: number;
	readonly settleLagMs?: number;
	readonly historyBuckets?: number;
	/** Limit pages per tail poll (used by --once); null pages to the end. */
	readonly maxTrailPages?: number | null;
	readonly rules?: SeverityRules;
	/** Days of one-minute history the baselines learn from at start (default 14). */
	readonly historyDays?: number;
	/** Where derived baselines are cached on disk; null or absent: no cache. */
	readonly baselineCache?: HistoryOptions['cache'];
	/** Pause before the 1st, 2nd, ... retry after a failed poll (the last one repeats); tests shorten it. */
	readonly errorRetryMs?: readonly number[];
};

/** How often the alarm list is refreshed. */
const ALARM_POLL_MS = 55_000;

export class Monitor implements MonitorHandle {
	private readonly now: () => number;
	private readonly metrics: MetricsPoller;
	private readonly engine: BaselineEngine;
	private readonly trail: TrailTail;
	private readonly alarms: AlarmsPoller;
	private alarmsInFlight: Promise<void> | null = null;
	private alarmsPolledAt = -Infinity;
	private readonly metricCalls: CallCounter;
	private readonly trailCalls: CallCounter;
	private readonly metricThrottles: CallCounter;
	private readonly trailThrottles: CallCounter;
	private readonly listeners = new Set<(snapshot: Snapshot) => void>();
	private readonly abort = new AbortController();
	private paused = false;
	private snapshot: Snapshot;
	private wake: {metrics: AbortController; trail: AbortController} = {metrics: new AbortController(), trail: new AbortController()};
	private running = false;
	private trailPolled = false;
	private readonly settledWaiters = new Set<() => void>();
	private readonly unwatchThrottles: () => void;

	constructor(private readonly options: MonitorOptions) {
		this.now = options.now ?? Date.now;
		this.metricCalls = new CallCounter(this.now);
		this.trailCalls = new CallCounter(this.now);
		this.metricThrottles = new CallCounter(this.now);
		this.trailThrottles = new CallCounter(this.now);
		this.engine = new BaselineEngine(options.metrics, options.rules ?? DEFAULT_RULES);
		this.metrics = new MetricsPoller({
			client: options.cloudwatch,
			metrics: options.metrics,
			now: this.now,
			settleLagMs: options.settleLagMs ?? DEFAULT_SETTLE_LAG_MS,
			historyBuckets: options.historyBuckets ?? 90,
			engine: this.engine,
			historyDays: options.historyDays ?? 14,
			cache: options.baselineCache ?? null,
			signal: this.abort.signal,
			onCall: () => this.metricCalls.add(),
			onChange: () => this.emit(),
		});
		// CloudWatch retries throttled requests itself (3 attempts); each throttled attempt counts.
		this.unwatchThrottles = watchThrottles(options.cloudwatch, () => this.metricThrottles.add());
		this.trail = new TrailTail({
			client: options.cloudtrail,
			now: this.now,
			lookbackMs: options.lookbackMs ?? 3 * 3600_000,
			overlapMs: Math.max(15 * 60_000, options.overlapMs ?? LOOKUP_OVERLAP.overlapMs),
			quickOverlapMs: LOOKUP_OVERLAP.quickOverlapMs,
			wholeOverlapEveryMs: LOOKUP_OVERLAP.wholeOverlapEveryMs,
			ratePerSecond: options.trailRatePerSecond ?? 1,
			maxBackoffMs: options.tailIntervalMs ?? 10_000,
			maxEvents: options.maxEvents ?? 10_000,
			maxPages: options.maxTrailPages ?? null,
			onChange: () => this.trailChanged(),
			onCall: () => this.trailCalls.add(),
			onThrottle: () => this.trailThrottles.add(),
		});
		this.alarms = new AlarmsPoller({client: options.cloudwatch, now: this.now, onCall: () => this.metricCalls.add()});
		this.snapshot = this.build();
	}

	getSnapshot(): Snapshot {
		return this.snapshot;
	}

	subscribe(listener: (snapshot: Snapshot) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	refreshNow(): void {
		this.wake.metrics.abort();
		this.wake.trail.abort();
	}

	setPaused(paused: boolean): void {
		this.paused = paused;
		if (!paused) this.refreshNow();
		this.emit();
	}

	/** Starts both polling loops; they run until stop(). */
	start(): void {
		if (this.running) return;
		this.running = true;
		void this.loop('metrics');
		void this.loop('trail');
	}

	stop(): void {
		this.abort.abort();
		this.refreshNow();
		this.unwatchThrottles();
	}

	/**
	 * Resolves once both sources have answered at least once (data or an error), or after `timeoutMs`.
	 * The TUI waits for this so its first frame already shows data instead of spending a render on an
	 * empty screen while the first answers are on their way.
	 */
	whenAnswered(timeoutMs: number): Promise<void> {
		const answered = (s: Snapshot) =>
			(s.health.metrics.lastSuccess !== null || s.health.metrics.error !== null) &&
			(s.events.length > 0 || s.health.trail.lastSuccess !== null || s.health.trail.error !== null);
		return until(() => answered(this.snapshot), listener => this.subscribe(listener), timeoutMs);
	}

	/**
	 * Resolves once start-up is over: the trail's first poll (the whole lookback) has finished and the
	 * baselines have learned their history (or could not), or after `timeoutMs`. What start-up allocated
	 * to get there (days of history, pages of records) is garbage from then on.
	 */
	whenSettled(timeoutMs: number): Promise<void> {
		if (this.settled()) return Promise.resolve();
		return new Promise(resolve => {
			const done = (): void => {
				clearTimeout(timer);
				this.settledWaiters.delete(done);
				resolve();
			};
			const timer = setTimeout(done, timeoutMs);
			timer.unref();
			this.settledWaiters.add(done);
		});
	}

	private settled(): boolean {
		const metrics = this.metrics.getState();
		return this.trailPolled && (this.engine.readyCount() === this.engine.size || metrics.historyError !== null);
	}

	/** One poll of each source, concurrently, baselines included, then the snapshot (for --once and tests). */
	async pollOnce(): Promise<Snapshot> {
		await Promise.all([this.metrics.poll(this.abort.signal, true), this.trail.poll(this.abort.signal), this.pollAlarms(true)]);
		this.emit();
		return this.snapshot;
	}

	private async loop(source: 'metrics' | 'trail'): Promise<void> {
		const signal = this.abort.signal;
		let failures = 0;
		while (!signal.aborted) {
			if (!this.paused) {
				if (source === 'metrics') {
					await this.metrics.poll(signal);
					// After the numbers, not beside them: the first frame waits for metrics, never for alarms.
					void this.pollAlarms(false);
				} else {
					await this.trail.poll(signal);
					this.trailPolled = true;
				}
				const state = source === 'metrics' ? this.metrics.getState() : this.trail.getState();
				failures = state.error && !state.throttled ? failures + 1 : 0;
				this.emit();
			}
			if (signal.aborted) break;
			this.wake[source] = new AbortController();
			await sleep(this.delay(source, failures), AbortSignal.any([signal, this.wake[source].signal]));
		}
	}

	private delay(source: 'metrics' | 'trail', failures: number): number {
		if (this.paused) return 3600_000;
		const interval = source === 'trail' ? (this.options.tailIntervalMs ?? 10_000) : (this.options.pollIntervalMs ?? 60_000);
		// Back off after errors, but never past the source's own interval (source/monitor/backoff.ts).
		if (failures > 0) return errorRetryMs(failures, this.options.errorRetryMs ?? ERROR_RETRY_MS, interval);
		if (source === 'trail') return interval;
		// Wake when the next bucket settles (plus a little), but never later than the poll interval.
		const settle = this.metrics.nextSettleAt() + 2_000 - this.now();
		return Math.max(1_000, Math.min(interval, settle));
	}

	/**
	 * Alarms beside the metrics, at most once every ALARM_POLL_MS (CloudWatch evaluates them per minute
	 * at best), never awaited by the metrics poll: a slow alarm list must not delay the numbers.
	 */
	private pollAlarms(force: boolean): Promise<void> {
		if (this.alarmsInFlight) return this.alarmsInFlight;
		if (!force && this.now() - this.alarmsPolledAt < ALARM_POLL_MS) return Promise.resolve();
		this.alarmsPolledAt = this.now();
		this.alarmsInFlight = this.alarms.poll(this.abort.signal).finally(() => {
			this.alarmsInFlight = null;
			if (!force && !this.abort.signal.aborted) this.emit();
		});
		return this.alarmsInFlight;
	}

	/**
	 * A trail page arrived (or failed). A page that brought no event and changed neither coverage nor the
	 * error state is not worth a snapshot: a poll re-reads minutes of overlap, several pages of events
	 * already shown, and each snapshot re-renders the screen. Its time of success and call count reach the
	 * screen with the snapshot at the end of the poll (loop()), a second or two later.
	 */
	private trailChanged(): void {
		const t = this.trail.getState();
		const shown = this.snapshot;
		const unchanged =
			t.events === shown.events &&
			t.since === shown.eventsSince &&
			t.dropped === shown.eventsDropped &&
			t.error === shown.health.trail.error &&
			t.throttled === shown.health.trail.throttled &&
			// The first success is news (whenAnswered waits for it; the header stops saying "never").
			(t.lastSuccess === null) === (shown.health.trail.lastSuccess === null);
		if (!unchanged) this.emit();
	}

	private emit(): void {
		this.snapshot = this.build();
		for (const listener of this.listeners) listener(this.snapshot);
		if (this.settledWaiters.size > 0 && this.settled()) for (const done of [...this.settledWaiters]) done();
	}

	private build(): Snapshot {
		const m = this.metrics.getState();
		const t = this.trail.getState();
		const a = this.alarms.getState();
		return {
			generatedAt: this.now(),
			region: this.options.region,
			profile: this.options.profile,
			demo: this.options.demo,
			paused: this.paused,
			metrics: m.series,
			events: t.events,
			eventsSince: t.since,
			eventsDropped: t.dropped,
			health: {
				metrics: pollerHealth(m, this.metricCalls, this.metricThrottles, this.options.pollIntervalMs ?? 60_000, m.skipped + a.skipped),
				trail: pollerHealth(t, this.trailCalls, this.trailThrottles, this.options.tailIntervalMs ?? 10_000, t.skipped),
			},
			status: overallStatus(m.series, m.error !== null || t.error !== null, a.alarms),
			learning: this.engine.readyCount() < this.engine.size ? {done: this.engine.readyCount(), total: this.engine.size} : null,
			alarms: a.alarms,
			alarmsError: a.error,
			alarmsSkipped: a.skipped,
		};
	}
}
