/**
 * CloudTrail side: one LookupEvents page for the AWS IoT control plane, decoded defensively into our own
 * TrailEvent. Pacing, overlap and dedupe live in source/monitor/trail-tail.ts.
 */
import {LookupEventsCommand, type CloudTrailClient, type Event} from '@aws-sdk/client-cloudtrail';
import {IDENTITY_TYPES, type IdentityType, type TrailEvent} from '../types.js';
import {asObject, booleanOf, field, textOf, type Json} from '../trail/record.js';
import {RecordPacker, type RecordText} from '../trail/packed-record.js';

export const IOT_EVENT_SOURCE = 'iot.amazonaws.com';

export type LookupPageRequest = {
	/** Inclusive, epoch ms. */
	readonly start: number;
	/** Inclusive, epoch ms. */
	readonly end: number;
	readonly nextToken?: string;
	readonly maxResults?: number;
	/**
	 * Ids of events the caller already holds: such an event is left out of the page without being
	 * decoded (its record parsed and packed), and only its time is kept (LookupPage.knownOldest). A tail
	 * re-reads 15-20 minutes of overlap every poll, almost all of it known.
	 */
	readonly known?: KnownIds;
};

/** Event ids a caller holds (a Set, or a Map keyed by id). */
export type KnownIds = {has(id: string): boolean; readonly size: number};

export type LookupPage = {
	readonly events: readonly TrailEvent[];
	readonly nextToken: string | null;
	/**
	 * Parts of the answer that could not be used and were skipped: events without an id or a readable time
	 * (or outside the requested window), anything in Events that is not an event, an Events that is not a
	 * list, a NextToken that is not text. The rest of the page is kept.
	 */
	readonly skipped: number;
	/** The oldest EventTime among the events left out as known (LookupPageRequest.known); absent when none were. */
	readonly knownOldest?: number;
};

/** How far outside the requested window an EventTime may be before the event is taken as malformed. */
export const WINDOW_SLACK_MS = 60_000;

/** One LookupEvents request filtered to EventSource=iot.amazonaws.com (newest first). */
export async function lookupIotPage(
	client: CloudTrailClient,
	request: LookupPageRequest,
	signal?: AbortSignal,
): Promise<LookupPage> {
	const answer: unknown = await client.send(
		new LookupEventsCommand({
			LookupAttributes: [{AttributeKey: 'EventSource', AttributeValue: IOT_EVENT_SOURCE}],
			StartTime: new Date(request.start),
			EndTime: new Date(request.end),
			MaxResults: request.maxResults ?? 50,
			NextToken: request.nextToken,
		}),
		{abortSignal: signal},
	);
	return decodePage(answer, request, request.known);
}

/**
 * Decodes a LookupEvents answer as the SDK hands it over. The SDK passes most JSON through unchecked
 * (null items, strings for lists, objects for strings), so every part is checked here; one bad event
 * costs only itself. Never throws.
 */
export function decodePage(
	answer: unknown,
	window?: {readonly start: number; readonly end: number},
	known?: KnownIds,
): LookupPage {
	const top = asObject(answer);
	const list = field(top, 'Events');
	let skipped = 0;
	let knownOldest = Infinity;
	const events: TrailEvent[] = [];
	const inWindow = (time: number): boolean => !window || (time >= window.start - WINDOW_SLACK_MS && time <= window.end + WINDOW_SLACK_MS);
	if (Array.isArray(list)) {
		for (const raw of list) {
			const seen = known === undefined ? null : knownTime(raw, known);
			if (seen !== null) {
				if (inWindow(seen)) knownOldest = Math.min(knownOldest, seen);
				else skipped++;
				continue;
			}
			const event = safeDecode(raw);
			if (event && inWindow(event.eventTime)) events.push(event);
			else skipped++;
		}
	} else if (list !== undefined && list !== null) skipped++;
	const token = field(top, 'NextToken');
	let nextToken: string | null = null;
	if (typeof token === 'string' && token !== '') nextToken = token;
	else if (token !== undefined && token !== null && token !== '') skipped++;
	return knownOldest === Infinity ? {events, nextToken, skipped} : {events, nextToken, skipped, knownOldest};
}

/** The EventTime of an event whose EventId is in `known` (both read from LookupEvents' own fields), else null. */
function knownTime(raw: unknown, known: KnownIds): number | null {
	const event = asObject(raw);
	const id = event?.['EventId'];
	return typeof id === 'string' && known.has(id) ? timeOf(event?.['EventTime']) : null;
}

function safeDecode(raw: unknown): TrailEvent | null {
	try {
		return decodeEvent(raw);
	} catch {
		return null; // decodeEvent is written not to throw; this is the boundary should it ever
	}
}

/** Our fields are not cut here (ids must stay whole for de-duplication); display cuts them later. */
const text = (value: unknown): string | null => textOf(value, Infinity);

/**
 * One copy of each short text that events repeat (names, sources, users, IPs, regions, error codes,
 * resources): a buffer of 50,000 events would otherwise hold 50,000 copies of "us-east-1". Bounded: the
 * table starts over when full, which only costs the sharing.
 */
const shared = new Map<string, string>();
const SHARED_MAX = 8192;
const SHARED_MAX_LENGTH = 256;

function sharedText(value: unknown): string | null {
	const found = text(value);
	if (found === null || found.length > SHARED_MAX_LENGTH) return found;
	const kept = shared.get(found);
	if (kept !== undefined) return kept;
	if (shared.size >= SHARED_MAX) shared.clear();
	shared.set(found, found);
	return found;
}

function parseRecord(raw: string | null): Json | undefined {
	if (!raw) return undefined;
	try {
		// Parsed whatever its size (unlike the detail view), so the list shows its fields once; raw is cut after.
		return asObject(JSON.parse(raw));
	} catch {
		return undefined; // shown from the top-level LookupEvents fields alone
	}
}

function identityType(value: unknown): IdentityType {
	const name = text(value)?.toLowerCase();
	return IDENTITY_TYPES.find(type => type.toLowerCase() === name) ?? 'Unknown';
}

function readOnly(top: unknown, record: Json | undefined): boolean | null {
	return booleanOf(top) ?? booleanOf(field(record, 'readOnly'));
}

/**
 * CloudTrail records are at most a few hundred KB, but a record is attacker-shaped text and we keep up to
 * 10,000 of them: anything beyond this is cut (the detail view then shows the text, not parsed JSON).
 */
export const MAX_RAW_CHARS = 256 * 1024;

// One per process: its dictionary learns from the account's first records (source/trail/packed-record.ts).
const packer = new RecordPacker();

function keepRaw(raw: string | null): RecordText {
	if (!raw) return '';
	return packer.pack(raw.length > MAX_RAW_CHARS ? `${raw.slice(0, MAX_RAW_CHARS)}… [record cut at ${MAX_RAW_CHARS} characters]` : raw);
}

/** The latest moment a Date can hold (year 275760); anything past it is not a time. */
const MAX_DATE_MS = 8.64e15;

/** Epoch ms from a Date (the SDK's EventTime) or an ISO string (the record's eventTime); null if unusable. */
export function timeOf(value: unknown): number | null {
	let ms = Number.NaN;
	if (value instanceof Date) ms = value.getTime();
	else if (typeof value === 'string' && value.length <= 64) ms = Date.parse(value);
	return Number.isFinite(ms) && ms > 0 && ms <= MAX_DATE_MS ? ms : null;
}

function resourcesOf(value: unknown): TrailEvent['resources'] {
	if (!Array.isArray(value)) return [];
	const out: Array<{type: string | null; name: string | null}> = [];
	for (const item of value.slice(0, 100)) {
		const resource = asObject(item);
		if (!resource) continue;
		const type = sharedText(field(resource, 'ResourceType'));
		const name = sharedText(field(resource, 'ResourceName'));
		if (type !== null || name !== null) out.push({type, name});
	}
	// A copy of exactly its length: an array grown by push keeps room for 17 (~150 bytes an event).
	return out.slice();
}

/**
 * Decodes one LookupEvents Event (any value at all: the SDK does not check types); null when it is not
 * an object, or has no EventId (it could not be deduplicated) or no readable time (it could not be
 * placed). Fields of the wrong type are treated as absent. Never throws.
 */
export function decodeEvent(value: Event | unknown): TrailEvent | null {
	const event = asObject(value);
	if (!event) return null;
	const rawText = typeof event['CloudTrailEvent'] === 'string' ? event['CloudTrailEvent'] : null;
	const record = parseRecord(rawText);
	const eventId = text(event['EventId']) ?? text(field(record, 'eventID'));
	if (!eventId) return null;
	const eventTime = timeOf(event['EventTime']) ?? timeOf(field(record, 'eventTime'));
	if (eventTime === null) return null;
	const identity = asObject(field(record, 'userIdentity'));
	const issuer = asObject(field(asObject(field(identity, 'sessionContext')), 'sessionIssuer'));
	return {
		eventId,
		eventTime,
		eventName: sharedText(event['EventName']) ?? sharedText(field(record, 'eventName')) ?? '(unknown)',
		eventSource: sharedText(event['EventSource']) ?? sharedText(field(record, 'eventSource')) ?? '',
		username:
			sharedText(event['Username']) ??
			sharedText(field(identity, 'userName')) ??
			sharedText(field(issuer, 'userName')) ??
			sharedText(field(identity, 'invokedBy')) ??
			null,
		identityType: identityType(field(identity, 'type')),
		readOnly: readOnly(event['ReadOnly'], record),
		errorCode: sharedText(field(record, 'errorCode')),
		sourceIp: sharedText(field(record, 'sourceIPAddress')),
		awsRegion: sharedText(field(record, 'awsRegion')),
		resources: resourcesOf(event['Resources']),
		raw: keepRaw(rawText),
		late: false,
	};
}
