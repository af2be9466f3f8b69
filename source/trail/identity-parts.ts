/**
 * The parts of a CloudTrail userIdentity block iot-monitor uses, read defensively from the parsed record
 * (any field may be missing or of the wrong type), and the ARN and access key helpers that read them.
 * Nothing here is sanitized yet: identity-kinds.ts and identity-summary.ts do that as they write words.
 */
import {IDENTITY_TYPES, type IdentityType, type TrailEvent} from '../types.js';
import {booleanOf, field, objectAt, textAt, textOf, type Json} from './record.js';

type Arn = {readonly service: string; readonly account: string; readonly resource: string};

/** arn:partition:service:region:account:resource (the resource may itself contain ':'). */
export function parseArn(arn: string | null): Arn | null {
	if (!arn) return null;
	const parts = arn.split(':');
	if (parts.length < 6 || parts[0]?.toLowerCase() !== 'arn') return null;
	return {service: parts[2] ?? '', account: parts[4] ?? '', resource: parts.slice(5).join(':')};
}

/** The path segments after `kind/` in an ARN resource ("assumed-role/ROLE/SESSION" -> [ROLE, SESSION]). */
export function arnSegments(arn: string | null, kind: string): string[] {
	const resource = parseArn(arn)?.resource ?? '';
	const prefix = `${kind}/`;
	if (!resource.toLowerCase().startsWith(prefix)) return [];
	return resource.slice(prefix.length).split('/').filter(Boolean);
}

export function keyIsTemporary(key: string | null): boolean | null {
	const upper = key?.toUpperCase() ?? '';
	if (upper.startsWith('ASIA')) return true;
	if (upper.startsWith('AKIA')) return false;
	return null;
}

function identityType(value: unknown): {type: IdentityType; raw: string | null} {
	const raw = textOf(value);
	const lower = raw?.toLowerCase();
	return {type: IDENTITY_TYPES.find(type => type.toLowerCase() === lower) ?? 'Unknown', raw};
}

/** The parts of a userIdentity block we use, each already cut to size (not yet sanitized). */
export type Parts = {
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

export function partsOf(record: Json, identity: Json, event: TrailEvent): Parts {
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
export const afterColon = (principalId: string | null): string | null => {
	const index = principalId?.indexOf(':') ?? -1;
	return principalId && index >= 0 ? principalId.slice(index + 1) || null : null;
};
