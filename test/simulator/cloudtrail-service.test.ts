import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {SimError} from '../../source/simulator/protocol.js';
import {createCloudTrailService} from '../../source/simulator/cloudtrail/service.js';

// Tuesday 2026-03-10 14:00 UTC: working hours, so the stream is busy.
const NOW = Date.UTC(2026, 2, 10, 14, 0, 0);
const HOUR = 3_600_000;

type WireEvent = {
	EventId: string;
	EventName: string;
	ReadOnly: string;
	AccessKeyId?: string;
	EventTime: number;
	EventSource: string;
	Username?: string;
	Resources: Array<{ResourceType: string; ResourceName: string}>;
	CloudTrailEvent: string;
};
type Page = {Events: WireEvent[]; NextToken?: string};
type Service = ReturnType<typeof createCloudTrailService>;
type Input = Record<string, unknown>;

const service = (seed = 7, quiet = true): Service =>
	createCloudTrailService({seed, now: () => NOW, startedAt: NOW, quiet});

const lookup = (svc: Service, input: Input, now = NOW): Page => svc.handle('LookupEvents', input, now) as Page;

const lastHour = (extra: Input = {}): Input => ({StartTime: (NOW - HOUR) / 1000, EndTime: NOW / 1000, ...extra});

/** Follows NextToken to the end; `clock` gives the server time for page n. */
function pageAll(svc: Service, input: Input, clock: (page: number) => number = () => NOW): WireEvent[] {
	const events: WireEvent[] = [];
	let token = typeof input['NextToken'] === 'string' ? input['NextToken'] : undefined;
	for (let page = 0; page < 1000; page++) {
		const result = lookup(svc, {...input, NextToken: token}, clock(page));
		events.push(...result.Events);
		token = result.NextToken;
		if (token === undefined) return events;
	}
	throw new Error('paging did not end');
}

function rejects(fn: () => unknown, code: string): void {
	assert.throws(fn, (error: unknown) => {
		assert.ok(error instanceof SimError, `expected SimError, got ${String(error)}`);
		assert.equal(error.code, code);
		assert.equal(error.status, 400);
		return true;
	});
}

const ids = (events: readonly WireEvent[]): string[] => events.map(event => event.EventId);
const attr = (key: string, value: string): Input => ({LookupAttributes: [{AttributeKey: key, AttributeValue: value}]});

describe('CloudTrail LookupEvents: parameters', () => {
	const svc = service();

	it('rejects unknown operations', () => {
		rejects(() => svc.handle('DescribeTrails', {}, NOW), 'UnknownOperationException');
	});

	it('returns at most 50 events by default and honours MaxResults 1..50', () => {
		assert.equal(lookup(svc, lastHour()).Events.length, 50);
		const one = lookup(svc, lastHour({MaxResults: 1}));
		assert.equal(one.Events.length, 1);
		assert.equal(typeof one.NextToken, 'string');
		assert.equal(lookup(svc, lastHour({MaxResults: 50})).Events.length, 50);
		for (const bad of [0, 51, -1, 2.5, '10', true]) {
			rejects(() => lookup(svc, lastHour({MaxResults: bad})), 'InvalidMaxResultsException');
		}
	});

	it('accepts one lookup attribute at most, from the documented keys', () => {
		const two = {
			LookupAttributes: [
				{AttributeKey: 'EventSource', AttributeValue: 'iot.amazonaws.com'},
				{AttributeKey: 'EventName', AttributeValue: 'CreateThing'},
			],
		};
		rejects(() => lookup(svc, lastHour(two)), 'InvalidLookupAttributesException');
		rejects(() => lookup(svc, lastHour(attr('ErrorCode', 'AccessDenied'))), 'InvalidLookupAttributesException');
		rejects(() => lookup(svc, lastHour(attr('EventName', ''))), 'InvalidLookupAttributesException');
		rejects(() => lookup(svc, lastHour({LookupAttributes: 'EventName'})), 'InvalidLookupAttributesException');
		assert.equal(lookup(svc, lastHour({LookupAttributes: []})).Events.length, 50);
	});

	it('rejects a start after the end, and event categories other than insight', () => {
		rejects(() => lookup(svc, {StartTime: NOW / 1000, EndTime: NOW / 1000 - 1}), 'InvalidTimeRangeException');
		rejects(() => lookup(svc, lastHour({EventCategory: 'management'})), 'InvalidEventCategoryException');
		assert.deepEqual(lookup(svc, lastHour({EventCategory: 'insight'})), {Events: []});
	});

	it('treats StartTime and EndTime as inclusive', () => {
		const probe = service(11);
		const start = NOW - 30 * 60_000;
		const end = NOW - 10 * 60_000;
		probe.injectEvents([
			{eventTime: start - 1, eventName: 'BoundaryProbe', eventId: 'before-start'},
			{eventTime: start, eventName: 'BoundaryProbe', eventId: 'at-start'},
			{eventTime: end, eventName: 'BoundaryProbe', eventId: 'at-end'},
			{eventTime: end + 1, eventName: 'BoundaryProbe', eventId: 'after-end'},
		]);
		const page = lookup(probe, {StartTime: start / 1000, EndTime: end / 1000, ...attr('EventName', 'BoundaryProbe')});
		assert.deepEqual(ids(page.Events), ['at-end', 'at-start']);
		assert.equal(page.Events[0]?.EventTime, end / 1000);
	});

	it('defaults to the 90 days up to now', () => {
		const probe = service(12);
		probe.injectEvents([
			{eventTime: NOW - 89 * 24 * HOUR, eventName: 'OldProbe', eventId: 'old'},
			{eventTime: NOW - 91 * 24 * HOUR, eventName: 'OldProbe', eventId: 'too-old'},
			{eventTime: NOW + 1000, eventName: 'OldProbe', eventId: 'future'},
		]);
		assert.deepEqual(ids(lookup(probe, attr('EventName', 'OldProbe')).Events), ['old']);
	});
});

describe('CloudTrail LookupEvents: filtering and order', () => {
	const svc = service();
	const all = pageAll(svc, lastHour());
	const sample = (predicate: (event: WireEvent) => boolean): WireEvent => {
		const found = all.find(predicate);
		assert.ok(found, 'the hour holds a suitable event');
		return found;
	};
	const iot = sample(event => event.EventSource === 'iot.amazonaws.com' && event.Resources.length > 1);
	const user = sample(event => event.Username === 'bob');
	const cases: Array<[string, string, (event: WireEvent) => boolean]> = [
		['EventId', iot.EventId, event => event.EventId === iot.EventId],
		['EventName', 'AttachPolicy', event => event.EventName === 'AttachPolicy'],
		['ReadOnly', 'true', event => event.ReadOnly === 'true'],
		['Username', 'bob', event => event.Username === 'bob'],
		['ResourceType', 'AWS::IoT::Certificate', event => event.Resources.some(r => r.ResourceType === 'AWS::IoT::Certificate')],
		['ResourceName', iot.Resources[1]?.ResourceName ?? '', event => event.Resources.some(r => r.ResourceName === iot.Resources[1]?.ResourceName)],
		['EventSource', 'iot.amazonaws.com', event => event.EventSource === 'iot.amazonaws.com'],
		['AccessKeyId', user.AccessKeyId ?? '', event => event.AccessKeyId === user.AccessKeyId],
	];

	for (const [key, value, predicate] of cases) {
		it(`filters by ${key} with an exact match`, () => {
			const expected = all.filter(predicate);
			assert.ok(expected.length > 0 && expected.length < all.length, `${key}=${value} is selective`);
			assert.deepEqual(ids(pageAll(svc, lastHour(attr(key, value)))), ids(expected));
		});
	}

	it('EventSource=iot.amazonaws.com leaves out the other services', () => {
		const others = all.filter(event => event.EventSource !== 'iot.amazonaws.com');
		assert.ok(others.length > all.length * 0.2, 'about 30% of the stream is not IoT');
		const sources = new Set(others.map(event => event.EventSource));
		for (const source of ['ec2.amazonaws.com', 'sts.amazonaws.com', 'cloudwatch.amazonaws.com']) assert.ok(sources.has(source));
		const iotOnly = pageAll(svc, lastHour(attr('EventSource', 'iot.amazonaws.com')));
		assert.ok(iotOnly.every(event => event.EventSource === 'iot.amazonaws.com'));
		assert.equal(iotOnly.length, all.length - others.length);
	});

	it('returns events newest first, ties broken by EventId', () => {
		let ties = 0;
		for (let i = 1; i < all.length; i++) {
			const [a, b] = [all[i - 1], all[i]];
			assert.ok(a && b);
			assert.ok(a.EventTime > b.EventTime || (a.EventTime === b.EventTime && a.EventId > b.EventId), `order at ${i}`);
			if (a.EventTime === b.EventTime) ties++;
		}
		assert.ok(ties > 0, 'whole-second times produce ties');
	});
});

describe('CloudTrail LookupEvents: paging', () => {
	it('returns every event exactly once, whatever the page size', () => {
		const svc = service();
		const big = pageAll(svc, lastHour());
		const small = pageAll(svc, lastHour({MaxResults: 7}));
		assert.ok(big.length > 300);
		assert.deepEqual(ids(small), ids(big));
		assert.equal(new Set(ids(small)).size, small.length);
	});

	it('keeps a paging run stable while new events arrive', () => {
		const input = lastHour({MaxResults: 10, ...attr('EventSource', 'iot.amazonaws.com')});
		const reference = pageAll(service(), input);
		const svc = service();
		const first = lookup(svc, input);
		const firstTime = first.Events[0]?.EventTime ?? 0;
		const lastTime = first.Events.at(-1)?.EventTime ?? 0;
		// Newer events, and a late one older than the first page, all delivered after the run began.
		svc.injectEvents([
			{eventTime: NOW - 2000, deliveredAt: NOW + 60_000, eventName: 'CreateThing', eventId: 'fresh-1'},
			{eventTime: lastTime * 1000 - 1000, deliveredAt: NOW + 60_000, eventName: 'CreateThing', eventId: 'late-1'},
			{eventTime: firstTime * 1000 - 30 * 60_000, deliveredAt: NOW + 120_000, eventName: 'DeleteThing', eventId: 'late-2'},
		]);
		const rest = pageAll(svc, {...input, NextToken: first.NextToken}, page => NOW + (page + 1) * 45_000);
		const run = [...first.Events, ...rest];
		assert.deepEqual(ids(run), ids(reference), 'no repeats, no skips, nothing delivered after the run began');
		const fresh = ids(pageAll(svc, input, () => NOW + 5 * 60_000));
		for (const id of ['fresh-1', 'late-1', 'late-2']) assert.ok(fresh.includes(id), `${id} shows in a new run`);
		assert.ok(fresh.length > reference.length + 3, 'generated late deliveries arrived too');
	});

	it('accepts a token only with the same attribute and time range', () => {
		const svc = service();
		const input = lastHour({MaxResults: 5, ...attr('EventSource', 'iot.amazonaws.com')});
		const token = lookup(svc, input).NextToken;
		assert.ok(token);
		assert.equal(lookup(svc, {...input, MaxResults: 20, NextToken: token}).Events.length, 20, 'page size may change');
		const changed: Input[] = [
			{...input, ...attr('EventSource', 'ec2.amazonaws.com')},
			{...input, ...attr('EventName', 'iot.amazonaws.com')},
			{...input, LookupAttributes: []},
			{...input, StartTime: (NOW - 2 * HOUR) / 1000},
			{...input, EndTime: NOW / 1000 - 1},
			{MaxResults: 5, ...attr('EventSource', 'iot.amazonaws.com')},
		];
		for (const other of changed) rejects(() => lookup(svc, {...other, NextToken: token}), 'InvalidNextTokenException');
		const tampered = token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA');
		for (const bad of ['garbage', '', tampered, 'eyJ2IjoxfQ', 42]) {
			rejects(() => lookup(svc, {...input, NextToken: bad}), 'InvalidNextTokenException');
		}
		rejects(() => lookup(service(8), {...input, NextToken: token}), 'InvalidNextTokenException');
	});

	it('pins default time ranges in the token', () => {
		const svc = service();
		const input = {MaxResults: 50, ...attr('EventSource', 'iot.amazonaws.com')};
		const first = lookup(svc, input);
		const second = lookup(svc, {...input, NextToken: first.NextToken}, NOW + 10 * 60_000);
		assert.equal(second.Events.length, 50);
		assert.ok((second.Events[0]?.EventTime ?? Infinity) <= (first.Events.at(-1)?.EventTime ?? 0));
	});
});
