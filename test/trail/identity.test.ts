import {test} from 'node:test';
import assert from 'node:assert/strict';
import {describeIdentity, type IdentityKind} from '../../source/trail/identity.js';
import type {IdentityType} from '../../source/types.js';
import {ACCOUNT, trailEvent, UNSAFE_TERMINAL, withRecord} from './helpers.js';

const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/deploy-role`;

type Case = {
	name: string;
	userIdentity: unknown;
	extra?: Record<string, unknown>;
	eventUsername?: string | null;
	kind: IdentityKind;
	label: string;
	/** Each must appear in the summary (joined by newlines). */
	says: RegExp[];
	temporary?: boolean | null;
	mfa?: boolean | null;
};

const CASES: Case[] = [
	{
		name: 'root with console MFA',
		userIdentity: {type: 'Root', principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT, accessKeyId: 'ASIAROOTSESSION0001', sessionContext: {attributes: {creationDate: '2024-05-01T11:00:00Z', mfaAuthenticated: 'true'}}},
		kind: 'root',
		label: 'root',
		says: [/^Root user of account 123456789012: root credentials/, /Access key ASIAROOTSESSION0001 \(temporary\)/, /Session, created 2024-05-01T11:00:00Z, MFA: yes/],
		temporary: true,
		mfa: true,
	},
	{
		name: 'root with a long-term access key',
		userIdentity: {type: 'Root', accountId: ACCOUNT, accessKeyId: 'AKIAROOTKEY000000001'},
		kind: 'root',
		label: 'root',
		says: [/Access key AKIAROOTKEY000000001 \(long-term, a root access key: AWS advises having none\)/],
		temporary: false,
	},
	{
		name: 'IAM user with a long-term key',
		userIdentity: {type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: `arn:aws:iam::${ACCOUNT}:user/bob`, accountId: ACCOUNT, accessKeyId: 'AKIAEXAMPLE000000001', userName: 'bob'},
		kind: 'iam-user',
		label: 'user bob',
		says: [/^IAM user bob \(arn:aws:iam::123456789012:user\/bob\)$/m, /Access key AKIAEXAMPLE000000001 \(long-term\)/],
		temporary: false,
		mfa: null,
	},
	{
		name: 'IAM user without userName: name from the ARN path',
		userIdentity: {type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/division/team/carol`},
		kind: 'iam-user',
		label: 'user carol',
		says: [/IAM user carol/],
	},
	{
		name: 'assumed role: role, ARN, session, MFA no, issuer',
		userIdentity: {
			type: 'AssumedRole',
			principalId: 'AROAEXAMPLE:ci-1234',
			arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy-role/ci-1234`,
			accountId: ACCOUNT,
			accessKeyId: 'ASIAEXAMPLE000000001',
			sessionContext: {sessionIssuer: {type: 'Role', principalId: 'AROAEXAMPLE', arn: ROLE_ARN, accountId: ACCOUNT, userName: 'deploy-role'}, attributes: {creationDate: '2024-05-01T11:58:00Z', mfaAuthenticated: 'false'}},
		},
		kind: 'assumed-role',
		label: 'role deploy-role/ci-1234',
		says: [/^Temporary credentials of role deploy-role \(arn:aws:iam::123456789012:role\/deploy-role\), session ci-1234, MFA: no$/m, /Access key ASIAEXAMPLE000000001 \(temporary\)/, /Session, created 2024-05-01T11:58:00Z$/m],
		temporary: true,
		mfa: false,
	},
	{
		name: 'assumed role without sessionContext: role and session from the ARN',
		userIdentity: {type: 'AssumedRole', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ops-admin/erin`},
		kind: 'assumed-role',
		label: 'role ops-admin/erin',
		says: [/role ops-admin, session erin, MFA: unknown/],
	},
	{
		name: 'assumed role with nothing but principalId and the LookupEvents username',
		userIdentity: {type: 'AssumedRole', principalId: 'AROAEXAMPLE:gh-run-7'},
		kind: 'assumed-role',
		label: 'role gh-run-7',
		says: [/an unnamed role, session gh-run-7/],
	},
	{
		name: 'IAM Identity Center permission-set role',
		userIdentity: {type: 'AssumedRole', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_AdminAccess_0123456789abcdef/dana@example.com`, sessionContext: {attributes: {mfaAuthenticated: 'true'}}},
		kind: 'identity-center-role',
		label: 'sso AdminAccess/dana@example.com',
		says: [/IAM Identity Center \(SSO\) user dana@example\.com, permission set AdminAccess/, /MFA: yes/],
		mfa: true,
	},
	{
		name: 'federated user (GetFederationToken) issued by an IAM user',
		userIdentity: {
			type: 'FederatedUser',
			principalId: `${ACCOUNT}:dana`,
			arn: `arn:aws:sts::${ACCOUNT}:federated-user/dana`,
			accountId: ACCOUNT,
			accessKeyId: 'ASIAFED0000000000001',
			sessionContext: {sessionIssuer: {type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/federation-broker`, userName: 'federation-broker'}, attributes: {mfaAuthenticated: 'false'}},
		},
		kind: 'federated-user',
		label: 'fed dana',
		says: [/Temporary credentials of federated user dana \(GetFederationToken\), issued by iamuser federation-broker \(arn:aws:iam::123456789012:user\/federation-broker\), MFA: no/],
		temporary: true,
	},
	{
		name: 'SAML user',
		userIdentity: {type: 'SAMLUser', principalId: 'SAMLPROVIDER:frank', userName: 'frank', identityProvider: 'arn:aws:iam::123456789012:saml-provider/Okta'},
		kind: 'saml-user',
		label: 'saml frank',
		says: [/Federated user frank signed in through SAML identity provider arn:aws:iam::123456789012:saml-provider\/Okta/],
	},
	{
		name: 'web identity user',
		userIdentity: {type: 'WebIdentityUser', principalId: 'accounts.google.com:1234', userName: '1234', identityProvider: 'accounts.google.com'},
		kind: 'web-identity-user',
		label: 'web 1234',
		says: [/Web identity user 1234 from accounts\.google\.com/],
	},
	{
		name: 'Identity Center user',
		userIdentity: {type: 'IdentityCenterUser', accountId: ACCOUNT, onBehalfOf: {userId: '544894e8-80c1-707f-60e3-3ba6510dfac1', identityStoreArn: 'arn:aws:identitystore::123456789012:identitystore/d-1234'}},
		kind: 'identity-center-user',
		label: 'sso 544894e8-80c1-707f-60e3-3ba6510dfac1',
		says: [/IAM Identity Center user 544894e8-.* \(identity store arn:aws:identitystore::123456789012:identitystore\/d-1234\)/],
	},
	{
		name: 'another account',
		userIdentity: {type: 'AWSAccount', principalId: 'AIDAOTHER', accountId: '111122223333'},
		kind: 'aws-account',
		label: 'acct 111122223333',
		says: [/Another AWS account, 111122223333, principal AIDAOTHER/, /Cross-account: caller account 111122223333, this account 123456789012/],
	},
	{
		name: 'AWS service acting for the account',
		userIdentity: {type: 'AWSService', invokedBy: 'iot.amazonaws.com'},
		kind: 'aws-service',
		label: 'svc iot.amazonaws.com',
		says: [/AWS service iot\.amazonaws\.com acting for the account \(not a person\)/],
		temporary: null,
	},
	{
		name: 'a role called through a service (invokedBy on an assumed role)',
		userIdentity: {type: 'AssumedRole', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/jobs-role/session`, invokedBy: 'jobs.iot.amazonaws.com'},
		kind: 'assumed-role',
		label: 'role jobs-role/session',
		says: [/Called through AWS service jobs\.iot\.amazonaws\.com \(invokedBy\)/],
	},
	{
		name: 'a role of another account (issuer account differs from the recipient)',
		userIdentity: {type: 'AssumedRole', arn: 'arn:aws:sts::444455556666:assumed-role/x-role/s1', accountId: '444455556666', sessionContext: {sessionIssuer: {userName: 'x-role', accountId: '444455556666'}}},
		kind: 'assumed-role',
		label: 'role x-role/s1',
		says: [/Cross-account: caller account 444455556666, this account 123456789012/],
	},
	{
		name: 'oddly cased keys and values',
		userIdentity: {TYPE: 'assumedrole', ARN: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy-role/s9`, SessionContext: {Attributes: {MFAAuthenticated: 'TRUE'}}},
		kind: 'assumed-role',
		label: 'role deploy-role/s9',
		says: [/MFA: yes/],
		mfa: true,
	},
	{
		name: 'null fields and wrong types',
		userIdentity: {type: 'IAMUser', userName: null, arn: 42, accessKeyId: {}, sessionContext: null},
		eventUsername: 'alice',
		kind: 'iam-user',
		label: 'user alice',
		says: [/IAM user alice/],
	},
	{
		name: 'an identity type nobody documented',
		userIdentity: {type: 'Martian', principalId: 'M1', userName: 'zork'},
		kind: 'unknown',
		label: 'martian zork',
		says: [/Identity type Martian, not one iot-monitor knows: zork/],
	},
	{
		name: 'userIdentity without a type',
		userIdentity: {userName: 'ghost'},
		kind: 'unknown',
		label: 'unknown ghost',
		says: [/Identity type \(missing\)/],
	},
];

test('identity in words, per userIdentity type', () => {
	for (const c of CASES) {
		const event = withRecord({userIdentity: c.userIdentity, ...c.extra}, {username: c.eventUsername === undefined ? null : c.eventUsername});
		const identity = describeIdentity(event);
		assert.equal(identity.kind, c.kind, `${c.name}: kind`);
		assert.equal(identity.label, c.label, `${c.name}: label`);
		const summary = identity.summary.join('\n');
		for (const pattern of c.says) assert.match(summary, pattern, `${c.name}: ${summary}`);
		if (c.temporary !== undefined) assert.equal(identity.temporary, c.temporary, `${c.name}: temporary`);
		if (c.mfa !== undefined) assert.equal(identity.mfa, c.mfa, `${c.name}: mfa`);
		assert.ok(identity.fromRecord, c.name);
	}
});

test('no usable record: the LookupEvents fields answer, and say so', () => {
	const cases: Array<[string, string, IdentityType, string | null, string]> = [
		['invalid JSON', '{"userIdentity": {', 'AssumedRole', 'ci-1', 'role ci-1'],
		['empty', '', 'IAMUser', 'alice', 'user alice'],
		['not an object', '[1,2,3]', 'Root', null, 'root'],
		['JSON null', 'null', 'AWSService', 'iot.amazonaws.com', 'svc iot.amazonaws.com'],
		['no userIdentity', '{"eventName":"CreateThing"}', 'FederatedUser', 'dana', 'fed dana'],
		['nested far too deep', '['.repeat(200_000) + ']'.repeat(200_000), 'SAMLUser', 'frank', 'saml frank'],
		['unknown type, no name', 'nope', 'Unknown', null, 'unknown ?'],
	];
	for (const [name, raw, identityType, username, label] of cases) {
		const identity = describeIdentity(trailEvent({raw, identityType, username}));
		assert.equal(identity.label, label, name);
		assert.equal(identity.fromRecord, false, name);
		assert.match(identity.summary.join('\n'), /LookupEvents fields only/, name);
	}
});

test('hostile and huge values come out sanitized and bounded', () => {
	const evil = 'mallory\u001b]0;pwned\u0007\u202Egnp.exe\u009b31m';
	const identity = describeIdentity(
		withRecord({userIdentity: {type: 'IAMUser', userName: evil + 'x'.repeat(1_000_000), accessKeyId: 'AKIA\u001b[2J'}}),
	);
	for (const text of [identity.label, ...identity.summary]) {
		assert.doesNotMatch(text, UNSAFE_TERMINAL, text.slice(0, 80));
		assert.ok(text.length < 2000, `bounded: ${text.length}`);
	}
	assert.match(identity.label, /^user mallory␛\]0;pwned␇/);
});

test('memoised per event object', () => {
	const event = withRecord({userIdentity: {type: 'Root'}});
	assert.equal(describeIdentity(event), describeIdentity(event));
});
