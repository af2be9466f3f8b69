import {test} from 'node:test';
import assert from 'node:assert/strict';
import {IOT_OPERATION_NAMES} from '../../source/iot/operation-names.js';
import {IOT_OPERATIONS} from '../../source/iot/operations.js';
import {classifyEvent, highlightReasons, isDenied, nameWords, riskOf} from '../../source/trail/highlight.js';
import {trailEvent, UNSAFE_TERMINAL, withRecord} from './helpers.js';

test('risky calls: destructive or security-relevant, with the reason', () => {
	const cases: Array<[string, Record<string, unknown> | null, RegExp | null]> = [
		['DeleteThing', null, /^deletes a thing$/],
		['DeleteTopicRule', null, /^deletes a topic rule: messages it matched are no longer routed$/],
		['DeleteCACertificate', null, /^deletes a registered CA certificate$/],
		['DetachPolicy', null, /^detaches a policy from a certificate, identity or thing group/],
		['DetachThingPrincipal', null, /^detaches a certificate or identity from a thing/],
		['DetachSecurityProfile', null, /^stops Device Defender checking a thing group or the account against a security profile$/],
		['DeleteV2LoggingLevel', null, /^removes the logging level set for a thing group or client/],
		['UpdateCertificate', {newStatus: 'REVOKED'}, /certificate set to REVOKED/],
		['UpdateCertificate', {newStatus: 'inactive'}, /certificate set to INACTIVE/],
		['UpdateCertificate', {newStatus: 'ACTIVE'}, null],
		['UpdateCertificate', {}, /new status unknown/],
		['UpdateCACertificate', {newStatus: 'INACTIVE'}, /CA certificate set to INACTIVE/],
		['CreatePolicyVersion', {setAsDefault: true}, /in force at once/],
		['CreatePolicyVersion', {setAsDefault: 'false'}, null],
		['CreatePolicyVersion', null, /new policy version \(whether it was put in force is unknown\)/],
		['DeletePolicyVersion', null, null],
		['SetDefaultPolicyVersion', null, /which version of a policy is in force/],
		['ReplaceTopicRule', null, /topic rule's query and actions/],
		['DisableTopicRule', null, /disables a topic rule/],
		['UpdateTopicRuleDestination', {status: 'DISABLED'}, /destination DISABLED: rules using it stop delivering/],
		['UpdateTopicRuleDestination', {status: 'ENABLED'}, /ENABLED/],
		['UpdateTopicRuleDestination', {}, /status unknown/],
		['SetDefaultAuthorizer', null, /default custom authorizer/],
		['ClearDefaultAuthorizer', null, /clears the default custom authorizer/],
		['UpdateAuthorizer', {status: 'INACTIVE'}, /INACTIVE: devices using it cannot connect/],
		['UpdateDomainConfiguration', {domainConfigurationStatus: 'DISABLED'}, /DISABLED: devices using it cannot connect/],
		['UpdateEncryptionConfiguration', {encryptionType: 'CUSTOMER_MANAGED_KMS_KEY'}, /customer-managed KMS key/],
		['UpdateEncryptionConfiguration', null, /key AWS IoT encrypts/],
		['CreateJob', null, /^sends a job \(firmware update or remote operation\) to devices$/],
		['CreateOTAUpdate', null, /over-the-air firmware update/],
		['SetV2LoggingLevel', null, /logging/],
		['UpdateRoleAlias', null, /IAM role/],
		['DeleteWidgetV2Thing', null, /^deletes widget v2 thing \(a call this version does not know\)$/],
		['CreateThing', null, null],
		['AttachPolicy', null, null],
		['ListThings', null, null],
		['CreateWidget', null, null],
		['constructor', null, null],
		['__proto__', null, null],
		['toString', null, null],
	];
	for (const [name, request, expected] of cases) {
		const event = request === null ? trailEvent({eventName: name}) : withRecord({requestParameters: request}, {eventName: name});
		const risk = riskOf(event);
		if (expected === null) assert.equal(risk, null, name);
		else assert.match(risk ?? '', expected, `${name}: ${risk}`);
	}
});

test('every catalogued operation: risky exactly when the catalog rates it high or medium, in its words', () => {
	const byRequest = new Set(['UpdateCertificate', 'UpdateCACertificate', 'CreatePolicyVersion', 'UpdateTopicRuleDestination', 'UpdateDomainConfiguration', 'UpdateAuthorizer', 'UpdateEncryptionConfiguration']);
	for (const name of IOT_OPERATION_NAMES) {
		if (byRequest.has(name)) continue;
		const operation = IOT_OPERATIONS[name];
		const risk = riskOf(trailEvent({eventName: name}));
		if (operation.risk === 'high' || operation.risk === 'medium') assert.equal(risk, operation.words, name);
		else assert.equal(risk, null, name);
	}
});

test('nameWords splits API names into words', () => {
	assert.equal(nameWords('V2LoggingLevel'), 'v2 logging level');
	assert.equal(nameWords('CACertificate'), 'CA certificate');
	assert.equal(nameWords('TopicRuleDestination'), 'topic rule destination');
});

test('UpdateCertificate with an unreadable record is still flagged (status unknown)', () => {
	assert.match(riskOf(trailEvent({eventName: 'UpdateCertificate', raw: 'garbage'})) ?? '', /unknown/);
});

test('classification: error, denied, root, risky', () => {
	const cases: Array<[string, Parameters<typeof trailEvent>[0], {error: boolean; denied: boolean; root: boolean; risky: boolean}]> = [
		['routine', {}, {error: false, denied: false, root: false, risky: false}],
		['AccessDenied', {errorCode: 'AccessDenied'}, {error: true, denied: true, root: false, risky: false}],
		['AccessDeniedException', {errorCode: 'AccessDeniedException'}, {error: true, denied: true, root: false, risky: false}],
		['UnauthorizedOperation', {errorCode: 'UnauthorizedOperation'}, {error: true, denied: true, root: false, risky: false}],
		['VpceAccessDenied', {errorCode: 'VpceAccessDenied'}, {error: true, denied: true, root: false, risky: false}],
		['Client.UnauthorizedOperation', {errorCode: 'Client.UnauthorizedOperation'}, {error: true, denied: true, root: false, risky: false}],
		['AccessDeniedish', {errorCode: 'AccessDeniedForReasons'}, {error: true, denied: false, root: false, risky: false}],
		['other error', {errorCode: 'ResourceNotFoundException'}, {error: true, denied: false, root: false, risky: false}],
		['root', {identityType: 'Root', username: null}, {error: false, denied: false, root: true, risky: false}],
		['root deleting, denied', {identityType: 'Root', eventName: 'DeleteThing', errorCode: 'AccessDenied'}, {error: true, denied: true, root: true, risky: true}],
		['empty error code is no error', {errorCode: ''}, {error: false, denied: false, root: false, risky: false}],
	];
	for (const [name, overrides, expected] of cases) {
		const h = classifyEvent(trailEvent(overrides));
		assert.deepEqual({error: h.error, denied: h.denied, root: h.root, risky: h.risky !== null}, expected, name);
	}
	assert.ok(isDenied(' VpceAccessDenied ') && isDenied('AccessDeniedException') && !isDenied(null) && !isDenied('Throttling'));
	const rootFromRecord = withRecord({userIdentity: {type: 'Root'}}, {identityType: 'Unknown'});
	assert.equal(classifyEvent(rootFromRecord).root, true, 'root read from the record');
});

test('reasons in words, glyph first, sanitized', () => {
	const reasons = highlightReasons(trailEvent({identityType: 'Root', eventName: 'Delete\u001b[2JThing', errorCode: 'AccessDenied'}));
	assert.equal(reasons.length, 3);
	assert.match(reasons[0] ?? '', /^✗ denied \(AccessDenied\)/);
	assert.match(reasons[1] ?? '', /^! root credentials used/);
	assert.match(reasons[2] ?? '', /^⚠ deletes/);
	for (const reason of reasons) assert.doesNotMatch(reason, UNSAFE_TERMINAL);
	assert.deepEqual(highlightReasons(trailEvent({errorCode: 'Throttling\u0007'})), ['✗ failed with Throttling␇']);
	assert.deepEqual(highlightReasons(trailEvent()), []);
});
