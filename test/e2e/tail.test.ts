import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';

test('tail --json streams each IoT event once as a JSON line until interrupted', async () => {
	assert.ok(existsSync('dist/cli.js'), 'run npm run build first (npm test does)');
	const child = spawn(process.execPath, ['dist/cli.js', 'tail', '--json', '--demo', '--since', '20m', '--tail-interval', '1s'], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let out = '';
	child.stdout.on('data', chunk => (out += String(chunk)));
	const deadline = Date.now() + 15_000;
	// The first pages, then at least one more poll over the overlap window (which must not repeat events).
	while (Date.now() < deadline && out.split('\n').filter(Boolean).length < 60) {
		await new Promise(resolve => setTimeout(resolve, 100));
	}
	await new Promise(resolve => setTimeout(resolve, 2500));
	const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));
	child.kill('SIGINT');
	assert.equal(await exited, 0);
	const events = out
		.split('\n')
		.filter(Boolean)
		.map(text => JSON.parse(text) as Record<string, unknown>);
	assert.ok(events.length >= 20, `${events.length} events`);
	assert.deepEqual(Object.keys(events[0]!), [
		'eventId',
		'eventTime',
		'eventName',
		'eventSource',
		'username',
		'identityType',
		'readOnly',
		'errorCode',
		'sourceIp',
		'late',
	]);
	assert.equal(new Set(events.map(e => e['eventId'])).size, events.length, 'never a duplicate');
	assert.ok(events.every(e => e['eventSource'] === 'iot.amazonaws.com'));
	assert.ok(events.every(e => typeof e['late'] === 'boolean'));
});
