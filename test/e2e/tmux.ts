/**
 * A real terminal for end-to-end tests: a private tmux server (its own socket), one pane running a
 * command, keys sent as a user would, and the pane read back. Waits poll a condition; no fixed sleeps.
 */
import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';

/**
 * The environment every tmux server of the tests starts with: the caller's, minus what would make the run
 * depend on the machine (no TERM or LANG in a CI runner or container, a NO_COLOR in the developer's shell),
 * plus a UTF-8 locale and a known terminal type. A test that wants another locale or colour setting says so
 * in the pane's own command (`env NO_COLOR=1 LC_ALL=C ...`).
 */
export function tmuxEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {...base, TERM: 'xterm-256color', LANG: 'C.UTF-8'};
	for (const name of ['LC_ALL', 'LC_CTYPE', 'LANGUAGE', 'NO_COLOR', 'FORCE_COLOR', 'COLORTERM', 'TMUX', 'TMUX_PANE']) delete env[name];
	return env;
}

export type Pane = {
	capture(): string;
	/** With -e: the cells' colours and attributes as SGR sequences, as tmux re-encodes them. */
	captureStyled(): string;
	/** Appends everything the program writes to the pane, raw, to `file`. */
	pipeOutput(file: string): void;
	resize(columns: number, rows: number): void;
	/** A tmux format value of the pane, e.g. '#{alternate_on}' or '#{cursor_flag}'. */
	format(expression: string): string;
	send(...keys: string[]): void;
	waitFor(predicate: (screen: string) => boolean, timeoutMs: number, what: string): Promise<string>;
	kill(): void;
};

/**
 * Starts `command` in a new pane of `size`. With `beforeStart`, the command waits until that has run
 * (e.g. to attach pipeOutput before the program writes its first byte).
 */
export function startPane(command: string, size = {columns: 80, rows: 24}, beforeStart?: (pane: Pane) => void): Pane {
	const socket = `iotmon-${process.pid}-${randomBytes(3).toString('hex')}`;
	const env = tmuxEnv();
	// -u: the server and its panes speak UTF-8 whatever the locale it was started from.
	const tmux = (...args: string[]) => execFileSync('tmux', ['-u', '-L', socket, '-f', '/dev/null', ...args], {encoding: 'utf8', env});
	const gated = beforeStart ? `tmux -L ${socket} wait-for go; ${command}` : command;
	tmux('new-session', '-d', '-s', 'e2e', '-x', String(size.columns), '-y', String(size.rows), gated);
	const pane: Pane = {
		capture: () => tmux('capture-pane', '-p', '-t', 'e2e'),
		captureStyled: () => tmux('capture-pane', '-e', '-p', '-t', 'e2e'),
		pipeOutput: file => void tmux('pipe-pane', '-t', 'e2e', '-o', `cat >> '${file}'`),
		resize: (columns, rows) => void tmux('resize-window', '-t', 'e2e', '-x', String(columns), '-y', String(rows)),
		format: expression => tmux('display-message', '-p', '-t', 'e2e', expression).trim(),
		send: (...keys) => void tmux('send-keys', '-t', 'e2e', ...keys),
		async waitFor(predicate, timeoutMs, what) {
			const deadline = Date.now() + timeoutMs;
			let screen = '';
			while (Date.now() < deadline) {
				screen = pane.capture();
				if (predicate(screen)) return screen;
				await new Promise(resolve => setTimeout(resolve, 100));
			}
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; screen was:\n${screen}`);
		},
		kill() {
			try {
				tmux('kill-server');
			} catch {
				// already gone
			}
		},
	};
	if (beforeStart) {
		beforeStart(pane);
		tmux('wait-for', '-S', 'go');
	}
	return pane;
}
