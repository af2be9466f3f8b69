/**
 * "Publishes dropped at 02:51: what changed just before?" The control-plane changes around a deviation,
 * ranked by how well each explains it. The evidence for one change is the product of four weights:
 *
 * - kind: what the change can do to device traffic (the risk catalog, source/iot/operations.ts, refined
 *   by what the call asked for) against what moved: policies (what devices may do) for publish drops and
 *   publish/subscribe auth errors, certificates, CAs and authorizers (who can connect) for connect drops
 *   and every kind of auth error, jobs and OTA updates (work sent to devices: downloads, restarts) for connect
 *   storms, topic rules and their destinations for the rules metrics. 1 = can explain it directly.
 * - strength: how strongly that particular call can do it (a policy version put in force: 1; one made
 *   but not put in force: almost 0; a certificate revoked: 1, activated: 0);
 * - reach: a change that reaches one device (a policy detached from one certificate) can hardly explain
 *   a fleet-wide drop (0.3); one device retrying can make an error burst, though a change that reaches a
 *   group or the fleet explains one better (0.7);
 * - time: a change takes a while to show: AWS IoT applies policy changes within 6-8 minutes (its policy
 *   cache), certificates and authorizers are checked when devices connect, devices need minutes to
 *   download and install firmware. Within that delay a change counts fully; older ones count half as much
 *   for every further delay of the same length (the window reaches 30 minutes back).
 *
 * Only changes before the onset are ranked: a change after it cannot have caused it. Those are listed
 * apart, oldest first, for the story of what happened since (someone may already have rolled back).
 * Reads and failed calls changed nothing and are not suspects. Equal evidence: the change nearer the
 * onset first. At most MAX_RANKED are ranked; the rest of the window follows a "N more" line.
 * What each change did and to which resource, in words: change.ts.
 */
import {CATALOG} from '../iot/catalog.js';
import {operationOf, type Operation, type OperationImpact} from '../iot/operations.js';
import {sanitize} from '../text/sanitize.js';
import type {TrailEvent} from '../types.js';
import {changeOf, clean, type Change} from './change.js';
import {nameWords} from './highlight.js';
import {identityLabel} from './identity.js';

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

// ---- The legacy coarse areas (the timeline's ticks use them) ----

/** What part of IoT an API call changes. */
export type Area = 'certificate' | 'policy' | 'authentication' | 'rule' | 'thing' | 'fleet' | 'logging' | 'other';

const AREA_PATTERNS: ReadonlyArray<readonly [RegExp, Area]> = [
	[/Certificate/, 'certificate'],
	[/Policy|PolicyVersion|PrincipalPolicy/, 'policy'],
	[/Authorizer|RoleAlias|DomainConfiguration|ProvisioningTemplate/, 'authentication'],
	[/TopicRule|Destination/, 'rule'],
	[/Job|OTAUpdate/, 'fleet'],
	[/Thing|Shadow/, 'thing'],
	[/Logging/, 'logging'],
];

export function areaOf(eventName: string): Area {
	const operation = operationOf(eventName);
	if (operation !== null) {
		switch (operation.area) {
			case 'policy':
				return 'policy';
			case 'certificate':
			case 'ca':
				return 'certificate';
			case 'authorizer':
			case 'domain':
			case 'role-alias':
			case 'provisioning':
				return 'authentication';
			case 'rule':
			case 'events':
				return 'rule';
			case 'fleet':
				return 'fleet';
			case 'thing':
			case 'thing-group':
			case 'thing-type':
			case 'shadow':
				return 'thing';
			case 'logging':
				return 'logging';
			default:
				return 'other';
		}
	}
	for (const [pattern, area] of AREA_PATTERNS) if (pattern.test(eventName)) return area;
	return 'other';
}

/** The areas whose changes can explain a deviation of `metric`, most direct first. */
export function areasFor(metric: string): readonly Area[] {
	if (/^Rule|^RulesExecuted$|^ParseError$|^Failure$|^Success$|^TopicMatch$/.test(metric)) return ['rule', 'policy'];
	if (/Shadow/.test(metric)) return ['policy', 'thing', 'certificate', 'fleet'];
	if (/^(Connect|Ping)\./.test(metric)) return ['certificate', 'policy', 'authentication', 'fleet'];
	if (/^(PublishIn|PublishOut|Subscribe)\./.test(metric)) return ['policy', 'certificate', 'authentication', 'fleet'];
	return ['policy', 'certificate', 'rule', 'authentication', 'fleet'];
}

// ---- Evidence ----

type Direction = 'up' | 'down';
type Relevance = Readonly<Record<OperationImpact, number>>;

/** What moved, as far as explaining it goes. */
type Deviation = {
	readonly metric: string;
	readonly direction: Direction | null;
	/** Per impact: can such a change explain this deviation (1), contribute (0.3-0.7), hardly (0)? */
	readonly relevance: Relevance;
	/** A fleet-wide volume (successes, rule executions) rather than a count of errors. */
	readonly volume: boolean;
	/** How much of this deviation a change that reaches one device can explain (ONE_DEVICE_REACH). */
	readonly oneDevice: number;
	/** "drop", "rise" or "deviation". */
	readonly noun: string;
};

const rel = (credentials: number, permissions: number, deploy: number, route: number, grant: number): Relevance => ({
	credentials,
	permissions,
	deploy,
	route,
	grant,
	none: 0,
});

/**
 * The reach of a change to one device (a certificate, a thing, a policy detached from one certificate):
 * it can hardly move a fleet-wide volume; one device retrying can make an error burst, but a change that
 * reaches a thing group or the fleet (a policy version, a CA, an authorizer) explains one better.
 */
export const ONE_DEVICE_REACH = {volume: 0.3, errors: 0.7} as const;

/**
 * Relevance by metric and direction of change; [down, up] (a metric that only goes wrong one way has that).
 * Auth errors: a device is refused at CONNECT when its credentials are gone (a certificate revoked or
 * deactivated, its CA deactivated, the authorizer changed) or its policy no longer allows iot:Connect;
 * it is refused a PUBLISH or SUBSCRIBE when its policy no longer allows that topic (a policy version in
 * force that narrows it, a policy detached), and when its credentials are gone everything it tries
 * fails (an authorizer's answer is the policy too). So credentials explain connect auth errors fully and
 * publish/subscribe ones nearly as well; policies explain publish/subscribe ones fully, connect ones
 * partly.
 */
function relevanceOf(metric: string): {volume: boolean; down: Relevance | null; up: Relevance | null} {
	if (/^Connect\.AuthError$/.test(metric)) return {volume: false, down: null, up: rel(1, 0.6, 0.4, 0, 0)};
	if (/AuthError$/.test(metric)) return {volume: false, down: null, up: rel(1, 1, 0.4, 0, 0)};
	if (/Throttle$|^RuleMessageThrottled$/.test(metric)) return {volume: false, down: null, up: rel(0.2, 0.2, 1, metric.startsWith('Rule') ? 0.7 : 0, 0.4)};
	if (/ClientError$/.test(metric)) return {volume: false, down: null, up: rel(0.5, 0.5, 0.8, 0, 0.1)};
	if (/ServerError$/.test(metric)) return {volume: false, down: null, up: rel(0.3, 0.3, 0.3, 0.3, 0)};
	if (/^(Failure|ParseError|RuleNotFound|ErrorAction\w*)$/.test(metric)) return {volume: false, down: null, up: rel(0.1, 0.1, 0.4, 1, 0)};
	// RulesExecuted counts every rule of the account: one rule changed moves only its share of it.
	if (metric === 'RulesExecuted') return {volume: true, down: rel(0.6, 0.8, 0.4, 0.6, 0), up: rel(0.2, 0.2, 0.7, 0.6, 0.2)};
	if (/^(TopicMatch|Success)$/.test(metric)) return {volume: true, down: rel(0.5, 0.7, 0.4, 1, 0), up: rel(0.2, 0.2, 0.7, 0.8, 0.2)};
	if (/^Connect\./.test(metric)) return {volume: true, down: rel(1, 0.7, 0.5, 0, 0), up: rel(0.4, 0.4, 1, 0, 0.4)};
	if (/^(Ping|Subscribe)\./.test(metric)) return {volume: true, down: rel(1, 1, 0.5, 0, 0), up: rel(0.4, 0.4, 1, 0, 0.4)};
	if (/^(PublishIn|PublishOut)\./.test(metric)) return {volume: true, down: rel(0.6, 1, 0.5, 0, 0), up: rel(0.2, 0.2, 1, metric.startsWith('PublishOut') ? 0.5 : 0, 0.4)};
	if (/Shadow/.test(metric)) return {volume: true, down: rel(0.6, 1, 0.5, 0, 0), up: rel(0.2, 0.3, 1, 0, 0.4)};
	return {volume: true, down: rel(0.7, 0.7, 0.7, 0.7, 0.1), up: rel(0.7, 0.7, 0.7, 0.7, 0.3)};
}

function deviationOf(metric: string, direction: Direction | undefined): Deviation {
	const known = relevanceOf(metric);
	const bad = CATALOG.find(entry => entry.name === metric)?.bad;
	// Unknown direction: the way this metric goes wrong, or either way when both can.
	const dir: Direction | null =
		direction ?? (known.down === null ? 'up' : known.up === null ? 'down' : bad === 'up' || bad === 'down' ? bad : null);
	let relevance: Relevance;
	if (dir === 'down') relevance = known.down ?? known.up!;
	else if (dir === 'up') relevance = known.up ?? known.down!;
	else {
		const a = known.down!;
		const b = known.up!;
		relevance = rel(
			Math.max(a.credentials, b.credentials),
			Math.max(a.permissions, b.permissions),
			Math.max(a.deploy, b.deploy),
			Math.max(a.route, b.route),
			Math.max(a.grant, b.grant),
		);
	}
	return {metric, direction: dir, relevance, volume: known.volume, oneDevice: known.volume ? ONE_DEVICE_REACH.volume : ONE_DEVICE_REACH.errors, noun: dir === 'down' ? 'drop' : dir === 'up' ? 'rise' : 'deviation'};
}

/** How long a change of each kind takes to show in the metrics, at most (its effect is due by then). */
export const EFFECT_DELAY_MS: Readonly<Record<OperationImpact, number>> = {
	permissions: 10 * MINUTE, // AWS IoT: policy changes take 6-8 minutes to become effective (policy cache)
	credentials: 5 * MINUTE, // checked when devices connect; most reconnect within minutes
	deploy: 15 * MINUTE, // devices download, install and restart
	route: 5 * MINUTE, // the rules engine applies a rule change within seconds
	grant: 10 * MINUTE,
	none: 5 * MINUTE,
};

/** 1 within the effect delay, then halving with every further delay of the same length. */
function timeWeight(impact: OperationImpact, ageMs: number): number {
	const delay = EFFECT_DELAY_MS[impact];
	return ageMs <= delay ? 1 : 0.5 ** ((ageMs - delay) / delay);
}

// ---- Suspects ----

export type SuspectSection = 'ranked' | 'more' | 'after';

export type Suspect = {
	readonly event: TrailEvent;
	/** The evidence, 0-1 (after the onset: what it would be without the time weight); only the order matters. */
	readonly score: number;
	/** 'ranked': one of the best explanations; 'more': weaker, behind the "N more" line; 'after': after the onset. */
	readonly section: SuspectSection;
	/** 1-based rank among the changes before the onset (ranked and more); 0 after the onset. */
	readonly rank: number;
	/** The resource it touched, short and sanitized ("FleetTelemetryPolicy v7"), or null. */
	readonly resource: string | null;
	/** What it did to it, short and sanitized ("new default version"). */
	readonly what: string;
	/** Why it is a suspect, one sentence (sanitized): "new default version 7 of policy P, 2 min before the drop". */
	readonly why: string;
	/** The evidence behind it, one sentence (sanitized): what such a change can do to this metric, its reach. */
	readonly evidence: string;
	/** why, evidence and who made the change, for the detail lines. */
	readonly reasons: readonly string[];
};

export type SuspectQuery = {
	/** The metric that deviated. */
	readonly metric: string;
	/** When the deviation began (start of the first flagged bucket, epoch ms). */
	readonly onset: number;
	readonly windowMs?: number;
	/** Which way it moved, when known (a connect storm is up, a connect drop down). */
	readonly direction?: Direction;
};

const IMPACT_WORDS: Readonly<Record<OperationImpact, string>> = {
	credentials: 'changes which devices can authenticate',
	permissions: 'changes what devices may do',
	deploy: 'sends work to devices (downloads, restarts, reconnects)',
	route: 'changes where device messages go',
	grant: 'adds devices, credentials or permissions',
	none: 'does not change device traffic',
};

function minutesText(ms: number): string {
	if (ms < MINUTE) return 'under a minute';
	return `${Math.round(ms / MINUTE)} min`;
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function fitText(relevance: number, deviation: Deviation): string {
	const what = `${deviation.metric}${deviation.direction === null ? '' : deviation.direction === 'down' ? ' falling' : ' rising'}`;
	if (relevance >= 0.8) return `can explain ${what}`;
	if (relevance >= 0.3) return `could contribute to ${what}`;
	return `unlikely to explain ${what}`;
}

/** The changes from `windowMs` before the onset (ranked) and up to AFTER_ONSET_MS after it (listed apart). */
export function suspectsFor(events: readonly TrailEvent[], {metric, onset, windowMs = SUSPECT_WINDOW_MS, direction}: SuspectQuery): Suspect[] {
	const deviation = deviationOf(metric, direction);
	const from = onset - windowMs;
	const to = onset + AFTER_ONSET_MS;
	type Scored = {event: TrailEvent; score: number; change: Change; operation: Operation};
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

	const make = (item: Scored, section: SuspectSection, rank: number): Suspect => {
		const {event, change, score} = item;
		const gap = event.eventTime < onset ? onset - event.eventTime : event.eventTime - onset;
		const when =
			section === 'after'
				? `${minutesText(gap)} after the ${deviation.noun} began: cannot have caused it`
				: `${minutesText(gap)} before the ${deviation.noun}`;
		const why = `${capitalise(change.phrase)}, ${when}`;
		const relevance = deviation.relevance[change.impact];
		const reach =
			change.scope !== 'device' || change.impact === 'none'
				? ''
				: deviation.volume
					? '; it reaches one device: little for a fleet-wide change'
					: '; it reaches one device: a change to a group or the fleet explains a burst better';
		const delay = EFFECT_DELAY_MS[change.impact];
		const late = section !== 'after' && change.impact !== 'none' && gap > delay ? `; older than the ${delay / MINUTE} min such a change takes to show` : '';
		const weak = change.strength > 0 && change.strength < 0.5 && change.impact !== 'none' ? ' (this call only a little)' : '';
		const kindText =
			section === 'after'
				? `${capitalise(IMPACT_WORDS[change.impact])}${weak}`
				: `${capitalise(IMPACT_WORDS[change.impact])}${weak}: ${relevance > 0 && change.impact !== 'none' ? fitText(relevance, deviation) : `unlikely to explain ${deviation.metric}`}${reach}${late}`;
		return {
			event,
			score,
			section,
			rank,
			resource: change.resource,
			what: clean(change.what, 64) ?? '',
			why,
			evidence: kindText,
			reasons: [why, kindText, `By ${sanitize(identityLabel(event))}`],
		};
	};
	const ranked: Suspect[] = [];
	const more: Suspect[] = [];
	before.forEach((item, index) => {
		const strong = index < MAX_RANKED && item.score >= MIN_EVIDENCE;
		(strong ? ranked : more).push(make(item, strong ? 'ranked' : 'more', index + 1));
	});
	return [...ranked, ...after.map(item => make(item, 'after', 0)), ...more];
}
