/** Shared set-up for tests that drive the real SDK clients against the embedded endpoint. */
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
