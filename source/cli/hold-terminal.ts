/**
 * Exit before the terminal is released, when we are the terminal's first process (a tmux pane's command,
 * `tmux new-window iot-monitor`): a short-lived helper inherits our end of the terminal and keeps it open
 * for a quarter of a second after we exit.
 *
 * Why: tmux up to 3.4, built with libutempter (Debian, Ubuntu, Fedora), swaps in libutempter's SIGCHLD
 * handler while it removes the pane's utmp record, which it does as soon as it reads the end of the
 * pane's terminal. A process whose exit closes the terminal therefore often dies while that handler is in
 * and tmux never hears of it: the pane shows no exit status (`#{pane_dead_status}` empty, no "Pane is dead
 * (status 0)" with remain-on-exit) and the process stays a zombie (https://github.com/tmux/tmux/issues/311;
 * `sleep 0.5` as a pane's command loses its status about one time in four). With the terminal still open
 * when we exit, tmux gets our exit first, records the status and reaps us, then closes the pane itself.
 *
 * Only on Linux, only when stdin or stdout is a terminal and this process leads its session (with a shell
 * in between, the shell holds the terminal and none of this applies). Any failure only costs the status.
 */
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';

/** The session id in a /proc/<pid>/stat line (the command name may hold spaces and parentheses). */
export function sessionOfStat(stat: string): number | null {
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const session = Number(fields[3]);
	return Number.isInteger(session) && session > 0 ? session : null;
}

/** Whether this process is the first process of a terminal: it leads its session and has the terminal on stdin/stdout. */
export function leadsTerminalSession(): boolean {
	if (process.platform !== 'linux' || !(process.stdin.isTTY || process.stdout.isTTY)) return false;
	try {
		return sessionOfStat(readFileSync('/proc/self/stat', 'utf8')) === process.pid;
	} catch {
		return false;
	}
}

/** For a process.on('exit') listener: synchronous (the helper is forked before this returns). */
export function holdTerminalPastExit(ms = 250): void {
	if (!leadsTerminalSession()) return;
	try {
		// Its own session (detached): the terminal's hang-up when we exit does not reach it.
		const helper = spawn('sleep', [String(ms / 1000)], {detached: true, stdio: 'inherit'});
		helper.on('error', () => {});
		helper.unref();
	} catch {
		// no sleep binary, no fork: the exit status may be lost, nothing else
	}
}
