/**
 * A real terminal for end-to-end tests: a private tmux server (its own socket), one pane running a
 * command, keys sent as a user would, and the pane read back. Waits poll a condition; no fixed sleeps.
 */
import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';

export type Pane = {
	capture(): string;
	/** A tmux format value of the pane, e.g. '#{alternate_on}' or '#{cursor_flag}'. */
	format(expression: string): string;
	send(...keys: string[]): void;
	waitFor(predicate: (screen: string) => boolean, timeoutMs: number, what: string): Promise<string>;
	kill(): void;
};

export function startPane(command: string, size = {columns: 80, rows: 24}): Pane {
	const socket = `iotmon-${process.pid}-${randomBytes(3).toString('hex')}`;
	const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], {encoding: 'utf8'});
	tmux('new-session', '-d', '-s', 'e2e', '-x', String(size.columns), '-y', String(size.rows), command);
	const pane: Pane = {
		capture: () => tmux('capture-pane', '-p', '-t', 'e2e'),
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
	return pane;
}
