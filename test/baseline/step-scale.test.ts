import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Judge} from '../../source/baseline/judge.js';
import {DEFAULT_PARAMS, type DetectorParams} from '../../source/baseline/params.js';
import {DEFAULT_RULES} from '../../source/baseline/severity.js';
import {stepFactor, stepRules, stepTimes} from '../../source/baseline/step-scale.js';
import {prng} from './synthetic.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2026, 10, 2);
/** Step scaling on, with every time constant it can scale (off by default: DEFAULT_PARAMS). */
const SCALED: Partial<DetectorParams> = {stepReferenceMs: 15 * MINUTE, stepScaled: 'all'};

/** A daily rhythm (100 +/- 40) with noise 2, and `shift` added for `hours` from `at` (a step index). */
function rhythm(seed: number, stepMs: number, days: number, at: number, hours: number, shift: number): Array<[number, number]> {
	const random = prng(seed);
	const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
	const perDay = 86_400_000 / stepMs;
	const end = at + (hours * HOUR) / stepMs;
	return Array.from({length: days * perDay}, (_, i) => [T0 + i * stepMs, 100 + 40 * Math.sin((2 * Math.PI * (i % perDay)) / perDay) + 2 * gauss() + (i >= at && i < end ? shift : 0)]);
}

test('step scaling: a constant keeps its points only on data coarser than the reference step', () => {
	assert.equal(stepFactor(MINUTE, 15 * MINUTE), 1);
	assert.equal(stepFactor(15 * MINUTE, 15 * MINUTE), 1);
	assert.equal(stepFactor(HOUR, 15 * MINUTE), 4);
	assert.equal(stepFactor(HOUR, 0), 1, 'R 0 is off');
	const params = {...DEFAULT_PARAMS, ...SCALED};
	const times = stepTimes(params, HOUR, HOUR);
	assert.deepEqual(times, {levelHalfLifeMs: 4 * DEFAULT_PARAMS.levelHalfLifeMs, flatHalfLifeMs: 4 * DEFAULT_PARAMS.flatHalfLifeMs, learnMs: 4 * DEFAULT_PARAMS.learnMs, recentHalfLifeMs: 4 * HOUR});
	assert.equal(stepTimes({...params, stepScaled: 'seasonal'}, HOUR, HOUR).flatHalfLifeMs, DEFAULT_PARAMS.flatHalfLifeMs);
	assert.equal(stepRules(DEFAULT_RULES, params, HOUR).newNormalMs, 4 * DEFAULT_RULES.newNormalMs);
	assert.equal(stepRules(DEFAULT_RULES, params, 5 * MINUTE), DEFAULT_RULES, 'the same rules object at fine steps');
	assert.equal(stepRules(DEFAULT_RULES, {...params, stepScaled: 'levels'}, HOUR), DEFAULT_RULES);
});

test('step scaling: at hourly steps a 4-hour shift on a daily rhythm is one flag (3 points are not yet a new normal whose end pages again)', () => {
	// Unscaled, the flag becomes the new normal after 3 hourly points and the shift's end raises a second flag.
	const days = 15;
	const at = 12 * 24 + 10;
	for (const shift of [-30, 30]) {
		for (let seed = 1; seed <= 10; seed++) {
			const judge = new Judge({stepMs: HOUR, bad: 'both', params: SCALED});
			let rises = 0;
			let flagged = false;
			rhythm(seed, HOUR, days, at, 4, shift).forEach(([t, v], i) => {
				const verdict = judge.update(t, v);
				if (verdict.rose && i >= at) rises++;
				if (verdict.rose && i >= at && i < at + 4) flagged = true;
			});
			assert.ok(flagged, `shift ${shift}, seed ${seed}: flagged while it lasts`);
			assert.equal(rises, 1, `shift ${shift}, seed ${seed}`);
		}
	}
});

test('step scaling: at 5-minute and 1-minute steps every verdict is exactly what the unscaled judge gives', () => {
	for (const [stepMs, days] of [
		[5 * MINUTE, 6],
		[MINUTE, 3],
	] as const) {
		const perHour = HOUR / stepMs;
		const series = rhythm(7, stepMs, days, (days - 1) * 24 * perHour + 10 * perHour, 4, -30);
		const plain = new Judge({stepMs, bad: 'both'});
		const scaled = new Judge({stepMs, bad: 'both', params: SCALED});
		let rises = 0;
		for (const [t, v] of series) {
			const a = plain.update(t, v);
			const b = scaled.update(t, v);
			assert.deepEqual(b, a, `step ${stepMs / MINUTE} min at ${new Date(t).toISOString()}`);
			if (a.rose) rises++;
		}
		assert.ok(rises >= 1, `step ${stepMs / MINUTE} min: the planted shift is flagged`);
	}
});
