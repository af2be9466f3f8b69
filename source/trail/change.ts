/**
 * What one control-plane change did, in words: its kind (the risk catalog's, refined by what the call
 * asked for: a certificate REVOKED or ACTIVE, a policy version put in force or not, a job aimed at a
 * thing group or at one thing) and the resource it touched, named from requestParameters (or else the
 * LookupEvents resources): "new default version 7 of policy FleetTelemetryPolicy". Every value from the
 * record is untrusted: sanitized and cut short here. Nothing here throws.
 */
import type {Operation, OperationImpact, OperationScope} from '../iot/operations.js';
import {sanitize} from '../text/sanitize.js';
import type {TrailEvent} from '../types.js';
import {booleanOf, field, objectAt, recordOf, textOf, type Json} from './record.js';

/** What one change did: its kind refined by its request, and the resource it touched (sanitized). */
export type Change = {
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
export function clean(value: string | null | undefined, max = 48): string | null {
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
export function changeOf(event: TrailEvent, operation: Operation): Change {
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
