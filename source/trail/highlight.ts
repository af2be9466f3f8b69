/**
 * Which events an on-call engineer should look at first: failed calls (above all denials), use of the
 * root user, and calls that destroy something or change who may do what. The list shows the result as
 * a glyph AND a colour; the detail view shows the reasons in words.
 *
 * A call is risky when the risk catalog (source/iot/operations.ts: every IoT operation of the AWS SDK)
 * rates it high or medium, in the catalog's words, except where the request decides (a certificate set
 * to ACTIVE is routine, to REVOKED is not). A call the catalog does not know is judged by its verb.
 */
import {operationOf} from '../iot/operations.js';
import {sanitize} from '../text/sanitize.js';
import type {TrailEvent} from '../types.js';
import {describeIdentity} from './identity.js';
import {booleanOf, field, objectAt, recordOf, textAt} from './record.js';

/** How an event is highlighted. `risky` says why a call is destructive or security-relevant. */
export type Highlight = {
	readonly error: boolean;
	/** The caller denied permission (AccessDenied and its relatives), a subset of `error`. */
	readonly denied: boolean;
	readonly root: boolean;
	readonly risky: string | null;
};

/**
 * Error codes that mean "not allowed", as CloudTrail records them for IoT and other services:
 * AccessDenied(Exception), VpceAccessDenied (a VPC endpoint policy refused the call),
 * UnauthorizedOperation (EC2, also with a "Client." prefix), UnauthorizedException, NotAuthorized...
 */
const DENIED = /^(?:Client\.)?(?:Vpce)?(?:AccessDenied(?:Exception)?|Unauthorized(?:Operation|Exception)?|NotAuthorized(?:Exception)?)$/i;

/** Whether an error code means the caller was refused permission. */
export function isDenied(code: string | null | undefined): boolean {
	return typeof code === 'string' && DENIED.test(code.trim());
}

/** Statuses that stop a certificate from being used to connect. */
const CERTIFICATE_OFF = new Set(['REVOKED', 'INACTIVE', 'REGISTER_INACTIVE']);

/** A request parameter of the event's record, upper-cased (statuses), or null. */
function requestText(event: TrailEvent, key: string): string | null {
	return textAt(recordOf(event), 'requestParameters', key)?.toUpperCase() ?? null;
}

/** UpdateCertificate is routine unless it switches a certificate off. */
function certificateRisk(event: TrailEvent): string | null {
	const status = requestText(event, 'newStatus');
	if (status === null) return 'certificate status changed (new status unknown)';
	if (CERTIFICATE_OFF.has(status)) return `certificate set to ${sanitize(status)}: devices using it cannot connect`;
	if (status === 'ACTIVE') return null;
	return `certificate set to ${sanitize(status.slice(0, 32))}`;
}

/**
 * Calls whose risk depends on what they asked for: the status they set, whether a new version is put
 * in force. Each returns the reason, or null when this call is routine.
 */
const BY_REQUEST: Readonly<Record<string, (event: TrailEvent) => string | null>> = {
	UpdateCertificate: certificateRisk,
	UpdateCACertificate: event => {
		const status = requestText(event, 'newStatus');
		if (status === 'INACTIVE') return 'CA certificate set to INACTIVE: AWS IoT stops trusting it for device certificates';
		return "changes a CA certificate's status or auto-registration";
	},
	CreatePolicyVersion: event => {
		const asDefault = booleanOf(field(objectAt(recordOf(event), 'requestParameters'), 'setAsDefault'));
		if (asDefault === false) return null; // a version that is not in force changes nothing yet
		return asDefault === true
			? 'new policy version put in force at once: changes what devices may do'
			: 'new policy version (whether it was put in force is unknown)';
	},
	UpdateTopicRuleDestination: event => {
		const status = requestText(event, 'status');
		if (status === 'DISABLED') return 'topic rule destination DISABLED: rules using it stop delivering';
		if (status === 'ENABLED') return 'topic rule destination ENABLED: rules using it deliver again';
		return `changes a topic rule destination (status ${status === null ? 'unknown' : sanitize(status.slice(0, 32))})`;
	},
	UpdateDomainConfiguration: event => {
		const status = requestText(event, 'domainConfigurationStatus');
		if (status === 'DISABLED') return 'endpoint (domain configuration) DISABLED: devices using it cannot connect';
		return 'changes an IoT endpoint (domain configuration): authorizer, TLS or certificates';
	},
	UpdateAuthorizer: event => {
		const status = requestText(event, 'status');
		if (status === 'INACTIVE') return 'custom authorizer set to INACTIVE: devices using it cannot connect';
		return 'changes a custom authorizer (function, signing keys or status)';
	},
	UpdateEncryptionConfiguration: event => {
		const type = requestText(event, 'encryptionType');
		if (type === 'CUSTOMER_MANAGED_KMS_KEY') return 'AWS IoT now encrypts with a customer-managed KMS key: IoT fails if the key becomes unusable';
		if (type === 'AWS_OWNED_KMS_KEY') return 'AWS IoT encryption switched back to an AWS-owned key';
		return 'changes the key AWS IoT encrypts its data with';
	},
};

/** Prefixes of calls this version does not know that usually destroy or cut something off. */
const UNKNOWN_RISKY = /^(Delete|Detach|Disable|Deprecate|Revoke|Remove|Clear)(?![a-z])/;
const VERBS: Readonly<Record<string, string>> = {
	Delete: 'deletes',
	Detach: 'detaches',
	Disable: 'disables',
	Deprecate: 'deprecates',
	Revoke: 'revokes',
	Remove: 'removes',
	Clear: 'clears',
};

/** "V2LoggingLevel" -> "v2 logging level", "CACertificate" -> "CA certificate": words of an API name. */
export function nameWords(name: string): string {
	return name
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.split(' ')
		.map(word => (/^[A-Z]{2,}$/.test(word) ? word : word.toLowerCase()))
		.join(' ');
}

/** What a risky call does, in a few words, or null for routine calls. */
export function riskOf(event: TrailEvent): string | null {
	const name = typeof event.eventName === 'string' ? event.eventName : '';
	if (Object.hasOwn(BY_REQUEST, name)) return BY_REQUEST[name]?.(event) ?? null;
	const operation = operationOf(name);
	if (operation !== null) return operation.risk === 'high' || operation.risk === 'medium' ? operation.words : null;
	// Not in the catalog (a newer API, another service, a hostile name): judged by its verb, the name
	// quoted (untrusted, so sanitized and short).
	const verb = UNKNOWN_RISKY.exec(name)?.[1];
	if (verb === undefined) return null;
	const what = sanitize(nameWords(name.slice(verb.length)).slice(0, 48));
	return `${VERBS[verb] ?? 'changes'} ${what || 'something'} (a call this version does not know)`;
}

/** The highlight classification of one event. */
export function classifyEvent(event: TrailEvent): Highlight {
	const code = typeof event.errorCode === 'string' && event.errorCode.length > 0 ? event.errorCode : null;
	return {
		error: code !== null,
		denied: isDenied(code),
		root: event.identityType === 'Root' || describeIdentity(event).kind === 'root',
		risky: riskOf(event),
	};
}

/** The classification as sentences for the detail view (sanitized); empty for a routine success. */
export function highlightReasons(event: TrailEvent, highlight: Highlight = classifyEvent(event)): string[] {
	const out: string[] = [];
	if (highlight.denied) out.push(`✗ denied (${sanitize(event.errorCode)}): the caller lacks permission for this call`);
	else if (highlight.error) out.push(`✗ failed with ${sanitize(event.errorCode)}`);
	if (highlight.root) out.push('! root credentials used: AWS advises against using root for everyday tasks');
	if (highlight.risky) out.push(`⚠ ${highlight.risky}`);
	return out;
}
