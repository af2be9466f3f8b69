/** Shared set-up for fleet-mode tests: an organization on the embedded endpoint and real clients for it. */
import {createFleetClients, type FleetClients} from '../../source/aws/fleet-clients.js';
import {DEFAULT_METRICS} from '../../source/iot/catalog.js';
import {FleetMonitor, type FleetMonitorOptions} from '../../source/monitor/fleet/fleet-monitor.js';
import {startSimulator, type Simulator, type SimulatorOptions} from '../../source/simulator/server.js';
import {runningClock} from '../aws/helpers.js';

export const SELF = '123456789012';
export const PROD = '210987654321';
export const STAGING = '345678901234';
export const REGIONS = ['us-east-1', 'eu-west-1'] as const;
export const GROUP = 'aws-controltower/CloudTrailLogs';

export type OrgRig = {sim: Simulator; clients: FleetClients; now: () => number; close(): Promise<void>};

export async function startOrg(options: Partial<SimulatorOptions> & {linked?: readonly string[]; regions?: readonly string[]} = {}): Promise<OrgRig> {
	const now = options.now ?? runningClock();
	const regions = options.regions ?? REGIONS;
	const sim = await startSimulator({
		seed: 1,
		quiet: true,
		...options,
		now,
		org: {linkedAccounts: options.linked ?? [PROD, STAGING], trailRegions: [...regions], ...options.org},
	});
	const clients = await createFleetClients({
		regions,
		endpointUrl: sim.url,
		credentials: {accessKeyId: 'test', secretAccessKey: 'test', accountId: SELF} as {accessKeyId: string; secretAccessKey: string},
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

/** A FleetMonitor on the rig: every linked account, LookupEvents, a day of history, 15 minutes of events. */
export function fleetMonitor(rig: OrgRig, options: Partial<FleetMonitorOptions> = {}): FleetMonitor {
	return new FleetMonitor({
		clients: rig.clients,
		accounts: {kind: 'all'},
		selfAccount: SELF,
		trailLogGroup: null,
		profile: null,
		demo: false,
		metrics: DEFAULT_METRICS,
		now: rig.now,
		historyDays: 1,
		lookbackMs: 15 * 60_000,
		errorRetryMs: [50],
		...options,
	});
}
