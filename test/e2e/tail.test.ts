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

test('tail text: a header, aligned rows, the backlog oldest to newest and then live events, never back in time unless marked', async () => {
	assert.ok(existsSync('dist/cli.js'), 'run npm run build first (npm test does)');
	const child = spawn(
		process.execPath,
		['dist/cli.js', 'tail', '--demo', '--since', '90m', '--trail-rate', '2', '--tail-interval', '1s'],
		{stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', TERM: 'xterm-256color'}},
	);
	let out = '';
	child.stdout.on('data', chunk => (out += String(chunk)));
	const deadline = Date.now() + 25_000;
	while (Date.now() < deadline && out.split('\n').filter(Boolean).length < 100) await new Promise(resolve => setTimeout(resolve, 100));
	const backlogLines = out.split('\n').filter(Boolean).length;
	// Then a few live polls.
	await new Promise(resolve => setTimeout(resolve, 4000));
	const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));
	child.kill('SIGINT');
	assert.equal(await exited, 0);
	const lines = out.split('\n').filter(Boolean);
	assert.ok(backlogLines >= 100, `${backlogLines} lines of backlog`);
	assert.match(lines[0]!, /^TIME UTC\s+EVENT\s+IDENTITY\s+RESOURCE\s+SOURCE IP\s+ERROR$/);
	const today = new Date().toISOString().slice(5, 10);
	const key = (row: string) => (/^\d\d-\d\d /.test(row) ? row.slice(0, 14) : `${today} ${row.trimStart().slice(0, 8)}`);
	const timeWidth = lines[0]!.indexOf('TIME UTC') + 'TIME UTC'.length;
	const eventAt = lines[0]!.indexOf('EVENT');
	let newest = '';
	let backInTime = 0;
	for (const row of lines.slice(1)) {
		assert.match(row, /^( {6})?(\d\d-\d\d )?\d\d:\d\d:\d\d [ ↶] \S/, row);
		assert.equal(row.length >= eventAt && row[eventAt - 1] === ' ' && row[eventAt] !== ' ', true, `event column aligned: ${row}`);
		const late = row[timeWidth + 1] === '↶';
		if (key(row) < newest && !late) backInTime++;
		if (key(row) > newest) newest = key(row);
	}
	assert.equal(backInTime, 0, 'rows not marked late never go back in time');
});
