/**
 * ListMetrics against the synthetic fleet: Namespace / MetricName / Dimensions filters, RecentlyActive,
 * and NextToken paging. Only series that have data are listed (PublishOut.Throttle never is).
 * Cross-account observability (OAM): `IncludeLinkedAccounts=true` lists the linked accounts' series too,
 * with `OwningAccounts` 1:1 with `Metrics`; `OwningAccount` narrows to one account.
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

/** The accounts a monitoring account sees (itself first), and each one's fleet in the request's region. */
export type LinkedFleets = {
	readonly self: string;
	readonly accounts: readonly string[];
	fleetOf(account: string): Fleet;
	/** Throws the error AWS answers when the account may not be read. */
	check?(account: string): void;
};

/** Handles one ListMetrics call; `pageSize` is CloudWatch's fixed page of 500 unless a test shrinks it. */
export function listMetrics(fleet: Fleet, input: Json, now: number, pageSize: number, linked?: LinkedFleets): unknown {
	const namespace = optionalString(input, 'Namespace');
	const metricName = optionalString(input, 'MetricName');
	const filters = parseFilters(input);
	const recent = optionalEnum(input, 'RecentlyActive', ['PT3H'] as const);
	const owningAccount = optionalString(input, 'OwningAccount');
	const includeLinked = input['IncludeLinkedAccounts'] === true;
	const print = fingerprint({namespace, metricName, filters, recent, owningAccount, includeLinked});

	const self = linked?.self;
	// Without IncludeLinkedAccounts only the caller's own metrics; OwningAccount narrows to one account.
	const accounts = (includeLinked && linked ? linked.accounts : [self]).filter(
		account => owningAccount === undefined || account === owningAccount,
	);
	if (owningAccount !== undefined && accounts.length > 0) linked?.check?.(owningAccount);
	const wanted = (series: FleetSeries) =>
		(metricName === undefined || series.metricName === metricName) &&
		filters.every(filter => series.dimensions.some(d => d.Name === filter.name && (filter.value === undefined || d.Value === filter.value)));
	const sorted: Array<{account: string | undefined; series: FleetSeries}> = [];
	if (namespace === undefined || namespace === 'AWS/IoT') {
		for (const account of accounts) {
			const source = account === undefined || account === self || !linked ? fleet : linked.fleetOf(account);
			const matches = source.series.filter(wanted);
			const active = recent ? matches.filter(series => recentlyActive(source, series, now)) : matches;
			for (const series of [...active].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) sorted.push({account, series});
		}
	}

	const offset = decodeOffset(optionalString(input, 'NextToken'), print, sorted.length);
	const page = sorted.slice(offset, offset + pageSize);
	const nextOffset = offset + page.length;
	return {
		Metrics: page.map(({series}) => ({
			Namespace: 'AWS/IoT',
			MetricName: series.metricName,
			Dimensions: series.dimensions.map(d => ({Name: d.Name, Value: d.Value})),
		})),
		...(includeLinked ? {OwningAccounts: page.map(({account}) => account ?? self ?? '')} : {}),
		...(nextOffset < sorted.length ? {NextToken: encodeToken(print, nextOffset)} : {}),
	};
}
