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
};

export type LookupPage = {readonly events: readonly TrailEvent[]; readonly nextToken: string | null};

/** One LookupEvents request filtered to EventSource=iot.amazonaws.com (newest first). */
export async function lookupIotPage(
	client: CloudTrailClient,
	request: LookupPageRequest,
	signal?: AbortSignal,
): Promise<LookupPage> {
	const answer = await client.send(
		new LookupEventsCommand({
			LookupAttributes: [{AttributeKey: 'EventSource', AttributeValue: IOT_EVENT_SOURCE}],
			StartTime: new Date(request.start),
			EndTime: new Date(request.end),
			MaxResults: request.maxResults ?? 50,
			NextToken: request.nextToken,
		}),
		{abortSignal: signal},
	);
	const events: TrailEvent[] = [];
	for (const raw of answer.Events ?? []) {
		const event = decodeEvent(raw);
		if (event) events.push(event);
	}
	return {events, nextToken: answer.NextToken ?? null};
}


/** Our fields are not cut here (ids must stay whole for de-duplication); display cuts them later. */
const text = (value: unknown): string | null => textOf(value, Infinity);

function parseRecord(raw: string | undefined): Json | undefined {
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

function readOnly(top: string | undefined, record: Json | undefined): boolean | null {
	return booleanOf(top ?? field(record, 'readOnly'));
}

/**
 * CloudTrail records are at most a few hundred KB, but a record is attacker-shaped text and we keep up to
 * 10,000 of them: anything beyond this is cut (the detail view then shows the text, not parsed JSON).
 */
export const MAX_RAW_CHARS = 256 * 1024;

// One per process: its dictionary learns from the account's first records (source/trail/packed-record.ts).
const packer = new RecordPacker();

function keepRaw(raw: string | undefined): RecordText {
	if (!raw) return '';
	return packer.pack(raw.length > MAX_RAW_CHARS ? `${raw.slice(0, MAX_RAW_CHARS)}… [record cut at ${MAX_RAW_CHARS} characters]` : raw);
}

/** Decodes one LookupEvents Event; null only when it has no EventId (it could not be deduplicated). */
export function decodeEvent(event: Event): TrailEvent | null {
	const record = parseRecord(event.CloudTrailEvent);
	const eventId = text(event.EventId) ?? text(field(record, 'eventID'));
	if (!eventId) return null;
	const identity = asObject(field(record, 'userIdentity'));
	const issuer = asObject(field(asObject(field(identity, 'sessionContext')), 'sessionIssuer'));
	const recordTime = Date.parse(text(field(record, 'eventTime')) ?? '');
	const eventTime = event.EventTime?.getTime() ?? (Number.isFinite(recordTime) ? recordTime : 0);
	const resources = (event.Resources ?? []).map(r => ({type: text(r.ResourceType), name: text(r.ResourceName)}));
	return {
		eventId,
		eventTime,
		eventName: text(event.EventName) ?? text(field(record, 'eventName')) ?? '(unknown)',
		eventSource: text(event.EventSource) ?? text(field(record, 'eventSource')) ?? '',
		username:
			text(event.Username) ??
			text(field(identity, 'userName')) ??
			text(field(issuer, 'userName')) ??
			text(field(identity, 'invokedBy')) ??
			null,
		identityType: identityType(field(identity, 'type')),
		readOnly: readOnly(event.ReadOnly, record),
		errorCode: text(field(record, 'errorCode')),
		sourceIp: text(field(record, 'sourceIPAddress')),
		awsRegion: text(field(record, 'awsRegion')),
		resources,
		raw: keepRaw(event.CloudTrailEvent),
		late: false,
	};
}
