/**
 * Who made a CloudTrail call, in words. Answers the questions AWS's own userIdentity documentation
 * asks: root credentials? an IAM user (which)? temporary credentials of an assumed role (which role,
 * which session, MFA or not, issued by whom) or a federated user (GetFederationToken, SAML, web
 * identity, IAM Identity Center)? an AWS service acting for the account? another account?
 * Reads the parsed record defensively and falls back to the LookupEvents fields of the TrailEvent.
 * Every string returned is sanitized: safe to print, and what the filters match against.
 */
import {sanitize} from '../text/sanitize.js';
import {IDENTITY_TYPES, type IdentityType, type TrailEvent} from '../types.js';
import {recentMemo} from './memo.js';
import {booleanOf, field, objectAt, recordOf, textAt, textOf, type Json} from './record.js';

export type IdentityKind =
	| 'root'
	| 'iam-user'
	| 'assumed-role'
	| 'identity-center-role'
	| 'federated-user'
	| 'saml-user'
	| 'web-identity-user'
	| 'identity-center-user'
	| 'aws-account'
	| 'aws-service'
	| 'unknown';

/** The caller of one event, answered in words. All strings are sanitized. */
export type Identity = {
	readonly kind: IdentityKind;
	/** Short label for the list and the user filter: "root", "user alice", "role deploy-role/ci-1234". */
	readonly label: string;
	/** A few sentences for the detail view, most important first. */
	readonly summary: readonly string[];
	/** Temporary (STS) credentials, long-term ones, or not known. */
	readonly temporary: boolean | null;
	/** Whether the session was MFA-authenticated, when the record says. */
	readonly mfa: boolean | null;
	/** False when the record could not be read and only the LookupEvents fields were used. */
	readonly fromRecord: boolean;
};


/** IAM Identity Center creates roles named AWSReservedSSO_<permission set>_<16 hex digits>. */
const SSO_ROLE = /^AWSReservedSSO_(.+)_[0-9a-f]{16}$/i;

const clean = (value: string | null | undefined): string | null => (value ? sanitize(value) : null);

type Arn = {readonly service: string; readonly account: string; readonly resource: string};

/** arn:partition:service:region:account:resource (the resource may itself contain ':'). */
function parseArn(arn: string | null): Arn | null {
	if (!arn) return null;
	const parts = arn.split(':');
	if (parts.length < 6 || parts[0]?.toLowerCase() !== 'arn') return null;
	return {service: parts[2] ?? '', account: parts[4] ?? '', resource: parts.slice(5).join(':')};
}

/** The path segments after `kind/` in an ARN resource ("assumed-role/ROLE/SESSION" -> [ROLE, SESSION]). */
function arnSegments(arn: string | null, kind: string): string[] {
	const resource = parseArn(arn)?.resource ?? '';
	const prefix = `${kind}/`;
	if (!resource.toLowerCase().startsWith(prefix)) return [];
	return resource.slice(prefix.length).split('/').filter(Boolean);
}

/** "Access key AKIA... (long-term)" for the key that signed the request. */
function accessKeyLine(key: string | null, kind: IdentityKind): string | null {
	if (!key) return null;
	const upper = key.toUpperCase();
	const term = upper.startsWith('AKIA') ? 'long-term' : upper.startsWith('ASIA') ? 'temporary' : 'unknown kind';
	const rootWarning = kind === 'root' && term === 'long-term' ? ', a root access key: AWS advises having none' : '';
	return `Access key ${sanitize(key)} (${term}${rootWarning})`;
}

function keyIsTemporary(key: string | null): boolean | null {
	const upper = key?.toUpperCase() ?? '';
	if (upper.startsWith('ASIA')) return true;
	if (upper.startsWith('AKIA')) return false;
	return null;
}

const mfaWords = (mfa: boolean | null): string => (mfa === null ? 'unknown' : mfa ? 'yes' : 'no');

function identityType(value: unknown): {type: IdentityType; raw: string | null} {
	const raw = textOf(value);
	const lower = raw?.toLowerCase();
	return {type: IDENTITY_TYPES.find(type => type.toLowerCase() === lower) ?? 'Unknown', raw};
}

/** The parts of a userIdentity block we use, each already cut to size (not yet sanitized). */
type Parts = {
	readonly type: IdentityType;
	readonly rawType: string | null;
	readonly arn: string | null;
	readonly principalId: string | null;
	readonly accountId: string | null;
	readonly accessKeyId: string | null;
	readonly userName: string | null;
	readonly invokedBy: string | null;
	readonly identityProvider: string | null;
	readonly issuer: {
		readonly type: string | null;
		readonly arn: string | null;
		readonly userName: string | null;
		readonly accountId: string | null;
	} | null;
	readonly mfa: boolean | null;
	readonly creationDate: string | null;
	readonly sourceIdentity: string | null;
	readonly onBehalfOf: string | null;
	readonly identityStore: string | null;
	readonly fromConsole: boolean | null;
	readonly recipientAccountId: string | null;
	/** The LookupEvents Username, a fallback for any name. */
	readonly eventUsername: string | null;
};

function partsOf(record: Json, identity: Json, event: TrailEvent): Parts {
	const session = objectAt(identity, 'sessionContext');
	const issuer = objectAt(session, 'sessionIssuer');
	const {type, raw} = identityType(field(identity, 'type'));
	return {
		type,
		rawType: raw,
		arn: textAt(identity, 'arn'),
		principalId: textAt(identity, 'principalId'),
		accountId: textAt(identity, 'accountId'),
		accessKeyId: textAt(identity, 'accessKeyId'),
		userName: textAt(identity, 'userName'),
		invokedBy: textAt(identity, 'invokedBy'),
		identityProvider: textAt(identity, 'identityProvider') ?? textAt(identity, 'webIdFederationData', 'federatedProvider'),
		issuer: issuer
			? {
					type: textAt(issuer, 'type'),
					arn: textAt(issuer, 'arn'),
					userName: textAt(issuer, 'userName'),
					accountId: textAt(issuer, 'accountId'),
				}
			: null,
		mfa: booleanOf(field(objectAt(session, 'attributes'), 'mfaAuthenticated')),
		creationDate: textAt(session, 'attributes', 'creationDate'),
		sourceIdentity: textAt(session, 'sourceIdentity') ?? textAt(identity, 'sourceIdentity'),
		onBehalfOf: textAt(identity, 'onBehalfOf', 'userId'),
		identityStore: textAt(identity, 'onBehalfOf', 'identityStoreArn'),
		fromConsole: booleanOf(field(record, 'sessionCredentialFromConsole')),
		recipientAccountId: textAt(record, 'recipientAccountId'),
		eventUsername: textOf(event.username),
	};
}

/** The principalId after its "AROA...:" prefix: role sessions and federated users put the name there. */
const afterColon = (principalId: string | null): string | null => {
	const index = principalId?.indexOf(':') ?? -1;
	return principalId && index >= 0 ? principalId.slice(index + 1) || null : null;
};

type Core = {kind: IdentityKind; label: string; first: string[]; temporary: boolean | null};

function core(p: Parts): Core {
	const arn = clean(p.arn);
	const inArn = arn ? ` (${arn})` : '';
	const mfa = mfaWords(p.mfa);
	switch (p.type) {
		case 'Root': {
			const account = clean(p.accountId ?? parseArn(p.arn)?.account ?? null);
			return {
				kind: 'root',
				label: 'root',
				first: [`Root user${account ? ` of account ${account}` : ''}: root credentials, unrestricted access`],
				temporary: keyIsTemporary(p.accessKeyId),
			};
		}
		case 'IAMUser': {
			const name = clean(p.userName ?? arnSegments(p.arn, 'user').at(-1) ?? p.eventUsername) ?? '?';
			return {kind: 'iam-user', label: `user ${name}`, first: [`IAM user ${name}${inArn}`], temporary: keyIsTemporary(p.accessKeyId)};
		}
		case 'AssumedRole': {
			const [arnRole, ...rest] = arnSegments(p.arn, 'assumed-role');
			const role = clean(p.issuer?.userName ?? arnRole ?? arnSegments(p.issuer?.arn ?? null, 'role').at(-1) ?? null);
			const session = clean(rest.join('/') || afterColon(p.principalId) || p.eventUsername) ?? '?';
			const roleArn = clean(p.issuer?.arn ?? null);
			const sso = role ? SSO_ROLE.exec(role) : null;
			if (sso?.[1]) {
				return {
					kind: 'identity-center-role',
					label: `sso ${sso[1]}/${session}`,
					first: [`IAM Identity Center (SSO) user ${session}, permission set ${sso[1]} (role ${role}), MFA: ${mfa}`],
					temporary: true,
				};
			}
			const roleWords = role ? `role ${role}${roleArn ? ` (${roleArn})` : ''}` : `an unnamed role${inArn}`;
			return {
				kind: 'assumed-role',
				label: role ? `role ${role}/${session}` : `role ${session}`,
				first: [`Temporary credentials of ${roleWords}, session ${session}, MFA: ${mfa}`],
				temporary: true,
			};
		}
		case 'FederatedUser': {
			const name = clean(arnSegments(p.arn, 'federated-user').at(-1) ?? afterColon(p.principalId) ?? p.eventUsername) ?? '?';
			const issuer = p.issuer
				? `, issued by ${clean(p.issuer.type)?.toLowerCase() ?? 'principal'} ${clean(p.issuer.userName) ?? '?'}${p.issuer.arn ? ` (${clean(p.issuer.arn)})` : ''}`
				: '';
			return {
				kind: 'federated-user',
				label: `fed ${name}`,
				first: [`Temporary credentials of federated user ${name} (GetFederationToken)${issuer}, MFA: ${mfa}`],
				temporary: true,
			};
		}
		case 'SAMLUser': {
			const name = clean(p.userName ?? p.principalId ?? p.eventUsername) ?? '?';
			const provider = clean(p.identityProvider);
			return {
				kind: 'saml-user',
				label: `saml ${name}`,
				first: [`Federated user ${name} signed in through SAML${provider ? ` identity provider ${provider}` : ''} (AssumeRoleWithSAML)`],
				temporary: true,
			};
		}
		case 'WebIdentityUser': {
			const name = clean(p.userName ?? p.principalId ?? p.eventUsername) ?? '?';
			const provider = clean(p.identityProvider);
			return {
				kind: 'web-identity-user',
				label: `web ${name}`,
				first: [`Web identity user ${name}${provider ? ` from ${provider}` : ''} (AssumeRoleWithWebIdentity)`],
				temporary: true,
			};
		}
		case 'IdentityCenterUser': {
			const name = clean(p.onBehalfOf ?? p.userName ?? p.principalId ?? p.eventUsername) ?? '?';
			const store = clean(p.identityStore);
			return {
				kind: 'identity-center-user',
				label: `sso ${name}`,
				first: [`IAM Identity Center user ${name}${store ? ` (identity store ${store})` : ''}`],
				temporary: true,
			};
		}
		case 'AWSAccount': {
			const account = clean(p.accountId ?? p.principalId) ?? '?';
			const principal = p.principalId && p.principalId !== p.accountId ? `, principal ${clean(p.principalId)}` : '';
			return {
				kind: 'aws-account',
				label: `acct ${account}`,
				first: [`Another AWS account, ${account}${principal}, using a role or resource of this account`],
				temporary: keyIsTemporary(p.accessKeyId),
			};
		}
		case 'AWSService': {
			const service = clean(p.invokedBy ?? p.eventUsername) ?? '?';
			return {
				kind: 'aws-service',
				label: `svc ${service}`,
				first: [`AWS service ${service} acting for the account (not a person)`],
				temporary: null,
			};
		}
		case 'Unknown': {
			const name = clean(p.userName ?? p.eventUsername ?? parseArn(p.arn)?.resource ?? p.principalId) ?? '?';
			const type = clean(p.rawType);
			return {
				kind: 'unknown',
				label: `${type ? type.toLowerCase() : 'unknown'} ${name}`,
				first: [`Identity type ${type ?? '(missing)'}, not one iot-monitor knows: ${name}${inArn}`],
				temporary: keyIsTemporary(p.accessKeyId),
			};
		}
	}
}

function describeParts(p: Parts): Identity {
	const c = core(p);
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
function fromEventFields(event: TrailEvent, why: string): Identity {
	const known = IDENTITY_TYPES.includes(event.identityType) ? event.identityType : 'Unknown';
	const f = FALLBACK[known];
	const name = clean(textOf(event.username));
	const label = known === 'Root' ? 'root' : `${f.word} ${name ?? '?'}`;
	const sentence = known === 'Root' ? f.sentence : `${f.sentence} ${name ?? '(no name)'}`;
	const temporary = ['AssumedRole', 'FederatedUser', 'SAMLUser', 'WebIdentityUser', 'IdentityCenterUser'].includes(known) ? true : null;
	return {kind: f.kind, label, summary: [sentence, why], temporary, mfa: null, fromRecord: false};
}

/** The caller of `event` in words (the last few are memoised; events are immutable). */
export const describeIdentity: (event: TrailEvent) => Identity = recentMemo(256, (event: TrailEvent): Identity => {
	const record = recordOf(event);
	const identity = objectAt(record, 'userIdentity');
	return record === undefined
		? fromEventFields(event, 'Identity from the LookupEvents fields only: the record could not be read')
		: identity === undefined
			? fromEventFields(event, 'Identity from the LookupEvents fields only: the record has no userIdentity')
			: describeParts(partsOf(record, identity, event));
});

// One short string per event, kept as long as the event: filters match every event of the buffer on it.
const labels = new WeakMap<TrailEvent, string>();

/** Just the short label ("user alice"), memoised per event object. */
export function identityLabel(event: TrailEvent): string {
	let label = labels.get(event);
	if (label === undefined) {
		label = describeIdentity(event).label;
		labels.set(event, label);
	}
	return label;
}
