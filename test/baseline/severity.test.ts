import {test} from 'node:test';
import assert from 'node:assert/strict';
import {bucketSeverity, DEFAULT_RULES, percentChange, shownPercent, type Observation} from '../../source/baseline/severity.js';
import type {BadDirection} from '../../source/iot/catalog.js';

const drop: Observation = {value: 150, expected: 1000, z: -20};
const spike: Observation = {value: 5000, expected: 1000, z: 30};
const mildDrop: Observation = {value: 700, expected: 1000, z: -6};
const tinyButSignificant: Observation = {value: 19_400, expected: 20_000, z: -6};
const normal: Observation = {value: 1010, expected: 1000, z: 0.3};

test('percentChange', () => {
	assert.equal(percentChange(150, 1000), -85);
	assert.equal(percentChange(3, 0), null);
});

const directionCases: Array<[string, Observation, BadDirection, string]> = [
	['a drop in a metric where down is bad is CRIT', drop, 'down', 'crit'],
	['a drop in a metric where only up is bad is ok', drop, 'up', 'ok'],
	['a spike in an error metric (up is bad) is CRIT', spike, 'up', 'crit'],
	['a spike where only down is bad is ok', spike, 'down', 'ok'],
	['a connect storm (both) is CRIT', spike, 'both', 'crit'],
	['a drop where both are bad is CRIT', drop, 'both', 'crit'],
	['a 30 % drop at z 6 is WARN', mildDrop, 'down', 'warn'],
	['a 3 % dip is never a flag, however significant', tinyButSignificant, 'down', 'ok'],
	['noise is ok', normal, 'both', 'ok'],
	['errors from nothing to many is CRIT', {value: 300, expected: 0, z: 40}, 'up', 'crit'],
	['nothing expected and nothing seen is ok', {value: 0, expected: 0, z: 0}, 'up', 'ok'],
];
for (const [name, observation, bad, expected] of directionCases) {
	test(`bucketSeverity: ${name}`, () => assert.equal(bucketSeverity(observation, bad, DEFAULT_RULES), expected));
}

test('counts: 0 -> 3 errors against 0.2 expected is not a flag, 0 -> 40 is CRIT', () => {
	// The detector's Anscombe z can be large on a quiet series; the Poisson tail decides for small counts.
	assert.equal(bucketSeverity({value: 3, expected: 0.2, z: 8, counts: true}, 'up', DEFAULT_RULES), 'ok');
	assert.equal(bucketSeverity({value: 40, expected: 0.2, z: 20, counts: true}, 'up', DEFAULT_RULES), 'crit');
	// The same 3 read as a non-count series would have been a flag: the count model is what stops it.
	assert.equal(bucketSeverity({value: 3, expected: 0.2, z: 8}, 'up', DEFAULT_RULES), 'warn');
});

test('counts: a percent of almost nothing is not shown, a percent of a real level is', () => {
	assert.equal(shownPercent(1, 0.06, true), null);
	assert.equal(shownPercent(25, 1, true), null);
	assert.equal(shownPercent(150, 1000, true), -85);
	assert.equal(Math.round(shownPercent(1.2, 0.5, false)!), 140);
});
