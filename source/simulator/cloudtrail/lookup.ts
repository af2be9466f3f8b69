/**
 * LookupEvents over the store, mirroring AWS (aws-facts §3.1): one lookup attribute at most, an
 * inclusive time range defaulting to the last 90 days, 1-50 results, newest first, NextToken paging.
 */

import {SimError} from '../protocol.js';
import {compareNewestFirst, type TrailStore} from './store.js';
import {decodeToken, encodeToken, type PageToken} from './token.js';
import type {SimEvent} from './types.js';

/** Attribute keys LookupEvents accepts for management events. */
export const LOOKUP_KEYS = [
	'EventId',
	'EventName',
	'ReadOnly',
	'Username',
	'ResourceType',
	'ResourceName',
	'EventSource',
	'AccessKeyId',
] as const;

export type LookupKey = (typeof LOOKUP_KEYS)[number];

const RETENTION_MS = 90 * 86_400_000;
const DEFAULT_MAX_RESULTS = 50;

type Attribute = {readonly key: LookupKey; readonly value: string};

type LookupQuery = {
	readonly attribute: Attribute | null;
	readonly rawStart: number | null;
	readonly rawEnd: number | null;
	readonly category: string | null;
	readonly maxResults: number;
	readonly nextToken: string | null;
};

const isLookupKey = (key: unknown): key is LookupKey => LOOKUP_KEYS.some(candidate => candidate === key);

function parseAttribute(input: unknown): Attribute | null {
	if (input === undefined || input === null) return null;
	if (!Array.isArray(input)) throw new SimError('InvalidLookupAttributesException', 'LookupAttributes must be a list.');
	if (input.length === 0) return null;
	if (input.length > 1) {
		throw new SimError('InvalidLookupAttributesException', 'You can specify only one lookup attribute per request.');
	}
	const item: unknown = input[0];
	const key = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)['AttributeKey'] : undefined;
	const value = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)['AttributeValue'] : undefined;
	if (!isLookupKey(key)) {
		throw new SimError('InvalidLookupAttributesException', `The attribute key ${String(key)} is not valid.`);
	}
	if (typeof value !== 'string' || value.length === 0 || value.length > 2000) {
		throw new SimError('InvalidLookupAttributesException', 'The attribute value must be 1 to 2000 characters.');
	}
	return {key, value};
}

function parseTime(input: unknown, field: string): number | null {
	if (input === undefined || input === null) return null;
	if (typeof input !== 'number' || !Number.isFinite(input)) {
		throw new SimError('SerializationException', `${field} must be a timestamp in epoch seconds.`);
	}
	return input;
}

function parseQuery(input: Record<string, unknown>): LookupQuery {
	const attribute = parseAttribute(input['LookupAttributes']);
	const rawStart = parseTime(input['StartTime'], 'StartTime');
	const rawEnd = parseTime(input['EndTime'], 'EndTime');
	const category = input['EventCategory'] ?? null;
	if (category !== null && category !== 'insight') {
		throw new SimError('InvalidEventCategoryException', `The event category ${String(category)} is not valid.`);
	}
	const max = input['MaxResults'] ?? DEFAULT_MAX_RESULTS;
	if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 50) {
		throw new SimError('InvalidMaxResultsException', 'MaxResults must be between 1 and 50.');
	}
	const token = input['NextToken'] ?? null;
	if (token !== null && typeof token !== 'string') {
		throw new SimError('InvalidNextTokenException', 'The NextToken is not valid.');
	}
	return {attribute, rawStart, rawEnd, category, maxResults: max, nextToken: token};
}

function matches(event: SimEvent, attribute: Attribute | null): boolean {
	if (!attribute) return true;
	const {key, value} = attribute;
	switch (key) {
		case 'EventId':
			return event.eventId === value;
		case 'EventName':
			return event.eventName === value;
		case 'ReadOnly':
			return String(event.readOnly) === value;
		case 'Username':
			return event.username === value;
		case 'ResourceType':
			return event.resources.some(resource => resource.type === value);
		case 'ResourceName':
			return event.resources.some(resource => resource.name === value);
		case 'EventSource':
			return event.eventSource === value;
		case 'AccessKeyId':
			return event.accessKeyId === value;
	}
}

/** One event as the LookupEvents response carries it. */
export function toWire(event: SimEvent): Record<string, unknown> {
	const wire: Record<string, unknown> = {
		EventId: event.eventId,
		EventName: event.eventName,
		ReadOnly: String(event.readOnly),
	};
	if (event.accessKeyId !== null) wire['AccessKeyId'] = event.accessKeyId;
	wire['EventTime'] = event.eventTime / 1000;
	wire['EventSource'] = event.eventSource;
	if (event.username !== null) wire['Username'] = event.username;
	wire['Resources'] = event.resources.map(resource => ({ResourceType: resource.type, ResourceName: resource.name}));
	wire['CloudTrailEvent'] = event.raw();
	return wire;
}

const invalidToken = (): SimError => new SimError('InvalidNextTokenException', 'The NextToken is not valid.');

/** Answers one LookupEvents call at server time `now`. Throws SimError for invalid input. */
export function lookupEvents(store: TrailStore, seed: number, input: Record<string, unknown>, now: number): unknown {
	const query = parseQuery(input);
	// Parameters a token is bound to; MaxResults may change between pages, as the SDK paginator allows.
	const {attribute, rawStart, rawEnd, category} = query;
	const fingerprint = JSON.stringify([attribute?.key ?? null, attribute?.value ?? null, rawStart, rawEnd, category]);
	let token: PageToken | null = null;
	if (query.nextToken !== null) {
		token = decodeToken(query.nextToken, seed);
		if (!token || token.query !== fingerprint) throw invalidToken();
	}
	const asOf = token?.asOf ?? now;
	const end = token?.end ?? (query.rawEnd === null ? now : query.rawEnd * 1000);
	const start = token?.start ?? (query.rawStart === null ? now - RETENTION_MS : query.rawStart * 1000);
	if (start > end) throw new SimError('InvalidTimeRangeException', 'Start time must be earlier than end time.');
	if (query.category === 'insight') return {Events: []};

	const page: SimEvent[] = [];
	let more = false;
	const cursor = token ? {eventTime: token.lastTime, eventId: token.lastId} : null;
	const top = cursor ? Math.min(end, cursor.eventTime) : end;
	store.scan(Math.max(start, now - RETENTION_MS), top, asOf, event => {
		if (cursor && compareNewestFirst(cursor, event) >= 0) return true;
		if (!matches(event, query.attribute)) return true;
		if (page.length === query.maxResults) {
			more = true;
			return false;
		}
		page.push(event);
		return true;
	});
	const response: Record<string, unknown> = {Events: page.map(toWire)};
	const last = page[page.length - 1];
	if (more && last) {
		response['NextToken'] = encodeToken(
			{query: fingerprint, asOf, start, end, lastTime: last.eventTime, lastId: last.eventId},
			seed,
		);
	}
	return response;
}
