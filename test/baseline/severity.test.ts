import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	bucketSeverity,
	DEFAULT_RULES,
	INITIAL_FLAG,
	nextFlag,
	percentChange,
	type FlagState,
	type Observation,
} from '../../source/baseline/severity.js';
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

function run(observations: Observation[], bad: BadDirection = 'down'): string[] {
	let state: FlagState = INITIAL_FLAG;
	return observations.map(o => (state = nextFlag(state, o, bad, DEFAULT_RULES)).severity);
}

test('hysteresis: a flag rises at once and falls only after three calm buckets, one level at a time', () => {
	assert.deepEqual(run([normal, drop, normal, normal, normal, normal, normal, normal]), [
		'ok',
		'crit',
		'crit',
		'crit',
		'warn',
		'warn',
		'warn',
		'ok',
	]);
});

test('hysteresis: a value hovering around the threshold does not flicker', () => {
	// z 4 and -35 % is below WARN (5, 25 %) but above the hold level (3, 15 %).
	const hover: Observation = {value: 650, expected: 1000, z: -4};
	assert.deepEqual(run([mildDrop, hover, mildDrop, hover, hover, hover, hover]), [
		'warn',
		'warn',
		'warn',
		'warn',
		'warn',
		'warn',
		'warn',
	]);
});

test('hysteresis: a calm streak is reset by a deviating bucket', () => {
	assert.deepEqual(run([mildDrop, normal, normal, mildDrop, normal, normal, normal]), [
		'warn',
		'warn',
		'warn',
		'warn',
		'warn',
		'warn',
		'ok',
	]);
});

test('hysteresis: a held flag keeps the direction that raised it', () => {
	let state: FlagState = INITIAL_FLAG;
	state = nextFlag(state, drop, 'both', DEFAULT_RULES);
	assert.deepEqual([state.severity, state.direction], ['crit', 'down']);
	// Recovering with an overshoot that is not itself a flag: still the drop's CRIT, still down.
	state = nextFlag(state, {value: 1150, expected: 1000, z: 2}, 'both', DEFAULT_RULES);
	assert.deepEqual([state.severity, state.direction], ['crit', 'down']);
});
