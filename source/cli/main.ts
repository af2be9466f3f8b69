/**
 * Wires a parsed command to its mode: the TUI, one snapshot (--once), or the standalone simulator. The
 * demo is not a separate code path: it starts the embedded endpoint and points the same real SDK clients
 * at it.
 */
import {createAwsClients, quietSdkWarnings, type AwsClients} from '../aws/clients.js';
import {SENSITIVITY} from '../baseline/severity.js';
import {baselineCachePath, defaultCacheDir, scopeCachePath, shippedModel} from '../monitor/baseline-cache.js';
import {Monitor} from '../monitor/monitor.js';
import {snapshotToJson} from '../monitor/snapshot-json.js';
import {startSimulator, type Simulator} from '../simulator/server.js';
import {safeJsonStringify} from '../text/json.js';
import type {Command, MonitorCliOptions} from './flags.js';
import {finalSnapshot, snapshotToText} from './once-text.js';
import {incidentMarkdown} from '../report/markdown.js';
import {trace} from './trace.js';
import {runTail} from './run-tail.js';
import {withoutFetch} from './without-fetch.js';
import {appendLog, defaultLogPath, divertDiagnostics} from './diagnostics.js';
import {startNotifier} from './notifier.js';
import {resolveDisplay} from '../render/display.js';
import {glyphsFor, type Glyphs} from '../render/glyphs.js';
import {writeSetting} from '../config/file.js';
import {formatSettingsReport} from '../config/show.js';
import {demoOrgSim, isFleetMode, runFleet} from './run-fleet.js';
import {collectAfterStartup} from './startup-garbage.js';

/** Monitoring-plugin convention (Nagios, Icinga, Sensu): 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. */
export const EXIT_CODES = {OK: 0, WARN: 1, CRIT: 2, UNKNOWN: 3} as const;

/** Region and keys the demo uses against the embedded endpoint (nothing leaves 127.0.0.1). */
const DEMO = {region: 'us-east-1', credentials: {accessKeyId: 'DEMO', secretAccessKey: 'DEMO'}};

export async function runCommand(command: Command): Promise<number> {
	quietSdkWarnings();
	if (command.kind === 'help' || command.kind === 'version') {
		process.stdout.write(`${command.text.replace(/\n+$/, '')}\n`);
		return 0;
	}
	if (command.kind === 'simulate') return runSimulator(command.port, command.seed, command.quiet, command.org);
	if (command.kind === 'config') {
		process.stdout.write(formatSettingsReport(command.report));
		return 0;
	}
	if (command.kind === 'config-set') {
		await writeSetting(command.file, command.key, command.value);
		process.stdout.write(`set ${command.key} to ${safeJsonStringify(command.value)} in ${command.file.path}\n`);
		return 0;
	}
	if (isFleetMode(command.options)) return runFleet(command.options, command.kind === 'tail');
	// --regions with one region is that region.
	const only = command.options.regions?.[0];
	return runMonitor(only ? {...command.options, region: only} : command.options, command.kind === 'tail');
}

async function runSimulator(port: number, seed: number, quiet: boolean, org = false): Promise<number> {
	const sim = await startSimulator({port, seed, quiet, ...(org ? {org: demoOrgSim()} : {})});
	process.stdout.write(`iot-monitor simulator listening on ${sim.url} (port ${sim.port})\n`);
	process.stdout.write(`try: AWS_ENDPOINT_URL=${sim.url} AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x iot-monitor\n`);
	await new Promise<void>(resolve => {
		for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => resolve());
	});
	await sim.close();
	return 0;
}

async function runMonitor(requested: MonitorCliOptions, tail = false): Promise<number> {
	let sim: Simulator | null = null;
	trace('main');
	// Output to a pipe or a file gets what a script wants, one snapshot, not a screen of escape codes.
	const toTerminal = process.stdout.isTTY === true;
	if (!tail && !requested.once && !toTerminal) {
		process.stderr.write('iot-monitor: stdout is not a terminal, so this prints one snapshot (as --once); use --once [--json] in scripts\n');
	}
	const options = tail || toTerminal ? requested : {...requested, once: true};
	const logPath = defaultLogPath();
	// The UI will own the terminal: from here on, warnings (the SDK's among them) go to a log file.
	const restoreDiagnostics = options.once || tail ? () => {} : divertDiagnostics(logPath);
	if (options.demo) sim = await startSimulator({port: 0, seed: options.seed, quiet: options.quietFleet});
	trace('simulator started');
	try {
		const clients = await createAwsClients(
			sim ? {...DEMO, endpointUrl: sim.url} : {region: options.region, profile: options.profile, endpointUrl: options.endpointUrl},
		);
		if (tail) {
			try {
				return await runTail({
					client: clients.cloudtrail,
					json: options.json,
					lookbackMs: options.lookbackMs,
					intervalMs: options.tailIntervalMs,
					ratePerSecond: options.trailRate,
					maxEvents: options.maxEvents,
					ascii: resolveDisplay({color: options.color, ascii: options.ascii, env: process.env, isTTY: toTerminal}).ascii,
				});
			} finally {
				clients.destroy();
			}
		}
		const monitor = new Monitor({
			cloudwatch: clients.cloudwatch,
			cloudtrail: clients.cloudtrail,
			region: clients.region,
			profile: sim ? null : clients.profile,
			demo: sim !== null,
			metrics: options.metrics,
			lookbackMs: options.lookbackMs,
			tailIntervalMs: options.tailIntervalMs,
			pollIntervalMs: options.pollIntervalMs,
			historyDays: options.baselineDays,
			trailRatePerSecond: options.trailRate,
			maxEvents: options.maxEvents,
			// --once must answer in about 2 s: at our 1 request/s pace, 3 pages = the newest 150 events.
			maxTrailPages: options.once ? 3 : null,
			rules: SENSITIVITY[options.sensitivity],
			baselineCache: {
				path: await cachePath(clients, options, sim),
				model: shippedModel(),
				rebaseline: options.rebaseline,
			},
		});
		try {
			if (options.once) {
				const {ascii} = resolveDisplay({color: options.color, ascii: options.ascii, env: process.env, isTTY: toTerminal});
				return await printOnce(monitor, options.format, glyphsFor(ascii), options.full);
			}
			// Polls start before the UI is even loaded; the first frame waits (briefly) for their answers.
			monitor.start();
			const {runTui} = await withoutFetch(() => import('../ui/run-tui.js'));
			trace('clients ready');
			await monitor.whenAnswered(1500);
			trace('first answers');
			const stopNotifier = startNotifier(monitor, {
				bell: options.notify.bell,
				command: options.notify.command,
				stdout: process.stdout,
				log: line => void appendLog(logPath, 'notify', line),
			});
			collectAfterStartup(monitor);
			try {
				return await runTui({
					monitor,
					display: resolveDisplay({color: options.color, ascii: options.ascii, env: process.env, isTTY: toTerminal}),
					logCrash: report => (appendLog(logPath, 'crash', report) ? logPath : null),
					fullHandoff: options.full,
				});
			} finally {
				stopNotifier();
			}
		} finally {
			monitor.stop();
			clients.destroy();
		}
	} finally {
		await sim?.close();
		restoreDiagnostics();
	}
}

/** Which account the baselines belong to: demo seed, else the account id if the credentials carry it, else the profile. */
async function cachePath(clients: AwsClients, options: MonitorCliOptions, sim: Simulator | null): Promise<string> {
	if (sim) return baselineCachePath(defaultCacheDir(), ['demo', `seed${options.seed}`, options.quietFleet ? 'quiet' : 'incidents']);
	let account: string | undefined;
	try {
		account = (await clients.cloudwatch.config.credentials()).accountId;
	} catch {
		account = undefined; // the first real call will report the credential problem
	}
	return scopeCachePath(account ?? clients.profile ?? 'default', clients.region, options.endpointUrl);
}

async function printOnce(monitor: Monitor, format: MonitorCliOptions['format'], glyphs: Glyphs, full: boolean): Promise<number> {
	// It exits after this: no "retrying" in what it prints.
	const snapshot = finalSnapshot(await monitor.pollOnce());
	process.stdout.write(
		format === 'json'
			? safeJsonStringify(snapshotToJson(snapshot), 2) + '\n'
			: format === 'markdown'
				? incidentMarkdown({snapshot, full})
				: snapshotToText(snapshot, glyphs),
	);
	const failed = snapshot.health.metrics.error ?? snapshot.health.trail.error;
	if (failed) process.stderr.write(`iot-monitor: ${failed}\n`);
	return EXIT_CODES[snapshot.status];
}

