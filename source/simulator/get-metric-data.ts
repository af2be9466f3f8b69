/**
 * GetMetricData against the synthetic fleet: epoch-aligned buckets, CloudWatch's StartTime rounding and
 * retention rules, the ingestion lag, ScanBy order and MaxDatapoints paging with request-bound NextTokens.
 */
import {
	type Json,
	decodeToken,
	encodeToken,
	fingerprint,
	invalidNextToken,
	invalidParameter,
	optionalEnum,
	optionalString,
	requiredTimestamp,
	validationError,
} from './cloudwatch-input.js';
import type {Fleet, FleetSeries, MinuteSample} from './fleet.js';
import {type MetricDataQuery, type Stat, type StatQuery, parseQueries} from './metric-data-queries.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Most datapoints one GetMetricData call returns (also the default MaxDatapoints). */
export const MAX_DATAPOINTS = 100_800;

type ScanBy = 'TimestampDescending' | 'TimestampAscending';

/** The buckets one query can return, in scan order: bucket starts `from`..`to` stepping by `step`. */
type Plan = {
	readonly series: FleetSeries;
	readonly query: StatQuery;
	readonly first: number;
	readonly last: number;
	readonly step: number;
	/** Last minute start that lies before EndTime. */
	readonly lastMinute: number;
};

type Result = {
	Id: string;
	Label: string;
	Timestamps: number[];
	Values: number[];
	StatusCode: 'Complete' | 'PartialData' | 'InternalError' | 'Forbidden';
	Messages: Array<{Code: string; Value: string}>;
};

/** CloudWatch rounds StartTime down by age: to the minute (< 15 days), 5 minutes (< 63 days), else the hour. */
function roundStart(start: number, now: number): number {
	const age = now - start;
	const unit = age > 63 * DAY ? HOUR : age > 15 * DAY ? 5 * MINUTE : MINUTE;
	return Math.floor(start / unit) * unit;
}

/** The period multiple CloudWatch demands for a StartTime this old (else it returns no datapoints). */
function requiredMultiple(start: number, now: number): number {
	const age = now - start;
	if (age > 63 * DAY) return 3600;
	if (age > 15 * DAY) return 300;
	if (age > 3 * HOUR) return 60;
	return 1;
}

function valueOf(stat: Stat, sample: MinuteSample): number {
	switch (stat) {
		case 'Sum':
			return sample.sum;
		case 'SampleCount':
			return sample.count;
		case 'Average':
			return sample.sum / sample.count;
		case 'Minimum':
			return sample.min;
		case 'Maximum':
			return sample.max;
	}
}

function plan(fleet: Fleet, query: StatQuery, start: number, end: number, now: number, scan: ScanBy): Plan | null {
	if (query.namespace !== 'AWS/IoT') return null;
	// Stored without a unit conversion: naming another unit matches nothing, as in CloudWatch.
	if (query.unit !== undefined && query.unit !== 'Count' && query.unit !== 'None') return null;
	const series = fleet.find(query.metricName, query.dimensions);
	if (!series) return null;
	if (query.period % requiredMultiple(start, now) !== 0) return null;
	const period = query.period * 1000;
	const first = Math.max(Math.ceil(roundStart(start, now) / period) * period, Math.floor(fleet.horizon(now) / period) * period);
	const last = Math.min((Math.ceil(end / period) - 1) * period, Math.floor(now / period) * period);
	if (first > last) return null;
	const ascending = scan === 'TimestampAscending';
	return {
		series,
		query,
		first: ascending ? first : last,
		last: ascending ? last : first,
		step: ascending ? period : -period,
		lastMinute: Math.ceil(end / MINUTE) * MINUTE - MINUTE,
	};
}

function inRange(p: Plan, bucket: number): boolean {
	return p.step > 0 ? bucket <= p.last : bucket >= p.last;
}

/** Aggregates the minutes of one bucket as CloudWatch would at `now`; null when no minute has data. */
function bucketSample(fleet: Fleet, p: Plan, bucket: number, now: number): MinuteSample | null {
	const lastMinute = Math.min(bucket + Math.abs(p.step) - MINUTE, p.lastMinute);
	let sum = 0;
	let count = 0;
	let min = Number.POSITIVE_INFINITY;
	let max = Number.NEGATIVE_INFINITY;
	for (let t = bucket; t <= lastMinute; t += MINUTE) {
		const sample = fleet.observe(p.series, t, now);
		if (!sample) continue;
		sum += sample.sum;
		count += sample.count;
		min = Math.min(min, sample.min);
		max = Math.max(max, sample.max);
	}
	return count === 0 ? null : {sum, count, min, max};
}

function hasDataFrom(fleet: Fleet, p: Plan, bucket: number, now: number): boolean {
	for (let b = bucket; inRange(p, b); b += p.step) {
		if (bucketSample(fleet, p, b, now)) return true;
	}
	return false;
}

function emptyResult(query: MetricDataQuery, status: Result['StatusCode'] = 'Complete'): Result {
	return {Id: query.id, Label: query.label, Timestamps: [], Values: [], StatusCode: status, Messages: []};
}

function readCursors(token: string | undefined, print: string): Record<string, number | null> | undefined {
	if (token === undefined) return undefined;
	const state = decodeToken(token, print);
	if (typeof state !== 'object' || state === null || Array.isArray(state)) throw invalidNextToken();
	const cursors = state as Record<string, unknown>;
	for (const value of Object.values(cursors)) {
		if (value !== null && typeof value !== 'number') throw invalidNextToken();
	}
	return cursors as Record<string, number | null>;
}

/** Minutes of fleet data computed between two pauses of getMetricData (a few milliseconds of work). */
const MINUTES_PER_SLICE = 4096;

/**
 * Handles one GetMetricData call at the simulated `now`, pausing for the event loop every few milliseconds
 * of work: the embedded endpoint shares its thread with the monitor, and two weeks of minutes for every
 * series (the baseline history) must not hold back the small requests that arrive meanwhile; a real
 * endpoint answers those in parallel.
 */
export async function getMetricData(fleet: Fleet, input: Json, now: number, accounts?: AccountFleets): Promise<unknown> {
	const steps = metricDataSteps(fleet, input, now, accounts);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
		await new Promise<void>(resolve => setImmediate(resolve));
	}
}

/**
 * OAM: the fleet a query's `AccountId` reads (absent: the monitoring account's own), or why it may not:
 * such a query answers `StatusCode: Forbidden` while the others in the request go on.
 */
export type AccountFleets = (accountId: string | undefined) => Fleet | {readonly forbidden: string};

/** The work of one GetMetricData call; yields (with nothing) after every MINUTES_PER_SLICE minutes computed. */
function* metricDataSteps(fleet: Fleet, input: Json, now: number, accounts?: AccountFleets): Generator<void, unknown, void> {
	const queries = parseQueries(input);
	const start = requiredTimestamp(input, 'StartTime');
	const end = requiredTimestamp(input, 'EndTime');
	if (start >= end) throw validationError('The parameter StartTime must be less than the parameter EndTime.');
	const scan = optionalEnum<ScanBy>(input, 'ScanBy', ['TimestampDescending', 'TimestampAscending']) ?? 'TimestampDescending';
	const maxDatapoints = input['MaxDatapoints'] ?? MAX_DATAPOINTS;
	if (typeof maxDatapoints !== 'number' || !Number.isInteger(maxDatapoints) || maxDatapoints < 1 || maxDatapoints > MAX_DATAPOINTS) {
		throw invalidParameter(`The parameter MaxDatapoints must be an integer between 1 and ${MAX_DATAPOINTS}.`);
	}
	// A token is bound to the queries, the time range and the order; MaxDatapoints may change between pages.
	const print = fingerprint({queries, start: input['StartTime'], end: input['EndTime'], scan});
	const cursors = readCursors(optionalString(input, 'NextToken'), print);
	const hasExpression = queries.some(query => query.kind === 'expression');

	let budget = maxDatapoints;
	let work = 0;
	const results: Result[] = [];
	const next: Record<string, number | null> = {};
	let more = false;
	for (const query of queries) {
		if (!query.returnData) continue;
		if (query.kind === 'expression') {
			const result = emptyResult(query, 'InternalError');
			result.Messages.push({Code: 'Unsupported', Value: 'expression not supported by the iot-monitor simulator'});
			results.push(result);
			continue;
		}
		const source = accounts ? accounts(query.accountId) : fleet;
		if ('forbidden' in source) {
			if (cursors && !(query.id in cursors)) throw invalidNextToken();
			next[query.id] = null;
			const result = emptyResult(query, 'Forbidden');
			result.Messages.push({Code: 'Forbidden', Value: source.forbidden});
			results.push(result);
			continue;
		}
		const p = plan(source, query, start, end, now, scan);
		const cursor = cursors ? cursors[query.id] : p?.first;
		if (!p || cursor === null || cursor === undefined) {
			if (cursors && !(query.id in cursors)) throw invalidNextToken();
			next[query.id] = null;
			results.push(emptyResult(query));
			continue;
		}
		if (cursor % Math.abs(p.step) !== 0) throw invalidNextToken();
		const result = emptyResult(query);
		let bucket = cursor;
		const minutesPerBucket = Math.abs(p.step) / MINUTE;
		while (inRange(p, bucket) && budget > 0) {
			const sample = bucketSample(source, p, bucket, now);
			if (sample) {
				result.Timestamps.push(bucket / 1000);
				result.Values.push(valueOf(query.stat, sample));
				budget--;
			}
			bucket += p.step;
			work += minutesPerBucket;
			if (work >= MINUTES_PER_SLICE) {
				work = 0;
				yield;
			}
		}
		if (inRange(p, bucket) && hasDataFrom(source, p, bucket, now)) {
			result.StatusCode = 'PartialData';
			next[query.id] = bucket;
			more = true;
		} else {
			next[query.id] = null;
		}
		results.push(result);
	}
	// CloudWatch returns no NextToken when the request performs math.
	const token = more && !hasExpression ? {NextToken: encodeToken(print, next)} : {};
	return {MetricDataResults: results, ...token, Messages: []};
}
