process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {
	CloudTrailClient,
	LookupEventsCommand,
	paginateLookupEvents,
	type LookupEventsCommandInput,
	type Event as TrailWireEvent,
} from '@aws-sdk/client-cloudtrail';
import {createCloudTrailService} from '../../source/simulator/cloudtrail/service.js';
import {type Simulator, startSimulator} from '../../source/simulator/server.js';

const NOW = Date.UTC(2026, 2, 10, 14, 0, 0);
const HOUR = 3_600_000;
const SEED = 9;

function client(sim: Simulator): CloudTrailClient {
	return new CloudTrailClient({
		region: 'us-east-1',
		endpoint: sim.url,
		credentials: {accessKeyId: 'test', secretAccessKey: 'test'},
		maxAttempts: 1,
	});
}

async function rejection(promise: Promise<unknown>): Promise<Error & {$metadata?: {httpStatusCode?: number}}> {
	try {
		await promise;
	} catch (error) {
		assert.ok(error instanceof Error);
		return error;
	}
	assert.fail('expected the call to fail');
}

// A fresh object per call: paginateLookupEvents writes NextToken and MaxResults into its input.
const lastHourIot = (): LookupEventsCommandInput => ({
	StartTime: new Date(NOW - HOUR),
	EndTime: new Date(NOW),
	LookupAttributes: [{AttributeKey: 'EventSource', AttributeValue: 'iot.amazonaws.com'}],
});

describe('CloudTrail LookupEvents through the real SDK', () => {
	let sim: Simulator;
	let ct: CloudTrailClient;
	before(async () => {
		// Paging makes several calls in a row: lift the 2-per-second limit here (tested separately below).
		sim = await startSimulator({now: () => NOW, seed: SEED, quiet: true, lookupEventsTps: 1000});
		ct = client(sim);
	});
	after(() => sim.close());

	it('pages with paginateLookupEvents, every event once, same as the service', async () => {
		const events: TrailWireEvent[] = [];
		for await (const page of paginateLookupEvents({client: ct, pageSize: 50}, lastHourIot())) {
			events.push(...(page.Events ?? []));
		}
		const ids = events.map(event => event.EventId);
		assert.ok(events.length > 200, `got ${events.length}`);
		assert.equal(new Set(ids).size, ids.length);
		const direct = createCloudTrailService({seed: SEED, now: () => NOW, startedAt: NOW, quiet: true});
		const expected: string[] = [];
		let token: string | undefined;
		do {
			const page = direct.handle('LookupEvents', {StartTime: (NOW - HOUR) / 1000, EndTime: NOW / 1000,
				LookupAttributes: lastHourIot().LookupAttributes, NextToken: token}, NOW) as {Events: Array<{EventId: string}>; NextToken?: string};
			expected.push(...page.Events.map(event => event.EventId));
			token = page.NextToken;
		} while (token);
		assert.deepEqual(ids, expected);
	});

	it('decodes ReadOnly as a string, EventTime as a Date and CloudTrailEvent as JSON text', async () => {
		const output = await ct.send(new LookupEventsCommand({...lastHourIot(), MaxResults: 10}));
		assert.equal(output.Events?.length, 10);
		assert.equal(typeof output.NextToken, 'string');
		for (const event of output.Events ?? []) {
			assert.equal(event.ReadOnly, 'false');
			assert.ok(event.EventTime instanceof Date);
			const record = JSON.parse(event.CloudTrailEvent ?? '') as {eventTime: string; eventID: string};
			assert.equal(event.EventTime.getTime(), Date.parse(record.eventTime));
			assert.equal(record.eventID, event.EventId);
			assert.ok(Array.isArray(event.Resources));
		}
		const reads = await ct.send(new LookupEventsCommand({MaxResults: 5, LookupAttributes: [{AttributeKey: 'ReadOnly', AttributeValue: 'true'}]}));
		assert.ok((reads.Events ?? []).every(event => event.ReadOnly === 'true'));
	});

	it('raises the modeled exceptions by name', async () => {
		const cases: Array<[LookupEventsCommandInput, string]> = [
			[{LookupAttributes: [
				{AttributeKey: 'EventSource', AttributeValue: 'iot.amazonaws.com'},
				{AttributeKey: 'EventName', AttributeValue: 'CreateThing'},
			]}, 'InvalidLookupAttributesException'],
			[{MaxResults: 51}, 'InvalidMaxResultsException'],
			[{StartTime: new Date(NOW), EndTime: new Date(NOW - 1000)}, 'InvalidTimeRangeException'],
			[{NextToken: 'not-a-token'}, 'InvalidNextTokenException'],
			[{EventCategory: 'management' as 'insight'}, 'InvalidEventCategoryException'],
		];
		for (const [input, name] of cases) {
			const error = await rejection(ct.send(new LookupEventsCommand(input)));
			assert.equal(error.name, name);
			assert.equal(error.$metadata?.httpStatusCode, 400);
		}
		const first = await ct.send(new LookupEventsCommand({...lastHourIot(), MaxResults: 5}));
		const changed = {...lastHourIot(), StartTime: new Date(NOW - 2 * HOUR), NextToken: first.NextToken};
		assert.equal((await rejection(ct.send(new LookupEventsCommand(changed)))).name, 'InvalidNextTokenException');
	});
});

describe('CloudTrail LookupEvents rate limit through the SDK', () => {
	it('throttles a third request within the same second', async t => {
		const sim = await startSimulator({now: () => NOW, seed: SEED, quiet: true});
		t.after(() => sim.close());
		const ct = client(sim);
		const results = await Promise.allSettled([0, 1, 2, 3].map(() => ct.send(new LookupEventsCommand({MaxResults: 1}))));
		const failures = results.flatMap(result => (result.status === 'rejected' ? [result.reason as Error] : []));
		assert.ok(results.filter(result => result.status === 'fulfilled').length <= 2);
		assert.ok(failures.length >= 2);
		for (const failure of failures) assert.equal(failure.name, 'ThrottlingException');
	});
});
