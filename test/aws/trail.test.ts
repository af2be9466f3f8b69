import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import type {Event} from '@aws-sdk/client-cloudtrail';
import {decodeEvent, lookupIotPage} from '../../source/aws/trail.js';
import {recordLength, recordText} from '../../source/trail/packed-record.js';
import {startRig, type Rig} from './helpers.js';

let rig: Rig;
before(async () => {
	rig = await startRig();
});
after(async () => rig.close());

test('LookupEvents through the real client: IoT only, newest first, decoded into our own shape', async () => {
	const now = rig.now();
	const page = await lookupIotPage(rig.clients.cloudtrail, {start: now - 3600_000, end: now});
	assert.ok(page.events.length > 0);
	assert.ok(page.events.every(e => e.eventSource === 'iot.amazonaws.com'));
	for (let i = 1; i < page.events.length; i++) {
		assert.ok(page.events[i - 1]!.eventTime >= page.events[i]!.eventTime, 'newest first');
	}
	const event = page.events[0]!;
	assert.equal(typeof event.eventTime, 'number');
	assert.ok(event.identityType !== 'Unknown');
	assert.ok(['boolean', 'object'].includes(typeof event.readOnly));
	assert.ok(!('CloudTrailEvent' in event), 'no SDK shape leaks');
});

test('decodeEvent: a record that is not JSON is still shown from the top-level fields', () => {
	const event = decodeEvent({
		EventId: 'e1',
		EventName: 'DeleteThing',
		EventSource: 'iot.amazonaws.com',
		EventTime: new Date(1_700_000_000_000),
		Username: 'alice',
		ReadOnly: 'false',
		CloudTrailEvent: '{"truncated": ',
	} satisfies Event);
	assert.equal(event?.eventName, 'DeleteThing');
	assert.equal(event?.username, 'alice');
	assert.equal(event?.readOnly, false);
	assert.equal(event?.identityType, 'Unknown');
});

test('decodeEvent: identity, error and IP come from the record, with odd casing and nulls tolerated', () => {
	const record = {
		eventID: 'e2',
		userIdentity: {Type: 'AssumedRole', sessionContext: {sessionIssuer: {userName: 'deploy-role'}}},
		errorCode: 'AccessDenied',
		sourceIPAddress: '203.0.113.9',
		requestParameters: null,
	};
	const event = decodeEvent({EventTime: new Date(1), CloudTrailEvent: JSON.stringify(record)});
	assert.equal(event?.eventId, 'e2');
	assert.equal(event?.identityType, 'AssumedRole');
	assert.equal(event?.username, 'deploy-role');
	assert.equal(event?.errorCode, 'AccessDenied');
	assert.equal(event?.sourceIp, '203.0.113.9');
});

test('decodeEvent: without any event id there is nothing to dedupe on, so it is skipped', () => {
	assert.equal(decodeEvent({EventName: 'CreateThing'}), null);
});

test('decodeEvent: a huge record is kept cut, and its fields are still read', () => {
	const record = JSON.stringify({eventID: 'big', errorCode: 'AccessDenied', requestParameters: {blob: 'x'.repeat(2_000_000)}});
	const event = decodeEvent({EventTime: new Date(1), CloudTrailEvent: record});
	assert.equal(event?.errorCode, 'AccessDenied');
	assert.ok(recordLength(event!.raw) < 300_000);
	assert.match(recordText(event!.raw), /record cut at/);
});

test('decodeEvent: any JSON value in any field, or as the event, never throws and yields our types or null', async () => {
	const {HOSTILE_VALUES} = await import('../../source/simulator/hostile.js');
	const good = {
		EventId: 'e1',
		EventName: 'DeleteThing',
		EventTime: new Date(1_700_000_000_000),
		EventSource: 'iot.amazonaws.com',
		Username: 'alice',
		ReadOnly: 'false',
		Resources: [{ResourceType: 'AWS::IoT::Thing', ResourceName: 'x'}],
		CloudTrailEvent: JSON.stringify({eventID: 'e1', eventTime: '2023-11-14T22:13:20Z', userIdentity: {type: 'IAMUser', userName: 'alice'}}),
	};
	const check = (value: unknown, what: string) => {
		const event = decodeEvent(value);
		if (event === null) return;
		assert.equal(typeof event.eventId, 'string', what);
		assert.ok(event.eventId.length > 0, what);
		assert.ok(Number.isFinite(event.eventTime) && event.eventTime > 0, what);
		for (const key of ['eventName', 'eventSource'] as const) assert.equal(typeof event[key], 'string', `${what}: ${key}`);
		for (const key of ['username', 'errorCode', 'sourceIp', 'awsRegion'] as const) {
			assert.ok(event[key] === null || typeof event[key] === 'string', `${what}: ${key}`);
		}
		assert.ok(event.readOnly === null || typeof event.readOnly === 'boolean', what);
		assert.ok(event.resources.every(r => (r.type === null || typeof r.type === 'string') && (r.name === null || typeof r.name === 'string')), what);
	};
	for (const value of HOSTILE_VALUES) {
		check(value, `event ${JSON.stringify(value)?.slice(0, 40)}`);
		for (const key of Object.keys(good)) check({...good, [key]: value}, `${key}=${JSON.stringify(value)?.slice(0, 40)}`);
		check({...good, Resources: [value]}, 'a resource');
		check({...good, Resources: [{ResourceType: value, ResourceName: value}]}, 'resource fields');
	}
	// The record's time stands in for an unreadable EventTime; neither readable: not placeable, skipped.
	assert.equal(decodeEvent({...good, EventTime: new Date(Number.NaN)})?.eventTime, Date.parse('2023-11-14T22:13:20Z'));
	assert.equal(decodeEvent({...good, EventTime: new Date(Number.NaN), CloudTrailEvent: '{}'}), null);
});

test('LookupEvents with known ids: those events are left out undecoded, the rest is the same, the oldest known time is kept', async () => {
	const now = rig.now();
	const request = {start: now - 3600_000, end: now};
	const full = await lookupIotPage(rig.clients.cloudtrail, request);
	assert.ok(full.events.length >= 3, 'a page with a few events');
	assert.equal(full.knownOldest, undefined, 'nothing known: nothing left out');
	const known = new Set(full.events.slice(1).map(event => event.eventId));
	await new Promise(resolve => setTimeout(resolve, 1100)); // the endpoint keeps LookupEvents' 2-per-second quota
	const page = await lookupIotPage(rig.clients.cloudtrail, {...request, known});
	assert.deepEqual(
		page.events.map(event => event.eventId),
		full.events.filter(event => !known.has(event.eventId)).map(event => event.eventId),
	);
	assert.equal(page.knownOldest, Math.min(...full.events.slice(1).map(event => event.eventTime)));
	assert.equal(page.skipped, full.skipped);
	assert.equal(page.nextToken === null, full.nextToken === null);
});
