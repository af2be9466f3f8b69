/**
 * CloudWatch Logs side of fleet mode: the organization trail delivered to a log group. One log event is
 * one CloudTrail record; FilterLogEvents with a JSON filter pattern keeps the AWS IoT control plane, and
 * each record is placed in its scope by its own recipientAccountId and awsRegion. Decoded like a
 * LookupEvents event (source/aws/trail.ts), so the rest of the app sees the same TrailEvent.
 */
import {
	DescribeLogGroupsCommand,
	FilterLogEventsCommand,
	type CloudWatchLogsClient,
} from '@aws-sdk/client-cloudwatch-logs';
import type {ScopedEvent} from '../types.js';
import {asObject, field, textOf} from '../trail/record.js';
import {decodeEvent, IOT_EVENT_SOURCE, type LookupPageRequest} from './trail.js';

/** The pattern we send: only records of the AWS IoT control plane. */
export const IOT_FILTER_PATTERN = `{ $.eventSource = "${IOT_EVENT_SOURCE}" }`;

export type LogGroupRef = {
	/** What FilterLogEvents is given as logGroupIdentifier: the name, or the ARN (without a trailing :*). */
	readonly identifier: string;
	/** The region the group lives in (an ARN names it; a name is looked for in each watched region). */
	readonly region: string;
};

export type LogsPage = {readonly events: readonly ScopedEvent[]; readonly nextToken: string | null};

const ARN = /^arn:aws[\w-]*:logs:([a-z0-9-]+):(\d{12}):log-group:(.+?)(?::\*)?$/;

/** Reads a log group ARN: its region, account and name; null when the text is not one. */
export function parseLogGroupArn(text: string): {region: string; account: string; name: string} | null {
	const match = ARN.exec(text.trim());
	return match ? {region: match[1]!, account: match[2]!, name: match[3]!} : null;
}

/**
 * What a tail remembers of the log events it decoded: per CloudWatch Logs event id (unique and immutable
 * within a log group), the CloudTrail record's eventID and time. With it a log event the caller already
 * holds (LookupPageRequest.known) is left out of a page without its record being parsed and packed again:
 * a tail re-reads 15-20 minutes of overlap every poll, almost all of it known.
 */
export type LogEventMemo = Map<string, {readonly id: string; readonly t: number}>;

/** One FilterLogEvents page of IoT records (oldest first), decoded and placed in their scopes. */
export async function filterIotLogPage(
	client: CloudWatchLogsClient,
	group: LogGroupRef,
	request: LookupPageRequest,
	signal?: AbortSignal,
	memo?: LogEventMemo,
): Promise<{events: ScopedEvent[]; nextToken: string | null; skipped: number; knownOldest?: number}> {
	const answer = await client.send(
		new FilterLogEventsCommand({
			logGroupIdentifier: group.identifier,
			startTime: request.start,
			endTime: request.end,
			filterPattern: IOT_FILTER_PATTERN,
			nextToken: request.nextToken,
		}),
		{abortSignal: signal},
	);
	// Any JSON value may stand anywhere in an answer: a log event that is not a readable IoT record is
	// skipped and counted, the rest of the page is kept.
	const events: ScopedEvent[] = [];
	let skipped = 0;
	let knownOldest = Infinity;
	const {known} = request;
	for (const logEvent of Array.isArray(answer.events) ? answer.events : []) {
		const object = typeof logEvent === 'object' && logEvent !== null ? logEvent : null;
		const logId: unknown = object?.eventId;
		const remembered = memo && known && typeof logId === 'string' ? memo.get(logId) : undefined;
		if (remembered && known!.has(remembered.id)) {
			knownOldest = Math.min(knownOldest, remembered.t);
			continue;
		}
		const message: unknown = object?.message;
		const event = typeof message === 'string' ? decodeLogRecord(message) : null;
		if (event) {
			events.push(event);
			if (memo && typeof logId === 'string') memo.set(logId, {id: event.eventId, t: event.eventTime});
		} else skipped++;
	}
	// Forget the log events whose records the caller no longer holds (dropped past its window or its cap).
	if (memo && known && memo.size > 2 * known.size + 1000) {
		for (const [logId, entry] of memo) if (!known.has(entry.id)) memo.delete(logId);
	}
	const nextToken = typeof answer.nextToken === 'string' ? answer.nextToken : null;
	return knownOldest === Infinity ? {events, nextToken, skipped} : {events, nextToken, skipped, knownOldest};
}

/** One log event's message (a CloudTrail record) as a ScopedEvent; null when it is not a usable record. */
export function decodeLogRecord(message: string | undefined): ScopedEvent | null {
	if (!message) return null;
	let record;
	try {
		record = asObject(JSON.parse(message));
	} catch {
		return null;
	}
	if (!record) return null;
	const resources = field(record, 'resources');
	const event = decodeEvent({
		CloudTrailEvent: message,
		Resources: Array.isArray(resources)
			? resources.map(r => {
					const o = asObject(r);
					return {ResourceType: textOf(field(o, 'type'), Infinity) ?? undefined, ResourceName: textOf(field(o, 'ARN'), Infinity) ?? undefined};
				})
			: [],
	});
	if (!event) return null;
	const account = textOf(field(record, 'recipientAccountId'), Infinity);
	return {...event, account: account && /^\d{12}$/.test(account) ? account : null, region: event.awsRegion};
}

/**
 * Whether a log group of exactly this name exists in the client's region (DescribeLogGroups by prefix,
 * paged). Returns its ARN, or null when the region has none.
 */
export async function findLogGroup(client: CloudWatchLogsClient, name: string, signal?: AbortSignal): Promise<string | null> {
	let nextToken: string | undefined;
	do {
		const page = await client.send(new DescribeLogGroupsCommand({logGroupNamePrefix: name, nextToken}), {abortSignal: signal});
		for (const group of page.logGroups ?? []) {
			if (group.logGroupName === name) return group.logGroupArn ?? group.arn?.replace(/:\*$/, '') ?? name;
		}
		nextToken = page.nextToken;
	} while (nextToken);
	return null;
}
