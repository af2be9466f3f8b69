/**
 * Fleet mode from the command line: more than one scope (account x region), or events from an
 * organization trail log group. `--once` prints every scope (JSON: the single-scope shape plus account
 * and region on each metric and event, and `scopes`); `tail` streams every scope's events with account
 * and region. On a terminal it starts the fleet overview screen (ui/fleet/), where each scope opens
 * as today's single-scope view.
 */
import {createFleetClients, type FleetClients} from '../aws/fleet-clients.js';
import {SENSITIVITY} from '../baseline/severity.js';
import type {FleetSnapshot, ScopedEvent} from '../types.js';
import {baselineCachePath, defaultCacheDir, endpointHost, scopeCachePath, shippedModel} from '../monitor/baseline-cache.js';
import {FleetEvents} from '../monitor/fleet/fleet-events.js';
import {fleetSnapshotToJson} from '../monitor/fleet/fleet-json.js';
import {FleetMonitor} from '../monitor/fleet/fleet-monitor.js';
import {labelCachePath} from '../monitor/fleet/label-cache.js';
import type {AccountSelection} from '../monitor/fleet/region-metrics.js';
import {sleep} from '../monitor/sleep.js';
import {incidentMarkdown} from '../report/markdown.js';
import {startSimulator, type Simulator} from '../simulator/server.js';
import {safeJsonStringify} from '../text/json.js';
import {sanitize} from '../text/sanitize.js';
import {pad} from '../text/width.js';
import {eventToJsonWithLate} from '../trail/event-json.js';
import {type MonitorCliOptions} from './flags.js';
import {appendLog, defaultLogPath, divertDiagnostics} from './diagnostics.js';
import {collectAfterStartup} from './startup-garbage.js';
import {withoutFetch} from './without-fetch.js';
import {trace} from './trace.js';
import {resolveDisplay} from '../render/display.js';
import {formatClock, unreadText} from '../render/format.js';

/** --demo --org: the monitoring account and two linked accounts in two regions; the incident in one of them. */
export const DEMO_ORG = {
	regions: ['us-east-1', 'eu-west-1'],
	linked: ['210987654321', '345678901234'],
	incident: {account: '210987654321', region: 'eu-west-1'},
	/** The monitoring account has no OAM link: the demo names it as a settings file would. */
	names: {'123456789012': 'monitoring'} as Record<string, string>,
	/** The linked accounts' names come from their OAM link labels, as in a real organization. */
	labels: {'210987654321': 'prod-eu', '345678901234': 'staging'} as Record<string, string>,
	logGroup: 'aws-controltower/CloudTrailLogs',
};

/** The embedded endpoint's organization for --demo --org. */
export const demoOrgSim = () => ({linkedAccounts: DEMO_ORG.linked, trailRegions: DEMO_ORG.regions, incidentScope: DEMO_ORG.incident, linkLabels: DEMO_ORG.labels});

const DEMO_CREDENTIALS = {accessKeyId: 'DEMO', secretAccessKey: 'DEMO', accountId: '123456789012'};

/** Whether these options need fleet mode (several scopes, or the organization trail). */
export function isFleetMode(options: MonitorCliOptions): boolean {
	return options.org || (options.regions !== null && options.regions.length > 1) || options.accounts !== null || options.trailLogGroup !== null;
}

export const EXIT = {OK: 0, WARN: 1, CRIT: 2, UNKNOWN: 3} as const;

export async function runFleet(requested: MonitorCliOptions, tail: boolean): Promise<number> {
	// As in single-account mode: output to a pipe or a file gets one snapshot.
	const options = !tail && !requested.once && process.stdout.isTTY !== true ? {...requested, once: true} : requested;
	const interactive = !tail && !options.once;
	const logPath = defaultLogPath();
	// The overview will own the terminal: from here on, warnings (the SDK's among them) go to a log file.
	const restoreDiagnostics = interactive ? divertDiagnostics(logPath) : () => {};
	let sim: Simulator | null = null;
	if (options.demo) {
		sim = await startSimulator({
			port: 0,
			seed: options.seed,
			quiet: options.quietFleet,
			...(options.org ? {org: demoOrgSim()} : {}),
		});
	}
	const demoOrg = sim !== null && options.org;
	const regions = demoOrg ? (options.regions ?? DEMO_ORG.regions) : (options.regions ?? (options.region ? [options.region] : []));
	try {
		const clients = await createFleetClients(
			sim
				? {regions, endpointUrl: sim.url, credentials: DEMO_CREDENTIALS as {accessKeyId: string; secretAccessKey: string}}
				: {regions, ...(options.profile ? {profile: options.profile} : {}), ...(options.endpointUrl ? {endpointUrl: options.endpointUrl} : {})},
		);
		try {
			const selfAccount = await clients.callerAccount();
			const trailLogGroup = options.trailLogGroup ?? (demoOrg ? DEMO_ORG.logGroup : null);
			if (tail) return await fleetTail(clients, options, trailLogGroup, selfAccount);
			if (interactive) return await fleetTui(options, clients, {selfAccount, sim, demoOrg, logPath});
			const monitor = createFleetMonitor(options, clients, {selfAccount, sim, demoOrg});
			try {
				const snapshot = await monitor.pollOnce();
				process.stdout.write(
					options.format === 'json'
						? safeJsonStringify(fleetSnapshotToJson(snapshot), 2) + '\n'
						: options.format === 'markdown'
							? incidentMarkdown({snapshot: snapshot.scopes[0]!.snapshot})
							: fleetToText(snapshot),
				);
				for (const view of snapshot.scopes) {
					for (const error of view.summary.errors) process.stderr.write(`iot-monitor: ${view.summary.account} ${view.summary.region}: ${sanitize(error)}\n`);
				}
				return EXIT[snapshot.status];
			} finally {
				monitor.stop();
			}
		} finally {
			clients.destroy();
		}
	} finally {
		await sim?.close();
		restoreDiagnostics();
	}
}

/** The interactive fleet: the live FleetMonitor behind the overview screen (ui/fleet/). */
async function fleetTui(
	options: MonitorCliOptions,
	clients: FleetClients,
	context: {readonly selfAccount: string | null; readonly sim: Simulator | null; readonly demoOrg: boolean; readonly logPath: string},
): Promise<number> {
	const monitor = createFleetMonitor(options, clients, {...context, live: true});
	// Polls start before the UI is even loaded; the first frame waits (briefly) for their answers.
	monitor.start();
	try {
		const {runTui} = await withoutFetch(() => import('../ui/run-tui.js'));
		trace('fleet: ui loaded');
		await monitor.whenAnswered(1500);
		trace('fleet: first answers');
		// The baselines of every scope and the first fill of the trail allocate far more than is kept.
		collectAfterStartup(monitor);
		return await runTui({
			fleet: monitor,
			display: resolveDisplay({color: options.color, ascii: options.ascii, env: process.env, isTTY: process.stdout.isTTY === true}),
			logCrash: report => (appendLog(context.logPath, 'crash', report) ? context.logPath : null),
			fullHandoff: options.full,
		});
	} finally {
		monitor.stop();
	}
}

/**
 * The FleetMonitor for these options, as --once runs it (and the fleet bench, so it measures what ships).
 * `live`: a long-running monitor (the 3 h lookback paged to the end) rather than one --once answer.
 */
export function createFleetMonitor(
	options: MonitorCliOptions,
	clients: FleetClients,
	context: {readonly selfAccount: string | null; readonly sim: Simulator | null; readonly demoOrg: boolean; readonly live?: boolean},
): FleetMonitor {
	const {selfAccount, sim, demoOrg} = context;
	const accounts: AccountSelection =
		(demoOrg ? (options.accounts ?? 'all') : options.accounts) === 'all'
			? {kind: 'all'}
			: options.accounts === null
				? {kind: 'self'}
				: {kind: 'list', ids: options.accounts as readonly string[]};
	const trailLogGroup = options.trailLogGroup ?? (demoOrg ? DEMO_ORG.logGroup : null);
	const once = !context.live;
	return new FleetMonitor({
		clients,
		accounts,
		selfAccount,
		accountNames: {...(demoOrg ? DEMO_ORG.names : {}), ...(options.accountNames ?? {})},
		trailLogGroup,
		profile: sim ? null : clients.profile,
		demo: sim !== null,
		metrics: options.metrics,
		// With an organization trail the pages come oldest first: --once reads the last 15 minutes whole.
		lookbackMs: once && trailLogGroup ? Math.min(options.lookbackMs, 15 * 60_000) : options.lookbackMs,
		maxTrailPages: once && !trailLogGroup ? 3 : null,
		tailIntervalMs: options.tailIntervalMs,
		pollIntervalMs: options.pollIntervalMs,
		historyDays: options.baselineDays,
		trailRatePerSecond: options.trailRate,
		maxEvents: options.maxEvents,
		rules: SENSITIVITY[options.sensitivity],
		labelCachePath: labelCachePath(defaultCacheDir(), sim ? ['demo-org', `seed${options.seed}`] : [selfAccount ?? 'caller', clients.profile ?? '', endpointHost(options.endpointUrl ?? process.env['AWS_ENDPOINT_URL_OAM'] ?? process.env['AWS_ENDPOINT_URL'])]),
		baselineCache: {
			pathOf: scope =>
				sim
					? baselineCachePath(defaultCacheDir(), ['demo-org', `seed${options.seed}`, options.quietFleet ? 'quiet' : 'incidents', scope.account, scope.region])
					: scopeCachePath(scope.account, scope.region, options.endpointUrl),
			model: shippedModel(),
			rebaseline: options.rebaseline,
		},
	});
}

/** Pure: `--once` text for a fleet: one line per scope, worst first. */
export function fleetToText(fleet: FleetSnapshot): string {
	const lines = [`iot-monitor ${fleet.regions.join(',')} ${fleet.status} at ${new Date(fleet.generatedAt).toISOString()} (times UTC)`, ''];
	lines.push(`${pad('STATUS', 8)} ${pad('ACCOUNT', 24)} ${pad('REGION', 15)} ${pad('EVENTS/15m', 10, 'right')}  STATE`);
	for (const {summary} of fleet.scopes) {
		const account = summary.accountName === summary.account ? summary.account : `${summary.accountName} ${summary.account}`;
		lines.push(
			`${pad(summary.status, 8)} ${pad(sanitize(account), 24)} ${pad(summary.region, 15)} ${pad(summary.eventsLast15m === null ? '-' : String(summary.eventsLast15m), 10, 'right')}  ${sanitize(summary.statusText)}`,
		);
	}
	const {since, unread} = fleet.eventsCoverage;
	lines.push('', `EVENTS since ${formatClock(since)} (${fleet.events.length})${unread ? ` (${unreadText(unread)})` : ''}`);
	return lines.join('\n') + '\n';
}

/** `tail` in fleet mode: every scope's events once, oldest first per page, with account and region. */
async function fleetTail(clients: FleetClients, options: MonitorCliOptions, logGroup: string | null, selfAccount: string | null): Promise<number> {
	const controller = new AbortController();
	const stop = () => controller.abort();
	const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
	for (const signal of signals) process.once(signal, stop);
	process.stdout.on('error', stop);
	const problems = new Map<string, string | null>();
	const line = (event: ScopedEvent) =>
		options.json
			? safeJsonStringify({account: event.account, region: event.region, ...eventToJsonWithLate(event)})
			: [new Date(event.eventTime).toISOString(), event.account ?? '?', event.region ?? '?', event.eventName, `${event.identityType} ${event.username ?? ''}`.trim(), event.errorCode ? `✗ ${event.errorCode}` : '', event.late ? '(late)' : '']
					.map(field => sanitize(field))
					.join('  ')
					.trimEnd();
	const events: FleetEvents = new FleetEvents({
		clients,
		logGroup,
		selfAccount,
		now: Date.now,
		lookbackMs: options.lookbackMs,
		overlapMs: 20 * 60_000,
		lookupRatePerSecond: options.trailRate,
		maxEvents: options.maxEvents,
		maxPages: null,
		// A stream in time order: the whole lookback oldest first (its events are printed, not held).
		backfill: 'oldest-first',
		onChange: () => {
			for (const source of events.regions()) {
				const problem = source.error ?? source.tail?.getState().error ?? null;
				if (problem && problem !== problems.get(source.region)) process.stderr.write(`iot-monitor: ${sanitize(problem)}\n`);
				problems.set(source.region, problem);
			}
		},
		onRequest: () => {},
		onEvents: added => {
			if (controller.signal.aborted) return;
			// Oldest first whatever the page order (LookupEvents pages are newest first, FilterLogEvents oldest first).
			process.stdout.write([...added].sort((a, b) => a.eventTime - b.eventTime).map(event => line(event) + '\n').join(''));
		},
	});
	try {
		await Promise.all(
			events.sourceRegions().map(async region => {
				while (!controller.signal.aborted) {
					await events.pollRegion(region, controller.signal);
					await sleep(options.tailIntervalMs, controller.signal);
				}
			}),
		);
	} finally {
		for (const signal of signals) process.off(signal, stop);
	}
	return 0;
}
