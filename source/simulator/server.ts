/**
 * The embedded AWS-compatible endpoint: a real HTTP server on 127.0.0.1 that speaks enough CloudWatch
 * (JSON 1.0), CloudTrail (JSON 1.1), CloudWatch Logs (JSON 1.1) and OAM (REST-JSON) for the real SDK clients, over a
 * deterministic synthetic organization (source/simulator/org.ts). It reads the region from each request's
 * SigV4 credential scope (each region its own fleet) but does not check signatures, rate-limits
 * LookupEvents (2/s) and FilterLogEvents (5/s) per region like AWS, and takes injected faults.
 */
import {type IncomingMessage, type Server, type ServerResponse, createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {setTimeout as sleep} from 'node:timers/promises';
import {createCloudTrailService, type SimTrailEventInput} from './cloudtrail/service.js';
import {createCloudWatchService} from './cloudwatch.js';
import {type Fault, SIM_USER_ARN, checkFault, createFaultQueue, faultError, regionNotEnabled} from './faults.js';
import {type HostileReport, corruptAnswer, editAnswer, hostileRng} from './hostile.js';
import {type Incident, checkIncident} from './incidents.js';
import {createLogsService} from './logs/service.js';
import {createOamService, oamOperationOfPath} from './oam.js';
import {createQuotas} from './quotas.js';
import {type OrgOptions, type ScopeRef, createOrg, regionOfRequest} from './org.js';
import {type ServiceHandler, SimError} from './protocol.js';
import {type ServiceName, asSimError, parseJsonBody, readBody, routeTarget, send, sendError} from './wire.js';

export type {Fault, FaultKind, FaultService} from './faults.js';
export type {Incident, IncidentKind} from './incidents.js';
export type {HostileReport} from './hostile.js';
export type {OrgOptions, ScopeRef} from './org.js';
export {SIM_MONITORING_ACCOUNT, SIM_TRAIL_GROUP} from './org.js';

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
	/** FilterLogEvents allowed per rolling second and region (default 5, as AWS). */
	readonly filterLogEventsTps?: number;
	/** Linked accounts, trail regions and the incident scope (default: one account, as before). */
	readonly org?: OrgOptions;
};

export type RequestLogEntry = {
	readonly operation: string;
	readonly at: number;
	/** From the request's SigV4 credential scope. */
	readonly region: string;
	/** GetMetricData: how many MetricDataQueries it carried. */
	queries?: number;
	/** The access key id of the request's SigV4 credential (tells two clients of one endpoint apart). */
	readonly accessKey?: string;
};

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
	/** Adds an incident to one scope (default: the incident scope, normally the monitoring account in us-east-1). */
	injectIncident(incident: Incident, scope?: ScopeRef): void;
	/** From now on every GetMetricData query for this account answers Forbidden (and ListMetrics narrowed to it AccessDenied). */
	denyAccount(account: string): void;
	/** From now on every request signed for this region answers UnrecognizedClientException (an opt-in region not enabled). */
	disableRegion(region: string): void;
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

/** Starts the simulator; resolves once it is listening. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const seed = options.seed ?? 1;
	const now = options.now ?? Date.now;
	const quiet = options.quiet ?? false;
	const startedAt = now();
	const org = createOrg({...options.org, seed, startedAt, quiet});
	for (const incident of options.incidents ?? []) org.incidents(org.incidentScope).add(incident);
	const logs = createLogsService({org, startedAt, quiet});
	const trails = new Map<string, ReturnType<typeof createCloudTrailService>>();
	const trailOf = (region: string) => {
		let trail = trails.get(region);
		if (!trail) {
			const scope = {account: org.monitoring, region};
			trail = createCloudTrailService({seed: org.seedOf(scope), now, startedAt, quiet: quiet || !org.isIncidentScope(scope), region, deliveryDelayMs: options.trailDeliveryDelayMs ?? null});
			trails.set(region, trail);
		}
		return trail;
	};
	const regionHandlers = new Map<string, Record<ServiceName, ServiceHandler>>();
	/** The three services as seen from one region: the monitoring account's fleet there and its linked accounts'. */
	const handlersOf = (region: string): Record<ServiceName, ServiceHandler> => {
		let handlers = regionHandlers.get(region);
		if (handlers) return handlers;
		const own = org.fleet({account: org.monitoring, region});
		const deniedMessage = (account: string) =>
			`User: ${SIM_USER_ARN} is not authorized to read metrics of account ${account}: the OAM link does not share them with this monitoring account`;
		handlers = {
			cloudwatch: createCloudWatchService({
				fleet: own,
				...(options.listMetricsPageSize === undefined ? {} : {listMetricsPageSize: options.listMetricsPageSize}),
				...(options.alarmsPageSize === undefined ? {} : {alarmsPageSize: options.alarmsPageSize}),
				// Linked accounts with a link label have the monitoring account's publish-drop alarm on them.
				crossAccountAlarms: () =>
					org.linked.flatMap(account => {
						const label = org.linkLabels[account];
						return label ? [{account, label, fleet: org.fleet({account, region})}] : [];
					}),
				linked: {
					self: org.monitoring,
					accounts: org.accounts,
					fleetOf: account => org.fleet({account, region}),
					check(account) {
						if (org.isDenied(account)) throw new SimError('AccessDeniedException', deniedMessage(account), 403, 'AccessDenied');
					},
					metricData(account) {
						const id = account ?? org.monitoring;
						if (!org.knows(id) || org.isDenied(id)) return {forbidden: deniedMessage(id)};
						return id === org.monitoring ? own : org.fleet({account: id, region});
					},
				},
			}).handle,
			cloudtrail: (operation, input, at) => trailOf(region).handle(operation, input, at),
			logs: logs.forRegion(region),
			oam: createOamService(org, region, org.linkLabels),
		};
		regionHandlers.set(region, handlers);
		return handlers;
	};
	const faults = createFaultQueue();
	const allowed = createQuotas();
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
			else org.incidents(org.incidentScope).add(checkIncident(input));
			return reply(200, {ok: true});
		} catch (error) {
			return reply(400, {message: error instanceof Error ? error.message : String(error)});
		}
	}

	async function aws(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const target = request.headers['x-amz-target'];
		// OAM is REST-JSON: no X-Amz-Target, the operation is the path (POST /ListSinks).
		const oamOperation = target === undefined ? oamOperationOfPath((request.url ?? '/').split('?')[0] ?? '/') : null;
		const {service, operation} = oamOperation ? {service: 'oam' as const, operation: oamOperation} : routeTarget(typeof target === 'string' ? target : '');
		const name = operation === '' ? '(none)' : operation;
		const authorization = request.headers['authorization'];
		const region = regionOfRequest(typeof authorization === 'string' ? authorization : undefined);
		counts[name] = (counts[name] ?? 0) + 1;
		const accessKey = /Credential=([^/,\s]+)\//.exec(typeof authorization === 'string' ? authorization : '')?.[1];
		const entry: RequestLogEntry = {operation: name, at: Date.now(), region, ...(accessKey ? {accessKey} : {})};
		log.push(entry);
		if (log.length > LOG_LIMIT + 1000) log = log.slice(-LOG_LIMIT);
		try {
			const text = await readBody(request);
			if (request.method !== 'POST') throw new SimError('UnknownOperationException', 'AWS JSON requests use POST', 400);
			if (!service) {
				throw new SimError('UnknownOperationException', `Unknown operation target: ${String(target ?? '(none)')}`, 400);
			}
			if (org.isDisabled(region)) throw regionNotEnabled(service);
			if (service === 'cloudtrail' && operation === 'LookupEvents' && !allowed(operation, region, options.lookupEventsTps ?? 2)) {
				throw new SimError('ThrottlingException', 'Rate exceeded', 400);
			}
			if (service === 'logs' && operation === 'FilterLogEvents' && !allowed(operation, region, options.filterLogEventsTps ?? 5)) {
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
			const input = parseJsonBody(text);
			if (Array.isArray(input['MetricDataQueries'])) entry.queries = input['MetricDataQueries'].length;
			let result: unknown = (await handlersOf(region)[service](operation, input, now())) ?? {};
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
		injectIncident: (incident, scope) => org.incidents(scope ?? org.incidentScope).add(incident),
		denyAccount: account => org.denyAccount(account),
		disableRegion: region => org.disableRegion(region),
		injectEvents: events => trailOf(org.incidentScope.account === org.monitoring ? org.incidentScope.region : 'us-east-1').injectEvents([...events]),
		requestCounts: () => ({...counts}),
		requestLog: () => log.slice(-LOG_LIMIT).map(entry => ({...entry})),
		hostileReports: () => hostile.slice(-1000),
	};
}
