import {test} from 'node:test';
import assert from 'node:assert/strict';
import {withoutFetch} from '../../source/cli/without-fetch.js';

test('withoutFetch hides fetch while loading and restores it afterwards, also on failure', async () => {
	const seen = await withoutFetch(async () => typeof globalThis.fetch);
	assert.equal(seen, 'undefined');
	assert.equal(typeof globalThis.fetch, 'function');
	await assert.rejects(
		withoutFetch(async () => {
			throw new Error('boom');
		}),
		/boom/,
	);
	assert.equal(typeof globalThis.fetch, 'function');
});
