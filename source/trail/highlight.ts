/**
 * Which events an on-call engineer should look at first: failed calls (above all denials), use of the
 * root user, and calls that destroy something or change who may do what. The list shows the result as
 * a glyph AND a colour; the detail view shows the reasons in words.
 */
import {sanitize} from '../text/sanitize.js';
import type {TrailEvent} from '../types.js';
import {describeIdentity} from './identity.js';
import {recordOf, textAt} from './record.js';

/** How an event is highlighted. `risky` says why a call is destructive or security-relevant. */
export type Highlight = {
	readonly error: boolean;
	/** The caller denied permission (AccessDenied and its relatives), a subset of `error`. */
	readonly denied: boolean;
	readonly root: boolean;
	readonly risky: string | null;
};

/** Error codes that mean "not allowed", as IoT and IAM spell them. */
const DENIED = /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|UnauthorizedException|Client\.UnauthorizedOperation|NotAuthorized)$/i;

/** Exact names with their reason; checked before the prefix rules. */
const RISKY_NAMES: Readonly<Record<string, string>> = {
	CreatePolicyVersion: 'changes what devices may do (new policy version)',
	SetDefaultPolicyVersion: 'changes what devices may do (default policy version)',
	ReplaceTopicRule: 'changes where device messages go (topic rule replaced)',
	DisableTopicRule: 'stops a topic rule: messages no longer routed',
	UpdateCACertificate: 'changes a CA certificate devices are trusted through',
	RegisterCACertificate: 'trusts a new CA for device certificates',
	TransferCertificate: 'moves a device certificate to another account',
	SetV2LoggingOptions: 'changes IoT logging (activity may go unrecorded)',
	SetV2LoggingLevel: 'changes IoT logging (activity may go unrecorded)',
	SetLoggingOptions: 'changes IoT logging (activity may go unrecorded)',
	CreateAuthorizer: 'adds custom device authentication',
	UpdateAuthorizer: 'changes custom device authentication',
	SetDefaultAuthorizer: 'changes custom device authentication',
	CreateRoleAlias: 'lets devices assume an IAM role',
	UpdateRoleAlias: 'changes which IAM role devices can assume',
	UpdateDomainConfiguration: 'changes an IoT endpoint configuration',
	UpdateAccountAuditConfiguration: 'changes Device Defender auditing',
	CancelJob: 'cancels a job on devices',
};

const PREFIX_RULES: ReadonlyArray<readonly [RegExp, string]> = [
	[/^Delete/, 'deletes'],
	[/^Detach/, 'detaches a policy or principal'],
	[/^Disable/, 'disables'],
	[/^Deprecate/, 'deprecates'],
];

/** UpdateCertificate is routine unless it switches a certificate off. */
function certificateReason(newStatus: string | null): string | null {
	const status = newStatus?.toUpperCase() ?? null;
	if (status === 'REVOKED' || status === 'INACTIVE') return `certificate set to ${status}: devices using it cannot connect`;
	if (status === null) return 'certificate status changed (new status unknown)';
	return null;
}

/** What a risky call does, in a few words, or null for routine calls. */
export function riskOf(event: TrailEvent): string | null {
	const name = typeof event.eventName === 'string' ? event.eventName : '';
	if (name === 'UpdateCertificate') return certificateReason(textAt(recordOf(event), 'requestParameters', 'newStatus'));
	// AttachPolicy is left out on purpose: fleet provisioning calls it for every new device.
	if (Object.hasOwn(RISKY_NAMES, name)) return RISKY_NAMES[name] ?? null;
	for (const [pattern, words] of PREFIX_RULES) {
		if (pattern.test(name)) {
			if (words !== 'deletes' && words !== 'disables' && words !== 'deprecates') return words;
			// "DeleteThing" -> "deletes thing"; the name is untrusted, so sanitized and short.
			const what = name.replace(pattern, '').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').toLowerCase();
			return `${words} ${sanitize(what.slice(0, 48)) || 'something'}`.trim();
		}
	}
	return null;
}

/** The highlight classification of one event. */
export function classifyEvent(event: TrailEvent): Highlight {
	const code = typeof event.errorCode === 'string' && event.errorCode.length > 0 ? event.errorCode : null;
	return {
		error: code !== null,
		denied: code !== null && DENIED.test(code.trim()),
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
