import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseArgs, UsageError} from '../../source/cli/flags.js';
import {parseDuration} from '../../source/cli/duration.js';

test('parseDuration', () => {
	assert.equal(parseDuration('90m'), 90 * 60_000);
	assert.equal(parseDuration('3h'), 3 * 3600_000);
	assert.equal(parseDuration('2d'), 2 * 86_400_000);
	assert.equal(parseDuration('45'), 45_000);
	assert.equal(parseDuration('soon'), null);
	assert.equal(parseDuration('0s'), null);
});

test('parseArgs: defaults monitor the nine baseline metrics plus the error group', () => {
	const command = parseArgs([]);
	assert.equal(command.kind, 'monitor');
	if (command.kind !== 'monitor') return;
	assert.ok(command.options.metrics.includes('PublishIn.Success'));
	assert.ok(command.options.metrics.includes('Connect.AuthError'));
	assert.equal(command.options.lookbackMs, 3 * 3600_000);
});

test('parseArgs: simulate takes a port', () => {
	assert.deepEqual(parseArgs(['simulate', '--port', '0']), {kind: 'simulate', port: 0, seed: 1, quiet: false});
});

test('parseArgs: bad input is a one-line UsageError naming the fix', () => {
	const bad: string[][] = [
		['--json'],
		['--lookback', 'forever'],
		['--metrics', 'PublishIn.Sucess'],
		['--endpoint-url', 'localhost:4566'],
		['simulate', '--port', '70000'],
		['frobnicate'],
	];
	for (const argv of bad) {
		assert.throws(() => parseArgs(argv), (error: unknown) => {
			assert.ok(error instanceof UsageError, argv.join(' '));
			assert.ok(!error.message.includes('\n'));
			return true;
		});
	}
});
