import {test} from 'node:test';
import assert from 'node:assert/strict';
import {fitCount, formatAge, formatClock, formatClockShort, formatCompact, formatCount} from '../../source/render/format.js';

test('no thin spaces or other non-ASCII in any count', () => {
	for (const value of [0, 7, 2.5, 999, 1000, 18204, 1234567, -18204]) assert.match(formatCount(value), /^-?[0-9]+(\.[0-9])?$/);
});

test('formatCount: ASCII digits without grouping, one decimal below 100', () => {
	const cases: Array<[number, string]> = [
		[0, '0'],
		[999, '999'],
		[1000, '1000'],
		[18204, '18204'],
		[1234567, '1234567'],
		[-18204, '-18204'],
		[2.5, '2.5'],
		[1234.6, '1235'],
		[Number.NaN, '—'],
	];
	for (const [value, expected] of cases) assert.equal(formatCount(value), expected, String(value));
});

test('formatCompact shortens large counts', () => {
	const cases: Array<[number, string]> = [
		[999, '999'],
		[1000, '1k'],
		[18204, '18.2k'],
		[182040, '182k'],
		[1250000, '1.3M'],
		[3e9, '3G'],
	];
	for (const [value, expected] of cases) assert.equal(formatCompact(value), expected, String(value));
});

test('fitCount falls back to the compact form only when the full one is too wide', () => {
	assert.equal(fitCount(18204, 9), '18204');
	assert.equal(fitCount(18204, 4), '18.2k');
	assert.equal(fitCount(123456789, 8), '123M');
});

test('clock times are UTC', () => {
	const t = Date.UTC(2024, 4, 1, 3, 7, 9);
	assert.equal(formatClock(t), '03:07:09');
	assert.equal(formatClockShort(t), '03:07');
});

test('formatAge uses the coarsest unit, in 10 s steps under a minute', () => {
	const now = 1_000_000_000;
	const cases: Array<[number, string]> = [
		[now + 5000, 'now'],
		[now, 'now'],
		[now - 8000, 'now'],
		[now - 10_000, '10s ago'],
		[now - 18_000, '10s ago'],
		[now - 59_999, '50s ago'],
		[now - 3 * 60_000, '3m ago'],
		[now - 5 * 3_600_000, '5h ago'],
		[now - 3 * 86_400_000, '3d ago'],
	];
	for (const [then, expected] of cases) assert.equal(formatAge(then, now), expected);
});
