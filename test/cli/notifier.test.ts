import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Writable} from 'node:stream';
import {startNotifier} from '../../source/cli/notifier.js';
import type {CritNotice} from '../../source/monitor/crit-notices.js';
import {fakeMonitor, judged, snapshot, step} from '../ui/helpers.js';

const BASE = {expected: 1000, low: 900, high: 1100};
const crit = (names: string[]) => snapshot({metrics: names.map(name => judged(name, step(1000, 100), BASE, 'crit'))});

function terminal() {
	let written = '';
	const stream = new Writable({
		write(chunk, _encoding, done) {
			written += String(chunk);
			done();
		},
	});
	return {stream, written: () => written};
}

test('every new CRIT rings the bell once and runs the command with the notice as JSON on stdin', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'iotmon-notify-'));
	try {
		const monitor = fakeMonitor(snapshot());
		const out = terminal();
		const lines: string[] = [];
		const done: Array<{notice: CritNotice; outcome: string}> = [];
		const finished = new Promise<void>(resolve => {
			const stop = startNotifier(monitor, {
				bell: true,
				command: `cat > "${dir}/$$.json"`,
				stdout: out.stream,
				log: line => lines.push(line),
				onCommandDone: (notice, outcome) => {
					done.push({notice, outcome});
					if (done.length === 2) {
						stop();
						resolve();
					}
				},
			});
		});
		monitor.emit(crit(['PublishIn.Success']));
		monitor.emit(crit(['PublishIn.Success'])); // still CRIT: nothing new
		monitor.emit(crit(['PublishIn.Success', 'Connect.Success']));
		await finished;
		assert.equal(out.written(), '\u0007\u0007', 'one bell per snapshot with a new CRIT');
		assert.deepEqual(done.map(d => d.outcome), ['exit 0', 'exit 0']);
		assert.deepEqual(lines, [], 'nothing to log when commands succeed');
		const received = readdirSync(dir).map(file => JSON.parse(readFileSync(join(dir, file), 'utf8')) as CritNotice);
		assert.deepEqual(received.map(notice => notice.metric).sort(), ['Connect.Success', 'PublishIn.Success']);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});

test('a failing or missing command is logged, never thrown', async () => {
	const monitor = fakeMonitor(snapshot());
	const lines: string[] = [];
	const outcome = await new Promise<string>(resolve => {
		startNotifier(monitor, {
			bell: false,
			command: 'exit 3',
			stdout: terminal().stream,
			log: line => lines.push(line),
			onCommandDone: (_notice, result) => resolve(result),
		});
		monitor.emit(crit(['PublishIn.Success']));
	});
	assert.equal(outcome, 'exit 3');
	assert.deepEqual(lines, ['notify: command for PublishIn.Success exit 3']);
});

test('without bell or command nothing subscribes', () => {
	const monitor = fakeMonitor(snapshot());
	let subscribed = 0;
	const counting = {...monitor, subscribe: (listener: Parameters<typeof monitor.subscribe>[0]) => (subscribed++, monitor.subscribe(listener))};
	startNotifier(counting, {bell: false, command: null, stdout: terminal().stream, log: () => {}});
	assert.equal(subscribed, 0);
});
