import {test} from 'node:test';
import assert from 'node:assert/strict';
import {buildSeries, lastSettledBucket, settledWindow} from '../../source/monitor/series.js';

const MIN = 60_000;
const NOW = Date.UTC(2026, 10, 24, 12, 0, 30); // 12:00:30

test('lastSettledBucket: a bucket settles 150 s after it ends', () => {
	// 12:00:30 - 150 s = 11:58:00, minus one period -> the bucket 11:57:00-11:58:00 has ended 150 s ago.
	assert.equal(lastSettledBucket(NOW), Date.UTC(2026, 10, 24, 11, 57));
	assert.equal(lastSettledBucket(Date.UTC(2026, 10, 24, 11, 59, 59)), Date.UTC(2026, 10, 24, 11, 56));
});

test('settledWindow: ends right after the newest settled bucket, never inside unsettled ones', () => {
	const w = settledWindow(NOW, 90);
	assert.equal(w.end, Date.UTC(2026, 10, 24, 11, 58));
	assert.equal(w.end - w.start, 90 * MIN);
	assert.equal(w.periodSeconds, 60);
});

test('buildSeries: an unsettled bucket is never the shown value, even when it reads as a drop', () => {
	const last = lastSettledBucket(NOW);
	const values = new Map<number, number>();
	for (let t = last - 89 * MIN; t <= last; t += MIN) values.set(t, 1000);
	values.set(last + MIN, 120); // partial, still filling in
	values.set(last + 2 * MIN, 10);
	const series = buildSeries('PublishIn.Success', {values, error: null}, 2, {now: NOW});
	assert.equal(series.state, 'ok');
	assert.deepEqual(series.latest, {t: last, v: 1000});
	assert.equal(series.points.length, 90);
	assert.ok(series.points.every(p => p.t <= last));
});

test('buildSeries: a window without datapoints is no-data, not 0', () => {
	const series = buildSeries('DeleteThingShadow.Accepted', {values: new Map(), error: null}, 2, {now: NOW});
	assert.equal(series.state, 'no-data');
	assert.equal(series.latest, null);
	assert.equal(series.points.length, 0);
});

test('buildSeries: a metric CloudWatch never listed is no-data', () => {
	const series = buildSeries('PublishOut.Throttle', undefined, 0, {now: NOW});
	assert.equal(series.state, 'no-data');
});

test('buildSeries: gaps inside a window with data are zeros', () => {
	const last = lastSettledBucket(NOW);
	const values = new Map([[last - 10 * MIN, 3]]);
	const series = buildSeries('Connect.AuthError', {values, error: null}, 1, {now: NOW, historyBuckets: 30});
	assert.equal(series.state, 'ok');
	assert.equal(series.points.length, 30);
	assert.equal(series.latest?.v, 0);
	assert.equal(series.points.find(p => p.t === last - 10 * MIN)?.v, 3);
});

test('buildSeries: a failed query is error with its message', () => {
	const series = buildSeries('RulesExecuted', {values: new Map(), error: 'Forbidden'}, 1, {now: NOW});
	assert.equal(series.state, 'error');
	assert.equal(series.error, 'Forbidden');
});
