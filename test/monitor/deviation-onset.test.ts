import {test} from 'node:test';
import assert from 'node:assert/strict';
import {deviationOnset} from '../../source/monitor/deviation-onset.js';
import {judged, metric, step} from '../ui/helpers.js';

const BASE = {expected: 1000, low: 900, high: 1100};

test('the onset is the first bucket of the run outside the band, on the flagged side', () => {
	const series = judged('PublishIn.Success', step(1000, 100, 4), BASE, 'crit');
	const points = series.points;
	assert.equal(deviationOnset(series), points.at(-4)?.t);
});

test('a dip on the other side, or inside the band, ends the run', () => {
	const values = (i: number) => (i === 85 ? 2000 : i >= 87 ? 100 : 1000);
	const series = judged('PublishIn.Success', values, BASE, 'crit');
	assert.equal(deviationOnset(series), series.points.at(-3)?.t);
});

test('no onset for a metric that is not flagged, or not judged', () => {
	assert.equal(deviationOnset(judged('A', () => 1000, BASE, 'ok')), null);
	assert.equal(deviationOnset(metric('B')), null);
});
