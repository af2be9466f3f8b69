import {test} from 'node:test';
import assert from 'node:assert/strict';
import {metricDataState, snapshotToJson} from '../../source/monitor/snapshot-json.js';
import {health, judged, metric, noData, NOW, snapshot, step} from '../ui/helpers.js';
import type {MetricSeries} from '../../source/types.js';

const crit = judged('PublishIn.Success', step(1000, 100), {expected: 1000, low: 900, high: 1100}, 'crit');
const calm = judged('Ping.Success', () => 500, {expected: 500, low: 450, high: 550}, 'ok');

/** Every string anywhere in a JSON value. */
const strings = (value: unknown): string[] =>
	typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];

test('--once --json: `state` says what the data is, `severity` the flag; nothing reads "ok" on a CRIT row', () => {
	const json = snapshotToJson(snapshot({status: 'CRIT', metrics: [crit, calm]}));
	const [row, ok] = json.metrics;
	assert.equal(row!.state, 'current');
	assert.equal(row!.severity, 'crit');
	assert.ok(!strings(row).some(text => /^ok$/i.test(text)), JSON.stringify(row));
	assert.equal(ok!.severity, 'ok');
	assert.equal(ok!.state, 'current');
});

test('metricDataState: current, learning, stale, no-data, error (a table)', () => {
	const fresh = {generatedAt: NOW, health: {metrics: health(), trail: health()}};
	const old = {generatedAt: NOW, health: {metrics: health({lastSuccess: NOW - 121_000}), trail: health()}};
	const table: Array<[string, MetricSeries, typeof fresh, string]> = [
		['judged, polled 8 s ago', crit, fresh, 'current'],
		['learning', metric('Ping.Success'), fresh, 'learning'],
		['judged, last poll that worked over two intervals ago', crit, old, 'stale'],
		['learning and stale', metric('Ping.Success'), old, 'stale'],
		['no datapoint', noData('Failure'), fresh, 'no-data'],
		['no datapoint, stale', noData('Failure'), old, 'no-data'],
		['query failed', metric('Failure', () => 0, {state: 'error', judgement: 'error', error: 'denied'}), fresh, 'error'],
	];
	for (const [what, series, context, state] of table) assert.equal(metricDataState(series, context), state, what);
});

test('--once --json: severity is null unless judged, value null without data', () => {
	const json = snapshotToJson(snapshot({status: 'UNKNOWN', metrics: [metric('Ping.Success'), noData('Failure')]}));
	assert.deepEqual(
		json.metrics.map(m => [m.state, m.severity, m.value === null]),
		[
			['learning', null, false],
			['no-data', null, true],
		],
	);
});
