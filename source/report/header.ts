/** The hand-off's header: status, account and region, what was refreshed when, what the event list covers, and the resources involved. */
import {eventCoverage} from '../trail/coverage.js';
import {eventResources, resourceText} from '../trail/resources.js';
import {SUSPECT_WINDOW_MS} from '../trail/suspects.js';
import {accountOf} from './account.js';
import {cell, short, when} from './md-text.js';
import type {Alarm, Snapshot, TrailEvent} from '../types.js';

/** "us-east-1, profile prod" or "us-east-1 (DEMO: simulated account)". */
function regionWords(snapshot: Snapshot): string {
	return snapshot.demo ? `${snapshot.region} (DEMO: simulated account)` : `${snapshot.region}${snapshot.profile ? `, profile ${snapshot.profile}` : ''}`;
}

function accountLine(snapshot: Snapshot, alarms: readonly Alarm[]): string {
	const account = accountOf(snapshot.events, alarms);
	const id = account === null ? 'account unknown (no CloudTrail record or alarm ARN held names it)' : `${account.id} (from the ${account.from})`;
	return `- **Account:** ${id}; **region:** ${cell(regionWords(snapshot))}`;
}

/** What the event list holds and from when it is complete: the oldest event actually held, and any drops. */
function eventsLine(snapshot: Snapshot): string {
	const trail = snapshot.health.trail;
	const coverage = eventCoverage(snapshot);
	const failed = trail.error ? ` Last attempt failed: ${short(trail.error)}.` : '';
	const refreshed = `refreshed ${when(trail.lastSuccess)}`;
	if (coverage.held === 0) {
		const none = trail.lastSuccess === null ? 'none held: CloudTrail has not answered yet' : `none since ${when(coverage.completeFrom)} (${refreshed})`;
		return `- **Events:** ${none}.${failed}`;
	}
	const span = `${coverage.held} IoT control-plane event${coverage.held === 1 ? '' : 's'} held, ${when(coverage.oldest)} to ${when(coverage.newest)}`;
	const complete =
		coverage.dropped > 0
			? `${coverage.dropped} older event${coverage.dropped === 1 ? ' was' : 's were'} dropped at the buffer limit (--max-events), so the list is complete only from ${when(coverage.completeFrom)}`
			: `complete from ${when(coverage.completeFrom)}; nothing older was read`;
	return `- **Events:** ${span}; ${complete} (${refreshed}).${failed}`;
}

export function header(snapshot: Snapshot, alarms: readonly Alarm[], resources: readonly string[]): string[] {
	const flagged = snapshot.metrics.filter(series => series.deviation && series.deviation.severity !== 'ok');
	const crit = flagged.filter(series => series.deviation?.severity === 'crit').length;
	const firing = alarms.filter(alarm => alarm.state === 'ALARM').length;
	const counts = [`${crit} CRIT`, `${flagged.length - crit} WARN`, `${firing} alarm${firing === 1 ? '' : 's'} in ALARM`].join(', ');
	return [
		`# iot-monitor incident snapshot: ${cell(snapshot.region)}, ${when(snapshot.generatedAt)}`,
		'',
		`- **Status:** ${snapshot.status} (${counts})`,
		accountLine(snapshot, alarms),
		`- **Metrics refreshed:** ${when(snapshot.health.metrics.lastSuccess)}${snapshot.health.metrics.error ? ` (last attempt failed: ${short(snapshot.health.metrics.error)})` : ''}`,
		eventsLine(snapshot),
		...resources,
		'',
	];
}

/** Events a busy account's fallback resource list reads at most (each may parse a record). */
const MAX_RECENT = 500;

/** The newest changes (and failed calls) of the 30 minutes before `now`: what "involved" means without suspects. */
export function recentChanges(events: readonly TrailEvent[], now: number): TrailEvent[] {
	const from = now - SUSPECT_WINDOW_MS;
	const out: TrailEvent[] = [];
	for (const event of events) {
		if (out.length === MAX_RECENT) break;
		if (event.eventTime >= from && event.eventTime <= now && (event.readOnly !== true || event.errorCode !== null)) out.push(event);
	}
	return out;
}

/**
 * "Resources involved": what the shown suspects acted on, most often named first; when nothing is
 * flagged, what the changes of the last 30 minutes acted on, and it says so.
 */
export function resourcesLine(suspects: readonly TrailEvent[], recent: readonly TrailEvent[], flagged: boolean, max: number): string[] {
	const events = suspects.length > 0 ? suspects : recent;
	const basis =
		suspects.length > 0 ? 'the suspect events' : `the changes of the last 30 minutes (${flagged ? 'no suspect before the flags' : 'nothing is flagged'})`;
	const counts = new Map<string, number>();
	for (const event of events) {
		for (const resource of eventResources(event)) {
			const text = resourceText(resource);
			counts.set(text, (counts.get(text) ?? 0) + 1);
		}
	}
	if (counts.size === 0) return [`- **Resources involved:** none named by ${basis}`];
	const ranked = [...counts].sort((a, b) => b[1] - a[1]);
	const shown = ranked.slice(0, max).map(([text, count]) => `${short(text, 120)} (${count} event${count === 1 ? '' : 's'})`);
	const more = ranked.length > max ? `, and ${ranked.length - max} more` : '';
	const from = suspects.length > 0 ? '' : ` (from ${basis})`;
	return [`- **Resources involved:** ${shown.join(', ')}${more}${from}`];
}
