import {test} from 'node:test';
import assert from 'node:assert/strict';
import {classifyEvent, highlightReasons, riskOf} from '../../source/trail/highlight.js';
import {trailEvent, UNSAFE_TERMINAL, withRecord} from './helpers.js';

test('risky calls: destructive or security-relevant, with the reason', () => {
	const cases: Array<[string, Record<string, unknown> | null, RegExp | null]> = [
		['DeleteThing', null, /^deletes thing$/],
		['DeletePolicyVersion', null, /^deletes policy version$/],
		['DeleteTopicRule', null, /^deletes topic rule$/],
		['DeleteCACertificate', null, /^deletes ca certificate$/],
		['DetachPolicy', null, /detaches a policy/],
		['DetachThingPrincipal', null, /detaches/],
		['UpdateCertificate', {newStatus: 'REVOKED'}, /certificate set to REVOKED/],
		['UpdateCertificate', {newStatus: 'inactive'}, /certificate set to INACTIVE/],
		['UpdateCertificate', {newStatus: 'ACTIVE'}, null],
		['UpdateCertificate', {}, /new status unknown/],
		['UpdateCACertificate', {newStatus: 'INACTIVE'}, /CA certificate/],
		['CreatePolicyVersion', null, /policy version/],
		['SetDefaultPolicyVersion', null, /default policy version/],
		['ReplaceTopicRule', null, /topic rule replaced/],
		['DisableTopicRule', null, /stops a topic rule/],
		['SetV2LoggingLevel', null, /logging/],
		['UpdateRoleAlias', null, /IAM role/],
		['CreateThing', null, null],
		['AttachPolicy', null, null],
		['ListThings', null, null],
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

test('UpdateCertificate with an unreadable record is still flagged (status unknown)', () => {
	assert.match(riskOf(trailEvent({eventName: 'UpdateCertificate', raw: 'garbage'})) ?? '', /unknown/);
});

test('classification: error, denied, root, risky', () => {
	const cases: Array<[string, Parameters<typeof trailEvent>[0], {error: boolean; denied: boolean; root: boolean; risky: boolean}]> = [
		['routine', {}, {error: false, denied: false, root: false, risky: false}],
		['AccessDenied', {errorCode: 'AccessDenied'}, {error: true, denied: true, root: false, risky: false}],
		['AccessDeniedException', {errorCode: 'AccessDeniedException'}, {error: true, denied: true, root: false, risky: false}],
		['UnauthorizedOperation', {errorCode: 'UnauthorizedOperation'}, {error: true, denied: true, root: false, risky: false}],
		['other error', {errorCode: 'ResourceNotFoundException'}, {error: true, denied: false, root: false, risky: false}],
		['root', {identityType: 'Root', username: null}, {error: false, denied: false, root: true, risky: false}],
		['root deleting, denied', {identityType: 'Root', eventName: 'DeleteThing', errorCode: 'AccessDenied'}, {error: true, denied: true, root: true, risky: true}],
		['empty error code is no error', {errorCode: ''}, {error: false, denied: false, root: false, risky: false}],
	];
	for (const [name, overrides, expected] of cases) {
		const h = classifyEvent(trailEvent(overrides));
		assert.deepEqual({error: h.error, denied: h.denied, root: h.root, risky: h.risky !== null}, expected, name);
	}
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
