import {test} from 'node:test';
import assert from 'node:assert/strict';
import {critMetrics, newCritNotices} from '../../source/monitor/crit-notices.js';
import type {Severity} from '../../source/types.js';
import {judged, noData, snapshot, step} from '../ui/helpers.js';

const BASE = {expected: 1000, low: 900, high: 1100};
const at = (severities: Record<string, Severity | 'no-data'>) =>
	snapshot({
		metrics: Object.entries(severities).map(([name, severity]) =>
			severity === 'no-data' ? noData(name) : judged(name, step(1000, severity === 'ok' ? 1000 : 100), BASE, severity),
		),
	});

test('a metric notifies when its flag rises to CRIT, once, and again only after it came down', () => {
	const steps: Array<[Record<string, Severity | 'no-data'>, string[]]> = [
		[{A: 'ok', B: 'warn'}, []],
		[{A: 'crit', B: 'warn'}, ['A']],
		[{A: 'crit', B: 'crit'}, ['B']],
		[{A: 'crit', B: 'crit'}, []],
		[{A: 'warn', B: 'crit'}, []],
		[{A: 'crit', B: 'no-data'}, ['A']],
		[{A: 'crit', B: 'crit'}, ['B']],
	];
	let was = new Set<string>();
	for (const [index, [severities, expected]] of steps.entries()) {
		const next = at(severities);
		assert.deepEqual(newCritNotices(was, next).map(notice => notice.metric), expected, `step ${index}`);
		was = critMetrics(next);
	}
});

test('a notice carries what the on-call person needs, as plain JSON', () => {
	const [notice] = newCritNotices(new Set(), at({'PublishIn.Success': 'crit'}));
	assert.ok(notice);
	assert.equal(notice.metric, 'PublishIn.Success');
	assert.equal(notice.direction, 'down');
	assert.equal(notice.value, 100);
	assert.equal(notice.expected, 1000);
	assert.equal(notice.percent, -90);
	assert.match(notice.bucket, /^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/);
	assert.equal(notice.region, 'us-east-1');
	assert.deepEqual(JSON.parse(JSON.stringify(notice)), notice);
});

test('a flag that reopens with the same onset (the same incident flapping) does not notify twice', () => {
	const crit = (since: number) => {
		const snap = at({A: 'crit'});
		return {...snap, metrics: snap.metrics.map(m => ({...m, deviation: {...m.deviation!, since}}))};
	};
	const notified = new Map<string, number>();
	const first = newCritNotices(new Set(), crit(1000), notified);
	assert.equal(first.length, 1);
	notified.set('A', 1000);
	assert.equal(first[0]!.since, new Date(1000).toISOString());
	assert.equal(newCritNotices(new Set(), crit(1000), notified).length, 0, 'reopened: same onset');
	assert.equal(newCritNotices(new Set(), crit(5000), notified).length, 1, 'a new flag: a new onset');
});
