// iot-monitor: top for AWS IoT Core. Entry point only; see source/cli/.
import {parseArgs, UsageError} from './source/cli/flags.js';
import {runCommand} from './source/cli/main.js';

try {
	const code = await runCommand(parseArgs(process.argv.slice(2)));
	process.exitCode = code;
} catch (error) {
	const message = error instanceof UsageError ? error.message : error instanceof Error ? error.message : String(error);
	process.stderr.write(`iot-monitor: ${message}\n`);
	process.exitCode = error instanceof UsageError ? 2 : 1;
}

// Whatever handle is still open (a keep-alive socket, a timer) must not keep a finished command alive.
setTimeout(() => process.exit(), 1000).unref();
