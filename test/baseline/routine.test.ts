import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Judge, NO_FLAG, nextFlag, type FlagLife} from '../../source/baseline/judge.js';
import {DEFAULT_RULES} from '../../source/baseline/severity.js';
import type {DetectorParams} from '../../source/baseline/params.js';
import {prng} from './synthetic.js';

const STEP = 5 * 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 2);

type Burst = {readonly at: number; readonly size: number};

/** Rises of a judge over `days` of noise around 100 (sd 5) with 15-minute bursts; the rises at or after `from`. */
function rises(bursts: readonly Burst[], days: number, from: number, params?: Partial<DetectorParams>): number[] {
	const random = prng(7);
	const judge = new Judge({stepMs: STEP, bad: 'both', ...(params ? {params} : {})});
	const out: number[] = [];
	for (let t = T0; t < T0 + days * DAY; t += STEP) {
		const gauss = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
		const burst = bursts.find(b => t >= b.at && t < b.at + 15 * 60_000);
		if (judge.update(t, 100 + 5 * gauss + (burst?.size ?? 0)).rose && t >= from) out.push(t);
	}
	return out;
}

// Bursts on most days at hours that drift (an hour later each day): after two days each one recurs at its
// hour (so none pages), but no hour has them on most days (not a daily job): the series bursts routinely.
const drifting = Array.from({length: 8}, (_, d): Burst => ({at: T0 + (3 + d) * DAY + (2 + d) * HOUR, size: 60}));

test('a burst of the size the series shows on most days, at a new hour, is routine: no flag', () => {
	const probe = {at: T0 + 11 * DAY + 16 * HOUR, size: 60};
	const window = (t: number) => t >= probe.at && t < probe.at + HOUR;
	assert.equal(rises([...drifting, probe], 12, T0 + 11 * DAY, {routineDays: 0}).filter(window).length, 1, 'without the rule it pages');
	assert.equal(rises([...drifting, probe], 12, T0 + 11 * DAY).filter(window).length, 0);
});

test('a burst well beyond the routine ones still raises a flag at once', () => {
	const probe = {at: T0 + 11 * DAY + 16 * HOUR, size: 180};
	assert.deepEqual(rises([...drifting, probe], 12, T0 + 11 * DAY), [probe.at]);
});

test('bursts that paged are never evidence of routine: an incident every day at a different hour pages every day', () => {
	// One a day, 5 hours later each day (as bench/fleet-replay.ts plants them): each raises its flag.
	const daily = Array.from({length: 8}, (_, d): Burst => ({at: T0 + (3 + d) * DAY + ((3 + 5 * d) % 24) * HOUR, size: 60}));
	const found = daily.filter(b => rises(daily, 12, T0).some(t => t >= b.at && t < b.at + HOUR));
	assert.equal(found.length, daily.length);
});

test('the routine discount only stops a new flag: a held or reopened flag is judged on the full deviation', () => {
	const at = (i: number) => T0 + i * 60_000;
	const bucket = (i: number, z: number, rise: number) => ({t: at(i), value: 100 + 10 * z, expected: 100, z, rise, pointZ: z, counts: false});
	const run = (zs: ReadonlyArray<readonly [number, number]>): FlagLife[] => {
		let flag: FlagLife = NO_FLAG;
		return zs.map(([z, rise], i) => (flag = nextFlag(flag, bucket(i, z, rise), 'both', DEFAULT_RULES, 60_000)));
	};
	// A routine-sized burst (rise 0) raises nothing...
	assert.deepEqual(run([[6, 0], [6, 0]]).map(l => l.phase), ['ok', 'ok']);
	// ...but once a flag is up it is held on z, and within reopenMs of clearing it reopens with its onset.
	const lives = run([[6, 6], [6, 0], [0, 0], [0, 0], [0, 0], [6, 0]]);
	assert.deepEqual(lives.map(l => l.phase), ['rising', 'holding', 'recovering', 'recovering', 'cleared', 'rising']);
	assert.equal(lives.at(-1)!.since, at(0));
});
