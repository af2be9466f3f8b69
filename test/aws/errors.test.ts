/**
 * Every error class, as the real SDK clients raise it: injected faults of the embedded endpoint in each
 * service's own spelling, and real network failures (a closed port, names that do not resolve).
 */
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {createAwsClients, type AwsClients} from '../../source/aws/clients.js';
import {describeAwsError, isAwsRegionName, type DescribedError} from '../../source/aws/errors.js';
import {discoverSeries} from '../../source/aws/metric-discovery.js';
import {fetchWindow} from '../../source/aws/metrics.js';
import {lookupIotPage} from '../../source/aws/trail.js';
import type {FaultKind} from '../../source/simulator/server.js';
import {startRig, type Rig} from './helpers.js';

let rig: Rig;
before(async () => {
	// No LookupEvents rate limit here: only the injected faults answer with errors.
	rig = await startRig({lookupEventsTps: 1000});
});
after(async () => {
	await rig.close();
});

const TEST_KEYS = {accessKeyId: 'test', secretAccessKey: 'test'};

type Outcome = {readonly name: string; readonly described: DescribedError};

async function failure(call: () => Promise<unknown>, service: string, operation?: string): Promise<Outcome> {
	try {
		await call();
	} catch (error) {
		return {name: (error as Error).name, described: describeAwsError(error, service, operation)};
	}
	throw new Error('the call succeeded');
}

function listMetrics(clients: AwsClients) {
	return () => discoverSeries(clients.cloudwatch, ['PublishIn.Success']);
}

async function getMetricData(clients: AwsClients) {
	const discovery = await discoverSeries(clients.cloudwatch, ['PublishIn.Success']);
	const end = Math.floor(rig.now() / 60_000) * 60_000;
	return () => fetchWindow(clients.cloudwatch, discovery, {start: end - 10 * 60_000, end, periodSeconds: 60});
}

function lookupEvents(clients: AwsClients) {
	return () => lookupIotPage(clients.cloudtrail, {start: rig.now() - 600_000, end: rig.now()});
}

/** fault, the error name each client gives, the kind, and what the line must say. */
const CASES: ReadonlyArray<[FaultKind, string, string, DescribedError['kind'], RegExp, RegExp]> = [
	['throttle', 'Throttling', 'ThrottlingException', 'throttled', /is throttling GetMetricData: backing off/, /is throttling LookupEvents .*lower --trail-rate/],
	[
		'access-denied',
		'AccessDenied',
		'AccessDeniedException',
		'access-denied',
		/^CloudWatch: access denied for cloudwatch:GetMetricData: add it to your IAM policy/,
		/^CloudTrail: access denied for cloudtrail:LookupEvents: add it to your IAM policy/,
	],
	[
		'access-denied-no-action',
		'AccessDenied',
		'AccessDeniedException',
		'access-denied',
		/^CloudWatch: access denied for cloudwatch:GetMetricData: add it/,
		/^CloudTrail: access denied for cloudtrail:LookupEvents: add it/,
	],
	['expired-token', 'ExpiredToken', 'ExpiredTokenException', 'expired-credentials', /credentials have expired \(ExpiredToken\): get fresh ones/, /\(ExpiredTokenException\).*restart/],
	['invalid-token', 'InvalidClientTokenId', 'UnrecognizedClientException', 'invalid-credentials', /rejected the credentials \(InvalidClientTokenId\)/, /\(UnrecognizedClientException\): check the access key/],
	['bad-signature', 'SignatureDoesNotMatch', 'InvalidSignatureException', 'invalid-credentials', /\(SignatureDoesNotMatch\)/, /\(InvalidSignatureException\)/],
	['internal-error', 'InternalServiceFault', 'InternalFailure', 'service', /AWS service error \(InternalServiceFault 500\) on GetMetricData; retrying/, /\(InternalFailure 500\) on LookupEvents/],
	['unavailable', 'ServiceUnavailable', 'ServiceUnavailableException', 'service', /\(ServiceUnavailable 503\)/, /\(ServiceUnavailableException 503\)/],
	['connection-reset', 'TimeoutError', 'TimeoutError', 'network', /connection reset \(ECONNRESET\): retrying/, /connection reset \(ECONNRESET\)/],
	['malformed-json', 'SyntaxError', 'SyntaxError', 'service', /unreadable answer to GetMetricData/, /unreadable answer to LookupEvents/],
];

for (const [fault, cwName, ctName, kind, cwMessage, ctMessage] of CASES) {
	test(`${fault}: ${cwName} (CloudWatch) and ${ctName} (CloudTrail) are both "${kind}"`, async () => {
		const call = await getMetricData(rig.clients);
		// One per SDK attempt: CloudWatch makes 3 for throttling, 5xx and resets, 1 for the rest.
		const times = ['throttle', 'internal-error', 'unavailable', 'connection-reset'].includes(fault) ? 3 : 1;
		rig.sim.injectFault({service: 'cloudwatch', operation: 'GetMetricData', kind: fault, times});
		const cw = await failure(call, 'CloudWatch', 'GetMetricData');
		rig.sim.injectFault({service: 'cloudtrail', operation: 'LookupEvents', kind: fault});
		const ct = await failure(lookupEvents(rig.clients), 'CloudTrail', 'LookupEvents');
		assert.deepEqual([cw.name, ct.name], [cwName, ctName], 'the SDK spellings');
		assert.deepEqual([cw.described.kind, ct.described.kind], [kind, kind]);
		assert.match(cw.described.message, cwMessage);
		assert.match(ct.described.message, ctMessage);
		for (const message of [cw.described.message, ct.described.message]) assert.doesNotMatch(message, /\n/, 'one line');
		// Nothing is left over: the next calls work.
		await call();
		await lookupEvents(rig.clients)();
	});
}

test('access denied names the action from the message, else from the operation that failed', async () => {
	rig.sim.injectFault({service: 'cloudwatch', operation: 'ListMetrics', kind: 'access-denied'});
	const fromMessage = await failure(listMetrics(rig.clients), 'CloudWatch', 'GetMetricData');
	assert.equal(fromMessage.described.action, 'cloudwatch:ListMetrics', 'the message wins over a wrong guess');
	rig.sim.injectFault({service: 'cloudwatch', operation: 'ListMetrics', kind: 'access-denied-no-action'});
	const fromOperation = await failure(listMetrics(rig.clients), 'CloudWatch', 'ListMetrics');
	assert.equal(fromOperation.described.action, 'cloudwatch:ListMetrics');
	assert.equal(
		fromOperation.described.message,
		'CloudWatch: access denied for cloudwatch:ListMetrics: add it to your IAM policy (see README)',
	);
	rig.sim.injectFault({service: 'cloudwatch', operation: 'ListMetrics', kind: 'access-denied-no-action'});
	const unknown = await failure(listMetrics(rig.clients), 'CloudWatch');
	assert.equal(
		unknown.described.message,
		'CloudWatch: access denied (You are not authorized to perform this operation.): check your IAM policy (see README)',
	);
});

test('a request that gets no answer in time is a timeout', async () => {
	const clients = await createAwsClients({region: 'us-east-1', endpointUrl: rig.sim.url, credentials: TEST_KEYS, requestTimeoutMs: 150});
	try {
		rig.sim.injectFault({service: 'cloudtrail', kind: 'delay', delayMs: 1000});
		const outcome = await failure(lookupEvents(clients), 'CloudTrail', 'LookupEvents');
		assert.equal(outcome.described.kind, 'timeout');
		assert.equal(outcome.described.message, 'CloudTrail: LookupEvents got no answer in time (TimeoutError): check your network or proxy; retrying');
	} finally {
		clients.destroy();
	}
});

test('a closed port is "connection refused", with where', async () => {
	const clients = await createAwsClients({region: 'us-east-1', endpointUrl: 'http://127.0.0.1:9', credentials: TEST_KEYS});
	try {
		const outcome = await failure(lookupEvents(clients), 'CloudTrail', 'LookupEvents');
		assert.deepEqual(outcome.described, {
			kind: 'network',
			message: 'CloudTrail: connection refused by 127.0.0.1:9 (ECONNREFUSED): check --endpoint-url, your network or proxy; retrying',
		});
	} finally {
		clients.destroy();
	}
});

test('an endpoint host that does not resolve: check --endpoint-url', async () => {
	const clients = await createAwsClients({region: 'us-east-1', endpointUrl: 'http://iot-monitor-test.invalid:4566', credentials: TEST_KEYS});
	try {
		const outcome = await failure(lookupEvents(clients), 'CloudTrail', 'LookupEvents');
		assert.equal(outcome.described.kind, 'network');
		assert.match(outcome.described.message, /^CloudTrail: cannot resolve iot-monitor-test\.invalid \((ENOTFOUND|EAI_AGAIN)\)/);
	} finally {
		clients.destroy();
	}
});

test('a region that is not one: "check --region <x>", whether the SDK or DNS notices', async () => {
	// The SDK refuses a name that cannot be part of a host name before anything is sent.
	await assert.rejects(createAwsClients({region: 'us_east_1', credentials: TEST_KEYS}), {
		name: 'InvalidRegionError',
		message: '"us_east_1" is not an AWS region name: check --region us_east_1 (e.g. us-east-1)',
	});
	// An availability zone instead of a region: the SDK builds monitoring.us-east-1a.amazonaws.com, which
	// does not exist.
	for (const [service, call, host] of [
		['CloudWatch', listMetrics, 'monitoring'],
		['CloudTrail', lookupEvents, 'cloudtrail'],
	] as const) {
		const clients = await createAwsClients({region: 'us-east-1a', credentials: TEST_KEYS});
		try {
			const outcome = await failure(call(clients), service, 'ListMetrics');
			assert.deepEqual(outcome.described, {
				kind: 'unknown-region',
				message: `"us-east-1a" is not an AWS region name (${host}.us-east-1a.amazonaws.com does not resolve): check --region us-east-1a (e.g. us-east-1)`,
			});
		} finally {
			clients.destroy();
		}
	}
	// A well-formed name that no region has: DNS says so.
	const clients = await createAwsClients({region: 'ap-nowhere-9', credentials: TEST_KEYS});
	try {
		const outcome = await failure(listMetrics(clients), 'CloudWatch', 'ListMetrics');
		assert.deepEqual(outcome.described, {
			kind: 'unknown-region',
			message: 'CloudWatch: cannot resolve monitoring.ap-nowhere-9.amazonaws.com (ENOTFOUND): check --region ap-nowhere-9 and your DNS',
		});
	} finally {
		clients.destroy();
	}
});

test('region names: every partition, nothing else', () => {
	for (const name of ['us-east-1', 'eu-central-2', 'ap-southeast-7', 'mx-central-1', 'cn-northwest-1', 'us-gov-west-1', 'us-iso-east-1', 'us-isob-east-1', 'eu-isoe-west-1', 'us-isof-south-1', 'eusc-de-east-1']) {
		assert.ok(isAwsRegionName(name), name);
	}
	for (const name of ['us-east-1a', 'useast1', 'US-EAST-1', 'xx-fake-1', 'us_east_1', '', 'eu-west']) assert.ok(!isAwsRegionName(name), name);
});
