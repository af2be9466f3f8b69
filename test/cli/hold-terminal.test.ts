import {test} from 'node:test';
import assert from 'node:assert/strict';
import {sessionOfStat} from '../../source/cli/hold-terminal.js';

test('sessionOfStat: the session id of a /proc/<pid>/stat line, whatever the command name holds', () => {
	const table: Array<[string, number | null]> = [
		['4242 (node) S 4200 4242 4242 34816 4242 4194560 1 0', 4242],
		['4243 (iot monitor) R 1 4243 4100 0 -1 0', 4100],
		['4244 (a) b) (c) S 1 4244 4244 0 -1 0', 4244],
		['garbage', null],
		['', null],
	];
	for (const [stat, session] of table) assert.equal(sessionOfStat(stat), session, stat);
});
