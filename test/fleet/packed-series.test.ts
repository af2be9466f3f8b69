import assert from 'node:assert/strict';
import {test} from 'node:test';
import {packSeries, unpackSeries} from '../../source/monitor/fleet/packed-series.js';
import type {BandPoint, MetricPoint, MetricSeries} from '../../source/types.js';

const series = (points: MetricPoint[], band: BandPoint[]): MetricSeries => ({
	name: 'PublishIn.Success',
	state: 'ok',
	period: 60,
	stat: 'Sum',
	points,
	latest: points.at(-1) ?? null,
	dimensionSets: 1,
	error: null,
	judgement: 'judged',
	baseline: {expected: 10, low: 8, high: 12},
	deviation: null,
	band,
});

const T = Date.UTC(2026, 11, 3, 14, 0);
const bandOf = (_name: string, points: readonly MetricPoint[]): BandPoint[] => points.map(p => ({t: p.t, low: p.v - 1.25, high: p.v + 2.5}));

test('a packed series comes back with the same points, and the band its engine gives for them', () => {
	const points = Array.from({length: 90}, (_, i) => ({t: T + i * 60_000, v: i % 7 === 0 ? 0 : 1000 + i * 0.1}));
	const packed = packSeries(series(points, bandOf('', points)));
	assert.equal(packed.light.points.length, 0);
	assert.equal(packed.light.band.length, 0);
	assert.equal(packed.data?.length, 90, 'evenly spaced: the values only');
	const back = unpackSeries(packed, bandOf);
	assert.deepEqual(back.points, points);
	assert.deepEqual(back.band, bandOf('', points));
	assert.deepEqual(back.latest, points.at(-1));
});

test('unevenly spaced points keep their times', () => {
	const points = [0, 1, 3, 4, 9].map(i => ({t: T + i * 60_000, v: i}));
	const packed = packSeries(series(points, []));
	assert.equal(packed.data?.length, 10);
	assert.deepEqual(unpackSeries(packed, () => []).points, points);
});

test('a series without points stays as it is', () => {
	const empty = series([], []);
	assert.equal(unpackSeries(packSeries(empty), bandOf), empty);
	const one = [{t: T, v: 5}];
	assert.deepEqual(unpackSeries(packSeries(series(one, [])), bandOf).points, one);
});
