import {test} from 'node:test';
import assert from 'node:assert/strict';
import {collectAfterStartup} from '../../source/cli/startup-garbage.js';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

test('start-up garbage is collected once the monitor has settled, not before, and only when gc is exposed', async () => {
	let settle: () => void = () => {};
	const settled = new Promise<void>(resolve => {
		settle = resolve;
	});
	const asked: number[] = [];
	let collections = 0;
	collectAfterStartup(
		{
			whenSettled: timeoutMs => {
				asked.push(timeoutMs);
				return settled;
			},
		},
		() => collections++,
	);
	assert.equal(asked.length, 1);
	assert.ok(asked[0]! >= 60_000, 'waits long enough for a slow start-up');
	await sleep(700);
	assert.equal(collections, 0, 'nothing while start-up runs');
	settle();
	await sleep(700);
	assert.equal(collections, 2, 'one collection frees the pages, the next returns them');
	// Without --expose-gc (tests, node --import tsx): nothing at all, not even the wait.
	const untouched: number[] = [];
	collectAfterStartup({whenSettled: ms => (untouched.push(ms), Promise.resolve())}, undefined);
	assert.deepEqual(untouched, []);
});
