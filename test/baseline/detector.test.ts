import {test} from 'node:test';
import assert from 'node:assert/strict';
import {SeasonalDetector, type Estimate} from '../../source/baseline/detector.js';
import {SCORE_CRIT, SCORE_WARN} from '../../source/baseline/score.js';
import {poisson, prng} from './synthetic.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Wednesday 2024-01-03 00:00 UTC: weekends fall on days 3-4, 10-11, 17-18. */
const START = Date.UTC(2024, 0, 3);

/** Mean messages per minute: quiet at 04:00 UTC, busy at 16:00, weekends at 60 %. */
function rhythm(t: number, base = 20_000): number {
	const hour = (t % DAY) / HOUR;
	const daily = 0.3 + 0.7 * (0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - 4)) / 24));
	const weekday = new Date(t).getUTCDay();
	return base * daily * (weekday === 0 || weekday === 6 ? 0.6 : 1);
}

/** One-minute Poisson counts following `rhythm` for `days` days from START. */
function series(days: number, seed = 1): number[] {
	const random = prng(seed);
	return Array.from({length: days * 1440}, (_, i) => poisson(random, rhythm(START + i * MINUTE)));
}

function feed(detector: SeasonalDetector, values: readonly number[], from = 0): Estimate[] {
	return values.map((v, i) => detector.update(START + (from + i) * MINUTE, v));
}

function trained(days: number, values = series(days)): SeasonalDetector {
	const detector = new SeasonalDetector({stepMs: MINUTE});
	feed(detector, values.slice(0, days * 1440));
	return detector;
}

const history = series(21);
const after14 = trained(14, history);
const at = (day: number, hour: number): number => START + day * DAY + hour * HOUR;
const indexOf = (t: number): number => (t - START) / MINUTE;

test('learning at first, judging after a few hours', () => {
	const detector = new SeasonalDetector({stepMs: MINUTE});
	const first = feed(detector, history.slice(0, 10));
	assert.ok(first.every(e => e.learning && e.score === 0));
	const later = feed(detector, history.slice(10, 240), 10);
	assert.equal(later.at(-1)!.learning, false);
	assert.equal(detector.count, 240);
	assert.equal(detector.expect(START + 240 * MINUTE).learning, false);
});

test('a drop to 15 % is scored high at once, with z negative', () => {
	const detector = SeasonalDetector.fromJSON(after14.toJSON());
	const t = at(14, 15);
	const normal = rhythm(t);
	const estimates = [0, 1].map(k => detector.update(t + k * MINUTE, Math.round(0.15 * normal)));
	const best = estimates.reduce((a, b) => (b.score > a.score ? b : a));
	assert.ok(best.score >= SCORE_CRIT, `score ${best.score}`);
	assert.ok(best.z < -20, `z ${best.z}`);
	assert.ok(best.high < normal * 1.1 && best.low > normal * 0.85, `band ${best.low}..${best.high} around ${normal}`);
});

test('a spike to x5 is scored high at once, with z positive', () => {
	const detector = SeasonalDetector.fromJSON(after14.toJSON());
	const t = at(14, 11);
	const estimates = [0, 1].map(k => detector.update(t + k * MINUTE, Math.round(5 * rhythm(t))));
	const best = estimates.reduce((a, b) => (b.score > a.score ? b : a));
	assert.ok(best.score >= SCORE_CRIT, `score ${best.score}`);
	assert.ok(best.z > 20, `z ${best.z}`);
});

test('a whole quiet weekday after 14 days of history raises no warning', () => {
	const detector = SeasonalDetector.fromJSON(after14.toJSON());
	const day = feed(detector, history.slice(14 * 1440, 15 * 1440), 14 * 1440);
	const worst = Math.max(...day.map(e => e.score));
	assert.ok(worst < SCORE_WARN, `worst score ${worst}`);
	assert.ok(day.every(e => !e.learning));
});

test('a weekend day is not flagged for being quieter', () => {
	const detector = SeasonalDetector.fromJSON(after14.toJSON());
	feed(detector, history.slice(14 * 1440, 17 * 1440), 14 * 1440);
	// Saturday noon is expected well below Wednesday noon: the weekly terms are really in use.
	assert.ok(detector.expect(at(17, 12)).expected < 0.75 * rhythm(at(14, 12)));
	const saturday = feed(detector, history.slice(17 * 1440, 18 * 1440), 17 * 1440);
	const worst = Math.max(...saturday.map(e => e.score));
	assert.ok(worst < SCORE_WARN, `worst score ${worst}`);
});

test('an incident in the history neither shifts nor widens the band', () => {
	const incident = [...history];
	const from = indexOf(at(11, 10));
	for (let i = from; i < from + 120; i++) incident[i] = Math.round(0.15 * incident[i]!);
	const clean = trained(14, history);
	const hurt = trained(14, incident);
	const compare = (t: number): void => {
		const a = clean.expect(t);
		const b = hurt.expect(t);
		const half = (a.high - a.low) / 2;
		assert.ok(Math.abs(a.expected - b.expected) < 0.25 * half, `expected ${a.expected} vs ${b.expected} (half band ${half}) at ${new Date(t).toISOString()}`);
		assert.ok(Math.abs(b.high - b.low) < 1.15 * (a.high - a.low), `band ${b.high - b.low} vs ${a.high - a.low}`);
	};
	for (let t = at(14, 0); t < at(15, 0); t += 10 * MINUTE) compare(t);
	// The incident's own hours, on its own weekday, one week later.
	feed(clean, history.slice(14 * 1440, 18 * 1440), 14 * 1440);
	feed(hurt, history.slice(14 * 1440, 18 * 1440), 14 * 1440);
	for (let t = at(18, 10); t < at(18, 12); t += 10 * MINUTE) compare(t);
});

test('a sparse count going 0 -> 3 is not critical, 0 -> 300 is', () => {
	const random = prng(7);
	const detector = new SeasonalDetector({stepMs: MINUTE});
	feed(detector, Array.from({length: 3 * 1440}, () => poisson(random, 0.3)));
	const t = START + 3 * DAY;
	const band = detector.expect(t);
	assert.ok(band.low >= 0 && band.high >= 1, `band ${band.low}..${band.high}`);
	const three = SeasonalDetector.fromJSON(detector.toJSON()).update(t, 3);
	assert.ok(three.score < SCORE_CRIT, `score ${three.score}`);
	const many = SeasonalDetector.fromJSON(detector.toJSON()).update(t, 300);
	assert.ok(many.score >= SCORE_CRIT && many.z > 0, `score ${many.score}`);
});

test('toJSON / fromJSON round trip gives identical estimates and stays compact', () => {
	const original = trained(9, history);
	const text = JSON.stringify(original.toJSON());
	assert.ok(text.length < 100_000, `${text.length} bytes`);
	const copy = SeasonalDetector.fromJSON(JSON.parse(text));
	assert.equal(copy.count, original.count);
	const next = history.slice(9 * 1440, 10 * 1440);
	assert.deepEqual(feed(copy, next, 9 * 1440), feed(original, next, 9 * 1440));
});

test('timestamps that repeat or step back do not throw', () => {
	const detector = trained(2, history);
	const t = START + 2 * DAY;
	for (const [k, v] of [[0, 100], [1, 110], [-2, 90], [0, 95], [-60, 80], [1, Number.NaN]] as const) {
		const e = detector.update(t + k * MINUTE, v);
		assert.ok(Number.isFinite(e.expected) && Number.isFinite(e.score));
	}
	assert.ok(Number.isFinite(detector.expect(t - DAY).expected));
});
