/**
 * The Identity of one event assembled: from the record (the kind's words, then the access key, session,
 * source identity and cross-account lines), or from the LookupEvents fields alone when there is no
 * record to read. Every string is sanitized.
 */
import {sanitize} from '../text/sanitize.js';
import {IDENTITY_TYPES, type IdentityType, type TrailEvent} from '../types.js';
import {textOf} from './record.js';
import {clean, describeKind, mfaWords} from './identity-kinds.js';
import type {Parts} from './identity-parts.js';
import type {Identity, IdentityKind} from './identity-types.js';

/** "Access key AKIA... (long-term)" for the key that signed the request. */
function accessKeyLine(key: string | null, kind: IdentityKind): string | null {
	if (!key) return null;
	const upper = key.toUpperCase();
	const term = upper.startsWith('AKIA') ? 'long-term' : upper.startsWith('ASIA') ? 'temporary' : 'unknown kind';
	const rootWarning = kind === 'root' && term === 'long-term' ? ', a root access key: AWS advises having none' : '';
	return `Access key ${sanitize(key)} (${term}${rootWarning})`;
}

/** The Identity from a record's userIdentity: the kind's words, then the lines every kind can have. */
export function describeParts(p: Parts): Identity {
	const c = describeKind(p);
	const lines = [...c.first];
	if (p.invokedBy && c.kind !== 'aws-service') lines.push(`Called through AWS service ${sanitize(p.invokedBy)} (invokedBy)`);
	const key = accessKeyLine(p.accessKeyId, c.kind);
	if (key) lines.push(key);
	const sessionShown = c.kind === 'assumed-role' || c.kind === 'identity-center-role' || c.kind === 'federated-user';
	if (p.creationDate || p.fromConsole) {
		const parts = [p.fromConsole ? 'Console session' : 'Session'];
		if (p.creationDate) parts.push(`created ${sanitize(p.creationDate)}`);
		if (!sessionShown && p.mfa !== null) parts.push(`MFA: ${mfaWords(p.mfa)}`);
		lines.push(parts.join(', '));
	}
	if (p.sourceIdentity) lines.push(`Source identity ${sanitize(p.sourceIdentity)}`);
	const callerAccount = p.accountId ?? p.issuer?.accountId ?? null;
	if (callerAccount && p.recipientAccountId && callerAccount !== p.recipientAccountId) {
		lines.push(`Cross-account: caller account ${sanitize(callerAccount)}, this account ${sanitize(p.recipientAccountId)}`);
	}
	return {kind: c.kind, label: c.label, summary: lines, temporary: c.temporary, mfa: p.mfa, fromRecord: true};
}

const FALLBACK: Record<IdentityType, {kind: IdentityKind; word: string; sentence: string}> = {
	Root: {kind: 'root', word: 'root', sentence: 'Root user: root credentials, unrestricted access'},
	IAMUser: {kind: 'iam-user', word: 'user', sentence: 'IAM user'},
	AssumedRole: {kind: 'assumed-role', word: 'role', sentence: 'Temporary credentials of an assumed role, session'},
	FederatedUser: {kind: 'federated-user', word: 'fed', sentence: 'Temporary credentials of federated user'},
	SAMLUser: {kind: 'saml-user', word: 'saml', sentence: 'SAML federated user'},
	WebIdentityUser: {kind: 'web-identity-user', word: 'web', sentence: 'Web identity user'},
	IdentityCenterUser: {kind: 'identity-center-user', word: 'sso', sentence: 'IAM Identity Center user'},
	AWSAccount: {kind: 'aws-account', word: 'acct', sentence: 'Another AWS account'},
	AWSService: {kind: 'aws-service', word: 'svc', sentence: 'AWS service acting for the account:'},
	Unknown: {kind: 'unknown', word: 'unknown', sentence: 'Unknown identity type:'},
};

/** From the LookupEvents fields alone (record missing, not JSON, or without userIdentity). */
export function fromEventFields(event: TrailEvent, why: string): Identity {
	const known = IDENTITY_TYPES.includes(event.identityType) ? event.identityType : 'Unknown';
	const f = FALLBACK[known];
	const name = clean(textOf(event.username));
	const label = known === 'Root' ? 'root' : `${f.word} ${name ?? '?'}`;
	const sentence = known === 'Root' ? f.sentence : `${f.sentence} ${name ?? '(no name)'}`;
	const temporary = ['AssumedRole', 'FederatedUser', 'SAMLUser', 'WebIdentityUser', 'IdentityCenterUser'].includes(known) ? true : null;
	return {kind: f.kind, label, summary: [sentence, why], temporary, mfa: null, fromRecord: false};
}
