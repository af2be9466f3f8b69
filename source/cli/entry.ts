/** The whole command line run: parse, run the command, report a failure in one line, set the exit code. */
import {parseArgs, UsageError} from './flags.js';
import {EXIT_CODES, runCommand} from './main.js';
import {SettingsError} from '../config/document.js';
import {nagiosLine} from './once-text.js';
import {holdTerminalPastExit} from './hold-terminal.js';

/** Whether the command line asks for --once (before any `--`), read without the parser, which may be what failed. */
export function asksForOnce(argv: readonly string[]): {once: boolean; text: boolean} {
	const before = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
	const once = before.some(arg => arg === '--once' || arg === '--once=true');
	const formats = before.flatMap((arg, i) => (arg === '--format' ? [before[i + 1] ?? ''] : arg.startsWith('--format=') ? [arg.slice(9)] : []));
	const text = !before.some(arg => arg === '--json' || arg.startsWith('--json=')) && formats.every(format => format === 'text');
	return {once, text};
}

export async function cli(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
	const {once, text} = asksForOnce(argv);
	process.once('exit', () => holdTerminalPastExit());
	try {
		const command = parseArgs([...argv]);
		const code = await runCommand(command);
		process.exitCode = code;
		// The terminal UI has restored the screen: nothing left to show or save (cache and log writes are
		// synchronous), so exit now rather than when the last socket or timer of the start-up lets go.
		if (command.kind === 'monitor' && !command.options.once && process.stdout.isTTY === true) process.exit(code);
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		// A monitoring check (--once) answers UNKNOWN, 3, for anything that kept it from judging: a typo, a
		// broken settings file, a crash. Exit 2 would read as CRITICAL and page someone for a typo. Its first
		// line on stdout is what Nagios shows, so the reason goes there too (text output only: a JSON reader
		// gets nothing rather than something that is not JSON).
		if (once && text) process.stdout.write(`${nagiosLine('UNKNOWN', message)}\n`);
		process.stderr.write(`iot-monitor: ${message}\n`);
		const badInput = error instanceof UsageError || error instanceof SettingsError;
		process.exitCode = once ? EXIT_CODES.UNKNOWN : badInput ? 2 : 1;
	}
	// Whatever handle is still open (a keep-alive socket, a timer) must not keep a finished command alive.
	setTimeout(() => process.exit(), 1000).unref();
}
