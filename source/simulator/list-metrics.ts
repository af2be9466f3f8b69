/**
 * ListMetrics against the synthetic fleet: Namespace / MetricName / Dimensions filters, RecentlyActive,
 * and NextToken paging. Only series that have data are listed (PublishOut.Throttle never is).
 */
import {
	type Json,
	decodeOffset,
	encodeToken,
	fingerprint,
	isObject,
	missingParameter,
	optionalArray,
	optionalEnum,
	optionalString,
	validationError,
} from './cloudwatch-input.js';
import type {Fleet, FleetSeries} from './fleet.js';

const MINUTE = 60_000;
/** RecentlyActive=PT3H: data in the last three hours. */
const RECENT_MS = 3 * 60 * MINUTE;

type DimensionFilter = {readonly name: string; readonly value: string | undefined};

function parseFilters(input: Json): DimensionFilter[] {
	const list = optionalArray(input, 'Dimensions', 10) ?? [];
	return list.map((entry, index) => {
		const path = `Dimensions.member.${index + 1}`;
		if (!isObject(entry)) throw validationError(`The parameter ${path} must be a structure.`);
		const name = optionalString(entry, 'Name', `${path}.Name`);
		if (name === undefined) throw missingParameter(`${path}.Name`);
		return {name, value: optionalString(entry, 'Value', `${path}.Value`)};
	});
}

function recentlyActive(fleet: Fleet, series: FleetSeries, now: number): boolean {
	const newest = Math.floor(now / MINUTE) * MINUTE;
	for (let t = newest; t > now - RECENT_MS; t -= MINUTE) {
		if (fleet.observe(series, t, now)) return true;
	}
	return false;
}

/** Handles one ListMetrics call; `pageSize` is CloudWatch's fixed page of 500 unless a test shrinks it. */
export function listMetrics(fleet: Fleet, input: Json, now: number, pageSize: number): unknown {
	const namespace = optionalString(input, 'Namespace');
	const metricName = optionalString(input, 'MetricName');
	const filters = parseFilters(input);
	const recent = optionalEnum(input, 'RecentlyActive', ['PT3H'] as const);
	const owningAccount = optionalString(input, 'OwningAccount');
	const print = fingerprint({namespace, metricName, filters, recent, owningAccount});

	const matches = (namespace === undefined || namespace === 'AWS/IoT') && owningAccount === undefined
		? fleet.series.filter(
				series =>
					(metricName === undefined || series.metricName === metricName) &&
					filters.every(filter =>
						series.dimensions.some(d => d.Name === filter.name && (filter.value === undefined || d.Value === filter.value)),
					),
			)
		: [];
	const active = recent ? matches.filter(series => recentlyActive(fleet, series, now)) : matches;
	const sorted = [...active].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

	const offset = decodeOffset(optionalString(input, 'NextToken'), print, sorted.length);
	const page = sorted.slice(offset, offset + pageSize);
	const nextOffset = offset + page.length;
	return {
		Metrics: page.map(series => ({
			Namespace: 'AWS/IoT',
			MetricName: series.metricName,
			Dimensions: series.dimensions.map(d => ({Name: d.Name, Value: d.Value})),
		})),
		...(nextOffset < sorted.length ? {NextToken: encodeToken(print, nextOffset)} : {}),
	};
}
