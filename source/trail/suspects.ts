/**
 * "Publishes dropped at 02:51: what changed just before?" The control-plane events in the window before a
 * deviation began, most suspicious first. What makes a change suspicious depends on the metric: devices
 * failing to connect point at certificates, policies and custom authorizers; rules failing point at topic
 * rules. Changes come before failed calls, and risky changes (revocations, detaches, deletions, policy
 * versions) before routine ones, and a change just before the onset before one half an hour earlier. Read-only calls
 * that succeeded changed nothing and are left out.
 */
import type {TrailEvent} from '../types.js';
import {classifyEvent} from './highlight.js';

/** How far back from the onset we look (the 30 minutes). */
export const SUSPECT_WINDOW_MS = 30 * 60_000;
/** Changes inside the first flagged minute count too: the bucket starts before the effect shows. */
const AFTER_ONSET_MS = 60_000;

/** What part of IoT an API call changes. */
export type Area = 'certificate' | 'policy' | 'authentication' | 'rule' | 'thing' | 'logging' | 'other';

const AREAS: ReadonlyArray<readonly [RegExp, Area]> = [
	[/Certificate/, 'certificate'],
	[/Policy|PolicyVersion|PrincipalPolicy/, 'policy'],
	[/Authorizer|RoleAlias|DomainConfiguration|ProvisioningTemplate/, 'authentication'],
	[/TopicRule|Destination/, 'rule'],
	[/Thing|Shadow/, 'thing'],
	[/Logging/, 'logging'],
];

export function areaOf(eventName: string): Area {
	for (const [pattern, area] of AREAS) if (pattern.test(eventName)) return area;
	return 'other';
}

/** The areas whose changes can explain a deviation of `metric`, most direct first. */
export function areasFor(metric: string): readonly Area[] {
	if (/^Rule|^RulesExecuted$|^ParseError$|^Failure$|^Success$|^TopicMatch$/.test(metric)) return ['rule', 'policy'];
	if (/Shadow/.test(metric)) return ['policy', 'thing', 'certificate'];
	// Devices that cannot connect point at their certificates first; devices connected but refused
	// (publish, subscribe) at what their policy allows.
	if (/^(Connect|Ping)\./.test(metric)) return ['certificate', 'policy', 'authentication'];
	if (/^(PublishIn|PublishOut|Subscribe)\./.test(metric)) return ['policy', 'certificate', 'authentication'];
	return ['policy', 'certificate', 'rule', 'authentication'];
}

export type Suspect = {
	readonly event: TrailEvent;
	/** Higher is more suspicious; only the order is meaningful. */
	readonly score: number;
	/** Why, in a few words each: the area, the risk, the failure. */
	readonly reasons: readonly string[];
};

export type SuspectQuery = {
	/** The metric that deviated. */
	readonly metric: string;
	/** When the deviation began (start of the first flagged bucket, epoch ms). */
	readonly onset: number;
	readonly windowMs?: number;
};

/** The events from `windowMs` before the onset to one minute after it, most suspicious first. */
export function suspectsFor(events: readonly TrailEvent[], {metric, onset, windowMs = SUSPECT_WINDOW_MS}: SuspectQuery): Suspect[] {
	const relevant = areasFor(metric);
	const from = onset - windowMs;
	const to = onset + AFTER_ONSET_MS;
	const suspects: Suspect[] = [];
	for (const event of events) {
		if (!(event.eventTime >= from && event.eventTime < to)) continue;
		const highlight = classifyEvent(event);
		const change = event.readOnly !== true;
		if (!change && !highlight.error) continue;
		const area = areaOf(event.eventName);
		const rank = relevant.indexOf(area);
		const reasons: string[] = [];
		let score = 0;
		if (change && !highlight.error) {
			// A call that failed changed nothing: it is scored as a failure below, not as a change.
			score += rank >= 0 ? 10 - rank : area === 'other' ? 2 : 4;
			reasons.push(rank >= 0 ? `${area} change: can explain ${metric}` : `${area} change`);
			if (highlight.risky) {
				score += 5;
				reasons.push(highlight.risky);
			}
		}
		if (highlight.error) {
			// A refused attempt to change something says more than a refused read.
			score += (highlight.denied ? 3 : 2) + (change ? 1 : 0);
			reasons.push(`failed: ${event.errorCode ?? 'error'}`);
		}
		if (highlight.root) {
			score += 1;
			reasons.push('root user');
		}
		// Nearer the onset is more suspicious: up to 3 points, falling off over the window.
		score += 3 * Math.max(0, 1 - Math.abs(onset - event.eventTime) / windowMs);
		suspects.push({event, score, reasons});
	}
	return suspects.sort(
		(a, b) => b.score - a.score || Math.abs(onset - a.event.eventTime) - Math.abs(onset - b.event.eventTime) || a.event.eventId.localeCompare(b.event.eventId),
	);
}
