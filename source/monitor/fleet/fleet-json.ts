/**
 * Pure: `--once --json` for more than one scope. The single-scope shape with every metric and event
 * object carrying `account` and `region`, plus `scopes: [{account, region, status, errors}]`; `status` is
 * the worst scope's. `region` is the watched regions joined with commas (also as `regions`).
 */
import type {FleetSnapshot} from '../../types.js';
import {eventToJson} from '../../trail/event-json.js';
import {snapshotToJson} from '../snapshot-json.js';

const iso = (ms: number | null | undefined) => (typeof ms === 'number' && ms > 0 ? new Date(ms).toISOString() : null);

export function fleetSnapshotToJson(fleet: FleetSnapshot) {
	const scopes = fleet.scopes.map(view => ({view, json: snapshotToJson(view.snapshot)}));
	const first = (pick: (errors: ReturnType<typeof snapshotToJson>['errors']) => string | null) =>
		scopes.map(({json}) => pick(json.errors)).find(Boolean) ?? null;
	return {
		generatedAt: iso(fleet.generatedAt),
		region: fleet.regions.join(','),
		regions: fleet.regions,
		eventsSince: iso(Math.min(...fleet.scopes.map(view => view.snapshot.eventsSince))),
		// What `events` covers: all events from `since` on; older ones not read and why ('cap': the buffer was
		// full at `maxEvents`, 'reading', 'page-limit'; null: none left unread); how many were dropped at the limit.
		eventsCoverage: {
			since: iso(fleet.eventsCoverage.since),
			olderNotRead: fleet.eventsCoverage.unread?.reason ?? null,
			maxEvents: fleet.eventsCoverage.unread?.max ?? null,
			dropped: fleet.eventsCoverage.dropped,
		},
		metrics: scopes.flatMap(({view, json}) => json.metrics.map(metric => ({account: view.summary.account, region: view.summary.region, ...metric}))),
		events: fleet.events.map(event => ({account: event.account, region: event.region, ...eventToJson(event)})),
		// Every scope's alarms with its account and region (a cross-account alarm under the account it watches).
		alarms: scopes.flatMap(({view, json}) => json.alarms.map(alarm => ({account: view.summary.account, region: view.summary.region, ...alarm}))),
		status: fleet.status,
		errors: {metrics: first(e => e.metrics), trail: first(e => e.trail), alarms: first(e => e.alarms)},
		scopes: scopes.map(({view}) => ({
			account: view.summary.account,
			accountName: view.summary.accountName,
			region: view.summary.region,
			status: view.summary.status,
			statusText: view.summary.statusText,
			flagged: view.summary.flagged,
			eventsLast15m: view.summary.eventsLast15m,
			errors: view.summary.errors,
		})),
	};
}
