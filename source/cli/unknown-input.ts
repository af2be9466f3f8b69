/**
 * A flag or command iot-monitor does not know, refused in one line that names it and what was most likely
 * meant: `unknown flag --regoin: did you mean --region?`, `unknown command "tial": did you mean tail?`.
 */
import {safeJsonStringify} from '../text/json.js';
import {COMMANDS, FLAG_NAMES, FLAGS} from './flag-specs.js';
import {suggest} from './suggest.js';
import {UsageError} from './usage-error.js';

const isNegativeNumber = (arg: string) => /^-\d/.test(arg);

/** " : did you mean --region?" for a near miss, else where the list is. */
function didYouMean(name: string | null): string {
	return name === null ? '; run iot-monitor --help for the list' : `: did you mean ${name}?`;
}

/**
 * Refuses any flag not in FLAGS, naming it and the flag it most likely meant: `unknown flag --regoin: did
 * you mean --region?`. Values are skipped as meow's parser skips them (a string flag takes the next word
 * unless that word is itself a flag).
 */
export function checkFlags(argv: readonly string[]): void {
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (!arg.startsWith('-') || arg === '-' || isNegativeNumber(arg)) continue;
		const equals = arg.indexOf('=');
		const written = equals === -1 ? arg : arg.slice(0, equals);
		const name = written.replace(/^--?/, '');
		const camel = name.replaceAll(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
		const spec = written.startsWith('--') ? (FLAGS as Record<string, {type: string}>)[camel] : undefined;
		if (spec) {
			const next = argv[i + 1];
			if (spec.type !== 'boolean' && equals === -1 && next !== undefined && (!next.startsWith('-') || isNegativeNumber(next))) i++;
			continue;
		}
		const negated = written.startsWith('--no-') ? (FLAGS as Record<string, {type: string}>)[camel.replace(/^no([A-Z])/, (_, c: string) => c.toLowerCase())] : undefined;
		if (negated?.type === 'boolean') continue;
		const guess = suggest(name, FLAG_NAMES);
		throw new UsageError(`unknown flag ${written}${didYouMean(guess === null ? null : `--${guess}`)}`);
	}
}

/** `unknown command "tial": did you mean tail?` (or the flag it looks like: "once" -> --once). */
export function unknownCommand(input: readonly string[]): string {
	const [first = '', ...rest] = input;
	const known = (COMMANDS as readonly string[]).includes(first);
	if (known) return `unexpected "${rest.join(' ')}" after ${first}; run iot-monitor --help`;
	const command = suggest(first, COMMANDS);
	const flag = command === null ? suggest(first, FLAG_NAMES) : null;
	return `unknown command ${safeJsonStringify(first)}${didYouMean(command ?? (flag === null ? null : `--${flag}`))}`;
}
