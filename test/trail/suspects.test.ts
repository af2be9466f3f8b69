import {test} from 'node:test';
import assert from 'node:assert/strict';
import {areaOf, suspectsFor} from '../../source/trail/suspects.js';
import {NOW, trailEvent, withRecord} from './helpers.js';

const MIN = 60_000;
const onset = NOW;
const at = (minutesBefore: number) => onset - minutesBefore * MIN;

const revoke = withRecord(
	{requestParameters: {certificateId: 'abc', newStatus: 'REVOKED'}},
	{eventId: 'revoke', eventName: 'UpdateCertificate', eventTime: at(4)},
);
const detach = trailEvent({eventId: 'detach', eventName: 'DetachPolicy', eventTime: at(20)});
const replaceRule = trailEvent({eventId: 'rule', eventName: 'ReplaceTopicRule', eventTime: at(2)});
const createThing = trailEvent({eventId: 'thing', eventName: 'CreateThing', eventTime: at(1)});
const denied = trailEvent({eventId: 'denied', eventName: 'AttachPolicy', eventTime: at(3), errorCode: 'AccessDenied'});
const read = trailEvent({eventId: 'read', eventName: 'DescribeThing', eventTime: at(1), readOnly: true});
const readDenied = trailEvent({eventId: 'read-denied', eventName: 'ListThings', eventTime: at(1), readOnly: true, errorCode: 'AccessDeniedException'});
const tooEarly = trailEvent({eventId: 'early', eventName: 'DeletePolicy', eventTime: at(31)});
const inFirstMinute = trailEvent({eventId: 'first-minute', eventName: 'AttachPolicy', eventTime: onset + 30_000});
const afterwards = trailEvent({eventId: 'after', eventName: 'DeletePolicy', eventTime: onset + 2 * MIN});
const ALL = [revoke, detach, replaceRule, createThing, denied, read, readDenied, tooEarly, inFirstMinute, afterwards];

test('connect auth errors: certificate and policy changes first, risky before routine, then failures', () => {
	const order = suspectsFor(ALL, {metric: 'Connect.AuthError', onset}).map(s => s.event.eventId);
	assert.deepEqual(order, ['revoke', 'detach', 'first-minute', 'rule', 'thing', 'denied', 'read-denied']);
});

test('rules failing: the topic rule change comes first', () => {
	const order = suspectsFor(ALL, {metric: 'RulesExecuted', onset}).map(s => s.event.eventId);
	assert.equal(order[0], 'rule');
	assert.ok(order.indexOf('detach') < order.indexOf('revoke'), 'policy before certificate for rules');
});

test('the window is 30 minutes before the onset to the end of its first minute; successful reads are left out', () => {
	const ids = new Set(suspectsFor(ALL, {metric: 'PublishIn.Success', onset}).map(s => s.event.eventId));
	for (const id of ['early', 'after', 'read']) assert.ok(!ids.has(id), id);
	for (const id of ['revoke', 'first-minute', 'read-denied']) assert.ok(ids.has(id), id);
});

test('reasons say why, in words', () => {
	const [first] = suspectsFor([revoke], {metric: 'Connect.AuthError', onset});
	assert.deepEqual(first?.reasons, ['certificate change: can explain Connect.AuthError', 'certificate set to REVOKED: devices using it cannot connect']);
	const [failed] = suspectsFor([denied], {metric: 'Connect.AuthError', onset});
	assert.deepEqual(failed?.reasons, ['failed: AccessDenied']);
});

test('equal suspicion: the change nearest the onset first', () => {
	const near = trailEvent({eventId: 'near', eventName: 'DetachPolicy', eventTime: at(1)});
	const far = trailEvent({eventId: 'far', eventName: 'DetachPolicy', eventTime: at(25)});
	assert.deepEqual(suspectsFor([far, near], {metric: 'Connect.AuthError', onset}).map(s => s.event.eventId), ['near', 'far']);
});

test('areas from API names', () => {
	const cases: Array<[string, string]> = [
		['UpdateCertificate', 'certificate'],
		['UpdateCACertificate', 'certificate'],
		['CreatePolicyVersion', 'policy'],
		['DetachPrincipalPolicy', 'policy'],
		['UpdateAuthorizer', 'authentication'],
		['ReplaceTopicRule', 'rule'],
		['DeleteThing', 'thing'],
		['SetV2LoggingOptions', 'logging'],
		['CreateJob', 'other'],
	];
	for (const [name, area] of cases) assert.equal(areaOf(name), area, name);
});
