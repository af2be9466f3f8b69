import {test} from 'node:test';
import assert from 'node:assert/strict';
import {OnsetFilter, OnsetScorer, type OnsetState} from '../../source/baseline/onset.js';
import {anomalyScore, SCORE_WARN} from '../../source/baseline/score.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const point = (z: number) => ({z, score: anomalyScore(z), learning: false});

test('an incident is reported at its onset only, then held quiet', () => {
	const filter = new OnsetFilter();
	assert.equal(filter.push(0, point(1)), anomalyScore(1));
	const onset = filter.push(MINUTE, point(-30));
	assert.ok(onset >= SCORE_WARN);
	for (let k = 2; k < 120; k++) assert.equal(filter.push(k * MINUTE, point(-30)), 0);
});

test('a second, smaller burst within hours is not a new onset; a much larger one after the quiet period is', () => {
	const filter = new OnsetFilter({quietMs: 2 * HOUR});
	assert.ok(filter.push(0, point(20)) >= SCORE_WARN);
	assert.equal(filter.push(3 * HOUR, point(15)), 0);
	assert.ok(filter.push(4 * HOUR, point(80)) >= SCORE_WARN);
});

test('learning estimates never report', () => {
	assert.equal(new OnsetFilter().push(0, {z: 50, score: 0, learning: true}), 0);
});

test('the filter state survives JSON', () => {
	const filter = new OnsetFilter();
	filter.push(0, point(2));
	filter.push(MINUTE, point(-25));
	const copy = new OnsetFilter({}, JSON.parse(JSON.stringify(filter.toJSON())) as OnsetState);
	for (const [k, z] of [[2, -30], [600, 3], [1500, 40], [1501, -60]] as const) {
		assert.equal(copy.push(k * MINUTE, point(z)), filter.push(k * MINUTE, point(z)));
	}
});

test('OnsetScorer runs the detector and the filter together', () => {
	const scorer = new OnsetScorer({stepMs: 5 * MINUTE});
	const out = Array.from({length: 2000}, (_, i) => scorer.update(i * 5 * MINUTE, i === 1500 ? 500 : 100 + (i % 7)));
	assert.equal(scorer.detector.count, 2000);
	const reported = out.flatMap((p, i) => (p.onset >= SCORE_WARN ? [i] : []));
	assert.deepEqual(reported, [1500]);
});
