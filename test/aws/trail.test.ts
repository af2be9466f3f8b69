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
