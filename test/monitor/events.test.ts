import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mergeEvents} from '../../source/monitor/events.js';
import type {TrailEvent} from '../../source/types.js';

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
	const first = mergeEvents([], known, [ev('c', 300), ev('b', 200), ev('b', 200)], {lateBefore: null, max: 100});
	first.added.forEach(e => known.add(e.eventId));
	const second = mergeEvents(first.events, known, [ev('d', 400), ev('c', 300), ev('a', 100)], {lateBefore: null, max: 100});
	assert.deepEqual(second.events.map(e => e.eventId), ['d', 'c', 'b', 'a']);
	assert.deepEqual(second.added.map(e => e.eventId), ['d', 'a']);
});

test('mergeEvents: an unseen event older than the last poll end is late and lands in time order', () => {
	const known = new Set(['c', 'a']);
	const result = mergeEvents([ev('c', 300), ev('a', 100)], known, [ev('b', 200), ev('d', 400)], {lateBefore: 350, max: 100});
	assert.deepEqual(result.events.map(e => [e.eventId, e.late]), [
		['d', false],
		['c', false],
		['b', true],
		['a', false],
	]);
});

test('mergeEvents: keeps only the newest max and reports how many dropped', () => {
	const result = mergeEvents([], new Set(), [ev('a', 1), ev('b', 2), ev('c', 3)], {lateBefore: null, max: 2});
	assert.deepEqual(result.events.map(e => e.eventId), ['c', 'b']);
	assert.equal(result.dropped, 1);
});

test('mergeEvents: nothing new returns the same array (no needless re-render)', () => {
	const current = [ev('a', 1)];
	const result = mergeEvents(current, new Set(['a']), [ev('a', 1)], {lateBefore: 5, max: 10});
	assert.equal(result.events, current);
});
