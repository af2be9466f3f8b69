/**
 * The CloudWatch half of the monitor: discovers series (ListMetrics, refreshed every 15 minutes because
 * new metrics take that long to appear) and reads the whole settled window in one GetMetricData per poll.
 * Re-reading the full window costs the same as reading one minute (CloudWatch bills per metric
 * requested), and it picks up CloudWatch's own late corrections. Each series is then judged by the
 * baseline engine, whose history is loaded once (in the background, so the first frame does not wait).
 */
import type {CloudWatchClient} from '../aws/clients.js';
import {discoverSeriesCounted, type Discovery} from '../aws/metric-discovery.js';
import {fetchWindowCounted} from '../aws/metrics.js';
import {describeAwsError} from '../aws/errors.js';
import type {MetricSeries} from '../types.js';
import type {BaselineEngine} from './baseline-engine.js';
import {loadHistory, type HistoryOptions} from './history-loader.js';
import {buildSeries, lastSettledBucket, placeholder, settledWindow} from './series.js';

const REDISCOVER_MS = 15 * 60_000;
const HISTORY_RETRY_MS = 60_000;

export type MetricsPollerOptions = {
	readonly client: CloudWatchClient;
	readonly metrics: readonly string[];
	readonly now: () => number;
	readonly settleLagMs: number;
	readonly historyBuckets: number;
	readonly engine: BaselineEngine;
	readonly historyDays: number;
	readonly cache: HistoryOptions['cache'];
	readonly signal: AbortSignal;
	readonly onCall: () => void;
	readonly onChange: () => void;
};

export type MetricsState = {
	readonly series: readonly MetricSeries[];
	readonly error: string | null;
	readonly throttled: boolean;
	readonly lastSuccess: number | null;
	readonly lastAttempt: number | null;
	/** Baseline history: null while loading or before, else when it finished. */
	readonly historyError: string | null;
	/**
	 * Unreadable parts of the latest answers, skipped (the rest was used): the latest ListMetrics pass, the
	 * latest GetMetricData refresh and the baseline history load.
	 */
	readonly skipped: number;
};

export class MetricsPoller {
	private discovery: Discovery | null = null;
	private discoveredAt = 0;
	private history: Promise<void> | null = null;
	private historyFailedAt = -Infinity;
	private state: MetricsState;

	constructor(private readonly options: MetricsPollerOptions) {
		this.state = {
			series: options.metrics.map(name => placeholder(name)),
			error: null,
			throttled: false,
			lastSuccess: null,
			lastAttempt: null,
			historyError: null,
			skipped: 0,
		};
	}

	/** Skipped per kind of answer, each replaced when that answer is read again. */
	private readonly skippedBy = {discovery: 0, window: 0, history: 0};

	private countSkipped(kind: 'discovery' | 'window' | 'history', count: number): void {
		this.skippedBy[kind] = count;
		const {discovery, window, history} = this.skippedBy;
		this.state = {...this.state, skipped: discovery + window + history};
	}

	getState(): MetricsState {
		return this.state;
	}

	/** When the next bucket settles: polling then shows it as early as it is honest to. */
	nextSettleAt(): number {
		const {now, settleLagMs} = this.options;
		return lastSettledBucket(now(), settleLagMs) + 60_000 + 60_000 + settleLagMs;
	}

	/**
	 * One refresh. Never throws: failures keep the last series and become state. With `waitForHistory`
	 * (for --once) the baseline history is loaded before judging; otherwise it loads in the background.
	 */
	async poll(signal: AbortSignal, waitForHistory = false): Promise<void> {
		const {client, metrics, now, settleLagMs, historyBuckets, onCall, engine} = this.options;
		this.state = {...this.state, lastAttempt: now()};
		// Which API failed, so that a denial names the IAM action that is missing.
		let operation = 'ListMetrics';
		try {
			if (!this.discovery || now() - this.discoveredAt > REDISCOVER_MS) {
				onCall();
				const found = await discoverSeriesCounted(client, metrics, signal);
				this.countSkipped('discovery', found.skipped);
				this.discovery = found.discovery;
				this.discoveredAt = now();
			}
			const history = this.startHistory(this.discovery);
			if (waitForHistory && history) await history;
			const at = now();
			const window = settledWindow(at, historyBuckets, settleLagMs);
			operation = 'GetMetricData';
			onCall();
			const fetched = await fetchWindowCounted(client, this.discovery, window, signal);
			this.countSkipped('window', fetched.skipped);
			const windows = fetched.windows;
			const series = metrics.map(name =>
				engine.observe(
					buildSeries(name, windows.get(name), this.discovery!.get(name)?.length ?? 0, {
						now: at,
						settleLagMs,
						historyBuckets,
					}),
				),
			);
			this.state = {...this.state, series, error: null, throttled: false, lastSuccess: now()};
		} catch (error) {
			if (signal.aborted) return;
			// Throttled attempts are counted where they happen, SDK retries included (source/aws/attempts.ts).
			const described = describeAwsError(error, 'CloudWatch', operation);
			// Data already shown stays (it is stale, and health says so); before any, every series says why it is empty.
			const series =
				this.state.lastSuccess === null
					? metrics.map(name => placeholder(name, described.message))
					: this.state.series;
			this.state = {...this.state, series, error: described.message, throttled: described.kind === 'throttled'};
		}
	}

	/** Starts loading the history once (again a minute after a failure); returns the load in flight. */
	private startHistory(discovery: Discovery): Promise<void> | null {
		const {now, engine} = this.options;
		if (this.history) return this.history;
		if (engine.readyCount() === engine.size || now() - this.historyFailedAt < HISTORY_RETRY_MS) return null;
		this.history = loadHistory({
			client: this.options.client,
			discovery,
			engine,
			now: now(),
			settleLagMs: this.options.settleLagMs,
			historyDays: this.options.historyDays,
			cache: this.options.cache,
			signal: this.options.signal,
			onCall: this.options.onCall,
			onSkipped: count => this.countSkipped('history', count),
			onProgress: () => this.options.onChange(),
		}).then(
			() => {
				// Judge what is already on screen now rather than at the next poll.
				this.state = {...this.state, series: this.state.series.map(s => engine.observe(s)), historyError: null};
				this.options.onChange();
			},
			(error: unknown) => {
				this.historyFailedAt = now();
				this.history = null;
				const message = `baseline history: ${describeAwsError(error, 'CloudWatch', 'GetMetricData').message}`;
				this.state = {...this.state, historyError: message};
				this.options.onChange();
			},
		);
		return this.history;
	}
}
