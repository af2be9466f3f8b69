/** Shared set-up for tests that drive the real SDK clients against the embedded endpoint. */
import {mkdtempSync, writeFileSync} from 'node:fs';
import {createServer as createHttpServer} from 'node:http';
import {createServer as createNetServer, type AddressInfo, type Socket} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createAwsClients, type AwsClients} from '../../source/aws/clients.js';
import {startSimulator, type Simulator, type SimulatorOptions} from '../../source/simulator/server.js';

/** 2026-11-24 (a Tuesday) 14:00:30 UTC: daytime, so the fleet is busy. */
export const BASE = Date.UTC(2026, 10, 24, 14, 0, 30);

/** A clock that starts at BASE and runs at real speed (pacing and throttling need time to pass). */
export function runningClock(base = BASE): () => number {
	const realStart = Date.now();
	return () => base + (Date.now() - realStart);
}

export type Rig = {sim: Simulator; clients: AwsClients; now: () => number; close(): Promise<void>};

export async function startRig(options: Partial<SimulatorOptions> = {}): Promise<Rig> {
	const now = options.now ?? runningClock();
	const sim = await startSimulator({seed: 1, ...options, now});
	const clients = await createAwsClients({
		region: 'us-east-1',
		endpointUrl: sim.url,
		credentials: {accessKeyId: 'test', secretAccessKey: 'test'},
	});
	return {
		sim,
		clients,
		now,
		async close() {
			clients.destroy();
			await sim.close();
		},
	};
}

/** Every variable that steers the credential chain, region or endpoints; tests set exactly what they need. */
export const AWS_VARS = [
	'HOME',
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
	'AWS_EC2_METADATA_SERVICE_ENDPOINT',
	'AWS_METADATA_SERVICE_TIMEOUT',
	'AWS_METADATA_SERVICE_NUM_ATTEMPTS',
	'AWS_CONTAINER_CREDENTIALS_FULL_URI',
	'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
	'AWS_CONTAINER_AUTHORIZATION_TOKEN',
	'AWS_WEB_IDENTITY_TOKEN_FILE',
	'AWS_ROLE_ARN',
	'AWS_MAX_ATTEMPTS',
] as const;

/**
 * Runs `body` with only these AWS variables set (the others unset), HOME and the shared files in a fresh
 * empty temp directory unless given, and IMDS disabled unless an endpoint for it is given; then restores.
 */
export async function withAwsEnv<T>(vars: Partial<Record<(typeof AWS_VARS)[number], string>>, body: (home: string) => Promise<T>): Promise<T> {
	const saved = Object.fromEntries(AWS_VARS.map(name => [name, process.env[name]]));
	for (const name of AWS_VARS) delete process.env[name];
	const home = mkdtempSync(join(tmpdir(), 'iotmon-home-'));
	process.env['HOME'] = home;
	process.env['AWS_CONFIG_FILE'] = join(home, 'empty-config');
	process.env['AWS_SHARED_CREDENTIALS_FILE'] = join(home, 'empty-credentials');
	writeFileSync(process.env['AWS_CONFIG_FILE'], '');
	writeFileSync(process.env['AWS_SHARED_CREDENTIALS_FILE'], '');
	if (!vars.AWS_EC2_METADATA_SERVICE_ENDPOINT && !vars.AWS_CONTAINER_CREDENTIALS_FULL_URI) process.env['AWS_EC2_METADATA_DISABLED'] = 'true';
	Object.assign(process.env, vars);
	try {
		return await body(home);
	} finally {
		for (const name of AWS_VARS) {
			if (saved[name] === undefined) delete process.env[name];
			else process.env[name] = saved[name];
		}
	}
}

export type FakeMetadata = {readonly url: string; connections(): number; close(): Promise<void>};

/**
 * A blackholed metadata service, as 169.254.169.254 looks off EC2 behind a firewall that drops packets:
 * it accepts connections and never answers.
 */
export async function startBlackhole(): Promise<FakeMetadata> {
	const sockets = new Set<Socket>();
	let connections = 0;
	const server = createNetServer(socket => {
		connections++;
		sockets.add(socket);
		socket.on('error', () => {});
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		connections: () => connections,
		close: () =>
			new Promise<void>(resolve => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

/** Temporary credentials as the EC2 and container metadata services hand them out (valid for an hour). */
export function metadataCredentials(accessKeyId: string): Record<string, string> {
	return {
		Code: 'Success',
		Type: 'AWS-HMAC',
		AccessKeyId: accessKeyId,
		SecretAccessKey: 'secret',
		Token: 'token',
		Expiration: new Date(Date.now() + 3600_000).toISOString(),
		LastUpdated: new Date().toISOString(),
	};
}

/**
 * An EC2 instance metadata service (IMDSv2) with an instance role `iot-reader`, or a container
 * credentials endpoint (any GET answers with credentials).
 */
export async function startFakeMetadata(kind: 'instance' | 'container', accessKeyId: string): Promise<FakeMetadata> {
	let connections = 0;
	const server = createHttpServer((request, response) => {
		const reply = (status: number, body: string) => {
			response.writeHead(status, {'content-type': 'text/plain'});
			response.end(body);
		};
		if (kind === 'container') return reply(200, JSON.stringify(metadataCredentials(accessKeyId)));
		if (request.method === 'PUT' && request.url === '/latest/api/token') return reply(200, 'imds-token');
		if (request.headers['x-aws-ec2-metadata-token'] !== 'imds-token') return reply(401, '');
		if (request.url === '/latest/meta-data/iam/security-credentials/') return reply(200, 'iot-reader');
		if (request.url === '/latest/meta-data/iam/security-credentials/iot-reader') {
			return reply(200, JSON.stringify(metadataCredentials(accessKeyId)));
		}
		return reply(404, '');
	});
	server.on('connection', () => connections++);
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		connections: () => connections,
		close: () =>
			new Promise<void>(resolve => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
