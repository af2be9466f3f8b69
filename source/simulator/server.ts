/**
 * The embedded AWS-compatible endpoint: a real HTTP server on 127.0.0.1 that speaks enough CloudWatch
 * (JSON 1.0) and CloudTrail (JSON 1.1) for the real SDK clients, over a deterministic synthetic fleet.
 * It ignores SigV4 signatures, rate-limits LookupEvents like AWS, and takes injected faults.
 */
import {type IncomingMessage, type Server, type ServerResponse, createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {setTimeout as sleep} from 'node:timers/promises';
import {createCloudTrailService, type SimTrailEventInput} from './cloudtrail/service.js';
import {createCloudWatchService} from './cloudwatch.js';
import {type Fault, checkFault, createFaultQueue, faultError} from './faults.js';
import {type HostileReport, corruptAnswer, editAnswer, hostileRng} from './hostile.js';
import {createFleet} from './fleet.js';
import {type Incident, checkIncident, createIncidentBook} from './incidents.js';
import {type ServiceHandler, SimError} from './protocol.js';
import {type ServiceName, asSimError, parseJsonBody, readBody, routeTarget, send, sendError} from './wire.js';

export type {Fault, FaultKind, FaultService} from './faults.js';
export type {Incident, IncidentKind} from './incidents.js';
export type {HostileReport} from './hostile.js';

export type SimulatorOptions = {
	/** TCP port on 127.0.0.1; 0 (default) picks a free one. */
	readonly port?: number;
	/** Seed of the synthetic fleet (default 1). */
	readonly seed?: number;
	/** The simulated clock (default Date.now). */
	readonly now?: () => number;
	/** Same fleet, but no demo or historical incidents. */
	readonly quiet?: boolean;
	/** Extra incidents (absolute times), also in quiet mode. */
	readonly incidents?: readonly Incident[];
	/** ListMetrics page size (default 500, as CloudWatch). */
	readonly listMetricsPageSize?: number;
	/** DescribeAlarms page size when no MaxRecords is sent (default 50). */
	readonly alarmsPageSize?: number;
	/** LookupEvents allowed per rolling second across all clients (default 2, as AWS). */
	readonly lookupEventsTps?: number;
	/**
	 * CloudTrail delivers every event exactly this long after its EventTime (generated events, and injected
	 * ones without deliveredAt). Default: realistic random delays (5-60 s, one in ten 2-12 minutes).
	 */
	readonly trailDeliveryDelayMs?: number;
};

export type RequestLogEntry = {readonly operation: string; readonly at: number};

export type Simulator = {
	readonly port: number;
	/** `http://127.0.0.1:PORT`, for the SDK's `endpoint` option. */
	readonly url: string;
	/** The simulated clock's time at start (demo incidents are anchored here). */
	readonly startedAt: number;
	close(): Promise<void>;
	injectFault(fault: Fault): void;
	/** Drops every queued fault (also `DELETE /_sim/faults`). */
	clearFaults(): void;
	injectIncident(incident: Incident): void;
	/** Adds CloudTrail events (hostile, malformed or late ones for tests); they follow the normal delivery rules. */
	injectEvents(events: readonly SimTrailEventInput[]): void;
	/** Every AWS request received, by operation name, SDK retries and throttled requests included. */
	requestCounts(): Record<string, number>;
	/** The last ~10,000 AWS requests; `at` is wall-clock epoch ms. */
	requestLog(): RequestLogEntry[];
	/** What the 'hostile-values' fault changed, one report per answer it corrupted, oldest first (last 1,000). */
	hostileReports(): HostileReport[];
};

const LOG_LIMIT = 10_000;

/** Counts accepted requests in a rolling one-second window (wall clock, so it works with any simulated clock). */
function createRateLimiter(perSecond: number): {allow(): boolean} {
	const accepted: number[] = [];
	return {
		allow() {
			const t = performance.now();
			while (accepted.length > 0 && (accepted[0] ?? 0) <= t - 1000) accepted.shift();
			if (accepted.length >= perSecond) return false;
			accepted.push(t);
			return true;
		},
	};
}

/** Starts the simulator; resolves once it is listening. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const seed = options.seed ?? 1;
	const now = options.now ?? Date.now;
	const quiet = options.quiet ?? false;
	const startedAt = now();
	const incidents = createIncidentBook({seed, startedAt, quiet});
	for (const incident of options.incidents ?? []) incidents.add(incident);
	const fleet = createFleet({seed, incidents});
	const trail = createCloudTrailService({seed, now, startedAt, quiet, deliveryDelayMs: options.trailDeliveryDelayMs ?? null});
	const handlers: Record<ServiceName, ServiceHandler> = {
		cloudwatch: createCloudWatchService({
			fleet,
			...(options.listMetricsPageSize === undefined ? {} : {listMetricsPageSize: options.listMetricsPageSize}),
			...(options.alarmsPageSize === undefined ? {} : {alarmsPageSize: options.alarmsPageSize}),
		}).handle,
		cloudtrail: trail.handle,
	};
	const faults = createFaultQueue();
	const lookupLimiter = createRateLimiter(options.lookupEventsTps ?? 2);
	const counts: Record<string, number> = {};
	let log: RequestLogEntry[] = [];
	let hostile: HostileReport[] = [];
	// One generator per injected fault, so a seeded fault gives the same sequence of answers every run.
	const hostileRngs = new WeakMap<Fault, () => number>();
	const closing = new AbortController();

	async function control(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
		const reply = (status: number, body: unknown) => send(response, status, undefined, JSON.stringify(body));
		if (request.method === 'GET' && path === '/_sim/stats') return reply(200, {...counts});
		if (request.method === 'DELETE' && path === '/_sim/faults') {
			faults.clear();
			return reply(200, {ok: true});
		}
		if (request.method !== 'POST' || (path !== '/_sim/faults' && path !== '/_sim/incidents')) {
			return reply(404, {message: `no such control endpoint: ${request.method} ${path}`});
		}
		try {
			const input = parseJsonBody(await readBody(request));
			if (path === '/_sim/faults') faults.add(checkFault(input));
			else incidents.add(checkIncident(input));
			return reply(200, {ok: true});
		} catch (error) {
			return reply(400, {message: error instanceof Error ? error.message : String(error)});
		}
	}

	async function aws(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const target = request.headers['x-amz-target'];
		const {service, operation} = routeTarget(typeof target === 'string' ? target : '');
		const name = operation === '' ? '(none)' : operation;
		counts[name] = (counts[name] ?? 0) + 1;
		log.push({operation: name, at: Date.now()});
		if (log.length > LOG_LIMIT + 1000) log = log.slice(-LOG_LIMIT);
		try {
			const text = await readBody(request);
			if (request.method !== 'POST') throw new SimError('UnknownOperationException', 'AWS JSON requests use POST', 400);
			if (!service) {
				throw new SimError('UnknownOperationException', `Unknown operation target: ${String(target ?? '(none)')}`, 400);
			}
			if (service === 'cloudtrail' && operation === 'LookupEvents' && !lookupLimiter.allow()) {
				throw new SimError('ThrottlingException', 'Rate exceeded', 400);
			}
			const fault = faults.take(service, operation);
			const injected = fault && faultError(service, fault.kind, operation);
			if (injected && fault.delayMs) await sleep(fault.delayMs, undefined, {signal: closing.signal}).catch(() => undefined);
			if (injected) throw injected;
			if (fault?.kind === 'connection-reset') {
				// No status line at all: the client sees the socket close under it.
				request.socket.destroy();
				return;
			}
			if (fault?.kind === 'delay') {
				await sleep(fault.delayMs ?? 1000, undefined, {signal: closing.signal}).catch(() => undefined);
			}
			let result: unknown = (await handlers[service](operation, parseJsonBody(text), now())) ?? {};
			if (fault?.kind === 'hostile-values') {
				// A copy: handlers may answer from cached state, which must stay clean for the next request.
				result = JSON.parse(JSON.stringify(result));
				const rng = hostileRngs.get(fault) ?? hostileRng(fault.seed ?? 1);
				hostileRngs.set(fault, rng);
				hostile.push(fault.edits ? editAnswer(result, operation, fault.edits) : corruptAnswer(result, operation, rng, fault.rate));
				if (hostile.length > 1100) hostile = hostile.slice(-1000);
			}
			const answer = JSON.stringify(result);
			// malformed-json: a 200 whose body stops halfway, as from a connection cut mid-response.
			const body = fault?.kind === 'malformed-json' ? answer.slice(0, Math.max(1, Math.floor(answer.length / 2))) : answer;
			send(response, 200, service, body);
		} catch (error) {
			sendError(response, service, asSimError(error, service));
		}
	}

	const server: Server = createServer((request, response) => {
		const path = (request.url ?? '/').split('?')[0] ?? '/';
		const work = path.startsWith('/_sim/') ? control(request, response, path) : aws(request, response);
		work.catch(() => {
			if (!response.headersSent) response.destroy();
		});
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;

	return {
		port,
		url: `http://127.0.0.1:${port}`,
		startedAt,
		close() {
			closing.abort();
			return new Promise<void>(resolve => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
		injectFault: fault => faults.add(fault),
		clearFaults: () => faults.clear(),
		injectIncident: incident => incidents.add(incident),
		injectEvents: events => trail.injectEvents([...events]),
		requestCounts: () => ({...counts}),
		requestLog: () => log.slice(-LOG_LIMIT),
		hostileReports: () => hostile.slice(-1000),
	};
}
