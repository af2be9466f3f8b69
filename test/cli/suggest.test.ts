import {test} from 'node:test';
import assert from 'node:assert/strict';
import {editDistance, suggest} from '../../source/cli/suggest.js';

const FLAGS = ['region', 'profile', 'endpoint-url', 'once', 'json', 'format', 'metrics', 'no-color', 'color', 'since', 'seed'];

test('editDistance: insertions, deletions, substitutions, and a swap of neighbours as one edit', () => {
	const table: Array<[string, string, number]> = [
		['', '', 0],
		['region', 'region', 0],
		['regoin', 'region', 1],
		['regin', 'region', 1],
		['reegion', 'region', 1],
		['rigion', 'region', 1],
		['kitten', 'sitting', 3],
		['', 'abc', 3],
	];
	for (const [a, b, distance] of table) assert.equal(editDistance(a, b), distance, `${a} -> ${b}`);
});

test('suggest: the flag a typo most likely meant, or null when nothing is close', () => {
	const table: Array<[string, string | null]> = [
		['regoin', 'region'],
		['REGION', 'region'],
		['profiel', 'profile'],
		['end', 'endpoint-url'],
		['endpoint', 'endpoint-url'],
		['no-colour', 'no-color'],
		['jsno', 'json'],
		['sinse', 'since'],
		['x', null],
		['banana', null],
		['', null],
		// "s" starts several; two letters are too few to guess from.
		['se', null],
	];
	for (const [typed, expected] of table) assert.equal(suggest(typed, FLAGS), expected, typed);
});
