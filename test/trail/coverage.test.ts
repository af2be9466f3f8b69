import {test} from 'node:test';
import assert from 'node:assert/strict';
import {eventCoverage} from '../../source/trail/coverage.js';
import {NOW, trailEvent} from './helpers.js';

const MINUTE = 60_000;
const at = (minutesAgo: number, id = `e${minutesAgo}`) => trailEvent({eventId: id, eventTime: NOW - minutesAgo * MINUTE});

test('coverage: complete from where reading began, or from the oldest event held once events were dropped', () => {
	const cases = [
		{name: 'nothing dropped', events: [at(1), at(5), at(30)], since: NOW - 60 * MINUTE, dropped: 0, completeFrom: NOW - 60 * MINUTE, oldest: NOW - 30 * MINUTE},
		{name: 'dropped: the oldest held', events: [at(1), at(5), at(30)], since: NOW - 60 * MINUTE, dropped: 7, completeFrom: NOW - 30 * MINUTE, oldest: NOW - 30 * MINUTE},
		{name: 'undated events say nothing', events: [at(1), at(5), trailEvent({eventId: 'x', eventTime: 0})], since: NOW - 60 * MINUTE, dropped: 2, completeFrom: NOW - 5 * MINUTE, oldest: NOW - 5 * MINUTE},
		{name: 'no events', events: [], since: NOW - 60 * MINUTE, dropped: 0, completeFrom: NOW - 60 * MINUTE, oldest: null},
	];
	for (const {name, events, since, dropped, completeFrom, oldest} of cases) {
		const coverage = eventCoverage({events, eventsSince: since, eventsDropped: dropped});
		assert.equal(coverage.completeFrom, completeFrom, name);
		assert.equal(coverage.oldest, oldest, name);
		assert.equal(coverage.held, events.length, name);
		assert.equal(coverage.newest, events.length === 0 ? null : NOW - MINUTE, name);
	}
});
