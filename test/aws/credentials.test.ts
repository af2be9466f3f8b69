/**
 * The default credential chain through the real SDK: SSO profiles (expired, never logged in), a missing
 * profile, credential_process, the instance role and container credentials from fake metadata services,
 * and how long "no credentials" takes when IMDS is blackholed. Calls go to the embedded endpoint.
 */
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {chmodSync, mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {createAwsClients, metadataServiceSettings, MissingRegionError} from '../../source/aws/clients.js';
import {describeAwsError} from '../../source/aws/errors.js';
import {discoverSeries} from '../../source/aws/metric-discovery.js';
import {lookupIotPage} from '../../source/aws/trail.js';
import {startSimulator, type Simulator} from '../../source/simulator/server.js';
import {startBlackhole, startFakeMetadata, withAwsEnv} from './helpers.js';

let sim: Simulator;
before(async () => {
	sim = await startSimulator({lookupEventsTps: 100});
});
after(async () => {
	await sim.close();
});

/** The first CloudWatch call's outcome, described as the monitor would. */
async function firstCallError(options: Parameters<typeof createAwsClients>[0]): Promise<ReturnType<typeof describeAwsError> | null> {
	const clients = await createAwsClients({region: 'us-east-1', endpointUrl: sim.url, ...options});
	try {
		await discoverSeries(clients.cloudwatch, ['PublishIn.Success']);
		return null;
	} catch (error) {
		return describeAwsError(error, 'CloudWatch', 'ListMetrics');
	} finally {
		clients.destroy();
	}
}

function writeConfig(home: string, text: string): string {
	mkdirSync(join(home, '.aws', 'sso', 'cache'), {recursive: true});
	const path = join(home, '.aws', 'config');
	writeFileSync(path, text);
	return path;
}

/** A cached SSO token as `aws sso login` leaves it, but expired an hour ago. */
function writeExpiredToken(home: string, key: string): void {
	const file = join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(key).digest('hex')}.json`);
	const expiresAt = new Date(Date.now() - 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
	writeFileSync(file, JSON.stringify({accessToken: 'expired', expiresAt, startUrl: 'https://corp.awsapps.com/start', region: 'eu-west-1'}));
}

test('an expired sso-session login says: run aws sso login --profile <that profile>', async () => {
	await withAwsEnv({}, async home => {
		const config = writeConfig(
			home,
			[
				'[profile iot-dev]',
				'sso_session = corp',
				'sso_account_id = 123456789012',
				'sso_role_name = ReadOnly',
				'region = eu-west-1',
				'[sso-session corp]',
				'sso_start_url = https://corp.awsapps.com/start',
				'sso_region = eu-west-1',
				'sso_registration_scopes = sso:account:access',
				'',
			].join('\n'),
		);
		writeExpiredToken(home, 'corp');
		process.env['AWS_CONFIG_FILE'] = config;
		const described = await firstCallError({profile: 'iot-dev'});
		assert.deepEqual(described, {
			kind: 'sso-expired',
			message: 'AWS SSO session for profile iot-dev has expired: run aws sso login --profile iot-dev',
		});
		// The same when the profile comes from AWS_PROFILE.
		process.env['AWS_PROFILE'] = 'iot-dev';
		assert.equal((await firstCallError({}))?.message, described?.message);
		assert.equal(sim.requestCounts()['ListMetrics'] ?? 0, 0, 'nothing was sent');
	});
});

test('a legacy SSO profile (sso_start_url) with an expired token, and an sso-session never logged in', async () => {
	await withAwsEnv({}, async home => {
		process.env['AWS_CONFIG_FILE'] = writeConfig(
			home,
			[
				'[profile legacy]',
				'sso_start_url = https://corp.awsapps.com/start',
				'sso_region = eu-west-1',
				'sso_account_id = 123456789012',
				'sso_role_name = ReadOnly',
				'[profile fresh]',
				'sso_session = other',
				'sso_account_id = 123456789012',
				'sso_role_name = ReadOnly',
				'[sso-session other]',
				'sso_start_url = https://other.awsapps.com/start',
				'sso_region = eu-west-1',
				'',
			].join('\n'),
		);
		writeExpiredToken(home, 'https://corp.awsapps.com/start');
		assert.equal(
			(await firstCallError({profile: 'legacy'}))?.message,
			'AWS SSO session for profile legacy has expired: run aws sso login --profile legacy',
		);
		assert.equal((await firstCallError({profile: 'fresh'}))?.message, 'No AWS SSO login for profile fresh: run aws sso login --profile fresh');
	});
});

test('a profile that exists nowhere is reported at once, without asking IMDS', async () => {
	const imds = await startBlackhole();
	try {
		await withAwsEnv({AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url}, async () => {
			const started = performance.now();
			const described = await firstCallError({profile: 'nope'});
			assert.equal(described?.kind, 'no-credentials');
			assert.match(described?.message ?? '', /^AWS profile "nope" not found in ~\/\.aws\/config or ~\/\.aws\/credentials: .*--demo$/);
			assert.ok(performance.now() - started < 1000);
			assert.equal(imds.connections(), 0);
		});
	} finally {
		await imds.close();
	}
});

test('no credentials anywhere, IMDS blackholed: one bounded trip through the chain for both clients', async () => {
	const imds = await startBlackhole();
	try {
		await withAwsEnv({AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url}, async () => {
			const started = performance.now();
			const clients = await createAwsClients({region: 'us-east-1', endpointUrl: sim.url});
			try {
				const failures = await Promise.allSettled([
					clients.cloudwatch.config.credentials(),
					discoverSeries(clients.cloudwatch, ['PublishIn.Success']),
					lookupIotPage(clients.cloudtrail, {start: Date.now() - 60_000, end: Date.now()}),
				]);
				const elapsed = performance.now() - started;
				for (const failure of failures) {
					assert.equal(failure.status, 'rejected');
					assert.equal(
						describeAwsError(failure.status === 'rejected' ? failure.reason : null, 'CloudTrail', 'LookupEvents').message,
						'No AWS credentials found: run aws configure or aws sso login, or set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; or try --demo',
					);
				}
				// IMDSv2 token request, then the IMDSv1 fallback: 1 s each by default, and only once.
				assert.equal(imds.connections(), 2);
				assert.ok(elapsed > 1800 && elapsed < 2600, `took ${Math.round(elapsed)} ms`);
			} finally {
				clients.destroy();
			}
		});
	} finally {
		await imds.close();
	}
});

test('AWS_METADATA_SERVICE_TIMEOUT and _NUM_ATTEMPTS bound the metadata services as in the AWS CLI', async () => {
	const imds = await startBlackhole();
	try {
		await withAwsEnv(
			{AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url, AWS_METADATA_SERVICE_TIMEOUT: '0.25', AWS_METADATA_SERVICE_NUM_ATTEMPTS: '2'},
			async () => {
				assert.deepEqual(await metadataServiceSettings(), {timeoutMs: 250, attempts: 2});
				const started = performance.now();
				const described = await firstCallError({});
				const elapsed = performance.now() - started;
				assert.equal(described?.kind, 'no-credentials');
				assert.equal(imds.connections(), 3, 'one token request, then two attempts');
				assert.ok(elapsed > 700 && elapsed < 1500, `took ${Math.round(elapsed)} ms`);
			},
		);
		await withAwsEnv({AWS_METADATA_SERVICE_TIMEOUT: 'soon', AWS_METADATA_SERVICE_NUM_ATTEMPTS: '0'}, async () => {
			assert.deepEqual(await metadataServiceSettings(), {timeoutMs: 1000, attempts: 1}, 'nonsense falls back to the defaults');
		});
		await withAwsEnv({}, async home => {
			process.env['AWS_CONFIG_FILE'] = writeConfig(home, '[profile ec2]\nmetadata_service_timeout = 3\nmetadata_service_num_attempts = 4\n');
			assert.deepEqual(await metadataServiceSettings('ec2'), {timeoutMs: 3000, attempts: 4});
		});
	} finally {
		await imds.close();
	}
});

test('on EC2 the instance role still works (IMDSv2), and so do container credentials', async () => {
	const imds = await startFakeMetadata('instance', 'ASIAINSTANCE');
	try {
		await withAwsEnv({AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url}, async () => {
			const clients = await createAwsClients({region: 'us-east-1', endpointUrl: sim.url});
			try {
				assert.equal((await clients.cloudwatch.config.credentials()).accessKeyId, 'ASIAINSTANCE');
				await discoverSeries(clients.cloudwatch, ['PublishIn.Success']);
			} finally {
				clients.destroy();
			}
		});
	} finally {
		await imds.close();
	}
	const container = await startFakeMetadata('container', 'ASIACONTAINER');
	try {
		await withAwsEnv({AWS_CONTAINER_CREDENTIALS_FULL_URI: `${container.url}/v2/credentials`}, async () => {
			const clients = await createAwsClients({region: 'us-east-1', endpointUrl: sim.url});
			try {
				assert.equal((await clients.cloudtrail.config.credentials()).accessKeyId, 'ASIACONTAINER');
				await lookupIotPage(clients.cloudtrail, {start: Date.now() - 60_000, end: Date.now()});
			} finally {
				clients.destroy();
			}
		});
	} finally {
		await container.close();
	}
});

test('a blackholed container endpoint is bounded too (the SDK alone would wait for it forever)', async () => {
	const blackhole = await startBlackhole();
	try {
		await withAwsEnv({AWS_CONTAINER_CREDENTIALS_FULL_URI: `${blackhole.url}/v2/credentials`}, async () => {
			const started = performance.now();
			const described = await firstCallError({});
			const elapsed = performance.now() - started;
			assert.equal(described?.kind, 'no-credentials');
			// The remote step's deadline: 1 s x (1 + 2 x 1 attempt) + 0.25 s.
			assert.ok(elapsed > 3000 && elapsed < 3800, `took ${Math.round(elapsed)} ms`);
		});
	} finally {
		await blackhole.close();
	}
});

test('credential_process profiles and environment keys resolve as in the AWS CLI', async () => {
	await withAwsEnv({}, async home => {
		const script = join(home, 'creds.sh');
		writeFileSync(script, `#!/bin/sh\necho '{"Version": 1, "AccessKeyId": "AKIAPROCESS", "SecretAccessKey": "s"}'\n`);
		chmodSync(script, 0o755);
		process.env['AWS_CONFIG_FILE'] = writeConfig(home, `[profile tool]\ncredential_process = ${script}\n`);
		const clients = await createAwsClients({region: 'us-east-1', endpointUrl: sim.url, profile: 'tool'});
		try {
			assert.equal((await clients.cloudwatch.config.credentials()).accessKeyId, 'AKIAPROCESS');
		} finally {
			clients.destroy();
		}
	});
	await withAwsEnv({AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 's'}, async () => {
		const clients = await createAwsClients({region: 'us-east-1', endpointUrl: sim.url});
		try {
			assert.equal((await clients.cloudtrail.config.credentials()).accessKeyId, 'AKIAENV');
		} finally {
			clients.destroy();
		}
	});
});

test('neither region nor credentials: one message that names both and --demo', async () => {
	await withAwsEnv({}, async () => {
		await assert.rejects(createAwsClients(), (error: unknown) => {
			assert.ok(error instanceof MissingRegionError);
			assert.equal(error.credentialsMissing, true);
			assert.match(error.message, /credentials or region.*AWS_ACCESS_KEY_ID.*AWS_REGION.*--region.*--demo/);
			return true;
		});
	});
	await withAwsEnv({AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's'}, async () => {
		await assert.rejects(createAwsClients(), /^MissingRegionError: No AWS region: set AWS_REGION/);
	});
});
