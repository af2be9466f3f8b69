/** Hand-written fleets for the overview tests: scopes built from single-scope snapshots as the monitor builds them. */
import {summarize, compareScopes, worstStatus} from '../../source/monitor/fleet/scope-summary.js';
import type {FleetHandle} from '../../source/monitor/types.js';
import type {FleetSnapshot, ScopedEvent, ScopeView, Snapshot} from '../../source/types.js';
import {event, fakeHandle, health, incidentMetrics, NOW, snapshot} from './helpers.js';

export const NAMES: Record<string, string> = {'123456789012': 'monitoring', '210987654321': 'prod-eu', '345678901234': 'staging'};

export function scopeView(account: string, region: string, overrides: Partial<Snapshot> = {}, events15 = 3): ScopeView {
	const snap = snapshot({region, profile: null, events: [], ...overrides});
	return {summary: summarize({account, region}, NAMES[account] ?? account, snap, events15), snapshot: snap};
}

/** Six scopes: prod-eu eu-west-1 in an incident, staging us-east-1 denied, the rest calm. */
export function fleetSnapshot(overrides: Partial<FleetSnapshot> = {}): FleetSnapshot {
	const incident = incidentMetrics();
	const views = [
		scopeView('123456789012', 'us-east-1'),
		scopeView('123456789012', 'eu-west-1'),
		scopeView('210987654321', 'us-east-1'),
		scopeView('210987654321', 'eu-west-1', {metrics: incident, status: 'CRIT', events: [scoped('p1', '210987654321', 'eu-west-1')]}, 7),
		scopeView('345678901234', 'us-east-1', {
			status: 'UNKNOWN',
			health: {
				metrics: health({error: 'access denied: cloudwatch:GetMetricData is not allowed for account 345678901234 (ask for the read-only policy in the README)', lastSuccess: null}),
				trail: health(),
			},
		}),
		scopeView('345678901234', 'eu-west-1'),
	].sort(compareScopes);
	const events = [scoped('p1', '210987654321', 'eu-west-1'), scoped('m1', '123456789012', 'us-east-1', NOW - 60_000)];
	return {generatedAt: NOW, demo: false, paused: false, regions: ['us-east-1', 'eu-west-1'], scopes: views, events, status: worstStatus(views), eventsCoverage: {since: NOW - 3 * 3600_000, unread: null, dropped: 0}, eventSource: {kind: 'log-group', group: 'aws-controltower/CloudTrailLogs'}, ...overrides};
}

export function scoped(id: string, account: string, region: string, at = NOW): ScopedEvent {
	return {...event({eventId: id, eventName: id.startsWith('p') ? 'AttachPolicy' : 'CreateThing', eventTime: at}), account, region};
}

export type FakeFleet = FleetHandle & {emit(next: FleetSnapshot): void; readonly calls: {paused: boolean[]; refresh: number}};

export function fakeFleet(initial: FleetSnapshot = fleetSnapshot()): FakeFleet {
	return fakeHandle(initial);
}
