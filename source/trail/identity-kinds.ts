/**
 * Each kind of caller in words: the identity type of the record (root, IAM user, assumed role, IAM
 * Identity Center, federated, SAML, web identity, another account, an AWS service) turned into a kind,
 * a short label and the first sentence of the detail view. Every string is sanitized.
 */
import {sanitize} from '../text/sanitize.js';
import type {IdentityKind} from './identity-types.js';
import {afterColon, arnSegments, keyIsTemporary, parseArn, type Parts} from './identity-parts.js';

/** IAM Identity Center creates roles named AWSReservedSSO_<permission set>_<16 hex digits>. */
const SSO_ROLE = /^AWSReservedSSO_(.+)_[0-9a-f]{16}$/i;

/** Sanitized, or null when missing or empty. */
export const clean = (value: string | null | undefined): string | null => (value ? sanitize(value) : null);

export const mfaWords = (mfa: boolean | null): string => (mfa === null ? 'unknown' : mfa ? 'yes' : 'no');

/** A caller's kind, its short label, the first sentence(s) of its summary, and whether its credentials are temporary. */
export type Core = {kind: IdentityKind; label: string; first: string[]; temporary: boolean | null};

/** The kind, label and first sentence for the identity type of `p`. */
export function describeKind(p: Parts): Core {
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
