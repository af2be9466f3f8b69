import {test} from 'node:test';
import assert from 'node:assert/strict';
import {AREA_MUTE_MS, areaZ, createArea, muteArea, recordArea} from '../../source/baseline/area.js';
import {Judge} from '../../source/baseline/judge.js';
import type {DetectorParams} from '../../source/baseline/params.js';
import {prng} from './synthetic.js';

const STEP = 5 * 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 2);

/** An area fed `days` days of 5-minute points: 10 (noise sd 1) with a rush of +20 from 07:00 to rushEnd(day). */
function fed(days: number, rushEnd: (day: number) => number, from = 0): {area: ReturnType<typeof createArea>; z: (t: number) => number} {
	const random = prng(3);
	const area = createArea();
	const z = (t: number): number => areaZ(area, t, 3, 1);
	for (let t = T0 + from * DAY; t < T0 + days * DAY; t += STEP) {
		const day = Math.floor((t - T0) / DAY);
		const hour = (t - T0 - day * DAY) / HOUR;
		const rush = hour >= 7 && hour < rushEnd(day) ? 20 : 0;
		const gauss = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
		z(t); // judged every point, as the detector does
		recordArea(area, t, 10 + rush + gauss);
	}
	return {area, z};
}

test('a daily 3-hour rush is routine by area; the same rush lasting 9 hours is news', () => {
	const normal = fed(8, () => 10);
	assert.equal(normal.z(T0 + 7 * DAY + 11 * HOUR), 0, 'the rush itself, seen every day');
	assert.ok(Math.abs(normal.z(T0 + 7 * DAY + 14 * HOUR)) < 2, 'after the rush, as usual');
	const long = fed(8, day => (day === 7 ? 16 : 10));
	assert.ok(long.z(T0 + 7 * DAY + 14 * HOUR) > 10, `the rush still going at 14:00: ${long.z(T0 + 7 * DAY + 14 * HOUR)}`);
	const missing = fed(8, day => (day === 7 ? 7 : 10));
	assert.ok(missing.z(T0 + 7 * DAY + 10 * HOUR) < -10, `no rush today: ${missing.z(T0 + 7 * DAY + 10 * HOUR)}`);
});

test('an amount seen on two previous days at this time is routine; on one day it is not', () => {
	// Two earlier days with the long rush: today's long rush is routine.
	const twice = fed(8, day => (day === 3 || day === 5 || day === 7 ? 16 : 10));
	assert.equal(twice.z(T0 + 7 * DAY + 14 * HOUR), 0);
	const once = fed(8, day => (day === 5 || day === 7 ? 16 : 10));
	assert.ok(once.z(T0 + 7 * DAY + 14 * HOUR) > 5, `seen once before: ${once.z(T0 + 7 * DAY + 14 * HOUR)}`);
});

test('the area needs three previous days, and is quiet for two days after a new normal', () => {
	const young = fed(3, day => (day === 2 ? 16 : 10));
	assert.equal(young.z(T0 + 2 * DAY + 14 * HOUR), 0, 'two previous days only');
	const long = fed(8, day => (day === 7 ? 16 : 10));
	const at = T0 + 7 * DAY + 14 * HOUR;
	assert.ok(long.z(at) > 10);
	muteArea(long.area);
	assert.equal(long.z(at), 0, 'muted');
	assert.equal(AREA_MUTE_MS, 2 * DAY);
});

/**
 * Rises of a judge between 14:00 and 15:00 of the 14th day: noise 100 (sd 5) at 5-minute steps, a 15-minute
 * burst of +60 at 14:00 every day (a daily job: the hourly recurrence discount hides it), and on that day the
 * three hours before it lifted by `lift` (ramped in over 30 minutes).
 */
function risesAtBurst(lift: number, params?: Partial<DetectorParams>): number {
	const random = prng(11);
	const judge = new Judge({stepMs: STEP, bad: 'both', ...(params ? {params} : {})});
	const last = T0 + 13 * DAY;
	let rises = 0;
	for (let t = T0; t < last + DAY; t += STEP) {
		const hour = ((t - T0) % DAY) / HOUR;
		const gauss = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
		const burst = hour >= 14 && hour < 14.25 ? 60 : 0;
		const lifted = t >= last && hour >= 11 && hour < 14 ? lift * Math.min(1, (hour - 11) * 2) : 0;
		const verdict = judge.update(t, 100 + 5 * gauss + burst + lifted);
		if (verdict.rose && t >= last + 14 * HOUR && t < last + 15 * HOUR) rises++;
	}
	return rises;
}

test('a burst that recurs at its hour is routine, but not at the end of an afternoon unusual as a whole', () => {
	assert.equal(risesAtBurst(0), 0, 'an ordinary afternoon: the daily burst is routine');
	assert.equal(risesAtBurst(6, {areaHours: 0}), 0, 'without the area channel the busy afternoon changes nothing');
	assert.equal(risesAtBurst(6), 1, 'three busier hours before it (+6, about 1.2 sd, no flag of their own): the burst pages');
});
