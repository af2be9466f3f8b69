import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ListMetricsCommand} from '@aws-sdk/client-cloudwatch';
import {createAwsClients, MissingRegionError} from '../../source/aws/clients.js';
import {lookupIotPage} from '../../source/aws/trail.js';
import {startSimulator, type Simulator} from '../../source/simulator/server.js';

const VARS = [
	'AWS_REGION',
	'AWS_DEFAULT_REGION',
	'AWS_PROFILE',
	'AWS_ACCESS_KEY_ID',
	'AWS_SECRET_ACCESS_KEY',
	'AWS_SESSION_TOKEN',
	'AWS_ENDPOINT_URL',
	'AWS_ENDPOINT_URL_CLOUDWATCH',
	'AWS_ENDPOINT_URL_CLOUDTRAIL',
	'AWS_CONFIG_FILE',
	'AWS_SHARED_CREDENTIALS_FILE',
	'AWS_EC2_METADATA_DISABLED',
];

/** Runs `body` with exactly these AWS variables set (all others unset), then restores the environment. */
async function withEnv(vars: Record<string, string>, body: () => Promise<void>): Promise<void> {
	const saved = Object.fromEntries(VARS.map(name => [name, process.env[name]]));
	for (const name of VARS) delete process.env[name];
	// Never let a test fall through to the real ~/.aws or to instance metadata.
	const dir = mkdtempSync(join(tmpdir(), 'iotmon-aws-'));
	process.env['AWS_CONFIG_FILE'] = join(dir, 'none-config');
	process.env['AWS_SHARED_CREDENTIALS_FILE'] = join(dir, 'none-credentials');
	process.env['AWS_EC2_METADATA_DISABLED'] = 'true';
	Object.assign(process.env, vars);
	try {
		await body();
	} finally {
		for (const name of VARS) {
			if (saved[name] === undefined) delete process.env[name];
			else process.env[name] = saved[name];
		}
	}
}

let sim: Simulator;
let other: Simulator;
before(async () => {
	sim = await startSimulator();
	other = await startSimulator();
});
after(async () => {
	await sim.close();
	await other.close();
});

test('AWS_ENDPOINT_URL, AWS_REGION and env keys are enough (the standard variables just work)', async () => {
	await withEnv(
		{AWS_ENDPOINT_URL: sim.url, AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's'},
		async () => {
			const clients = await createAwsClients();
			try {
				assert.equal(clients.region, 'eu-west-1');
				const before = sim.requestCounts()['ListMetrics'] ?? 0;
				await clients.cloudwatch.send(new ListMetricsCommand({Namespace: 'AWS/IoT'}));
				assert.equal((sim.requestCounts()['ListMetrics'] ?? 0) - before, 1);
			} finally {
				clients.destroy();
			}
		},
	);
});

test('per-service AWS_ENDPOINT_URL_CLOUDTRAIL wins over AWS_ENDPOINT_URL for that service only', async () => {
	await withEnv(
		{
			AWS_ENDPOINT_URL: sim.url,
			AWS_ENDPOINT_URL_CLOUDTRAIL: other.url,
			AWS_REGION: 'us-east-1',
			AWS_ACCESS_KEY_ID: 'k',
			AWS_SECRET_ACCESS_KEY: 's',
		},
		async () => {
			const clients = await createAwsClients();
			try {
				const now = Date.now();
				await lookupIotPage(clients.cloudtrail, {start: now - 60_000, end: now});
				assert.equal(other.requestCounts()['LookupEvents'], 1);
				assert.equal(sim.requestCounts()['LookupEvents'] ?? 0, 0);
			} finally {
				clients.destroy();
			}
		},
	);
});

test('a named profile from the shared files supplies region and keys; --region overrides it', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'iotmon-profile-'));
	writeFileSync(join(dir, 'config'), '[profile ops]\nregion = ap-southeast-2\n');
	writeFileSync(join(dir, 'credentials'), '[ops]\naws_access_key_id = AKIAOPS\naws_secret_access_key = secret\n');
	await withEnv(
		{AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_ENDPOINT_URL: sim.url},
		async () => {
			const byProfile = await createAwsClients({profile: 'ops'});
			try {
				assert.equal(byProfile.region, 'ap-southeast-2');
				assert.equal(byProfile.profile, 'ops');
				const credentials = await byProfile.cloudwatch.config.credentials();
				assert.equal(credentials.accessKeyId, 'AKIAOPS');
				await byProfile.cloudwatch.send(new ListMetricsCommand({Namespace: 'AWS/IoT'}));
			} finally {
				byProfile.destroy();
			}
			process.env['AWS_PROFILE'] = 'ops';
			const overridden = await createAwsClients({region: 'us-west-2'});
			try {
				assert.equal(overridden.region, 'us-west-2');
				assert.equal(overridden.profile, 'ops');
			} finally {
				overridden.destroy();
			}
		},
	);
});

test('no region anywhere: a clear error that says how to set one', async () => {
	await withEnv({}, async () => {
		await assert.rejects(createAwsClients(), (error: unknown) => {
			assert.ok(error instanceof MissingRegionError);
			assert.match(error.message, /AWS_REGION.*--region/);
			return true;
		});
	});
});

test("the clients' logger has no info or error: the SDK's logger middleware then skips filtering every request and answer for it", async () => {
	const clients = await createAwsClients({region: 'us-east-1', endpointUrl: sim.url, credentials: {accessKeyId: 'k', secretAccessKey: 's'}});
	try {
		for (const client of [clients.cloudwatch, clients.cloudtrail]) {
			const logger = client.config.logger as unknown as Record<string, unknown>;
			assert.equal(logger['info'], undefined);
			assert.equal(logger['error'], undefined);
			assert.equal(typeof logger['warn'], 'function');
		}
		// Requests still work, through the same middleware.
		const now = Date.now();
		const page = await lookupIotPage(clients.cloudtrail, {start: now - 3600_000, end: now});
		assert.ok(page.events.length > 0);
		await clients.cloudwatch.send(new ListMetricsCommand({Namespace: 'AWS/IoT'}));
	} finally {
		clients.destroy();
	}
});
