import {test} from 'node:test';
import assert from 'node:assert/strict';
import {errorRetryMs, throttleBackoffMs, THROTTLE_FIRST_BACKOFF_MS} from '../../source/monitor/backoff.js';

test('throttle backoff: doubles from 2 s, never past the poll interval, never under the pacing gap', () => {
	// [throttles in a row, max (poll interval), rate/s, random, expected ms]
	const table: Array<[number, number, number, number, number]> = [
		[1, 10_000, 1, 1, 2_000],
		[1, 10_000, 1, 0, 1_000],
		[2, 10_000, 1, 1, 4_000],
		[3, 10_000, 1, 1, 8_000],
		[4, 10_000, 1, 1, 10_000], // 16 s capped at the interval
		[4, 10_000, 1, 0, 5_000],
		[50, 5_000, 1, 1, 5_000],
		[50, 5_000, 1, 0, 2_500],
		[1, 500, 1, 0, 1_000], // a 0.5 s interval still waits out the 1 request/s pacing
		[3, 60_000, 0.5, 0, 4_000],
		[1, 60_000, 0.2, 0, 5_000], // pacing 5 s is the floor
	];
	for (const [throttles, max, rate, random, expected] of table) {
		assert.equal(throttleBackoffMs(throttles, max, rate, () => random), expected, `${throttles} throttles, max ${max}, ${rate}/s, random ${random}`);
	}
	assert.equal(THROTTLE_FIRST_BACKOFF_MS, 2_000);
});

test('throttle backoff: over a long storm every pause stays within [pacing, max(interval, pacing)]', () => {
	for (const [interval, rate] of [[5_000, 1], [10_000, 1], [1_000, 2], [60_000, 1]] as const) {
		for (let throttles = 1; throttles <= 200; throttles++) {
			for (const random of [0, 0.3, 0.999999]) {
				const ms = throttleBackoffMs(throttles, interval, rate, () => random);
				assert.ok(ms <= Math.max(interval, 1000 / rate), `${ms} ms after ${throttles} throttles, interval ${interval}`);
				assert.ok(ms >= 1000 / rate, `${ms} ms is under the pacing gap`);
			}
		}
	}
});

test('error retry: the steps in turn, the last one repeating, never past the poll interval', () => {
	const steps = [5_000, 10_000, 20_000, 40_000];
	// [failures, interval, expected]
	const table: Array<[number, number, number]> = [
		[1, 60_000, 5_000],
		[2, 60_000, 10_000],
		[4, 60_000, 40_000],
		[9, 60_000, 40_000],
		[1, 5_000, 5_000],
		[2, 5_000, 5_000],
		[9, 5_000, 5_000],
		[3, 10_000, 10_000],
		[1, 2_000, 2_000],
	];
	for (const [failures, interval, expected] of table) assert.equal(errorRetryMs(failures, steps, interval), expected, `${failures} failures, interval ${interval}`);
});
