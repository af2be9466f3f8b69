/**
 * "Publishes dropped at 02:51: what changed just before?" The control-plane changes around a deviation,
 * ranked by how well each explains it. The evidence for one change is the product of four weights:
 *
 * - kind: what the change can do to device traffic (the risk catalog, source/iot/operations.ts, refined
 *   by what the call asked for) against what moved: policies (what devices may do) for publish drops and
 *   publish auth errors, certificates, CAs and authorizers (who can connect) for connect drops and
 *   connect auth errors, jobs and OTA updates (work sent to devices: downloads, restarts) for connect
 *   storms, topic rules and their destinations for the rules metrics. 1 = can explain it directly.
 * - strength: how strongly that particular call can do it (a policy version put in force: 1; one made
 *   but not put in force: almost 0; a certificate revoked: 1, activated: 0);
 * - reach: a change that reaches one device (a policy detached from one certificate) can hardly explain
 *   a fleet-wide drop (0.3), though one device retrying can make an error burst (0.9);
 * - time: a change takes a while to show: AWS IoT applies policy changes within 6-8 minutes (its policy
 *   cache), certificates and authorizers are checked when devices connect, devices need minutes to
 *   download and install firmware. Within that delay a change counts fully; older ones count half as much
 *   for every further delay of the same length (the window ends 30 minutes before the onset).
 *
 * Only changes before the onset are ranked: a change after it cannot have caused it. Those are listed
 * apart, oldest first, for the story of what happened since (someone may already have rolled back).
 * Reads and failed calls changed nothing and are not suspects. Equal evidence: the change nearer the
 * onset first. At most MAX_RANKED are ranked; the rest of the window follows a "N more" line.
 */
import {CATALOG} from '../iot/catalog.js';
import {operationOf, type Operation, type OperationImpact, type OperationScope} from '../iot/operations.js';
import {sanitize} from '../text/sanitize.js';
import type {TrailEvent} from '../types.js';
import {nameWords} from './highlight.js';
import {identityLabel} from './identity.js';
import {booleanOf, field, objectAt, recordOf, textOf, type Json} from './record.js';

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

/** Relevance by metric and direction of change; [down, up] (a metric that only goes wrong one way has that). */
function relevanceOf(metric: string): {volume: boolean; down: Relevance | null; up: Relevance | null} {
	if (/^Connect\.AuthError$/.test(metric)) return {volume: false, down: null, up: rel(1, 0.6, 0.4, 0, 0)};
	if (/AuthError$/.test(metric)) return {volume: false, down: null, up: rel(0.4, 1, 0.4, 0, 0)};
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
	return {metric, direction: dir, relevance, volume: known.volume, noun: dir === 'down' ? 'drop' : dir === 'up' ? 'rise' : 'deviation'};
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

// ---- What a change touched, in words ----

/** What one change did: its kind refined by its request, and the resource it touched (sanitized). */
type Change = {
	readonly impact: OperationImpact;
	readonly strength: number;
	readonly scope: OperationScope;
	/** Short, for the row: "FleetTelemetryPolicy v7", "cert 994c9910…b7d4", "firmware-rollout-41". */
	readonly resource: string | null;
	/** Short, for the row: "new default version", "set to REVOKED", "to thing group fleet-us-east". */
	readonly what: string;
	/** The change in a phrase: "new default version 7 of policy FleetTelemetryPolicy". */
	readonly phrase: string;
};

/** Untrusted text made safe and short. */
function clean(value: string | null | undefined, max = 48): string | null {
	if (value === null || value === undefined) return null;
	const text = sanitize(value).trim();
	if (text === '') return null;
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "994c99109f07…" (64 hex digits) -> "994c9910…b7d4": enough to find it, short enough for a row. */
export function shortId(id: string): string {
	const text = clean(id, 80) ?? '';
	return /^[0-9a-f]{20,}$/i.test(text) ? `${text.slice(0, 8)}…${text.slice(-4)}` : (clean(id, 40) ?? '');
}

/** The last part of an ARN ("arn:...:thinggroup/fleet-us-east" -> "fleet-us-east"). */
const arnTail = (arn: string): string => arn.split(/[/:]/).filter(part => part !== '').at(-1) ?? arn;

/** An ARN or name of a policy target or job target, in words: "certificate 994c9910…b7d4". */
function targetLabel(target: string): {label: string; device: boolean} {
	const kind = /:(cert|thinggroup|thing|billinggroup)\//.exec(target)?.[1];
	const name = arnTail(target);
	if (kind === 'cert') return {label: `certificate ${shortId(name)}`, device: true};
	if (kind === 'thinggroup') return {label: `thing group ${clean(name) ?? '?'}`, device: false};
	if (kind === 'thing') return {label: `thing ${clean(name) ?? '?'}`, device: true};
	if (/^[a-z]{2}-[a-z]+-\d:[0-9a-f-]{36}$/.test(target)) return {label: `identity ${shortId(target)}`, device: true}; // Cognito
	return {label: clean(name) ?? '?', device: !target.includes('group')};
}

class Request {
	readonly request: Json | undefined;
	readonly response: Json | undefined;
	constructor(readonly event: TrailEvent) {
		const record = recordOf(event);
		this.request = objectAt(record, 'requestParameters');
		this.response = objectAt(record, 'responseElements');
	}
	/** A request (or else response) parameter as raw text, or null. */
	text(key: string): string | null {
		return textOf(field(this.request, key)) ?? textOf(field(this.response, key));
	}
	upper(key: string): string | null {
		return this.text(key)?.toUpperCase() ?? null;
	}
	/** A list parameter's text items. */
	list(key: string): string[] {
		const value = field(this.request, key);
		const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
		return items.flatMap(item => {
			const text = textOf(item);
			return text === null ? [] : [text];
		});
	}
	/** The name of the first LookupEvents resource of a type ending `type` ("Policy"), else of any. */
	resource(type?: string): string | null {
		const resources = Array.isArray(this.event.resources) ? this.event.resources : [];
		const match = resources.find(r => r !== null && typeof r === 'object' && typeof r.name === 'string' && (type === undefined || String(r.type ?? '').endsWith(type)));
		return match?.name ? arnTail(match.name) : null;
	}
}

/** Where a job or OTA update was sent: "thing group fleet-us-east", "3 things"; and whether to one device. */
function targetsOf(targets: readonly string[]): {label: string; device: boolean} {
	if (targets.length === 0) return {label: 'its targets', device: false};
	if (targets.length === 1) return targetLabel(targets[0]!);
	const labels = targets.map(targetLabel);
	const groups = labels.filter(label => !label.device).length;
	const things = labels.length - groups;
	const parts = [groups > 0 ? `${groups} thing group${groups === 1 ? '' : 's'}` : '', things > 0 ? `${things} thing${things === 1 ? '' : 's'}` : ''];
	return {label: parts.filter(Boolean).join(' and '), device: false};
}

const words = (operation: Operation): string => operation.words.split(/:| \(/)[0] ?? operation.words;
const status = (value: string | null): string => clean(value, 24) ?? 'unknown';

/** The change an event made, refined by its request. */
function changeOf(event: TrailEvent, operation: Operation): Change {
	const r = new Request(event);
	const base = {impact: operation.impact, strength: operation.strength, scope: operation.scope};
	const generic = (resource: string | null): Change => ({
		...base,
		resource,
		what: words(operation),
		phrase: resource === null ? words(operation) : `${words(operation)} (${resource})`,
	});
	const name = event.eventName;
	switch (operation.area) {
		case 'policy': {
			const named = clean(r.text('policyName') ?? r.resource('Policy'));
			const policy = named ?? '?';
			const version = clean(r.text('policyVersionId'), 12);
			const resource = named === null ? null : version === null ? named : `${named} v${version}`;
			const target = r.text('target') ?? r.text('principal');
			const to = target === null ? null : targetLabel(target);
			const scope: OperationScope = to === null ? base.scope : to.device ? 'device' : 'fleet';
			switch (name) {
				case 'SetDefaultPolicyVersion':
					return {...base, resource, what: 'new default version', phrase: `new default version ${version ?? '?'} of policy ${policy}`};
				case 'CreatePolicyVersion': {
					const asDefault = booleanOf(field(r.request, 'setAsDefault'));
					const v = version === null ? '' : ` ${version}`;
					if (asDefault === true) return {...base, resource, what: 'new version in force', phrase: `new version${v} of policy ${policy}, in force at once`};
					if (asDefault === false) return {...base, strength: 0.05, resource, what: 'new version not in force', phrase: `new version${v} of policy ${policy}, not made default`};
					return {...base, strength: 0.5, resource, what: 'new version', phrase: `new version${v} of policy ${policy} (made default or not: unknown)`};
				}
				case 'DeletePolicyVersion':
					return {...base, resource, what: 'old version deleted', phrase: `version ${version ?? '?'} of policy ${policy} deleted (not the one in force)`};
				case 'DetachPolicy':
				case 'DetachPrincipalPolicy':
					return {...base, scope, resource, what: `detached from ${to?.label ?? '?'}`, phrase: `policy ${policy} detached from ${to?.label ?? 'a target'}`};
				case 'AttachPolicy':
				case 'AttachPrincipalPolicy':
					return {...base, scope, resource, what: `attached to ${to?.label ?? '?'}`, phrase: `policy ${policy} attached to ${to?.label ?? 'a target'}`};
				default:
					return generic(resource);
			}
		}
		case 'certificate':
		case 'ca': {
			const id = r.text('certificateId') ?? r.resource('Certificate');
			const what = operation.area === 'ca' ? 'CA certificate' : 'certificate';
			const resource = id === null ? null : `${operation.area === 'ca' ? 'CA ' : 'cert '}${shortId(id)}`;
			const label = `${what} ${id === null ? '?' : shortId(id)}`;
			if (name === 'UpdateCertificate' || name === 'UpdateCACertificate') {
				const next = r.upper('newStatus');
				if (next === 'REVOKED' || next === 'INACTIVE' || next === 'REGISTER_INACTIVE') {
					return {...base, strength: 1, resource, what: `set to ${next}`, phrase: `${label} set to ${next}`};
				}
				if (next === 'ACTIVE') return {...base, impact: 'grant', resource, what: 'set to ACTIVE', phrase: `${label} set to ACTIVE`};
				return {...base, strength: next === null ? 0.6 : 0.3, resource, what: `status ${status(next)}`, phrase: `${label}: status ${next === null ? 'changed (new status unknown)' : `set to ${status(next)}`}`};
			}
			if (name === 'DeleteCertificate' || name === 'DeleteCACertificate') return {...base, resource, what: 'deleted', phrase: `${label} deleted`};
			if (name === 'TransferCertificate') return {...base, resource, what: 'transferred away', phrase: `${label} transferred to another account`};
			return generic(resource);
		}
		case 'fleet': {
			const job = clean(r.text('jobId') ?? r.text('otaUpdateId') ?? r.resource('Job'));
			const kind = name.includes('OTA') ? 'OTA update' : 'job';
			if (name === 'CreateJob' || name === 'CreateOTAUpdate' || name === 'AssociateTargetsWithJob') {
				const targets = targetsOf(r.list('targets'));
				const verb = name === 'AssociateTargetsWithJob' ? 'extended to' : 'sent to';
				return {
					...base,
					scope: targets.device ? 'device' : 'fleet',
					resource: job,
					what: `${verb} ${targets.label}`,
					phrase: `${kind} ${job ?? '?'} ${verb} ${targets.label}`,
				};
			}
			if (name === 'CancelJob') return {...base, resource: job, what: 'cancelled', phrase: `job ${job ?? '?'} cancelled`};
			if (name === 'UpdateJob') return {...base, resource: job, what: 'rollout settings changed', phrase: `job ${job ?? '?'}: rollout, abort or timeout settings changed`};
			if (name === 'DeleteJob' || name === 'DeleteOTAUpdate') return {...base, resource: job, what: 'deleted', phrase: `${kind} ${job ?? '?'} deleted`};
			return generic(job ?? clean(r.resource()));
		}
		case 'rule': {
			const rule = clean(r.text('ruleName') ?? r.resource('TopicRule'));
			if (/Destination/.test(name)) {
				const arn = r.text('arn');
				const destination = arn === null ? null : shortId(arnTail(arn));
				if (name === 'UpdateTopicRuleDestination') {
					const next = r.upper('status');
					const strength = next === 'DISABLED' ? 1 : next === 'ENABLED' ? 0.5 : 0.7;
					return {...base, strength, resource: destination, what: `set to ${status(next)}`, phrase: `topic rule destination ${destination ?? '?'} set to ${status(next)}`};
				}
				return generic(destination);
			}
			const done: Record<string, string> = {
				ReplaceTopicRule: 'replaced',
				CreateTopicRule: 'created',
				DisableTopicRule: 'disabled',
				EnableTopicRule: 'enabled',
				DeleteTopicRule: 'deleted',
			};
			const verb = done[name];
			if (verb === undefined) return generic(rule);
			const disabled = name === 'ReplaceTopicRule' && booleanOf(field(objectAt(r.request, 'topicRulePayload'), 'ruleDisabled')) === true;
			const what = disabled ? 'replaced, disabled' : verb;
			return {...base, resource: rule, what, phrase: `topic rule ${rule ?? '?'} ${what}`};
		}
		case 'authorizer': {
			const authorizer = clean(r.text('authorizerName') ?? r.resource('Authorizer'));
			if (name === 'ClearDefaultAuthorizer') return {...base, resource: null, what: 'default authorizer cleared', phrase: 'the default custom authorizer cleared'};
			if (name === 'SetDefaultAuthorizer') return {...base, resource: authorizer, what: 'made the default', phrase: `custom authorizer ${authorizer ?? '?'} made the default`};
			if (name === 'UpdateAuthorizer') {
				const next = r.upper('status');
				return {...base, strength: next === 'INACTIVE' ? 1 : 0.8, resource: authorizer, what: next === null ? 'changed' : `changed, ${status(next)}`, phrase: `custom authorizer ${authorizer ?? '?'} changed${next === null ? '' : ` (status ${status(next)})`}`};
			}
			if (name === 'DeleteAuthorizer') return {...base, resource: authorizer, what: 'deleted', phrase: `custom authorizer ${authorizer ?? '?'} deleted`};
			return generic(authorizer);
		}
		case 'domain': {
			const domain = clean(r.text('domainConfigurationName') ?? r.resource());
			if (name === 'UpdateDomainConfiguration') {
				const next = r.upper('domainConfigurationStatus');
				const what = next === 'DISABLED' ? 'disabled' : 'changed';
				return {...base, strength: next === 'DISABLED' ? 1 : 0.7, resource: domain, what, phrase: `endpoint (domain configuration) ${domain ?? '?'} ${what}`};
			}
			return generic(domain);
		}
		case 'thing':
		case 'thing-group': {
			const thing = clean(r.text('thingName') ?? r.resource('Thing'));
			const group = clean(r.text('thingGroupName') ?? r.resource('ThingGroup'));
			if (name === 'DeleteThing') return {...base, resource: thing, what: 'deleted', phrase: `thing ${thing ?? '?'} deleted`};
			if (name === 'RemoveThingFromThingGroup') return {...base, resource: thing, what: `removed from ${group ?? 'a group'}`, phrase: `thing ${thing ?? '?'} removed from thing group ${group ?? '?'}`};
			if (name === 'AddThingToThingGroup') return {...base, resource: thing, what: `added to ${group ?? 'a group'}`, phrase: `thing ${thing ?? '?'} added to thing group ${group ?? '?'}`};
			if (name === 'DetachThingPrincipal' || name === 'AttachThingPrincipal') {
				const principal = r.text('principal');
				const label = principal === null ? 'a principal' : targetLabel(principal).label;
				const verb = name === 'DetachThingPrincipal' ? 'detached from' : 'attached to';
				return {...base, resource: thing, what: `${label} ${verb} it`, phrase: `${label} ${verb} thing ${thing ?? '?'}`};
			}
			return generic(operation.area === 'thing' ? thing : (group ?? thing));
		}
		case 'role-alias':
			return generic(clean(r.text('roleAlias') ?? r.resource()));
		case 'provisioning':
			return generic(clean(r.text('templateName') ?? r.resource()));
		case 'logging': {
			const target = clean(r.text('targetName') ?? objectAtText(r.request, 'logTarget', 'targetName'));
			return generic(target);
		}
		case 'encryption':
			return generic(clean(r.text('encryptionType')));
		default:
			return generic(clean(r.text('securityProfileName') ?? r.text('taskId') ?? r.resource()));
	}
}

function objectAtText(record: Json | undefined, key: string, inner: string): string | null {
	return textOf(field(objectAt(record, key), inner));
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
		const reach = change.scope === 'device' ? (deviation.volume ? 0.3 : 0.9) : 1;
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
			change.scope === 'device' && deviation.volume && change.impact !== 'none' ? '; it reaches one device: little for a fleet-wide change' : '';
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
