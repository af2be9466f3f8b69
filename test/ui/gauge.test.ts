import {test} from 'node:test';
import assert from 'node:assert/strict';
import {textWidth} from '../../source/text/width.js';
import {gauge, GAUGE_GLYPHS} from '../../source/ui/metrics/gauge.js';

const band = {expected: 150, low: 100, high: 200};

test('gauge: the band is the middle third, the value a marker on the scale', () => {
	const cases: ReadonlyArray<readonly [string, number, string]> = [
		['inside the band', 150, ' ──━●━── '],
		['at the band low edge', 100, ' ──●━━── '],
		['at the band high edge', 200, ' ──━━●── '],
		['below the band, still on the scale', 10, ' ●─━━━── '],
		['above the band, still on the scale', 290, ' ──━━━─● '],
		['far below: clamped with «', -1000, '«──━━━── '],
		['far above: clamped with »', 5000, ' ──━━━──»'],
	];
	for (const [what, value, expected] of cases) assert.equal(gauge(value, band, 9), expected, what);
});

test('gauge: zero-width band, expected 0, odd widths', () => {
	assert.equal(gauge(0, {expected: 0, low: 0, high: 0}, 9), ' ───●─── ', 'nothing expected, nothing seen');
	assert.equal(gauge(5, {expected: 0, low: 0, high: 0}, 9), ' ───━───»', 'nothing expected, some seen');
	assert.equal(gauge(0, {expected: 0, low: 0, high: 4}, 9), ' ──●━━── ', 'expected 0 with a band above it');
	assert.equal(gauge(1000, {expected: 1000, low: 1000, high: 1000}, 9), ' ───●─── ', 'flat history');
	assert.equal(gauge(1300, {expected: 1000, low: 1000, high: 1000}, 9), ' ───━─●─ ', 'the scale is ±50 % of a flat band');
	assert.equal(gauge(1600, {expected: 1000, low: 1000, high: 1000}, 9), ' ───━───»');
	assert.equal(gauge(150, {expected: 150, low: 200, high: 100}, 9), ' ──━●━── ', 'low and high swapped');
});

test('gauge: always exactly the requested width; blank when it cannot say anything', () => {
	for (const width of [3, 5, 7, 9, 12]) {
		for (const value of [-1e9, 0, 150, 1e9]) assert.equal(textWidth(gauge(value, band, width)), width, `${value} at ${width}`);
	}
	assert.equal(gauge(150, band, 2), '  ');
	assert.equal(gauge(Number.NaN, band, 9), ' '.repeat(9));
	assert.ok(gauge(150, band, 3).includes(GAUGE_GLYPHS.marker));
});
