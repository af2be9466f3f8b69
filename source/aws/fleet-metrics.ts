/**
 * CloudWatch cross-account observability (OAM): one ListMetrics pass per region lists the monitoring
 * account's series and every linked account's (`IncludeLinkedAccounts`, `OwningAccounts` 1:1 with
 * `Metrics`), and GetMetricData reads all of them at once, each query naming its `AccountId`. Requests
 * hold as many queries as CloudWatch allows (500), or fewer when the caller bounds the datapoints; a live refresh
 * sends its few requests side by side (CloudWatch allows 50 GetMetricData requests per second).
 */
import {GetMetricDataCommand, ListMetricsCommand, type CloudWatchClient, type MetricDataQuery} from '@aws-sdk/client-cloudwatch';
import {NAMESPACE} from '../iot/catalog.js';
import {BucketValues} from './bucket-values.js';
import {chooseSeries, type Discovery, type SeriesRef} from './metric-discovery.js';
import {MAX_QUERIES, type MetricWindow, type WindowRequest} from './metrics.js';

/** The account a series belongs to; `null` is the caller's own account (queried without AccountId). */
export type AccountKey = string | null;

/** Per account, per metric name, the series that add up to the account's total. */
export type FleetDiscovery = ReadonlyMap<AccountKey, Discovery>;

/**
 * ListMetrics for AWS/IoT in one region (paged). With `linked`, every linked account's series too, keyed by
 * the owning account; else only the caller's, keyed null.
 */
export async function discoverFleetSeries(
	client: CloudWatchClient,
	metricNames: readonly string[],
	linked: boolean,
	signal?: AbortSignal,
	onPage?: () => void,
): Promise<FleetDiscovery> {
	const wanted = new Set(metricNames);
	const found = new Map<AccountKey, Map<string, SeriesRef[]>>();
	let nextToken: string | undefined;
	do {
		onPage?.();
		const page = await client.send(
			new ListMetricsCommand({Namespace: NAMESPACE, NextToken: nextToken, ...(linked ? {IncludeLinkedAccounts: true} : {})}),
			{abortSignal: signal},
		);
		const metrics = page.Metrics ?? [];
		const owners = page.OwningAccounts ?? [];
		for (let i = 0; i < metrics.length; i++) {
			const metric = metrics[i]!;
			const name = metric.MetricName;
			if (!name || !wanted.has(name)) continue;
			const owner = linked ? owners[i] : null;
			// Without its owner a linked series cannot be placed: it is left out rather than guessed.
			if (owner === undefined || (owner !== null && !/^\d{12}$/.test(owner))) continue;
			const dimensions = (metric.Dimensions ?? [])
				.filter(d => d.Name !== undefined && d.Value !== undefined)
				.map(d => ({name: d.Name!, value: d.Value!}));
			const byName = found.get(owner) ?? new Map<string, SeriesRef[]>();
			const list = byName.get(name) ?? [];
			list.push({metric: name, dimensions});
			byName.set(name, list);
			found.set(owner, byName);
		}
		nextToken = page.NextToken;
	} while (nextToken);
	const discovery = new Map<AccountKey, Discovery>();
	for (const [owner, byName] of found) {
		discovery.set(owner, new Map(metricNames.map(name => [name, chooseSeries(name, byName.get(name) ?? [])])));
	}
	return discovery;
}

/** One metric of one account: the series to read and add up. */
export type ScopedMetric = {readonly account: AccountKey; readonly metric: string; readonly series: readonly SeriesRef[]};

/** Per account, per metric name, the Sums per bucket (with a per-metric error, e.g. Forbidden). */
export type FleetWindows = Map<AccountKey, Map<string, MetricWindow>>;

/**
 * Reads every series of `metrics` for `request`: requests of at most `maxQueries` queries (500 unless
 * smaller), each followed through its NextToken pages. A metric's series never straddle two requests.
 * `onRequest` is called before every request (pages included).
 */
export async function fetchFleetWindows(
	client: CloudWatchClient,
	metrics: readonly ScopedMetric[],
	request: WindowRequest,
	options: {readonly maxQueries?: number; readonly signal?: AbortSignal; readonly onRequest?: () => void; readonly concurrency?: number} = {},
): Promise<FleetWindows> {
	const limit = Math.max(1, Math.min(MAX_QUERIES, options.maxQueries ?? MAX_QUERIES));
	const out: FleetWindows = new Map();
	const batches: ScopedMetric[][] = [];
	let batch: ScopedMetric[] = [];
	let size = 0;
	for (const metric of metrics) {
		if (metric.series.length === 0) continue;
		if (size + metric.series.length > limit && batch.length > 0) {
			batches.push(batch);
			batch = [];
			size = 0;
		}
		batch.push(metric);
		size += metric.series.length;
	}
	if (batch.length > 0) batches.push(batch);
	for (const metric of metrics) {
		const byName = out.get(metric.account) ?? new Map<string, MetricWindow>();
		byName.set(metric.metric, {values: new BucketValues(request.start, request.end, request.periodSeconds * 1000), error: null});
		out.set(metric.account, byName);
	}
	const readBatch = async (group: readonly ScopedMetric[]): Promise<void> => {
		const queries: MetricDataQuery[] = [];
		const owner = new Map<string, ScopedMetric>();
		for (const metric of group) {
			for (const ref of metric.series) {
				const id = `m${queries.length}`;
				owner.set(id, metric);
				queries.push({
					Id: id,
					ReturnData: true,
					...(metric.account === null ? {} : {AccountId: metric.account}),
					MetricStat: {
						Metric: {Namespace: NAMESPACE, MetricName: ref.metric, Dimensions: ref.dimensions.map(d => ({Name: d.name, Value: d.value}))},
						Period: request.periodSeconds,
						Stat: 'Sum',
					},
				});
			}
		}
		let nextToken: string | undefined;
		do {
			options.onRequest?.();
			const page = await client.send(
				new GetMetricDataCommand({
					MetricDataQueries: queries,
					StartTime: new Date(request.start),
					EndTime: new Date(request.end),
					ScanBy: 'TimestampAscending',
					NextToken: nextToken,
				}),
				{abortSignal: options.signal},
			);
			for (const result of page.MetricDataResults ?? []) {
				const metric = result.Id ? owner.get(result.Id) : undefined;
				if (!metric) continue;
				const window = out.get(metric.account)!.get(metric.metric)!;
				if (result.StatusCode === 'Forbidden' || result.StatusCode === 'InternalError') {
					const message = result.Messages?.map(m => m.Value ?? m.Code).join('; ');
					out.get(metric.account)!.set(metric.metric, {...window, error: `${result.StatusCode}${message ? `: ${message}` : ''}`});
					continue;
				}
				const target = window.values as BucketValues;
				const stamps = result.Timestamps ?? [];
				const values = result.Values ?? [];
				for (let i = 0; i < stamps.length; i++) {
					const t = stamps[i]!.getTime();
					const v = values[i];
					if (typeof v !== 'number' || !Number.isFinite(v)) continue;
					target.add(t, v);
				}
			}
			nextToken = page.NextToken;
		} while (nextToken);
	};
	// Requests hold distinct metrics, so up to `concurrency` of them may be out at once (the first error ends the read).
	let next = 0;
	const worker = async () => {
		while (next < batches.length) await readBatch(batches[next++]!);
	};
	await Promise.all(Array.from({length: Math.max(1, Math.min(options.concurrency ?? 1, batches.length))}, worker));
	return out;
}
