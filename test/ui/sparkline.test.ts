import {test} from 'node:test';
import assert from 'node:assert/strict';
import {textWidth} from '../../source/text/width.js';
import {bandedSparkline, bandToSlots, BELOW_GLYPH, GAP_GLYPH, pointsToSlots, resample, SPARK_GLYPHS, sparkline} from '../../source/ui/metrics/sparkline.js';

test('scales to the window min..max', () => {
	assert.equal(sparkline([0, 1, 2, 3, 4, 5, 6, 7], 8), '▁▂▃▄▅▆▇█');
	assert.equal(sparkline([1000, 1007], 2), '▁█', 'min is the lowest glyph, not zero');
});

test('always exactly the requested width', () => {
	for (const width of [1, 7, 40, 90, 150]) {
		for (const length of [0, 1, 5, 90, 500]) {
			const line = sparkline(Array.from({length}, (_, i) => i % 7), width);
			assert.equal(textWidth(line), width, `${length} values at width ${width}`);
		}
	}
	assert.equal(sparkline([1, 2], 0), '');
});

test('shrinking averages, stretching repeats', () => {
	assert.deepEqual(resample([1, 3, 5, 7], 2), [2, 6]);
	assert.deepEqual(resample([1, 2], 4), [1, 1, 2, 2]);
});

test('missing points draw the gap glyph', () => {
	const line = sparkline([null, null, 1, 2], 4);
	assert.equal(line, `${GAP_GLYPH}${GAP_GLYPH}▁█`);
	assert.equal(sparkline([null, null], 3), GAP_GLYPH.repeat(3));
	assert.equal(sparkline([], 3), GAP_GLYPH.repeat(3));
});

test('a flat series: all zero is the lowest glyph, steady non-zero a middle one', () => {
	assert.equal(sparkline([0, 0, 0], 3), '▁▁▁');
	const steady = sparkline([50, 50, 50], 3);
	assert.equal(new Set(steady).size, 1);
	assert.notEqual(steady[0], SPARK_GLYPHS[0]);
});

test('pointsToSlots puts points on a fixed time grid ending at the newest bucket', () => {
	const points = [
		{t: 120_000, v: 5},
		{t: 240_000, v: 7},
	];
	assert.deepEqual(pointsToSlots(points, 60_000, 240_000, 4), [null, 5, null, 7]);
	assert.deepEqual(pointsToSlots(points, 60_000, 240_000, 1), [7]);
});

test('bandedSparkline: runs by side of the band, below-band slots drawn as _', () => {
	const values = [10, 10, 10, 2, 30];
	const band = {low: [8, 8, 8, 8, 8], high: [12, 12, 12, 12, 12]};
	assert.deepEqual(bandedSparkline(values, band, 5), [
		{text: '▃▃▃', side: 'in'},
		{text: BELOW_GLYPH, side: 'below'},
		{text: '█', side: 'above'},
	]);
	const partial = {low: [null, null, 8, 8, 8], high: [null, null, 12, 12, 12]};
	assert.deepEqual(
		bandedSparkline(values, partial, 5).map(run => run.side),
		[null, 'in', 'below', 'above'],
		'no band yet (learning): no side',
	);
	const runs = bandedSparkline(Array.from({length: 90}, (_, i) => i), {low: [], high: []}, 23);
	assert.equal(runs.map(run => run.text).join('').length, 23);
});

test('bandToSlots puts band points on the same grid as the values', () => {
	const band = [{t: 0, low: 1, high: 2}, {t: 120_000, low: 3, high: 4}];
	assert.deepEqual(bandToSlots(band, 60_000, 120_000, 4), {low: [null, 1, null, 3], high: [null, 2, null, 4]});
});
