/**
 * filterIotLogPage through the real @aws-sdk/client-cloudwatch-logs client against the embedded endpoint:
 * a log event whose record the caller already holds is left out undecoded (only its time kept), one it
 * does not hold is decoded as before.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs';
import {filterIotLogPage, type LogEventMemo} from '../../source/aws/logs.js';
import {startSimulator} from '../../source/simulator/server.js';
import {BASE} from '../aws/helpers.js';
import {GROUP, PROD, STAGING} from './helpers.js';

const MINUTE = 60_000;

test('FilterLogEvents: records already held are left out of the page undecoded, their oldest time kept; the rest decoded as without a memo', async () => {
	const sim = await startSimulator({seed: 1, now: () => BASE, quiet: true, org: {linkedAccounts: [PROD, STAGING], trailRegions: ['us-east-1', 'eu-west-1']}});
	const client = new CloudWatchLogsClient({region: 'us-east-1', endpoint: sim.url, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}, maxAttempts: 1});
	const group = {identifier: GROUP, region: 'us-east-1'};
	const request = {start: BASE - 10 * MINUTE, end: BASE};
	try {
		const memo: LogEventMemo = new Map();
		const plain = await filterIotLogPage(client, group, request);
		const first = await filterIotLogPage(client, group, {...request, known: new Set()}, undefined, memo);
		assert.ok(plain.events.length > 10, `${plain.events.length} events`);
		assert.deepEqual(first.events, plain.events);
		assert.equal(first.knownOldest, undefined);
		assert.equal(memo.size, plain.events.length);
		// The caller holds the older half: those come back only as their oldest time.
		const half = Math.floor(plain.events.length / 2);
		const held = plain.events.slice(0, half);
		const second = await filterIotLogPage(client, group, {...request, known: new Set(held.map(e => e.eventId))}, undefined, memo);
		assert.deepEqual(second.events, plain.events.slice(half));
		assert.equal(second.knownOldest, Math.min(...held.map(e => e.eventTime)));
		assert.equal(second.skipped, plain.skipped);
		// Without a memo every record is decoded again, whatever the caller holds.
		const unmemo = await filterIotLogPage(client, group, {...request, known: new Set(held.map(e => e.eventId))});
		assert.deepEqual(unmemo.events, plain.events);
	} finally {
		client.destroy();
		await sim.close();
	}
});
