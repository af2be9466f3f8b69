process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import assert from 'node:assert/strict';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {CloudTrailClient, LookupEventsCommand} from '@aws-sdk/client-cloudtrail';
import {GetMetricDataCommand, ListMetricsCommand, PutMetricDataCommand} from '@aws-sdk/client-cloudwatch';
import {type Simulator, startSimulator} from '../../source/simulator/server.js';
import {HOUR, NOW, cloudWatch, post, rejection, statQuery} from './helpers.js';

const metricData = () =>
	new GetMetricDataCommand({
		StartTime: new Date(NOW - HOUR),
		EndTime: new Date(NOW),
		MetricDataQueries: [statQuery('m', 'PublishIn.Success')],
	});

function cloudTrail(sim: Simulator, maxAttempts = 1): CloudTrailClient {
	return new CloudTrailClient({
		region: 'us-east-1',
		endpoint: sim.url,
		credentials: {accessKeyId: 'test', secretAccessKey: 'test'},
		maxAttempts,
	});
}

const status = (error: Record<string, unknown>) => (error['$metadata'] as {httpStatusCode?: number}).httpStatusCode;

describe('simulator server', () => {
	let sim: Simulator;
	beforeEach(async () => {
		sim = await startSimulator({now: () => NOW, quiet: true});
	});
	afterEach(() => sim.close());

	test('listens on 127.0.0.1 with a random port and records startedAt', () => {
		assert.match(sim.url, /^http:\/\/127\.0\.0\.1:\d+$/);
		assert.ok(sim.port > 0);
		assert.equal(sim.startedAt, NOW);
	});

	test('injected CloudWatch faults surface with the SDK error names real CloudWatch gives', async () => {
		const cw = cloudWatch(sim);
		const cases: Array<[Parameters<Simulator['injectFault']>[0]['kind'], string, number]> = [
			['throttle', 'Throttling', 400],
			['access-denied', 'AccessDenied', 403],
			['expired-token', 'ExpiredToken', 403],
			['internal-error', 'InternalServiceFault', 500],
			['unavailable', 'ServiceUnavailable', 503],
		];
		for (const [kind, name, code] of cases) {
			sim.injectFault({service: 'cloudwatch', kind});
			const error = await rejection(cw.send(metricData()));
			assert.equal(error.name, name, kind);
			assert.equal(status(error), code, kind);
			if (kind === 'throttle') assert.equal(error.message, 'Rate exceeded');
			if (kind === 'access-denied') {
				assert.equal(
					error.message,
					'User: arn:aws:iam::123456789012:user/demo is not authorized to perform: cloudwatch:GetMetricData because no identity-based policy allows the cloudwatch:GetMetricData action',
				);
			}
		}
		// Each fault was consumed once: the next call works.
		const output = await cw.send(metricData());
		assert.equal(output.MetricDataResults?.[0]?.Values?.length, 60);
		assert.equal(sim.requestCounts()['GetMetricData'], cases.length + 1);
	});

	test('malformed JSON and delays', async () => {
		const cw = cloudWatch(sim);
		sim.injectFault({service: 'cloudwatch', kind: 'malformed-json'});
		const malformed = await rejection(cw.send(metricData()));
		assert.equal(malformed.name, 'SyntaxError');
		sim.injectFault({service: 'cloudwatch', kind: 'delay', delayMs: 150});
		const started = performance.now();
		const output = await cw.send(metricData());
		assert.ok(performance.now() - started >= 140, 'answer waited for the delay');
		assert.equal(output.MetricDataResults?.[0]?.StatusCode, 'Complete');
	});

	test('faults can target one operation and repeat', async () => {
		const cw = cloudWatch(sim);
		sim.injectFault({service: 'cloudwatch', operation: 'ListMetrics', kind: 'access-denied', times: Number.POSITIVE_INFINITY});
		for (let i = 0; i < 3; i++) assert.equal((await rejection(cw.send(new ListMetricsCommand({})))).name, 'AccessDenied');
		assert.equal((await cw.send(metricData())).MetricDataResults?.length, 1);
		sim.injectFault({service: 'cloudwatch', kind: 'throttle', times: 2});
		assert.equal((await rejection(cw.send(metricData()))).name, 'Throttling');
		assert.equal((await rejection(cw.send(metricData()))).name, 'Throttling');
		assert.equal((await cw.send(metricData())).MetricDataResults?.length, 1);
	});

	test("the SDK's default retry recovers from one injected throttle, and both attempts are counted", async () => {
		const cw = cloudWatch(sim, null);
		sim.injectFault({service: 'cloudwatch', operation: 'GetMetricData', kind: 'throttle'});
		const output = await cw.send(metricData());
		assert.equal(output.$metadata.attempts, 2);
		assert.equal(sim.requestCounts()['GetMetricData'], 2);
		assert.deepEqual(
			sim.requestLog().map(entry => entry.operation),
			['GetMetricData', 'GetMetricData'],
		);
	});

	test('CloudTrail: the SDK (short target) and the long target form both reach LookupEvents', async () => {
		const output = await cloudTrail(sim).send(new LookupEventsCommand({MaxResults: 5}));
		assert.ok(Array.isArray(output.Events));
		const long = await post(sim, 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents', '{"MaxResults":5}');
		assert.equal(long.status, 200);
		assert.equal(long.headers.get('content-type'), 'application/x-amz-json-1.1');
		assert.ok(Array.isArray(long.json['Events']));
		assert.equal(sim.requestCounts()['LookupEvents'], 2);
	});

	test('CloudTrail faults use the *Exception names', async t => {
		const fast = await startSimulator({now: () => NOW, quiet: true, lookupEventsTps: 100});
		t.after(() => fast.close());
		const ct = cloudTrail(fast);
		const cases: Array<[Parameters<Simulator['injectFault']>[0]['kind'], string]> = [
			['throttle', 'ThrottlingException'],
			['access-denied', 'AccessDeniedException'],
			['expired-token', 'ExpiredTokenException'],
		];
		for (const [kind, name] of cases) {
			fast.injectFault({service: 'cloudtrail', kind});
			const error = await rejection(ct.send(new LookupEventsCommand({})));
			assert.equal(error.name, name, kind);
			if (kind === 'access-denied') assert.match(error.message, /not authorized to perform: cloudtrail:LookupEvents/);
		}
	});

	test('credential and access faults in both spellings, on the wire as AWS sends them', async t => {
		const fast = await startSimulator({now: () => NOW, quiet: true, lookupEventsTps: 100});
		t.after(() => fast.close());
		const cw = cloudWatch(fast);
		const ct = cloudTrail(fast);
		const cases: Array<[Parameters<Simulator['injectFault']>[0]['kind'], string, number, string, number]> = [
			['access-denied-no-action', 'AccessDenied', 403, 'AccessDeniedException', 400],
			['invalid-token', 'InvalidClientTokenId', 403, 'UnrecognizedClientException', 400],
			['bad-signature', 'SignatureDoesNotMatch', 403, 'InvalidSignatureException', 400],
			['expired-token', 'ExpiredToken', 403, 'ExpiredTokenException', 403],
		];
		for (const [kind, cwName, cwStatus, ctName, ctStatus] of cases) {
			fast.injectFault({service: 'cloudwatch', kind});
			fast.injectFault({service: 'cloudtrail', kind});
			const cwError = await rejection(cw.send(metricData()));
			const ctError = await rejection(ct.send(new LookupEventsCommand({})));
			assert.deepEqual([cwError.name, status(cwError), ctError.name, status(ctError)], [cwName, cwStatus, ctName, ctStatus], kind);
			if (kind === 'access-denied-no-action') {
				for (const error of [cwError, ctError]) assert.doesNotMatch(String(error.message), /perform: \w+:\w+/, 'names no action');
			}
		}
		// CloudWatch's query-compatible code travels in x-amzn-query-error.
		fast.injectFault({service: 'cloudwatch', kind: 'invalid-token'});
		const raw = await post(fast, 'GraniteServiceVersion20100801.ListMetrics', '{}');
		assert.equal(raw.headers.get('x-amzn-query-error'), 'InvalidClientTokenId;Sender');
	});

	test('connection-reset drops the connection without an answer; the SDK retries it like AWS would', async () => {
		sim.injectFault({service: 'cloudwatch', operation: 'GetMetricData', kind: 'connection-reset'});
		const once = await rejection(cloudWatch(sim).send(metricData()));
		assert.equal(once.code, 'ECONNRESET');
		sim.injectFault({service: 'cloudwatch', operation: 'GetMetricData', kind: 'connection-reset', times: 2});
		const output = await cloudWatch(sim, null).send(metricData());
		assert.equal(output.$metadata.attempts, 3);
		assert.equal(sim.requestCounts()['GetMetricData'], 4);
	});

	test('LookupEvents is rate-limited to 2 per rolling second across clients; throttled calls still count', async () => {
		const calls = await Promise.all(
			[0, 1, 2].map(() => post(sim, 'CloudTrail_20131101.LookupEvents', '{"MaxResults":1}')),
		);
		const statuses = calls.map(call => call.status).sort();
		assert.deepEqual(statuses, [200, 200, 400]);
		const throttled = calls.find(call => call.status === 400);
		assert.deepEqual(throttled?.json, {__type: 'ThrottlingException', Message: 'Rate exceeded'});
		assert.equal(sim.requestCounts()['LookupEvents'], 3);
		const error = await rejection(cloudTrail(sim).send(new LookupEventsCommand({})));
		assert.equal(error.name, 'ThrottlingException');
	});

	test('unknown operations and malformed bodies', async () => {
		const unknown = await rejection(cloudWatch(sim).send(new PutMetricDataCommand({Namespace: 'X', MetricData: []})));
		assert.equal(unknown.name, 'UnknownOperationException');
		assert.equal(status(unknown), 400);
		const foreign = await post(sim, 'DynamoDB_20120810.GetItem', '{}');
		assert.equal(foreign.status, 400);
		assert.equal(foreign.json['__type'], 'UnknownOperationException');
		const broken = await post(sim, 'GraniteServiceVersion20100801.ListMetrics', '{"Namespace":');
		assert.equal(broken.status, 400);
		assert.equal(broken.json['__type'], 'com.amazonaws.cloudwatch#SerializationException');
		assert.equal(broken.headers.get('x-amzn-query-error'), 'SerializationException;Sender');
		assert.deepEqual(sim.requestCounts(), {PutMetricData: 1, GetItem: 1, ListMetrics: 1});
	});

	test('fault injection and stats over HTTP for out-of-process use', async () => {
		const fault = await fetch(`${sim.url}/_sim/faults`, {
			method: 'POST',
			body: JSON.stringify({service: 'cloudwatch', operation: 'GetMetricData', kind: 'expired-token', times: 'Infinity'}),
		});
		assert.equal(fault.status, 200);
		const bad = await fetch(`${sim.url}/_sim/faults`, {method: 'POST', body: JSON.stringify({service: 'ec2', kind: 'throttle'})});
		assert.equal(bad.status, 400);
		const cw = cloudWatch(sim);
		assert.equal((await rejection(cw.send(metricData()))).name, 'ExpiredToken');
		assert.equal((await rejection(cw.send(metricData()))).name, 'ExpiredToken');
		const stats = (await (await fetch(`${sim.url}/_sim/stats`)).json()) as Record<string, number>;
		assert.deepEqual(stats, {GetMetricData: 2});
		// A chaos phase ends by clearing every fault, however many uses it had left.
		assert.equal((await fetch(`${sim.url}/_sim/faults`, {method: 'DELETE'})).status, 200);
		assert.equal(typeof (await cw.send(metricData())).MetricDataResults, 'object');
		const improbable = await fetch(`${sim.url}/_sim/faults`, {method: 'POST', body: JSON.stringify({service: 'cloudwatch', kind: 'throttle', probability: 0})});
		assert.equal(improbable.status, 400);
	});
});
