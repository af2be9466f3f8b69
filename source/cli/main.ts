/**
 * Wires a parsed command to its mode: the TUI, one snapshot (--once), or the standalone simulator. The
 * demo is not a separate code path: it starts the embedded endpoint and points the same real SDK clients
 * at it.
 */
import {createAwsClients, quietSdkWarnings} from '../aws/clients.js';
import {Monitor} from '../monitor/monitor.js';
import {snapshotToJson} from '../monitor/snapshot-json.js';
import {startSimulator, type Simulator} from '../simulator/server.js';
import {safeJsonStringify} from '../text/json.js';
import type {Command, MonitorCliOptions} from './flags.js';
import {snapshotToText} from './once-text.js';
import {trace} from './trace.js';
import {withoutFetch} from './without-fetch.js';
import {defaultLogPath, divertDiagnostics} from './diagnostics.js';

/** Region and keys the demo uses against the embedded endpoint (nothing leaves 127.0.0.1). */
const DEMO = {region: 'us-east-1', credentials: {accessKeyId: 'DEMO', secretAccessKey: 'DEMO'}};

export async function runCommand(command: Command): Promise<number> {
	quietSdkWarnings();
	if (command.kind === 'simulate') return runSimulator(command.port, command.seed, command.quiet);
	return runMonitor(command.options);
}

async function runSimulator(port: number, seed: number, quiet: boolean): Promise<number> {
	const sim = await startSimulator({port, seed, quiet});
	process.stdout.write(`iot-monitor simulator listening on ${sim.url} (port ${sim.port})\n`);
	process.stdout.write(`try: AWS_ENDPOINT_URL=${sim.url} AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x iot-monitor\n`);
	await new Promise<void>(resolve => {
		for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => resolve());
	});
	await sim.close();
	return 0;
}

async function runMonitor(options: MonitorCliOptions): Promise<number> {
	let sim: Simulator | null = null;
	trace('main');
	// The UI will own the terminal: from here on, warnings (the SDK's among them) go to a log file.
	const restoreDiagnostics = options.once ? () => {} : divertDiagnostics(defaultLogPath());
	if (options.demo) sim = await startSimulator({port: 0, seed: options.seed, quiet: options.quietFleet});
	trace('simulator started');
	try {
		const clients = await createAwsClients(
			sim ? {...DEMO, endpointUrl: sim.url} : {region: options.region, profile: options.profile, endpointUrl: options.endpointUrl},
		);
		const monitor = new Monitor({
			cloudwatch: clients.cloudwatch,
			cloudtrail: clients.cloudtrail,
			region: clients.region,
			profile: sim ? null : clients.profile,
			demo: sim !== null,
			metrics: options.metrics,
			lookbackMs: options.lookbackMs,
			tailIntervalMs: options.tailIntervalMs,
			// --once must answer in about 2 s: at our 1 request/s pace, 3 pages = the newest 150 events.
			maxTrailPages: options.once ? 3 : null,
		});
		try {
			if (options.once) return await printOnce(monitor, options.json);
			// Polls start before the UI is even loaded; the first frame waits (briefly) for their answers.
			monitor.start();
			const {runTui} = await withoutFetch(() => import('../ui/run-tui.js'));
			trace('clients ready');
			await monitor.whenAnswered(1500);
			trace('first answers');
			return await runTui({monitor});
		} finally {
			monitor.stop();
			clients.destroy();
		}
	} finally {
		await sim?.close();
		restoreDiagnostics();
	}
}

async function printOnce(monitor: Monitor, json: boolean): Promise<number> {
	const snapshot = await monitor.pollOnce();
	process.stdout.write(json ? safeJsonStringify(snapshotToJson(snapshot), 2) + '\n' : snapshotToText(snapshot));
	const failed = snapshot.health.metrics.error ?? snapshot.health.trail.error;
	if (failed) process.stderr.write(`iot-monitor: ${failed}\n`);
	// Monitoring-plugin convention: 3 = UNKNOWN when we could not see everything.
	return failed ? 3 : 0;
}

