/**
 * Pure assembly of the FleetSnapshot from the fleet's parts at one moment: per scope (account x region)
 * the single-scope Snapshot it would show (without points and bands until opened) and its overview row,
 * worst first; the merged events and their coverage.
 */
import type {AccountKey} from '../../aws/fleet-metrics.js';
import type {EventsUnread, FleetSnapshot, ScopeView, Snapshot} from '../../types.js';
import {eventCoverage} from '../../trail/coverage.js';
import {overallStatus} from '../snapshot-status.js';
import type {TrailState} from '../trail-tail.js';
import type {RegionAlarms} from './fleet-alarms.js';
import {scopeKey, type FleetEventBook} from './fleet-event-book.js';
import type {FleetEvents} from './fleet-events.js';
import type {FleetMonitorOptions} from './fleet-monitor.js';
import type {RegionMetrics} from './region-metrics.js';
import {compareScopes, summarize, worstStatus} from './scope-summary.js';
import {sourceHealth} from './source-health.js';

const RECENT_MS = 15 * 60_000;

/** Whether a tail has read every event of the 15 minutes before the newest it read. */
export function recentRead(trail: TrailState | null): boolean {
	return trail !== null && trail.caughtUp && trail.until !== null && trail.until - trail.since >= RECENT_MS;
}

export type FleetParts = {
	readonly options: Pick<FleetMonitorOptions, 'selfAccount' | 'accountNames' | 'trailLogGroup' | 'profile' | 'demo' | 'pollIntervalMs' | 'tailIntervalMs'>;
	readonly now: number;
	readonly paused: boolean;
	readonly regions: readonly RegionMetrics[];
	readonly alarms: readonly RegionAlarms[];
	readonly events: FleetEvents;
	readonly book: FleetEventBook;
	/** OAM link labels by account id. */
	readonly labels: ReadonlyMap<string, string>;
	/** Requests of the last minute to a region's metrics or event source. */
	readonly calls: (source: 'metrics' | 'trail', region: string) => number;
	readonly unread: (trail: TrailState | null) => EventsUnread | null;
	readonly accountId: (account: AccountKey) => string;
};

export function buildFleetSnapshot(parts: FleetParts): FleetSnapshot {
const {options, now, book, events: source, labels} = parts;
	const events = book.events;
	const byScope = book.byScope();
	const views: ScopeView[] = [];
	const sourceNotes = source.regions();
	const known = new Set(parts.regions.flatMap(region => region.accounts().flatMap(a => (a.account === null ? [] : [a.account]))));
	if (known.size === 0 && options.selfAccount) known.add(options.selfAccount);
	for (const region of parts.regions) region.adopt([...known]);
	for (const region of parts.regions) {
		const regionState = region.getState();
		const trail = source.stateFor(region.region);
		const regionSource = sourceNotes.find(s => s.region === region.region);
		const regionAlarms = parts.alarms.find(alarms => alarms.region === region.region);
		for (const account of region.accounts()) {
			const scope = {account: parts.accountId(account.account), region: region.region};
			// Events cover a scope when they come from the organization trail, or from LookupEvents for the caller's own account.
			const covered = source.kind.kind === 'log-group' || account.account === null || account.account === options.selfAccount;
			const metricsError = regionState.error ?? account.error;
			const trailError = covered ? (trail?.error ?? regionSource?.error ?? (source.missingEverywhere() ? `log group ${options.trailLogGroup} is in none of the watched regions: pass its ARN with --trail-log-group` : null)) : null;
			const scopeEvents = covered ? (byScope.get(scopeKey(scope)) ?? []) : [];
			const own = account.account === null || account.account === options.selfAccount;
			const alarms = regionAlarms?.forScope(scope.account, own) ?? {alarms: [], error: null, skipped: 0};
			const snapshot: Snapshot = {
				generatedAt: now,
				region: region.region,
				profile: options.profile,
				demo: options.demo,
				paused: parts.paused,
				metrics: account.series, // without points and bands: the summary and status need only the judgements
				events: scopeEvents,
				eventsSince: covered ? (trail?.since ?? now) : now,
				eventsDropped: trail?.dropped ?? 0,
				eventsUnread: covered ? parts.unread(trail) : null,
				health: {
					metrics: sourceHealth(regionState, metricsError, parts.calls('metrics', region.region), options.pollIntervalMs ?? 60_000),
					trail: sourceHealth(covered ? (trail as TrailState | null) : null, trailError, parts.calls('trail', region.region), options.tailIntervalMs ?? 10_000),
				},
				status: overallStatus(account.series, metricsError !== null || trailError !== null, alarms.alarms),
				learning: account.learning,
				alarms: alarms.alarms,
				alarmsError: alarms.error,
				...(alarms.skipped > 0 ? {alarmsSkipped: alarms.skipped} : {}),
				...(alarms.note ? {alarmsNote: alarms.note} : {}),
			};
			const name = options.accountNames?.[scope.account] ?? labels.get(scope.account) ?? scope.account;
			// Events of the last 15 minutes are counted once the tail has read all of them (newest minutes and 15 back).
			const summary = summarize(scope, name, snapshot, covered && recentRead(trail) ? book.recentCount(scope) : null);
			// The overview reads the summary; the points and bands of a scope are made only when it is opened or printed.
			let full: Snapshot | null = null;
			views.push({
				summary,
				get snapshot(): Snapshot {
					full ??= {...snapshot, metrics: account.full()};
					return full;
				},
			});
		}
	}
	views.sort(compareScopes);
	const tails = sourceNotes.flatMap(source => (source.tail ? [source.tail.getState()] : []));
	const since = tails.length > 0 ? Math.max(...tails.map(t => t.since)) : now;
	const unread = tails.map(t => parts.unread(t)).find(u => u !== null) ?? null;
	return {
		generatedAt: now,
		demo: options.demo,
		paused: parts.paused,
		regions: parts.regions.map(r => r.region),
		scopes: views,
		events,
		status: worstStatus(views),
		eventsCoverage: {since: eventCoverage({events, eventsSince: since, eventsDropped: book.dropped}).completeFrom, unread, dropped: book.dropped},
		eventSource: source.kind,
	};
}
