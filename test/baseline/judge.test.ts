import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Judge, NO_FLAG, nextFlag, type FlagLife} from '../../source/baseline/judge.js';
import {DEFAULT_RULES} from '../../source/baseline/severity.js';
import type {BadDirection} from '../../source/iot/catalog.js';
import {poisson, prng} from './synthetic.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 3, 14, 0);

type B = {value: number; expected: number; z: number};
const drop: B = {value: 150, expected: 1000, z: -20};
const mild: B = {value: 700, expected: 1000, z: -6};
const hover: B = {value: 650, expected: 1000, z: -4}; // below WARN, above the hold level
const calm: B = {value: 1010, expected: 1000, z: 0.3};

function life(buckets: B[], bad: BadDirection = 'down', rules = DEFAULT_RULES): FlagLife[] {
	let flag: FlagLife = NO_FLAG;
	return buckets.map((b, i) => (flag = nextFlag(flag, {...b, t: T0 + i * MINUTE, pointZ: b.z, counts: false}, bad, rules, MINUTE)));
}

const phases = (lives: FlagLife[]) => lives.map(l => (l.phase === 'recovering' ? `recovering ${l.calm}/3` : l.phase));

test('flag life: rising, holding, recovering k/N, cleared after exactly N calm settled minutes', () => {
	const lives = life([calm, drop, drop, calm, calm, calm, calm]);
	assert.deepEqual(phases(lives), ['ok', 'rising', 'holding', 'recovering 1/3', 'recovering 2/3', 'cleared', 'ok']);
	assert.deepEqual(lives.map(l => l.severity), ['ok', 'crit', 'crit', 'crit', 'crit', 'ok', 'ok']);
});

test('flag life: the onset is fixed when the flag rises and never moves while held; the peak is kept', () => {
	const lives = life([calm, mild, hover, drop, hover, mild, calm, hover, calm, calm, calm]);
	const held = lives.filter(l => l.severity !== 'ok');
	assert.ok(held.length >= 8);
	for (const l of held) assert.equal(l.since, T0 + MINUTE);
	assert.equal(held.at(-1)!.peak!.t, T0 + 3 * MINUTE);
	assert.equal(held.at(-1)!.severity, 'crit');
	// A bucket beyond the hold level resets the calm count: still one flag, still the same onset.
	assert.equal(lives[7]!.calm, 0);
	assert.equal(lives.at(-1)!.phase, 'cleared');
	assert.equal(lives.at(-1)!.since, T0 + MINUTE);
});

test('flag life: a flag held past newNormalMs becomes the new normal; an outage never does', () => {
	const rules = {...DEFAULT_RULES, newNormalMs: 10 * MINUTE, reopenMs: 0};
	const shifted: B = {value: 600, expected: 1000, z: -8};
	const lives = life(Array.from({length: 15}, () => shifted), 'down', rules);
	assert.equal(lives.filter(l => l.phase === 'new-normal').length > 0, true);
	const accepted = lives.findIndex(l => l.phase === 'new-normal');
	assert.equal(accepted, 9);
	assert.equal(lives[accepted]!.newNormalSince, T0);
	const outage: B = {value: 10, expected: 1000, z: -30};
	const down = life(Array.from({length: 30}, () => outage), 'down', rules);
	assert.ok(down.every(l => l.severity === 'crit'), 'a success metric near zero stays flagged');
});

test('flag life: flapping within reopenMs is one flag with its first onset, not a storm', () => {
	const lives = life([drop, calm, calm, calm, calm, drop, drop]);
	assert.equal(lives[3]!.phase, 'cleared');
	assert.equal(lives[5]!.severity, 'crit');
	assert.equal(lives[5]!.since, T0);
});

/** A quiet count series with a daily rhythm, then `change` from `at` on. */
function series(days: number, at: number, change: (v: number) => number, seed = 7): Array<[number, number]> {
	const random = prng(seed);
	const out: Array<[number, number]> = [];
	for (let i = 0; i < days * 1440; i++) {
		const t = T0 + i * MINUTE;
		const mean = 2000 * (0.7 + 0.3 * Math.sin((2 * Math.PI * (i % 1440)) / 1440));
		const v = poisson(random, mean);
		out.push([t, i >= at ? change(v) : v]);
	}
	return out;
}

test('Judge: a sustained level shift raises one flag, then becomes the new normal', () => {
	const judge = new Judge({stepMs: MINUTE, bad: 'both'});
	const at = 4 * 1440 + 600;
	let rises = 0;
	let newNormal = false;
	for (const [t, v, i] of series(6, at, v => Math.round(v * 1.6)).map(([t, v], i) => [t, v, i] as const)) {
		const verdict = judge.update(t, v);
		if (verdict.rose && i >= at - 60) rises++;
		if (verdict.flag.phase === 'new-normal') newNormal = true;
	}
	assert.equal(rises, 1);
	assert.ok(newNormal);
	assert.equal(judge.flag.severity, 'ok');
});

test('Judge: a shift to a noisier level is one flag, not a storm while the noise scale catches up', () => {
	const judge = new Judge({stepMs: MINUTE, bad: 'both'});
	const at = 4 * 1440 + 600;
	const noise = prng(11);
	// From `at` on: 1.6 times the level, and about four times the usual (Poisson) spread.
	const noisier = (v: number) => Math.max(0, Math.round(v * 1.6 + 200 * Math.sqrt(-2 * Math.log(1 - noise())) * Math.cos(2 * Math.PI * noise())));
	let rises = 0;
	let settled = false;
	for (const [t, v, i] of series(6, at, noisier).map(([t, v], i) => [t, v, i] as const)) {
		const verdict = judge.update(t, v);
		if (verdict.rose && i >= at - 60) rises++;
		if (verdict.flag.phase === 'new-normal' && verdict.flag.settle > 1) settled = true;
	}
	assert.equal(rises, 1);
	assert.ok(settled, 'the new normal is judged against its own spread');
});

test('Judge: a clean shift does not dull the new normal: a spike an hour after it is flagged', () => {
	// Five-minute steps: while the flag is held the baseline catches up, so z drifts; that drift is not noise.
	const STEP = 5 * MINUTE;
	const random = prng(5);
	const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
	const judge = new Judge({stepMs: STEP, bad: 'both'});
	const at = 7 * 288;
	const spike = at + 4 * 12; // an hour after the shift became the new normal (3 h)
	let settle = 0;
	let flagged = 0;
	for (let i = 0; i < at + 8 * 12; i++) {
		const verdict = judge.update(T0 + i * STEP, (i >= at ? 80 : 20) + 3 * gauss() + (i >= spike && i < spike + 3 ? 24 : 0));
		settle = Math.max(settle, verdict.flag.settle);
		if (verdict.rose && i >= spike && i < spike + 3) flagged++;
	}
	assert.ok(settle < 1.3, `no settling for noise as wide as before: ${settle}`);
	assert.equal(flagged, 1);
});

test('Judge: at hourly steps a shift is one flag too: the new normal accepts the level of the last hours, not a lagging mean', () => {
	const HOUR = 60 * MINUTE;
	for (let seed = 1; seed <= 10; seed++) {
		const random = prng(seed);
		const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
		const judge = new Judge({stepMs: HOUR, bad: 'both'});
		const at = 7 * 24 + 5;
		let rises = 0;
		for (let i = 0; i < at + 10 * 24; i++) {
			const verdict = judge.update(T0 + i * HOUR, (i >= at ? 80 : 20) + 3 * gauss());
			if (verdict.rose && i >= at) rises++;
		}
		assert.equal(rises, 1, `seed ${seed}`);
	}
});

test('Judge: a publish outage stays flagged until it recovers, then clears', () => {
	const judge = new Judge({stepMs: MINUTE, bad: 'down'});
	const at = 4 * 1440 + 600;
	const end = at + 240;
	let rises = 0;
	const lives: FlagLife[] = [];
	for (const [t, v, i] of series(5, at, v => v).map(([t, v], i) => [t, i >= at && i < end ? Math.round(v * 0.05) : v, i] as const)) {
		const verdict = judge.update(t, v);
		if (verdict.rose && i >= at - 60) rises++;
		lives.push(verdict.flag);
	}
	assert.equal(rises, 1);
	assert.ok(lives.slice(at + 2, end).every(l => l.severity === 'crit' && l.since === lives[at + 2]!.since));
	assert.ok(lives.slice(end).some(l => l.phase === 'cleared'));
});

test('Judge: state survives JSON (the disk cache) with the flag and its onset', () => {
	const judge = new Judge({stepMs: MINUTE, bad: 'down'});
	const data = series(3, 3 * 1440 - 30, v => Math.round(v * 0.1));
	for (const [t, v] of data.slice(0, -10)) judge.update(t, v);
	const copy = new Judge({stepMs: MINUTE, bad: 'down'}, JSON.parse(JSON.stringify(judge.toJSON())));
	for (const [t, v] of data.slice(-10)) assert.deepEqual(copy.update(t, v), judge.update(t, v));
});
