/**
 * The built CLI against the embedded endpoint with injected AWS faults, and against names that do not
 * resolve: each source reports its own problem in one line that says what to do, and the other source
 * still delivers.
 */
import {test, before} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startSimulator, type Simulator} from '../../source/simulator/server.js';

type Run = {code: number | null; json: {errors: {metrics: string | null; trail: string | null}; events: unknown[]; metrics: Array<{state: string}>}; stderr: string};

let home = '';
before(() => {
	assert.ok(existsSync('dist/cli.js'), 'run npm run build first (npm test does)');
	home = mkdtempSync(join(tmpdir(), 'iotmon-awserr-'));
});

/** A fresh embedded endpoint (faults do not leak between tests), closed afterwards. */
async function withSim(body: (sim: Simulator) => Promise<void>): Promise<void> {
	const sim = await startSimulator({quiet: true, lookupEventsTps: 100});
	try {
		await body(sim);
	} finally {
		await sim.close();
	}
}

function once(args: string[]): Promise<Run> {
	return new Promise(resolve => {
		const child = spawn(process.execPath, ['dist/cli.js', '--once', '--json', ...args], {
			env: {
				PATH: process.env['PATH'] ?? '/usr/bin:/bin',
				HOME: home,
				XDG_CACHE_HOME: join(home, '.cache'),
				XDG_STATE_HOME: join(home, '.state'),
				XDG_CONFIG_HOME: join(home, '.config'),
				AWS_CONFIG_FILE: join(home, 'no-config'),
				AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
				AWS_EC2_METADATA_DISABLED: 'true',
				AWS_REGION: 'us-east-1',
				AWS_ACCESS_KEY_ID: 'AKIATEST',
				AWS_SECRET_ACCESS_KEY: 'test',
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => (stdout += String(chunk)));
		child.stderr.on('data', chunk => (stderr += String(chunk)));
		child.on('exit', code => resolve({code, json: JSON.parse(stdout), stderr}));
	});
}

test('CloudTrail denied: metrics still arrive; the trail error names cloudtrail:LookupEvents', async () => {
	await withSim(async sim => {
		sim.injectFault({service: 'cloudtrail', operation: 'LookupEvents', kind: 'access-denied', times: Infinity});
		const {code, json, stderr} = await once(['--endpoint-url', sim.url, '--rebaseline']);
		assert.equal(json.errors.trail, 'CloudTrail: access denied for cloudtrail:LookupEvents: add it to your IAM policy (see README)');
		assert.equal(json.errors.metrics, null);
		assert.ok(json.metrics.some(m => m.state === 'current' || m.state === 'learning'), 'metric values arrived');
		assert.equal(code, 3, 'UNKNOWN: a source failed');
		assert.match(stderr, /cloudtrail:LookupEvents/);
	});
});

test('GetMetricData denied (no action in the message): events still arrive; the error names cloudwatch:GetMetricData', async () => {
	await withSim(async sim => {
		sim.injectFault({service: 'cloudwatch', operation: 'GetMetricData', kind: 'access-denied-no-action', times: Infinity});
		const {json} = await once(['--endpoint-url', sim.url, '--rebaseline']);
		assert.equal(json.errors.metrics, 'CloudWatch: access denied for cloudwatch:GetMetricData: add it to your IAM policy (see README)');
		assert.equal(json.errors.trail, null);
		assert.ok(json.events.length > 0);
	});
});

test('expired session keys in both spellings (ExpiredToken, ExpiredTokenException): get fresh ones', async () => {
	await withSim(async sim => {
		sim.injectFault({service: 'cloudwatch', kind: 'expired-token', times: Infinity});
		sim.injectFault({service: 'cloudtrail', kind: 'expired-token', times: Infinity});
		const {code, json} = await once(['--endpoint-url', sim.url]);
		assert.equal(
			json.errors.metrics,
			'CloudWatch: AWS credentials have expired (ExpiredToken): get fresh ones (aws sso login, aws configure or new AWS_* keys) and restart iot-monitor',
		);
		assert.equal(
			json.errors.trail,
			'CloudTrail: AWS credentials have expired (ExpiredTokenException): get fresh ones (aws sso login, aws configure or new AWS_* keys) and restart iot-monitor',
		);
		assert.equal(code, 3);
	});
});

test('an availability zone given as the region: check --region, for both sources', async () => {
	// No endpoint: the SDK builds monitoring.us-east-1a.amazonaws.com, which does not resolve.
	const {code, json} = await once(['--region', 'us-east-1a']);
	assert.equal(code, 3);
	assert.match(json.errors.metrics ?? '', /^"us-east-1a" is not an AWS region name \(monitoring\.us-east-1a\.amazonaws\.com does not resolve\): check --region us-east-1a/);
	assert.match(json.errors.trail ?? '', /^"us-east-1a" is not an AWS region name \(cloudtrail\.us-east-1a\.amazonaws\.com does not resolve\): check --region us-east-1a/);
});

test('a region the SDK refuses outright: one line, exit 3 (UNKNOWN) under --once', async () => {
	const child = spawn(process.execPath, ['dist/cli.js', '--once', '--region', 'us_east_1'], {
		env: {PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', AWS_EC2_METADATA_DISABLED: 'true'},
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	let stderr = '';
	child.stderr.on('data', chunk => (stderr += String(chunk)));
	const code = await new Promise(resolve => child.on('exit', resolve));
	assert.equal(code, 3, 'a check that could not run is UNKNOWN, never WARNING (1)');
	assert.equal(stderr, 'iot-monitor: "us_east_1" is not an AWS region name: check --region us_east_1 (e.g. us-east-1)\n');
});
