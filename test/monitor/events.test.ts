import {test} from 'node:test';
import assert from 'node:assert/strict';
import {isLate, LATE_AFTER_MS, mergeEvents, type LateRule} from '../../source/monitor/events.js';
import type {TrailEvent} from '../../source/types.js';

const BACKLOG: LateRule = {backlog: true, newestShown: null, lookedAt: null};
const MIN = 60_000;

function ev(id: string, t: number): TrailEvent {
	return {
		eventId: id,
		eventTime: t,
		eventName: 'CreateThing',
		eventSource: 'iot.amazonaws.com',
		username: 'alice',
		identityType: 'IAMUser',
		readOnly: false,
		errorCode: null,
		sourceIp: '203.0.113.7',
		awsRegion: 'us-east-1',
		resources: [],
		raw: '',
		late: false,
	};
}

test('mergeEvents: newest first, no duplicates across overlapping pages', () => {
	const known = new Set<string>();
	const first = mergeEvents([], known, [ev('c', 300), ev('b', 200), ev('b', 200)], {late: BACKLOG, max: 100});
	first.added.forEach(e => known.add(e.eventId));
	const second = mergeEvents(first.events, known, [ev('d', 400), ev('c', 300), ev('a', 100)], {late: BACKLOG, max: 100});
	assert.deepEqual(second.events.map(e => e.eventId), ['d', 'c', 'b', 'a']);
	assert.deepEqual(second.added.map(e => e.eventId), ['d', 'a']);
});

test('mergeEvents: an unseen event below one already shown is late and lands in time order', () => {
	const known = new Set(['c', 'a']);
	const late: LateRule = {backlog: false, newestShown: 300, lookedAt: 350};
	const result = mergeEvents([ev('c', 300), ev('a', 100)], known, [ev('b', 200), ev('d', 400)], {late, max: 100});
	assert.deepEqual(result.events.map(e => [e.eventId, e.late]), [
		['d', false],
		['c', false],
		['b', true],
		['a', false],
	]);
});

test('mergeEvents: keeps only the newest max and reports how many dropped', () => {
	const result = mergeEvents([], new Set(), [ev('a', 1), ev('b', 2), ev('c', 3)], {late: BACKLOG, max: 2});
	assert.deepEqual(result.events.map(e => e.eventId), ['c', 'b']);
	assert.equal(result.dropped, 1);
});

test('mergeEvents: nothing new returns the same array (no needless re-render)', () => {
	const current = [ev('a', 1)];
	const result = mergeEvents(current, new Set(['a']), [ev('a', 1)], {late: {backlog: false, newestShown: 1, lookedAt: 5}, max: 10});
	assert.equal(result.events, current);
});

test('isLate: the rule as a table', () => {
	const T = Date.UTC(2026, 10, 24, 14, 0, 0);
	const rows: Array<[string, number, LateRule, boolean]> = [
		['backlog: never late, however old', T - 60 * MIN, {backlog: true, newestShown: T, lookedAt: T}, false],
		['delivered 25 s after EventTime, newer than anything shown', T + 5_000, {backlog: false, newestShown: T, lookedAt: T + 20_000}, false],
		['same second as the newest shown', T, {backlog: false, newestShown: T, lookedAt: T + 20_000}, false],
		['below an event already shown (out of order)', T - 1_000, {backlog: false, newestShown: T, lookedAt: T + 20_000}, true],
		['nothing shown yet, 9 min after EventTime', T, {backlog: false, newestShown: null, lookedAt: T + 9 * MIN}, false],
		['nothing shown yet, missing from a look 11 min after EventTime', T, {backlog: false, newestShown: null, lookedAt: T + 11 * MIN}, true],
		['exactly the stated delay is not late', T, {backlog: false, newestShown: null, lookedAt: T + LATE_AFTER_MS}, false],
		['a shorter stated delay', T, {backlog: false, newestShown: null, lookedAt: T + 2 * MIN, lateAfterMs: MIN}, true],
	];
	for (const [name, eventTime, rule, expected] of rows) assert.equal(isLate(eventTime, rule), expected, name);
});

test('mergeEvents: the backlog is never late, even out of order', () => {
	const first = mergeEvents([], new Set(), [ev('b', 200)], {late: BACKLOG, max: 10});
	const second = mergeEvents(first.events, new Set(['b']), [ev('a', 100)], {late: BACKLOG, max: 10});
	assert.deepEqual(second.events.map(e => [e.eventId, e.late]), [
		['b', false],
		['a', false],
	]);
});
