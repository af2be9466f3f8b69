import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startPane, type Pane} from './tmux.js';

const CLI = 'dist/cli.js';

/** The app's process: the pane's shell runs `env ... node`, and env execs node. */
function appPid(pane: Pane): number {
	const shell = pane.format('#{pane_pid}');
	const children = execFileSync('pgrep', ['-P', shell], {encoding: 'utf8'}).trim().split('\n');
	assert.equal(children.length, 1, `one child of the pane's shell: ${children.join(' ')}`);
	return Number(children[0]);
}

type Case = {
	readonly name: string;
	readonly code: number;
	readonly act: (pane: Pane) => void;
};

// How a session ends: the keys, the signals a terminal, a shell or a dropped SSH link send, and a crash.
const CASES: Case[] = [
	{name: 'q', code: 0, act: pane => pane.send('q')},
	{name: 'Ctrl-C', code: 0, act: pane => pane.send('C-c')},
	{name: 'SIGINT', code: 130, act: pane => process.kill(appPid(pane), 'SIGINT')},
	{name: 'SIGTERM', code: 143, act: pane => process.kill(appPid(pane), 'SIGTERM')},
	{name: 'SIGHUP (a dropped SSH link)', code: 129, act: pane => process.kill(appPid(pane), 'SIGHUP')},
	// The preload below turns SIGUSR2 into an exception thrown from a timer: an uncaught error.
	{name: 'an uncaught error', code: 1, act: pane => process.kill(appPid(pane), 'SIGUSR2')},
];

test('after every way out the pane is off the alternate screen, the cursor shows, and a crash is logged', async () => {
	assert.ok(existsSync(CLI), 'dist/cli.js is missing: run npm run build first (npm test does)');
	const dir = mkdtempSync(join(tmpdir(), 'iotmon-signals-'));
	const crash = join(dir, 'crash-on-usr2.mjs');
	writeFileSync(crash, "process.on('SIGUSR2', () => setTimeout(() => { throw new Error('injected crash for the e2e test'); }));\n");
	try {
		for (const {name, code, act} of CASES) {
			const state = join(dir, name.replace(/\W+/g, '-'));
			const pane = startPane(
				`env -u CI XDG_STATE_HOME=${state} node --import ${crash} ${CLI} --demo; echo "EXIT:$?"; exec sleep 600`,
			);
			try {
				await pane.waitFor(s => s.includes('PublishIn.Success') && /DEMO/.test(s), 15_000, `the demo screen (${name})`);
				assert.equal(pane.format('#{alternate_on}'), '1', name);
				act(pane);
				const after = await pane.waitFor(s => /EXIT:\d+/.test(s), 5_000, `the process to exit (${name})`);
				assert.match(after, new RegExp(`EXIT:${code}\\b`), name);
				assert.equal(pane.format('#{alternate_on}'), '0', `${name}: left the alternate screen`);
				assert.equal(pane.format('#{cursor_flag}'), '1', `${name}: cursor visible`);
				if (code === 1) {
					const log = join(state, 'iot-monitor', 'iot-monitor.log');
					assert.match(readFileSync(log, 'utf8'), /uncaught error: Error: injected crash for the e2e test\n\s+at /, 'the stack is in the log');
					assert.match(after.replace(/\n/g, ''), /crashed: injected crash for the e2e test \(details in .*iot-monitor\.log\)/);
				}
			} finally {
				pane.kill();
			}
		}
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});
