/**
 * Tells the on-call person about every new CRIT while the UI runs: a terminal bell, and/or a command of
 * theirs (run with `sh -c`, the notice as one JSON line on stdin; e.g. a script that posts to a chat or
 * pages). A command that fails, hangs (killed after COMMAND_TIMEOUT_MS) or cannot start is logged, never
 * shown over the UI and never stops monitoring. At most MAX_RUNNING commands run at once.
 */
import {spawn} from 'node:child_process';
import type {MonitorHandle} from '../monitor/types.js';
import {critMetrics, newCritNotices, type CritNotice} from '../monitor/crit-notices.js';

const COMMAND_TIMEOUT_MS = 10_000;
const MAX_RUNNING = 4;
const BELL = '\u0007';

export type NotifierOptions = {
	readonly bell: boolean;
	readonly command: string | null;
	/** The terminal (the bell is written there). */
	readonly stdout: NodeJS.WritableStream;
	/** One line for the log file. */
	readonly log: (line: string) => void;
	/** Called when a command has finished (tests wait on it). */
	readonly onCommandDone?: (notice: CritNotice, outcome: string) => void;
};

/** Subscribes to the monitor; returns the unsubscribe. Does nothing when neither bell nor command is set. */
export function startNotifier(monitor: MonitorHandle, options: NotifierOptions): () => void {
	if (!options.bell && !options.command) return () => {};
	let wasCrit = new Set<string>();
	let running = 0;
	const run = (notice: CritNotice): void => {
		const command = options.command;
		if (!command) return;
		if (running >= MAX_RUNNING) {
			options.log(`notify: skipped for ${notice.metric}: ${MAX_RUNNING} notify commands still running`);
			return;
		}
		running++;
		let outcome = '';
		const finish = (): void => {
			running--;
			if (outcome !== 'exit 0') options.log(`notify: command for ${notice.metric} ${outcome}`);
			options.onCommandDone?.(notice, outcome);
		};
		const child = spawn('sh', ['-c', command], {stdio: ['pipe', 'ignore', 'ignore'], detached: false});
		const timer = setTimeout(() => {
			outcome = `timed out after ${COMMAND_TIMEOUT_MS / 1000} s (killed)`;
			child.kill('SIGKILL');
		}, COMMAND_TIMEOUT_MS);
		timer.unref();
		child.once('error', error => {
			clearTimeout(timer);
			outcome = `could not start: ${error.message}`;
			finish();
		});
		child.once('exit', (code, signal) => {
			clearTimeout(timer);
			outcome ||= signal ? `killed by ${signal}` : `exit ${code}`;
			finish();
		});
		child.stdin.on('error', () => {}); // a command that does not read stdin closes it early
		child.stdin.end(`${JSON.stringify(notice)}\n`);
	};
	/** Metric -> onset of the flag last notified for: a reopened flag (same onset) does not page again. */
	const notified = new Map<string, number>();
	const unsubscribe = monitor.subscribe(snapshot => {
		const notices = newCritNotices(wasCrit, snapshot, notified);
		wasCrit = critMetrics(snapshot);
		for (const notice of notices) if (notice.since !== null) notified.set(notice.metric, Date.parse(notice.since));
		if (notices.length === 0) return;
		if (options.bell) options.stdout.write(BELL);
		for (const notice of notices) run(notice);
	});
	return unsubscribe;
}
