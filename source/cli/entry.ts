/** The whole command line run: parse, run the command, report a failure in one line, set the exit code. */
import {parseArgs, UsageError} from './flags.js';
import {runCommand} from './main.js';
import {SettingsError} from '../config/document.js';

export async function cli(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
	try {
		process.exitCode = await runCommand(parseArgs([...argv]));
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		process.stderr.write(`iot-monitor: ${message}\n`);
		// A broken settings file is bad input too. Under --once (a monitoring check) bad input is UNKNOWN,
		// 3: exit 2 would read as CRIT and page someone for a typo.
		const badInput = error instanceof UsageError || error instanceof SettingsError;
		process.exitCode = badInput ? (argv.includes('--once') ? 3 : 2) : 1;
	}
	// Whatever handle is still open (a keep-alive socket, a timer) must not keep a finished command alive.
	setTimeout(() => process.exit(), 1000).unref();
}
