import {test} from 'node:test';
import assert from 'node:assert/strict';
import {asksForOnce} from '../../source/cli/entry.js';

test('asksForOnce: read from the raw command line (the parser may be what failed), nothing after --', () => {
	const table: Array<[string[], {once: boolean; text: boolean}]> = [
		[['--once', '--demo', '--regoin', 'us-east-1'], {once: true, text: true}],
		[['--once', '--json'], {once: true, text: false}],
		[['--once', '--format', 'markdown'], {once: true, text: false}],
		[['--once', '--format=json'], {once: true, text: false}],
		[['--once', '--format', 'text', '--regoin', 'x'], {once: true, text: true}],
		[['--once', '--format=text', '--format', 'json'], {once: true, text: false}],
		[['--demo'], {once: false, text: true}],
		[['tail', '--', '--once'], {once: false, text: true}],
	];
	for (const [argv, expected] of table) assert.deepEqual(asksForOnce(argv), expected, argv.join(' '));
});
