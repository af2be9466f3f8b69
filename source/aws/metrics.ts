/**
 * GetMetricData: read every series ListMetrics found (metric-discovery.ts) in ONE call per refresh (up to
 * 500 series; split beyond) and sum across dimension sets (Protocol, RuleName) here, because CloudWatch
 * never sums across dimensions itself.
 */
import {GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery} from '@aws-sdk/client-cloudwatch';
import {NAMESPACE} from '../iot/catalog.js';
import {isObject, nextPageToken, nonEmpty} from './answer-shape.js';
import type {Discovery} from './metric-discovery.js';

/** CloudWatch's limit of queries in one GetMetricData request. */
export const MAX_QUERIES = 500;

/** Raw Sums per bucket start (epoch ms) for one metric, summed over its series. */
export type MetricWindow = {
	readonly values: ReadonlyMap<number, number>;
	readonly error: string | null;
	/** The error is an answer we could not read (worth asking again), not one CloudWatch gave. */
	readonly unreadable?: boolean;
};

/** Every metric's window, and how many parts of the GetMetricData answers could not be used. */
export type WindowResult = {
	readonly windows: Map<string, MetricWindow>;
	/** Results, datapoints, tokens that were unreadable and skipped. */
	readonly skipped: number;
};

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
	return (await fetchWindowCounted(client, discovery, request, signal)).windows;
}

/** What one MetricDataResult holds, or why it cannot be used. */
type DecodedResult =
	| {readonly kind: 'points'; readonly id: string; readonly points: ReadonlyArray<readonly [number, number]>}
	| {readonly kind: 'failed'; readonly id: string; readonly error: string}
	| {readonly kind: 'spoiled'; readonly id: string | null; readonly reason: string};

const MAX_MESSAGE_CHARS = 300;

/**
 * One MetricDataResult as the SDK hands it over (types unchecked). A result whose timestamps and values
 * do not pair up, or that holds a value that is not a finite number or a time that is not one, is spoiled
 * as a whole: a sum over it would be wrong, and a bucket left out reads as 0.
 */
export function decodeMetricResult(value: unknown): DecodedResult {
	if (!isObject(value)) return {kind: 'spoiled', id: null, reason: 'not a result'};
	const id = nonEmpty(value['Id']);
	if (id === null) return {kind: 'spoiled', id: null, reason: 'no Id'};
	const status = value['StatusCode'];
	if (status === 'Forbidden' || status === 'InternalError') {
		const messages = Array.isArray(value['Messages']) ? value['Messages'] : [];
		const message = messages
			.map(m => (isObject(m) ? (nonEmpty(m['Value']) ?? nonEmpty(m['Code'])) : null))
			.filter((m): m is string => m !== null)
			.join('; ')
			.slice(0, MAX_MESSAGE_CHARS);
		return {kind: 'failed', id, error: `${status}${message ? `: ${message}` : ''}`};
	}
	const stamps = value['Timestamps'] ?? [];
	const values = value['Values'] ?? [];
	if (!Array.isArray(stamps) || !Array.isArray(values)) return {kind: 'spoiled', id, reason: 'Timestamps or Values not a list'};
	if (stamps.length !== values.length) {
		return {kind: 'spoiled', id, reason: `${stamps.length} timestamps but ${values.length} values`};
	}
	const points: Array<readonly [number, number]> = [];
	for (let i = 0; i < stamps.length; i++) {
		const stamp: unknown = stamps[i];
		const t = stamp instanceof Date ? stamp.getTime() : Number.NaN;
		const v: unknown = values[i];
		if (!Number.isFinite(t)) return {kind: 'spoiled', id, reason: 'a timestamp that is not a time'};
		if (typeof v !== 'number' || !Number.isFinite(v)) return {kind: 'spoiled', id, reason: 'a value that is not a number'};
		points.push([t, v]);
	}
	return {kind: 'points', id, points};
}

/** As fetchWindow, also counting the unreadable parts of the answers (skipped, never fatal). */
export async function fetchWindowCounted(
	client: CloudWatchClient,
	discovery: Discovery,
	request: WindowRequest,
	signal?: AbortSignal,
): Promise<WindowResult> {
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
	const unreadable = new Set<string>();
	const answered = new Set<string>();
	/** Per query id, the newest timestamp read so far. */
	const lastTime = new Map<string, number>();
	let skipped = 0;
	let unplaced = 0;
	for (const name of discovery.keys()) sums.set(name, new Map());
	// One request per refresh up to CloudWatch's 500 queries per GetMetricData; beyond that (an account
	// with hundreds of rules or rule actions) as few requests as will hold them.
	for (let from = 0; from < queries.length; from += MAX_QUERIES) {
		const batch = queries.slice(from, from + MAX_QUERIES);
		let nextToken: string | undefined;
		const tokens = new Set<string>();
		do {
			const page: unknown = await client.send(
				new GetMetricDataCommand({
					MetricDataQueries: batch,
					StartTime: new Date(request.start),
					EndTime: new Date(request.end),
					ScanBy: 'TimestampAscending',
					NextToken: nextToken,
				}),
				{abortSignal: signal},
			);
			const results = isObject(page) ? page['MetricDataResults'] : undefined;
			if (Array.isArray(results)) {
				for (const item of results) {
					const result = decodeMetricResult(item);
					const name = result.id === null ? undefined : owner.get(result.id);
					if (!name) {
						// Not one of our queries, or we cannot tell whose it is.
						skipped++;
						unplaced++;
						continue;
					}
					answered.add(result.id!);
					if (result.kind === 'failed') {
						errors.set(name, result.error);
						continue;
					}
					if (result.kind === 'spoiled') {
						skipped++;
						unreadable.add(name);
						errors.set(name, `CloudWatch sent an unreadable answer for this metric (${result.reason}); skipped`);
						continue;
					}
					// Asked for TimestampAscending: a series' times only rise, across pages too. A time repeated (or
					// going back) would be added twice to the sum.
					const first = result.points[0]?.[0];
					const ordered = result.points.every(([t], i) => i === 0 || t > result.points[i - 1]![0]);
					if (!ordered || (first !== undefined && first <= (lastTime.get(result.id!) ?? -Infinity))) {
						skipped++;
						unreadable.add(name);
						errors.set(name, 'CloudWatch sent an unreadable answer for this metric (timestamps repeated or out of order); skipped');
						continue;
					}
					const last = result.points.at(-1)?.[0];
					if (last !== undefined) lastTime.set(result.id!, last);
					const target = sums.get(name)!;
					for (const [t, v] of result.points) target.set(t, (target.get(t) ?? 0) + v);
				}
			} else if (results !== undefined && results !== null) {
				skipped++;
				unplaced++;
			}
			nextToken = nextPageToken(page, tokens, () => skipped++);
		} while (nextToken);
	}
	// A series whose result was lost in an unreadable item would make its metric's sum too low: say so.
	if (unplaced > 0) {
		for (const [id, name] of owner) {
			if (answered.has(id) || errors.has(name)) continue;
			unreadable.add(name);
			errors.set(name, 'CloudWatch sent an unreadable answer for this metric; skipped');
		}
	}
	const windows = new Map<string, MetricWindow>();
	for (const [name, values] of sums) {
		const error = errors.get(name) ?? null;
		windows.set(name, {values: error ? new Map() : values, error, ...(unreadable.has(name) ? {unreadable: true} : {})});
	}
	return {windows, skipped};
}
