/**
 * "Publishes dropped at 02:51: what changed just before?" The control-plane changes around a deviation,
 * ranked by how well each explains it: the evidence for one change (suspect-evidence.ts) is what it can do
 * to device traffic against what moved, how strongly, how far it reaches, and how long before the onset.
 *
 * Only changes before the onset are ranked: a change after it cannot have caused it. Those are listed
 * apart, oldest first, for the story of what happened since (someone may already have rolled back).
 * Reads and failed calls changed nothing and are not suspects. Equal evidence: the change nearer the
 * onset first. At most MAX_RANKED are ranked; the rest of the window follows a "N more" line.
 * What each change did and to which resource, in words: change.ts.
 * Why each one is a suspect, in words: suspect-why.ts.
 */
import {operationOf, type Operation} from '../iot/operations.js';
import type {TrailEvent} from '../types.js';
import {changeOf} from './change.js';
import {nameWords} from './highlight.js';
import {deviationOf, timeWeight} from './suspect-evidence.js';
import type {Scored, Suspect, SuspectQuery} from './suspect-types.js';
import {suspectOf} from './suspect-why.js';

export {areaOf, areasFor, type Area} from './suspect-areas.js';
export {EFFECT_DELAY_MS, ONE_DEVICE_REACH} from './suspect-evidence.js';
export type {Suspect, SuspectQuery, SuspectSection} from './suspect-types.js';

const MINUTE = 60_000;

/** How far back from the onset we look. */
export const SUSPECT_WINDOW_MS = 30 * MINUTE;
/** Changes after the onset are listed (apart, not ranked) up to this long after it. */
export const AFTER_ONSET_MS = 10 * MINUTE;
/** At most this many ranked suspects (a screenful at 80x24); the rest follow a "N more" line. */
export const MAX_RANKED = 10;
/** A change with less evidence than this is not ranked: it is one of the "more". */
export const MIN_EVIDENCE = 0.1;
/** A change after the onset is listed when it could have explained this much (the rest are left out). */
const AFTER_EVIDENCE = 0.5;

/** The changes from `windowMs` before the onset (ranked) and up to AFTER_ONSET_MS after it (listed apart). */
export function suspectsFor(events: readonly TrailEvent[], {metric, onset, windowMs = SUSPECT_WINDOW_MS, direction}: SuspectQuery): Suspect[] {
	const deviation = deviationOf(metric, direction);
	const from = onset - windowMs;
	const to = onset + AFTER_ONSET_MS;
	const before: Scored[] = [];
	const after: Scored[] = [];
	for (const event of events) {
		const time = event.eventTime;
		if (!(time >= from && time < to)) continue;
		// Reads and failed calls changed nothing.
		if (event.readOnly === true || (typeof event.errorCode === 'string' && event.errorCode !== '')) continue;
		const known = operationOf(event.eventName);
		if (known !== null && known.access === 'read') continue;
		// A write this version does not know: counted as a change of unknown effect.
		const operation: Operation = known ?? {access: 'write', area: 'account', impact: 'none', strength: 0, scope: 'none', risk: 'low', words: nameWords(String(event.eventName))};
		const change = changeOf(event, operation);
		const reach = change.scope === 'device' ? deviation.oneDevice : 1;
		const kind = deviation.relevance[change.impact] * change.strength * reach;
		if (time < onset) before.push({event, change, operation, score: kind * timeWeight(change.impact, onset - time)});
		else if (kind >= AFTER_EVIDENCE) after.push({event, change, operation, score: kind}); // the rest have little bearing on it
	}
	before.sort((a, b) => b.score - a.score || b.event.eventTime - a.event.eventTime || String(a.event.eventId).localeCompare(String(b.event.eventId)));
	after.sort((a, b) => a.event.eventTime - b.event.eventTime || String(a.event.eventId).localeCompare(String(b.event.eventId)));

	const ranked: Suspect[] = [];
	const more: Suspect[] = [];
	before.forEach((item, index) => {
		const strong = index < MAX_RANKED && item.score >= MIN_EVIDENCE;
		(strong ? ranked : more).push(suspectOf(item, strong ? 'ranked' : 'more', index + 1, deviation, onset));
	});
	return [...ranked, ...after.map(item => suspectOf(item, 'after', 0, deviation, onset)), ...more];
}

