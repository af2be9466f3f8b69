/**
 * The CloudWatch half of the monitor: discovers series (ListMetrics, refreshed every 15 minutes because
 * new metrics take that long to appear) and reads the whole settled window in one GetMetricData per poll.
 * Re-reading the full window costs the same as reading one minute (CloudWatch bills per metric
 * requested), and it picks up CloudWatch's own late corrections.
 */
import type {CloudWatchClient} from '@aws-sdk/client-cloudwatch';
import {discoverSeries, fetchWindow, type Discovery} from '../aws/metrics.js';
import {describeAwsError} from '../aws/errors.js';
import type {MetricSeries} from '../types.js';
import {buildSeries, lastSettledBucket, settledWindow} from './series.js';

const REDISCOVER_MS = 15 * 60_000;

export type MetricsPollerOptions = {
	readonly client: CloudWatchClient;
	readonly metrics: readonly string[];
	readonly now: () => number;
	readonly settleLagMs: number;
	readonly historyBuckets: number;
	readonly onCall: () => void;
};

export type MetricsState = {
	readonly series: readonly MetricSeries[];
	readonly error: string | null;
	readonly throttled: boolean;
	readonly lastSuccess: number | null;
	readonly lastAttempt: number | null;
};

export class MetricsPoller {
	private discovery: Discovery | null = null;
	private discoveredAt = 0;
	private state: MetricsState;

	constructor(private readonly options: MetricsPollerOptions) {
		this.state = {
			series: options.metrics.map(name => ({
				name,
				state: 'no-data',
				period: 60,
				stat: 'Sum',
				points: [],
				latest: null,
				dimensionSets: 0,
				error: null,
			})),
			error: null,
			throttled: false,
			lastSuccess: null,
			lastAttempt: null,
		};
	}

	getState(): MetricsState {
		return this.state;
	}

	/** When the next bucket settles: polling then shows it as early as it is honest to. */
	nextSettleAt(): number {
		const {now, settleLagMs} = this.options;
		return lastSettledBucket(now(), settleLagMs) + 60_000 + 60_000 + settleLagMs;
	}

	/** One refresh. Never throws: failures keep the last series and become state. */
	async poll(signal: AbortSignal): Promise<void> {
		const {client, metrics, now, settleLagMs, historyBuckets, onCall} = this.options;
		this.state = {...this.state, lastAttempt: now()};
		try {
			if (!this.discovery || now() - this.discoveredAt > REDISCOVER_MS) {
				onCall();
				this.discovery = await discoverSeries(client, metrics, signal);
				this.discoveredAt = now();
			}
			const at = now();
			const window = settledWindow(at, historyBuckets, settleLagMs);
			onCall();
			const windows = await fetchWindow(client, this.discovery, window, signal);
			const series = metrics.map(name =>
				buildSeries(name, windows.get(name), this.discovery!.get(name)?.length ?? 0, {
					now: at,
					settleLagMs,
					historyBuckets,
				}),
			);
			this.state = {series, error: null, throttled: false, lastSuccess: now(), lastAttempt: this.state.lastAttempt};
		} catch (error) {
			if (signal.aborted) return;
			const described = describeAwsError(error, 'CloudWatch');
			this.state = {...this.state, error: described.message, throttled: described.kind === 'throttled'};
		}
	}
}
