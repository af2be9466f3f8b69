import {test} from 'node:test';
import assert from 'node:assert/strict';
import {applyFilter, cleanFilterText, countMatchingAbove, describeFilter, isFilterActive, matchesFilter, NO_FILTER, type EventFilter} from '../../source/trail/filter.js';
import {trailEvent, withRecord} from './helpers.js';

const EVENTS = [
	trailEvent({eventId: 'a', eventName: 'DeleteThing', username: 'alice', errorCode: 'AccessDenied', sourceIp: '203.0.113.7', resources: [{type: 'AWS::IoT::Thing', name: 'sensor-17'}]}),
	trailEvent({eventId: 'b', eventName: 'ListThings', username: 'bob', readOnly: true, sourceIp: '198.51.100.14'}),
	withRecord(
		{userIdentity: {type: 'AssumedRole', arn: 'arn:aws:sts::123456789012:assumed-role/deploy-role/ci-1'}},
		{eventId: 'c', eventName: 'CreatePolicyVersion', username: 'ci-1', identityType: 'AssumedRole', readOnly: null},
	),
	trailEvent({eventId: 'd', eventName: 'UpdateThing', username: 'alice', readOnly: false, errorCode: 'ResourceNotFoundException'}),
	trailEvent({eventId: 'e', eventName: 'AttachPolicy', username: 'mal\u202Eecila', sourceIp: null}),
];

const ids = (filter: Partial<EventFilter>) => applyFilter(EVENTS, {...NO_FILTER, ...filter}).map(event => event.eventId);

test('each filter alone and combined', () => {
	const cases: Array<[string, Partial<EventFilter>, string[]]> = [
		['none', {}, ['a', 'b', 'c', 'd', 'e']],
		['errors only', {errorsOnly: true}, ['a', 'd']],
		['writes only (readOnly !== true, unknown counts as a write)', {writesOnly: true}, ['a', 'c', 'd', 'e']],
		['user by identity label', {user: 'user alice'}, ['a', 'd']],
		['user by LookupEvents username', {user: 'ci-1'}, ['c']],
		['role label', {user: 'role deploy-role/ci-1'}, ['c']],
		['text: event name, any case', {text: 'deletething'}, ['a']],
		['text: user', {text: 'BOB'}, ['b']],
		['text: identity label', {text: 'deploy-role'}, ['c']],
		['text: source IP', {text: '203.0.113'}, ['a']],
		['text: error code', {text: 'notfound'}, ['d']],
		['text: resource name', {text: 'sensor-17'}, ['a']],
		['text: resource type', {text: 'aws::iot::thing'}, ['a']],
		['text: surrounding spaces ignored', {text: '  bob '}, ['b']],
		['text: no match', {text: 'zzz'}, []],
		['errors + user', {errorsOnly: true, user: 'user alice', text: 'update'}, ['d']],
		['writes + text', {writesOnly: true, text: 'thing'}, ['a', 'd']],
	];
	for (const [name, filter, expected] of cases) assert.deepEqual(ids(filter), expected, name);
});

test('matching is on sanitized text: a bidi override cannot hide or fake a name', () => {
	assert.deepEqual(ids({text: 'alice'}), ['a', 'd'], 'the reversed "ecila" does not read as alice');
	assert.deepEqual(ids({text: 'mal\uFFFDecila'}), ['e'], 'the override shows as U+FFFD, and matches as shown');
	assert.deepEqual(ids({text: '\u202E'}), [], 'a raw override typed in never matches anything');
});

test('no filter returns the very same array; a filter result is reused for the same inputs', () => {
	assert.equal(applyFilter(EVENTS, NO_FILTER), EVENTS);
	const first = applyFilter(EVENTS, {...NO_FILTER, errorsOnly: true});
	assert.equal(applyFilter(EVENTS, {...NO_FILTER, errorsOnly: true}), first);
	assert.notEqual(applyFilter(EVENTS, {...NO_FILTER, writesOnly: true}), first);
});

test('isFilterActive and describeFilter', () => {
	const cases: Array<[Partial<EventFilter>, boolean, string]> = [
		[{}, false, 'none'],
		[{text: '   '}, false, 'none'],
		[{errorsOnly: true}, true, 'errors'],
		[{errorsOnly: true, user: 'user alice'}, true, 'errors · user alice'],
		[{writesOnly: true, text: ' deny '}, true, 'writes · "deny"'],
		[{user: 'user \u001b[31mx'}, true, 'user ␛[31mx'],
	];
	for (const [filter, active, words] of cases) {
		const full = {...NO_FILTER, ...filter};
		assert.equal(isFilterActive(full), active, words);
		assert.equal(describeFilter(full), words);
	}
});

test('countMatchingAbove counts new events that pass the filter', () => {
	const errors = {...NO_FILTER, errorsOnly: true};
	assert.equal(countMatchingAbove(EVENTS, 'e', errors), 2);
	assert.equal(countMatchingAbove(EVENTS, 'e', NO_FILTER), 4);
	assert.equal(countMatchingAbove(EVENTS, 'a', errors), 0);
	assert.equal(countMatchingAbove(EVENTS, 'gone', errors), 0);
	assert.equal(countMatchingAbove(EVENTS, null, errors), 0);
});

test('typed filter text loses controls and is bounded', () => {
	assert.equal(cleanFilterText('a\u001b[31mb\u0007'), 'a[31mb');
	assert.equal(cleanFilterText('x'.repeat(1000)).length, 200);
	assert.equal(matchesFilter(EVENTS[0]!, {...NO_FILTER, text: cleanFilterText('\u0007DeleteThing')}), true);
});
