/**
 * The built CLI on a machine with no AWS credentials anywhere and off EC2, where 169.254.169.254 is
 * blackholed (a local server that accepts connections and never answers stands in for it): the user is
 * told how to provide credentials, and about --demo, in under 3 s. And an expired SSO login names the
 * command that fixes it.
 */
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {createHash} from 'node:crypto';
import {existsSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startBlackhole, type FakeMetadata} from '../aws/helpers.js';

type Run = {code: number | null; stdout: string; stderr: string; ms: number};

const NO_CREDENTIALS =
	'No AWS credentials found: run aws configure or aws sso login, or set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; or try --demo';

let imds: FakeMetadata;
before(async () => {
	assert.ok(existsSync('dist/cli.js'), 'run npm run build first (npm test does)');
	imds = await startBlackhole();
});
after(() => imds.close());

/** A clean machine: no AWS_* variables but the blackholed IMDS, HOME and the shared files empty temp files. */
function cleanEnv(): {env: Record<string, string>; home: string} {
	const home = mkdtempSync(join(tmpdir(), 'iotmon-nocreds-'));
	writeFileSync(join(home, 'config'), '');
	writeFileSync(join(home, 'credentials'), '');
	return {
		home,
		env: {
			PATH: process.env['PATH'] ?? '/usr/bin:/bin',
			HOME: home,
			XDG_CACHE_HOME: join(home, '.cache'),
			XDG_STATE_HOME: join(home, '.state'),
			XDG_CONFIG_HOME: join(home, '.config'),
			AWS_CONFIG_FILE: join(home, 'config'),
			AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
			AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url,
		},
	};
}

function run(args: string[], env: Record<string, string>): Promise<Run> {
	return new Promise(resolve => {
		const started = performance.now();
		// The environment is exactly `env`: nothing of ours (no AWS_*) leaks into the child.
		const child = spawn(process.execPath, ['dist/cli.js', ...args], {env, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => (stdout += String(chunk)));
		child.stderr.on('data', chunk => (stderr += String(chunk)));
		child.on('exit', code => resolve({code, stdout, stderr, ms: performance.now() - started}));
	});
}

test('--once --json, no credentials, IMDS blackholed: how to provide them and --demo, in under 3 s', async () => {
	const {env} = cleanEnv();
	const before = imds.connections();
	const result = await run(['--once', '--json', '--region', 'us-east-1'], env);
	assert.ok(result.ms < 3000, `took ${Math.round(result.ms)} ms`);
	assert.equal(result.code, 3, result.stderr);
	const json = JSON.parse(result.stdout);
	assert.equal(json.status, 'UNKNOWN');
	assert.deepEqual(json.errors, {metrics: NO_CREDENTIALS, trail: NO_CREDENTIALS, alarms: NO_CREDENTIALS, skipped: {metrics: 0, trail: 0, alarms: 0}});
	assert.ok(json.metrics.every((m: {state: string; value: unknown}) => m.state === 'error' && m.value === null));
	assert.equal(result.stderr, `iot-monitor: ${NO_CREDENTIALS}\n`);
	assert.ok(imds.connections() - before >= 1, 'the instance role was really looked for');
});

test('--once (text), same machine: the same line, in under 3 s', async () => {
	const {env} = cleanEnv();
	const result = await run(['--once', '--region', 'us-east-1'], env);
	assert.ok(result.ms < 3000, `took ${Math.round(result.ms)} ms`);
	assert.equal(result.code, 3);
	// The clean environment has no UTF-8 locale, so the text is ASCII (x for ✗).
	assert.match(result.stdout, new RegExp(`[✗x] metrics: ${NO_CREDENTIALS.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
	assert.match(result.stderr, /try --demo/);
});

test('nothing configured at all (no region either): one line that names both and --demo, in under 3 s', async () => {
	const {env} = cleanEnv();
	const result = await run(['--once', '--json'], env);
	assert.ok(result.ms < 3000, `took ${Math.round(result.ms)} ms`);
	assert.equal(result.code, 3, 'a check that cannot run is UNKNOWN (3), never WARNING (1)');
	assert.equal(result.stdout, '', 'nothing that is not JSON on the stdout of --json');
	assert.match(result.stderr, /^iot-monitor: No AWS credentials or region configured: .*AWS_ACCESS_KEY_ID.*--region.*--demo\n$/);
});

test('an expired SSO login: run aws sso login --profile <the profile>', async () => {
	const {env, home} = cleanEnv();
	mkdirSync(join(home, '.aws', 'sso', 'cache'), {recursive: true});
	writeFileSync(
		env['AWS_CONFIG_FILE']!,
		[
			'[profile iot-prod]',
			'sso_session = corp',
			'sso_account_id = 123456789012',
			'sso_role_name = IoTReadOnly',
			'region = eu-west-1',
			'[sso-session corp]',
			'sso_start_url = https://corp.awsapps.com/start',
			'sso_region = eu-west-1',
			'',
		].join('\n'),
	);
	const expiresAt = new Date(Date.now() - 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
	writeFileSync(
		join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('corp').digest('hex')}.json`),
		JSON.stringify({accessToken: 'expired', expiresAt, startUrl: 'https://corp.awsapps.com/start', region: 'eu-west-1'}),
	);
	// Nothing may reach AWS: the endpoint is a closed local port (the credential error comes first anyway).
	const result = await run(['--once', '--json', '--profile', 'iot-prod', '--endpoint-url', 'http://127.0.0.1:9'], env);
	const message = 'AWS SSO session for profile iot-prod has expired: run aws sso login --profile iot-prod';
	assert.equal(result.code, 3, result.stderr);
	assert.equal(JSON.parse(result.stdout).region, 'eu-west-1', 'region from the profile');
	assert.deepEqual(JSON.parse(result.stdout).errors, {metrics: message, trail: message, alarms: message, skipped: {metrics: 0, trail: 0, alarms: 0}});
	assert.ok(result.ms < 3000);
});
