/**
 * `q` at any moment of start-up, with the app as a tmux pane's own command (no shell in between) and a
 * fresh cache (nothing compiled, baselines still being learned): the pane must record exit status 0 and
 * the process must not stay a zombie. With tmux built with libutempter (up to 3.4), a process whose exit
 * is what closes the pane's terminal often loses its status this way (source/cli/hold-terminal.ts).
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {tmuxEnv} from './tmux.js';

const CLI = 'dist/cli.js';
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** The process state letter from /proc (Z for a zombie), or null once it is gone (reaped). */
function processState(pid: number): string | null {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? null;
	} catch {
		return null;
	}
}

async function quitAfter(delayMs: number): Promise<{status: string; state: string | null; screen: string}> {
	const socket = `iotmon-quit-${process.pid}-${randomBytes(3).toString('hex')}`;
	const env = tmuxEnv();
	const tmux = (...args: string[]) => execFileSync('tmux', ['-u', '-L', socket, '-f', '/dev/null', ...args], {encoding: 'utf8', env});
	const home = mkdtempSync(join(tmpdir(), 'iotmon-quit-'));
	try {
		// remain-on-exit keeps the dead pane so its exit status can be read.
		const command = `env -u CI XDG_CACHE_HOME=${home} XDG_STATE_HOME=${home} XDG_CONFIG_HOME=${home} ${process.execPath} ${CLI} --demo`;
		tmux('start-server', ';', 'set-option', '-g', 'remain-on-exit', 'on', ';', 'new-session', '-d', '-s', 'e2e', '-x', '80', '-y', '24', command);
		const pid = Number(tmux('display-message', '-p', '-t', 'e2e', '#{pane_pid}').trim());
		await sleep(delayMs);
		tmux('send-keys', '-t', 'e2e', 'q');
		const deadline = Date.now() + 15_000;
		while (tmux('display-message', '-p', '-t', 'e2e', '#{pane_dead}').trim() !== '1') {
			if (Date.now() > deadline) throw new Error(`the app did not quit within 15 s of q at ${delayMs} ms:\n${tmux('capture-pane', '-p', '-t', 'e2e')}`);
			await sleep(50);
		}
		// tmux reaps the process and records the status when it hears of the exit; give it a moment.
		let status = '';
		for (let i = 0; i < 20 && status === ''; i++) {
			status = tmux('display-message', '-p', '-t', 'e2e', '#{pane_dead_status}').trim();
			if (status === '') await sleep(50);
		}
		return {status, state: processState(pid), screen: tmux('capture-pane', '-p', '-t', 'e2e')};
	} finally {
		try {
			tmux('kill-server');
		} catch {
			// already gone
		}
		rmSync(home, {recursive: true, force: true});
	}
}

test('q at any moment of start-up, as a tmux pane command: exit status 0 recorded, no zombie', async () => {
	assert.ok(existsSync(CLI), 'dist/cli.js is missing: run npm run build first (npm test does)');
	for (const delayMs of [50, 150, 300, 500, 800, 1100, 1500]) {
		const {status, state, screen} = await quitAfter(delayMs);
		assert.equal(status, '0', `q at ${delayMs} ms: the pane recorded exit status ${JSON.stringify(status)}; screen:\n${screen}`);
		assert.notEqual(state, 'Z', `q at ${delayMs} ms: the process is a zombie`);
		assert.doesNotMatch(screen, /Error|Raw mode|crashed/i, `q at ${delayMs} ms: no crash`);
	}
});
