/**
 * While the full-screen UI owns the terminal, nothing else may write to it: Node's process warnings (the
 * SDK's NodeVersionSupportWarning among them) and stray console output go to a log file instead.
 */
import {appendFileSync, mkdirSync} from 'node:fs';
import {homedir} from 'node:os';
import {dirname, join} from 'node:path';
import {format} from 'node:util';

/** `$XDG_STATE_HOME/iot-monitor/iot-monitor.log` (default ~/.local/state/...). */
export function defaultLogPath(env: NodeJS.ProcessEnv = process.env): string {
	const state = env['XDG_STATE_HOME'] || join(homedir(), '.local', 'state');
	return join(state, 'iot-monitor', 'iot-monitor.log');
}

/** Appends one timestamped entry to the log; false when it could not be written (never throws). */
export function appendLog(logPath: string, kind: string, text: string): boolean {
	try {
		mkdirSync(dirname(logPath), {recursive: true});
		appendFileSync(logPath, `${new Date().toISOString()} ${kind} ${text}\n`);
		return true;
	} catch {
		return false; // A log we cannot write must never break the UI.
	}
}

/** Sends warnings and console output to `logPath` until the returned function restores them. */
export function divertDiagnostics(logPath: string): () => void {
	const write = (kind: string, text: string) => void appendLog(logPath, kind, text);
	const warningListeners = process.listeners('warning');
	process.removeAllListeners('warning');
	const onWarning = (warning: Error) => write('warning', `${warning.name}: ${warning.message}`);
	process.on('warning', onWarning);
	const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
	const saved = methods.map(method => console[method]);
	for (const method of methods) console[method] = (...args: unknown[]) => write(method, format(...args));
	return () => {
		process.off('warning', onWarning);
		for (const listener of warningListeners) process.on('warning', listener);
		methods.forEach((method, i) => {
			console[method] = saved[i]!;
		});
	};
}
