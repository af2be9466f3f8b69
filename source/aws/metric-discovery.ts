/**
 * ListMetrics: which dimension sets each IoT metric really has, and which of them add up to the account
 * total (GetMetricData reads those; metrics.ts).
 */
import {ListMetricsCommand, type CloudWatchClient} from '@aws-sdk/client-cloudwatch';
import {NAMESPACE, findMetric} from '../iot/catalog.js';
import {isObject, nextPageToken, nonEmpty} from './answer-shape.js';

export type Dimension = {readonly name: string; readonly value: string};

/** One concrete CloudWatch series: a metric name plus one exact dimension set. */
export type SeriesRef = {readonly metric: string; readonly dimensions: readonly Dimension[]};

/** Per metric name, the series whose Sum adds up to the account-wide count. */
export type Discovery = ReadonlyMap<string, readonly SeriesRef[]>;

/** Per metric name, the series whose Sum adds up to the account-wide count, and what ListMetrics spoiled. */
export type DiscoveryResult = {
	readonly discovery: Discovery;
	/** Items of the ListMetrics answers that could not be used (not a metric, dimensions unreadable). */
	readonly skipped: number;
};

/** A ListMetrics entry as a series, or null when it is not one (or a dimension cannot be read). */
export function decodeListedMetric(value: unknown): SeriesRef | null {
	if (!isObject(value)) return null;
	const metric = nonEmpty(value['MetricName']);
	if (!metric) return null;
	const raw = value['Dimensions'] ?? [];
	if (!Array.isArray(raw)) return null;
	const dimensions: Dimension[] = [];
	for (const d of raw) {
		// A dimension we cannot read would make the query ask for a different series: drop the whole entry.
		if (!isObject(d)) return null;
		const name = nonEmpty(d['Name']);
		const dimValue = typeof d['Value'] === 'string' ? d['Value'] : null;
		if (name === null || dimValue === null) return null;
		dimensions.push({name, value: dimValue});
	}
	return {metric, dimensions};
}

/** ListMetrics for the whole AWS/IoT namespace (paged), kept to the metrics we monitor. */
export async function discoverSeries(
	client: CloudWatchClient,
	metricNames: readonly string[],
	signal?: AbortSignal,
): Promise<Discovery> {
	return (await discoverSeriesCounted(client, metricNames, signal)).discovery;
}

/** As discoverSeries, also counting the unreadable parts of the answers (skipped, never fatal). */
export async function discoverSeriesCounted(
	client: CloudWatchClient,
	metricNames: readonly string[],
	signal?: AbortSignal,
): Promise<DiscoveryResult> {
	const wanted = new Set(metricNames);
	const found = new Map<string, SeriesRef[]>();
	const seen = new Set<string>();
	let skipped = 0;
	let nextToken: string | undefined;
	const tokens = new Set<string>();
	do {
		const page: unknown = await client.send(new ListMetricsCommand({Namespace: NAMESPACE, NextToken: nextToken}), {
			abortSignal: signal,
		});
		const metrics = isObject(page) ? page['Metrics'] : undefined;
		if (Array.isArray(metrics)) {
			for (const item of metrics) {
				const ref = decodeListedMetric(item);
				if (!ref) {
					skipped++;
					continue;
				}
				if (!wanted.has(ref.metric)) continue;
				// The same series twice (a repeated page) would be summed twice.
				const key = JSON.stringify([ref.metric, ref.dimensions.map(d => [d.name, d.value]).sort()]);
				if (seen.has(key)) continue;
				seen.add(key);
				const list = found.get(ref.metric) ?? [];
				list.push(ref);
				found.set(ref.metric, list);
			}
		} else if (metrics !== undefined && metrics !== null) skipped++;
		nextToken = nextPageToken(page, tokens, () => skipped++);
	} while (nextToken);
	const discovery = new Map<string, readonly SeriesRef[]>();
	for (const name of metricNames) discovery.set(name, chooseSeries(name, found.get(name) ?? []));
	return {discovery, skipped};
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
