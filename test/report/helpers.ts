/** The demo fleet read through the real clients at a stopped clock: the same snapshot on every run. */
import {createAwsClients} from '../../source/aws/clients.js';
import {DEFAULT_METRICS} from '../../source/iot/catalog.js';
import {Monitor} from '../../source/monitor/monitor.js';
import {startSimulator} from '../../source/simulator/server.js';
import type {Snapshot} from '../../source/types.js';
import {BASE} from '../aws/helpers.js';

/**
 * Starts the embedded endpoint (seed 1, incidents on) at BASE, stops its clock `afterMs` later, and
 * returns one --once style poll of every default metric, the events of `lookbackMs` and the alarms
 * (the newest `maxEvents` of them when given: the buffer limit, as --max-events sets it).
 */
export async function demoSnapshotAt(afterMs: number, lookbackMs: number, options: {readonly maxEvents?: number} = {}): Promise<Snapshot> {
	let clock = BASE;
	const now = () => clock;
	const sim = await startSimulator({seed: 1, now});
	clock = BASE + afterMs;
	const clients = await createAwsClients({region: 'us-east-1', endpointUrl: sim.url, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}});
	const monitor = new Monitor({
		cloudwatch: clients.cloudwatch,
		cloudtrail: clients.cloudtrail,
		region: 'us-east-1',
		profile: null,
		demo: true,
		metrics: DEFAULT_METRICS,
		now,
		lookbackMs,
		trailRatePerSecond: 1.5,
		...(options.maxEvents === undefined ? {} : {maxEvents: options.maxEvents}),
	});
	try {
		return await monitor.pollOnce();
	} finally {
		monitor.stop();
		clients.destroy();
		await sim.close();
	}
}
