/**
 * The CloudWatch Logs side of the embedded endpoint (AWS JSON 1.1, `Logs_20140328.*`): DescribeLogGroups
 * and FilterLogEvents over the organization trail's log group. Its log events are CloudTrail records of
 * every account of the organization and every trail region (`recipientAccountId` and `awsRegion`
 * inside), from the same seeded generator as LookupEvents, so an account's own Event History and the
 * organization trail tell the same story. Events appear when delivered; FilterLogEvents pages with
 * nextToken, oldest first, up to 10,000 events or 1 MB per page.
 */
import {createHash} from 'node:crypto';
import {SimError, type ServiceHandler} from '../protocol.js';
import {storyEvents} from '../cloudtrail/inject.js';
import {createTrailStore, type TrailStore} from '../cloudtrail/store.js';
import type {SimEvent, TrailContext} from '../cloudtrail/types.js';
import {SIM_ORG_ID, SIM_TRAIL_GROUP, type Org, type ScopeRef} from '../org.js';
import {parseFilterPattern, type FieldReader} from './filter-pattern.js';

const MAX_LIMIT = 10_000;
const MAX_PAGE_BYTES = 1_048_576;
/** FilterLogEvents scans the streams this much time at a time. */
const SCAN_CHUNK_MS = 5 * 60_000;
/** When the simulated log groups were created (a fixed moment, so answers are deterministic). */
const CREATED = Date.UTC(2024, 0, 15);

const invalidParameter = (message: string) => new SimError('InvalidParameterException', message, 400);
const notFound = () => new SimError('ResourceNotFoundException', 'The specified log group does not exist.', 400);

type Source = {readonly ctx: TrailContext; readonly store: TrailStore; readonly stream: string};

export type LogsService = {
	/** The handler for requests signed for `region`. */
	forRegion(region: string): ServiceHandler;
};

function groupArn(region: string, account: string, name: string): string {
	return `arn:aws:logs:${region}:${account}:log-group:${name}`;
}

/** The log groups of the monitoring account in one region. */
function groupsIn(org: Org, region: string): string[] {
	return org.trailHome === region ? [SIM_TRAIL_GROUP, '/aws/lambda/iot-rule-handler'] : [];
}

/** A long decimal id, as CloudWatch Logs gives each log event. */
function logEventId(event: SimEvent, scope: ScopeRef): string {
	const digest = createHash('sha256').update(`${scope.account}/${scope.region}/${event.eventId}`).digest();
	let digits = String(event.eventTime).padStart(16, '0');
	for (const byte of digest) digits += String(byte % 10);
	return digits.slice(0, 56);
}

function readInteger(input: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
	const value = input[name];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw invalidParameter(`1 validation error detected: Value '${String(value)}' at '${name}' failed to satisfy constraint`);
	}
	return value;
}

function readString(input: Record<string, unknown>, name: string): string | undefined {
	const value = input[name];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw invalidParameter(`${name} must be a string`);
	return value;
}

type Cursor = {readonly print: string; readonly t: number; readonly id: string};

function encodeCursor(cursor: Cursor): string {
	return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(token: string, print: string): Cursor {
	try {
		const cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Cursor;
		if (cursor.print === print && typeof cursor.t === 'number' && typeof cursor.id === 'string') return cursor;
	} catch {
		// fall through
	}
	throw invalidParameter('The specified nextToken is invalid.');
}

export function createLogsService(options: {org: Org; startedAt: number; quiet: boolean}): LogsService {
	const {org} = options;
	let sources: Source[] | null = null;

	/** One CloudTrail stream per account and trail region, created at the first read. */
	function trailSources(): Source[] {
		sources ??= org.accounts.flatMap(account =>
			org.trailRegions.map(region => {
				const scope = {account, region};
				const ctx: TrailContext = {seed: org.seedOf(scope), region, accountId: account};
				const store = createTrailStore(ctx);
				if (!options.quiet && org.isIncidentScope(scope)) store.add(storyEvents(ctx, options.startedAt));
				return {ctx, store, stream: `${SIM_ORG_ID}_${account}_CloudTrail_${region}`};
			}),
		);
		return sources;
	}

	/** The log group a FilterLogEvents names, by logGroupName or logGroupIdentifier (name or ARN). */
	function resolveGroup(input: Record<string, unknown>, region: string): string {
		const name = readString(input, 'logGroupName');
		const identifier = readString(input, 'logGroupIdentifier');
		if (name !== undefined && identifier !== undefined) {
			throw invalidParameter('LogGroupName and LogGroupIdentifier are mutually exclusive; give one of them.');
		}
		const given = name ?? identifier;
		if (given === undefined) throw invalidParameter('Either LogGroupName or LogGroupIdentifier is required.');
		let groupName = given;
		if (identifier?.startsWith('arn:')) {
			const match = /^arn:aws[\w-]*:logs:([a-z0-9-]+):(\d{12}):log-group:(.+?)(:\*)?$/.exec(identifier);
			if (!match) throw invalidParameter(`Invalid log group ARN: ${identifier.slice(0, 200)}`);
			// A log group is read in its own region, and only its owner (or a monitoring account) sees it.
			if (match[1] !== region || match[2] !== org.monitoring) throw notFound();
			groupName = match[3]!;
		}
		if (!groupsIn(org, region).includes(groupName)) throw notFound();
		return groupName;
	}

	function filterLogEvents(input: Record<string, unknown>, region: string, now: number): unknown {
		const group = resolveGroup(input, region);
		const startTime = readInteger(input, 'startTime', 0, Number.MAX_SAFE_INTEGER);
		const endTime = readInteger(input, 'endTime', 0, Number.MAX_SAFE_INTEGER);
		const limit = readInteger(input, 'limit', 1, MAX_LIMIT) ?? MAX_LIMIT;
		const pattern = readString(input, 'filterPattern');
		const filter = parseFilterPattern(pattern);
		const print = createHash('sha256').update(JSON.stringify([group, startTime, endTime, pattern])).digest('hex').slice(0, 16);
		const token = readString(input, 'nextToken');
		const cursor = token === undefined ? null : decodeCursor(token, print);
		if (group !== SIM_TRAIL_GROUP) return {events: [], searchedLogStreams: []};
		const lo = Math.max(startTime ?? 0, cursor?.t ?? 0);
		const hi = endTime ?? now;
		type Found = {event: SimEvent; source: Source; id: string};
		/** Every matching event of [from, to] in all streams, oldest first (ties by log event id). */
		const collect = (from: number, to: number): Found[] => {
			const found: Found[] = [];
			for (const source of trailSources()) {
				const scope = {account: source.ctx.accountId, region: source.ctx.region};
				source.store.scan(from, to, now, event => {
					let parsed: Record<string, unknown> | undefined;
					const field: FieldReader = path => {
						if (path.length === 1) {
							switch (path[0]) {
								case 'eventSource':
									return event.eventSource;
								case 'eventName':
									return event.eventName;
								case 'recipientAccountId':
									return scope.account;
								case 'awsRegion':
									return scope.region;
								case 'eventID':
									return event.eventId;
								case 'readOnly':
									return event.readOnly;
							}
						}
						parsed ??= JSON.parse(event.raw()) as Record<string, unknown>;
						let value: unknown = parsed;
						for (const part of path) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
						return value;
					};
					if (filter.matches(event.raw, field)) found.push({event, source, id: logEventId(event, scope)});
					return true;
				});
			}
			return found.sort((a, b) => a.event.eventTime - b.event.eventTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
		};
		// Oldest first, a few minutes of every stream at a time: a page costs what it returns, not the whole range.
		const events: Array<Record<string, unknown>> = [];
		let bytes = 0;
		let last: Found | undefined;
		let more = false;
		for (let from = lo; from <= hi && !more; from += SCAN_CHUNK_MS) {
			const to = Math.min(hi, from + SCAN_CHUNK_MS - 1);
			for (const entry of collect(from, to)) {
				const {event, source, id} = entry;
				if (cursor && (event.eventTime < cursor.t || (event.eventTime === cursor.t && id <= cursor.id))) continue;
				if (events.length >= limit) {
					more = true;
					break;
				}
				const message = event.raw();
				bytes += Buffer.byteLength(message) + 26;
				if (bytes > MAX_PAGE_BYTES && events.length > 0) {
					more = true;
					break;
				}
				events.push({logStreamName: source.stream, timestamp: event.eventTime, message, ingestionTime: event.deliveredAt, eventId: id});
				last = entry;
			}
		}
		more &&= last !== undefined;
		return {
			events,
			searchedLogStreams: [],
			...(more && last ? {nextToken: encodeCursor({print, t: last.event.eventTime, id: last.id})} : {}),
		};
	}

	function describeLogGroups(input: Record<string, unknown>, region: string): unknown {
		const prefix = readString(input, 'logGroupNamePrefix');
		const pattern = readString(input, 'logGroupNamePattern');
		if (prefix !== undefined && pattern !== undefined) {
			throw invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
		}
		const limit = readInteger(input, 'limit', 1, 50) ?? 50;
		const token = readString(input, 'nextToken');
		const offset = token === undefined ? 0 : Number.parseInt(Buffer.from(token, 'base64url').toString('utf8'), 10);
		if (!Number.isInteger(offset) || offset < 0) throw invalidParameter('The specified nextToken is invalid.');
		const names = groupsIn(org, region)
			.filter(name => (prefix === undefined || name.startsWith(prefix)) && (pattern === undefined || name.toLowerCase().includes(pattern.toLowerCase())))
			.sort();
		const page = names.slice(offset, offset + limit);
		return {
			logGroups: page.map(name => ({
				logGroupName: name,
				creationTime: CREATED,
				retentionInDays: 365,
				metricFilterCount: 0,
				arn: `${groupArn(region, org.monitoring, name)}:*`,
				storedBytes: 0,
				logGroupClass: 'STANDARD',
				logGroupArn: groupArn(region, org.monitoring, name),
			})),
			...(offset + page.length < names.length ? {nextToken: Buffer.from(String(offset + page.length)).toString('base64url')} : {}),
		};
	}

	return {
		forRegion: region => (operation, input, now) => {
			switch (operation) {
				case 'FilterLogEvents':
					return filterLogEvents(input, region, now);
				case 'DescribeLogGroups':
					return describeLogGroups(input, region);
				default:
					throw new SimError('UnknownOperationException', `The iot-monitor simulator does not implement CloudWatch Logs ${operation}.`, 400);
			}
		},
	};
}
