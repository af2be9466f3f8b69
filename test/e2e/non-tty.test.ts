import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startPane} from './tmux.js';

const CLI = 'dist/cli.js';

test('stdout not a terminal: one snapshot as --once, a note on stderr, the --once exit code', async () => {
	assert.ok(existsSync(CLI), 'dist/cli.js is missing: run npm run build first (npm test does)');
	const home = mkdtempSync(join(tmpdir(), 'iotmon-pipe-'));
	try {
		const result = await new Promise<{code: number | null; stdout: string; stderr: string}>(resolve => {
			// stdin and stdout are pipes, as in `iot-monitor --demo | less` run from a script.
			const child = spawn(process.execPath, [CLI, '--demo'], {
				env: {...process.env, LANG: 'C.UTF-8', LC_ALL: '', NO_COLOR: '', XDG_CACHE_HOME: home, XDG_STATE_HOME: home},
				stdio: ['pipe', 'pipe', 'pipe'],
			});
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', chunk => (stdout += String(chunk)));
			child.stderr.on('data', chunk => (stderr += String(chunk)));
			child.on('exit', code => resolve({code, stdout, stderr}));
		});
		assert.equal(result.stderr, 'iot-monitor: stdout is not a terminal, so this prints one snapshot (as --once); use --once [--json] in scripts\n');
		assert.match(result.stdout, /^IOT-MONITOR CRIT - PublishIn\.Success -\d+% \(▼CRIT\)/, 'the --once text snapshot');
		assert.match(result.stdout, /PublishIn\.Success/);
		assert.doesNotMatch(result.stdout, /\u001b/, 'no escape codes in a pipe');
		assert.equal(result.code, 2, 'CRIT during the demo publish drop, as --once');
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
});

test('stdin not a terminal: the UI still runs (no keys), and Ctrl-C from the terminal ends it cleanly', async () => {
	const pane = startPane(`true | env -u CI node ${CLI} --demo; echo "EXIT:$?"; exec sleep 600`);
	try {
		await pane.waitFor(s => s.includes('PublishIn.Success') && /DEMO/.test(s), 15_000, 'the demo screen');
		assert.equal(pane.format('#{alternate_on}'), '1');
		pane.send('C-c');
		const after = await pane.waitFor(s => /EXIT:\d+/.test(s), 5_000, 'the process to exit');
		assert.match(after, /EXIT:130\b/, 'SIGINT from the terminal');
		assert.equal(pane.format('#{alternate_on}'), '0');
		assert.equal(pane.format('#{cursor_flag}'), '1');
		assert.doesNotMatch(after, /Error|Raw mode/i, 'no crash');
	} finally {
		pane.kill();
	}
});
