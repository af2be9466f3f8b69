import chalk from 'chalk';
import {render, type Instance} from 'ink';
import type {FleetHandle, MonitorHandle} from '../monitor/types.js';
import {App} from './app.js';
import {FleetApp} from './fleet/fleet-app.js';
import {diffingStdout} from './shared/frame-diff.js';
import {resolveDisplay, type DisplayOptions} from '../render/display.js';
import {sanitize, sanitizeMultiline} from '../text/sanitize.js';

const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_ALT_SCREEN = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';

/** Exit codes for the signals we clean up after (128 + signal number). */
const SIGNAL_CODES = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129} as const;

/** What runTui needs; the streams default to the process's own. */
export type RunTuiOptions = (
	| {readonly monitor: MonitorHandle; readonly fleet?: undefined}
	/** Fleet mode: the overview of every scope (ui/fleet/), each scope opening as the App. */
	| {readonly fleet: FleetHandle; readonly monitor?: undefined}
) & {
	readonly stdout?: NodeJS.WriteStream;
	readonly stdin?: NodeJS.ReadStream;
	readonly stderr?: NodeJS.WriteStream;
	/**
	 * Colour and glyphs: resolveDisplay()'s result, or the raw settings (resolved here against
	 * process.env and stdout, which changes nothing for a resolved display). Auto colour, Unicode unless
	 * the locale is not UTF-8, when absent.
	 */
	readonly display?: DisplayOptions;
	/** Ends the process after a signal or uncaught exception; process.exit by default (tests replace it). */
	readonly exitProcess?: (code: number) => void;
	/**
	 * Keeps the full report of an uncaught error (the CLI appends it to its log file and returns where);
	 * the terminal then gets one line pointing there. Without it the whole stack goes to stderr.
	 */
	readonly logCrash?: (report: string) => string | null;
	/** `s` writes the records inside the hand-off instead of beside it (--full). */
	readonly fullHandoff?: boolean;
};

/**
 * Runs the full-screen UI until the user quits. Uses the alternate screen when stdout is a TTY and
 * restores the terminal (main screen, visible cursor, cooked stdin) on every way out: q/Ctrl-C
 * (resolves 0), a render error (resolves 1), SIGINT/SIGTERM/SIGHUP (130/143/129) and uncaught
 * exceptions (1). Once we handle signals Ink's signal-exit no longer re-raises, so for those we exit.
 */
export async function runTui({
	monitor,
	fleet,
	stdout = process.stdout,
	stdin = process.stdin,
	stderr = process.stderr,
	display = {color: 'auto', ascii: false},
	exitProcess = code => process.exit(code),
	logCrash,
	fullHandoff = false,
}: RunTuiOptions): Promise<number> {
	const resolved = resolveDisplay({...display, env: process.env, isTTY: stdout.isTTY === true});
	// Ink styles text through chalk's shared instance, whose level chalk guessed at start-up from
	// process.stdout, TERM, FORCE_COLOR and argv (it takes a --no-color flag as "no styles at all").
	// Which colours show is decided here instead: <App> leaves them out when colour is off, while bold,
	// dim and inverse stay on a terminal (the selection and severities read without colour). So chalk
	// only needs a level that writes styles: at least 1 on a TTY or when colour is forced. We use the
	// eight basic colours only, which every level above 0 writes the same way. Restored on the way out.
	const chalkLevel = chalk.level;
	if (resolved.color === 'always' || stdout.isTTY === true) chalk.level = Math.max(chalk.level, 1) as typeof chalk.level;
	const altScreen = stdout.isTTY === true;
	let instance: Instance | undefined;
	let finished = false;
	let resolveExit: (code: number) => void = () => {};
	const exited = new Promise<number>(resolve => {
		resolveExit = resolve;
	});

	const signalHandlers = Object.entries(SIGNAL_CODES).map(([signal, code]) => {
		const handler = (): void => {
			if (finish(code)) exitProcess(code);
		};
		return [signal, handler] as const;
	});
	const onUncaught = (error: unknown): void => {
		if (!finish(1)) return;
		const report = error instanceof Error ? (error.stack ?? error.message) : String(error);
		let where: string | null = null;
		try {
			where = logCrash?.(`uncaught error: ${report}`) ?? null;
		} catch {
			where = null; // an unwritable log must not hide the error: it goes to stderr below
		}
		const headline = error instanceof Error ? error.message.split('\n')[0] : String(error).split('\n')[0];
		// The message may carry any text (a record field in an error): made terminal-safe like the rest.
		stderr.write(`iot-monitor: crashed: ${where ? `${sanitize(headline)} (details in ${sanitize(where)})` : sanitizeMultiline(report)}\n`);
		exitProcess(1);
	};

	/** Restores the terminal once; later calls do nothing and return false. */
	function finish(code: number): boolean {
		if (finished) return false;
		finished = true;
		for (const [signal, handler] of signalHandlers) process.off(signal, handler);
		process.off('uncaughtException', onUncaught);
		try {
			instance?.unmount();
		} catch {
			// Unmounting a broken tree must not stop the terminal from being restored.
		}
		if (altScreen) stdout.write(LEAVE_ALT_SCREEN);
		if (stdout.isTTY === true) stdout.write(SHOW_CURSOR);
		if (stdin.isTTY === true) {
			try {
				stdin.setRawMode(false);
			} catch {
				// stdin may already be closed (SIGHUP from a dropped SSH session).
			}
		}
		resolveExit(code);
		return true;
	}

	for (const [signal, handler] of signalHandlers) process.on(signal, handler);
	process.on('uncaughtException', onUncaught);
	void exited.then(() => {
		chalk.level = chalkLevel;
	});
	if (altScreen) stdout.write(ENTER_ALT_SCREEN);
	try {
		const root =
			fleet !== undefined ? (
				<FleetApp fleet={fleet} onExit={() => finish(0)} display={resolved} fullHandoff={fullHandoff} />
			) : (
				<App monitor={monitor} onExit={() => finish(0)} display={resolved} fullHandoff={fullHandoff} />
			);
		instance = render(root, {
			// On a terminal only the rows that changed are written (shared/frame-diff.ts).
			stdout: stdout.isTTY === true ? diffingStdout(stdout) : stdout,
			stdin,
			stderr,
			exitOnCtrlC: false,
			// The CLI diverts console output to a log file; Ink must not print it above the frame.
			patchConsole: false,
			maxFps: 30,
		});
	} catch (error) {
		finish(1);
		throw error;
	}
	instance.waitUntilExit().then(
		() => finish(0),
		(error: unknown) => {
			if (finish(1)) stderr.write(`iot-monitor: ${error instanceof Error ? error.message : String(error)}\n`);
		},
	);
	return exited;
}
