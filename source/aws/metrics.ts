/**
 * CloudWatch side: discover which dimension sets each IoT metric really has (ListMetrics), then read every
 * series in ONE GetMetricData call per refresh (up to 500 series; split beyond) and sum across dimension
 * sets (Protocol, RuleName) here,
 * because CloudWatch never sums across dimensions itself.
 */
import {
	GetMetricDataCommand,
	ListMetricsCommand,
	type CloudWatchClient,
	type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import {NAMESPACE, findMetric} from '../iot/catalog.js';

/** CloudWatch's limit of queries in one GetMetricData request. */
export const MAX_QUERIES = 500;

export type Dimension = {readonly name: string; readonly value: string};

/** One concrete CloudWatch series: a metric name plus one exact dimension set. */
export type SeriesRef = {readonly metric: string; readonly dimensions: readonly Dimension[]};

/** Per metric name, the series whose Sum adds up to the account-wide count. */
export type Discovery = ReadonlyMap<string, readonly SeriesRef[]>;

/** Raw Sums per bucket start (epoch ms) for one metric, summed over its series. */
export type MetricWindow = {
	readonly values: ReadonlyMap<number, number>;
	readonly error: string | null;
};

/** ListMetrics for the whole AWS/IoT namespace (paged), kept to the metrics we monitor. */
export async function discoverSeries(
	client: CloudWatchClient,
	metricNames: readonly string[],
	signal?: AbortSignal,
): Promise<Discovery> {
	const wanted = new Set(metricNames);
	const found = new Map<string, SeriesRef[]>();
	let nextToken: string | undefined;
	do {
		const page = await client.send(new ListMetricsCommand({Namespace: NAMESPACE, NextToken: nextToken}), {
			abortSignal: signal,
		});
		for (const metric of page.Metrics ?? []) {
			const name = metric.MetricName;
			if (!name || !wanted.has(name)) continue;
			const dimensions = (metric.Dimensions ?? [])
				.filter(d => d.Name !== undefined && d.Value !== undefined)
				.map(d => ({name: d.Name!, value: d.Value!}));
			const list = found.get(name) ?? [];
			list.push({metric: name, dimensions});
			found.set(name, list);
		}
		nextToken = page.NextToken;
	} while (nextToken);
	const discovery = new Map<string, readonly SeriesRef[]>();
	for (const name of metricNames) discovery.set(name, chooseSeries(name, found.get(name) ?? []));
	return discovery;
}

/**
 * Which series add up to the account total without double counting: a dimensionless series if CloudWatch
 * has one (it already is the total); else the sets whose dimension names are exactly the documented ones
 * (one per Protocol, one per RuleName); else everything that exists.
 */
export function chooseSeries(name: string, all: readonly SeriesRef[]): readonly SeriesRef[] {
	const total = all.filter(s => s.dimensions.length === 0);
	if (total.length > 0) return total.slice(0, 1);
	const documented = findMetric(name)?.dimensions ?? [];
	const key = [...documented].sort().join(',');
	const exact = all.filter(s => s.dimensions.map(d => d.name).sort().join(',') === key);
	return exact.length > 0 ? exact : all;
}

export type WindowRequest = {
	/** Inclusive, epoch ms, aligned to the period. */
	readonly start: number;
	/** Exclusive, epoch ms. */
	readonly end: number;
	readonly periodSeconds: number;
};

/**
 * ONE GetMetricData request for every series of every metric (following NextToken pages of that same
 * request), returning per metric the Sum per bucket, added up across its series.
 */
export async function fetchWindow(
	client: CloudWatchClient,
	discovery: Discovery,
	request: WindowRequest,
	signal?: AbortSignal,
): Promise<Map<string, MetricWindow>> {
	const queries: MetricDataQuery[] = [];
	const owner = new Map<string, string>();
	for (const [name, series] of discovery) {
		for (const ref of series) {
			const id = `m${queries.length}`;
			owner.set(id, name);
			queries.push({
				Id: id,
				ReturnData: true,
				// No Unit: naming one that differs from the stored unit returns nothing.
				MetricStat: {
					Metric: {
						Namespace: NAMESPACE,
						MetricName: ref.metric,
						Dimensions: ref.dimensions.map(d => ({Name: d.name, Value: d.value})),
					},
					Period: request.periodSeconds,
					Stat: 'Sum',
				},
			});
		}
	}
	const sums = new Map<string, Map<number, number>>();
	const errors = new Map<string, string>();
	for (const name of discovery.keys()) sums.set(name, new Map());
	// One request per refresh up to CloudWatch's 500 queries per GetMetricData; beyond that (an account
	// with hundreds of rules or rule actions) as few requests as will hold them.
	for (let from = 0; from < queries.length; from += MAX_QUERIES) {
		const batch = queries.slice(from, from + MAX_QUERIES);
		let nextToken: string | undefined;
		do {
			const page = await client.send(
				new GetMetricDataCommand({
					MetricDataQueries: batch,
					StartTime: new Date(request.start),
					EndTime: new Date(request.end),
					ScanBy: 'TimestampAscending',
					NextToken: nextToken,
				}),
				{abortSignal: signal},
			);
			for (const result of page.MetricDataResults ?? []) {
				const name = result.Id ? owner.get(result.Id) : undefined;
				if (!name) continue;
				if (result.StatusCode === 'Forbidden' || result.StatusCode === 'InternalError') {
					const message = result.Messages?.map(m => m.Value ?? m.Code).join('; ');
					errors.set(name, `${result.StatusCode}${message ? `: ${message}` : ''}`);
					continue;
				}
				const target = sums.get(name)!;
				const stamps = result.Timestamps ?? [];
				const values = result.Values ?? [];
				for (let i = 0; i < stamps.length; i++) {
					const t = stamps[i]!.getTime();
					const v = values[i];
					if (typeof v !== 'number' || !Number.isFinite(v)) continue;
					target.set(t, (target.get(t) ?? 0) + v);
				}
			}
			nextToken = page.NextToken;
		} while (nextToken);
	}
	const out = new Map<string, MetricWindow>();
	for (const [name, values] of sums) out.set(name, {values, error: errors.get(name) ?? null});
	return out;
}
