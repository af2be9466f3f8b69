/**
 * Command-line flags (meow) turned into validated options, on top of the settings file and the environment
 * (source/config/). Bad input gives one line naming the problem and the fix; nothing here touches AWS or the
 * terminal, and the only file read is the settings file.
 */
import meow from 'meow';
import type {SettingsFileRef} from '../config/document.js';
import {readSettingsFile, settingsFile} from '../config/file.js';
import {isSettingKey, SETTING_KEYS, SPECS, type JsonValue, type SettingKey, type SettingTypes, type SettingValues} from '../config/keys.js';
import {envSettings, resolveSettings, type Settings} from '../config/resolve.js';
import type {SettingsReport} from '../config/show.js';
import {safeJsonStringify} from '../text/json.js';
import {HELP} from './help.js';
import {suggest} from './suggest.js';
import packageJson from '../../package.json' with {type: 'json'};

export {HELP} from './help.js';


export type Command =
	/** --help or -h, --version: print `text` and exit 0. */
	| {kind: 'help'; text: string}
	| {kind: 'version'; text: string}
	| {kind: 'monitor'; options: MonitorCliOptions}
	| {kind: 'simulate'; port: number; seed: number; quiet: boolean; org: boolean}
	| {kind: 'tail'; options: MonitorCliOptions}
	/** `config`: print the report. */
	| {kind: 'config'; report: SettingsReport}
	/** `config set KEY VALUE`: the value is valid; the file is checked again when written. */
	| {kind: 'config-set'; file: SettingsFileRef; key: SettingKey; value: JsonValue};

/** What the monitor runs with: the effective settings (flags > environment > file > defaults) and the run's own flags. */
export type MonitorCliOptions = Omit<Settings, 'region' | 'profile'> & {
	readonly demo: boolean;
	readonly once: boolean;
	/** --json, or --format json. */
	readonly json: boolean;
	/** How --once prints: text (default), json, or markdown (the incident hand-off). */
	readonly format: 'text' | 'json' | 'markdown';
	/** The hand-off (s, --once --format markdown) with the records inline and no length bound. */
	readonly full: boolean;
	readonly region?: string;
	readonly profile?: string;
	readonly endpointUrl?: string;
	readonly seed: number;
	readonly quietFleet: boolean;
	readonly rebaseline: boolean;
	/** --demo --org: the embedded endpoint as an organization of 3 accounts in 2 regions. */
	readonly org: boolean;
};

/** A user error: printed as one line; exit code 2, or 3 (UNKNOWN) under --once (source/cli/entry.ts). */
export class UsageError extends Error {
	override name = 'UsageError';
}

/** Where parseArgs looks for settings besides argv (injectable for tests). */
export type ParseContext = {
	/** Default process.env: XDG_CONFIG_HOME, AWS_REGION, AWS_DEFAULT_REGION, AWS_PROFILE, NO_COLOR. */
	readonly env?: Readonly<Record<string, string | undefined>>;
};

/** Flags that carry a setting as text, and the setting each one sets. */
const TEXT_FLAGS = {
	region: 'region',
	profile: 'profile',
	metrics: 'metrics',
	pollInterval: 'pollInterval',
	tailInterval: 'tailInterval',
	lookback: 'lookback',
	since: 'lookback',
	baselineDays: 'baselineDays',
	sensitivity: 'sensitivity',
	maxEvents: 'maxEvents',
	trailRate: 'trailRate',
	notifyCommand: 'notify.command',
	regions: 'regions',
	accounts: 'accounts',
	trailLogGroup: 'trailLogGroup',
	accountNames: 'accountNames',
} as const satisfies Record<string, SettingKey>;

/** Every flag: meow parses these, and anything else on the command line is refused with a suggestion. */
const FLAGS = {
	region: {type: 'string'},
	profile: {type: 'string'},
	endpointUrl: {type: 'string'},
	demo: {type: 'boolean'},
	once: {type: 'boolean'},
	json: {type: 'boolean'},
	format: {type: 'string'},
	full: {type: 'boolean'},
	metrics: {type: 'string'},
	pollInterval: {type: 'string'},
	baselineDays: {type: 'string'},
	lookback: {type: 'string'},
	since: {type: 'string'},
	maxEvents: {type: 'string'},
	trailRate: {type: 'string'},
	tailInterval: {type: 'string'},
	port: {type: 'number'},
	seed: {type: 'number'},
	quietFleet: {type: 'boolean'},
	sensitivity: {type: 'string'},
	rebaseline: {type: 'boolean'},
	color: {type: 'boolean'},
	ascii: {type: 'boolean'},
	bell: {type: 'boolean'},
	notifyCommand: {type: 'string'},
	config: {type: 'string'},
	regions: {type: 'string'},
	accounts: {type: 'string'},
	trailLogGroup: {type: 'string'},
	accountNames: {type: 'string'},
	org: {type: 'boolean'},
	help: {type: 'boolean', shortFlag: 'h'},
	version: {type: 'boolean'},
} as const;

const kebab = (name: string) => name.replaceAll(/[A-Z]/g, upper => `-${upper.toLowerCase()}`);

/** Validates one setting's text with its key's validator; the message names where the text came from. */
function settingFromText<K extends SettingKey>(key: K, text: string, source: string, example: string): SettingTypes[K] {
	const checked = SPECS[key].fromText(text);
	if (!checked.ok) throw new UsageError(`${source} ${safeJsonStringify(text)} ${checked.problem ?? SPECS[key].rule}, e.g. ${example}`);
	return checked.value as SettingTypes[K];
}

export function parseArgs(argv: readonly string[], context: ParseContext = {}): Command {
	const env = context.env ?? process.env;
	const before = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
	if (before.includes('--help') || before.includes('-h')) return {kind: 'help', text: `${packageJson.description}\n${HELP}`};
	if (before.includes('--version')) return {kind: 'version', text: packageJson.version};
	checkFlags(before);
	const cli = meow(HELP, {
		// Only its url is read; the bundle (CommonJS, scripts/build.mjs) defines import.meta.url alone.
		importMeta: {url: import.meta.url} as ImportMeta,
		// Our own package, not whatever package.json meow would find above the installed bundle.
		pkg: {name: packageJson.name, version: packageJson.version, description: packageJson.description, bin: packageJson.bin},
		argv: [...argv],
		// Unknown flags are found by checkFlags first (meow would print its own text and exit 2 itself).
		allowUnknownFlags: true,
		autoHelp: false,
		autoVersion: false,
		// No defaults here: a flag not given must be told apart from one given, so the settings file and the
		// environment can supply the value (source/config/).
		booleanDefault: undefined,
		flags: FLAGS,
	});
	const f = cli.flags;
	const [command, ...rest] = cli.input.map(String);
	const isConfig = command === 'config' && (rest.length === 0 || rest[0] === 'set');
	if (!isConfig && (rest.length > 0 || (command !== undefined && command !== 'simulate' && command !== 'tail'))) {
		throw new UsageError(unknownCommand(cli.input.map(String)));
	}
	const seed = f.seed ?? 1;
	if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer, e.g. --seed 7');
	if (command === 'simulate') {
		const port = f.port ?? 4566;
		if (!Number.isInteger(port) || port < 0 || port > 65535) {
			const shown = Number.isNaN(port) ? 'needs a number:' : `${port} is not a port;`;
			throw new UsageError(`--port ${shown} use 0-65535 (0 picks a free one), e.g. --port 4566`);
		}
		return {kind: 'simulate', port, seed, quiet: f.quietFleet ?? false, org: f.org ?? false};
	}
	if (f.config !== undefined && f.config.trim() === '') throw new UsageError('--config needs a file path, e.g. --config ./iot-monitor.json');
	const file = settingsFile(env, f.config);
	if (command === 'config' && rest[0] === 'set') return parseConfigSet(rest.slice(1), file);
	if (f.json && !f.once && command !== 'tail') {
		throw new UsageError('--json needs --once or tail (e.g. iot-monitor --once --json)');
	}
	if (f.org && !f.demo) throw new UsageError('--org goes with --demo or simulate (e.g. iot-monitor --demo --org)');
	const format = f.format ?? (f.json ? 'json' : 'text');
	if (format !== 'text' && format !== 'json' && format !== 'markdown') {
		throw new UsageError(`--format "${f.format}" must be text, json or markdown, e.g. --once --format markdown`);
	}
	if (f.format !== undefined && (!f.once || command === 'tail')) {
		throw new UsageError('--format goes with --once (e.g. iot-monitor --once --format markdown > incident.md)');
	}
	if (f.full && command === 'tail') throw new UsageError('--full is for the hand-off (s in the UI, --once --format markdown), not tail');
	if (f.full && f.once && format !== 'markdown') {
		throw new UsageError(`--full goes with the Markdown hand-off, not --once ${format === 'json' ? '--json' : 'text'}; use --once --format markdown --full`);
	}
	if (f.json && format !== 'json') throw new UsageError(`--json and --format ${format} disagree; use one of them`);
	if (f.endpointUrl !== undefined && !/^https?:\/\/.+/.test(f.endpointUrl)) {
		throw new UsageError(`--endpoint-url "${f.endpointUrl}" is not an http(s) URL`);
	}
	const flags: Partial<Record<SettingKey, unknown>> = {};
	for (const [name, key] of Object.entries(TEXT_FLAGS)) {
		const text = f[name as keyof typeof TEXT_FLAGS];
		// --since wins over --lookback: it is tail's name for the same thing.
		if (text === undefined || (name === 'lookback' && f.since !== undefined)) continue;
		const flag = `--${kebab(name)}`;
		flags[key] = settingFromText(key, text, flag, `${flag} ${SPECS[key].example}`);
	}
	if (f.bell !== undefined) flags['notify.bell'] = f.bell;
	if (f.color !== undefined) flags.color = f.color ? 'always' : 'never';
	if (f.ascii !== undefined) flags.ascii = f.ascii;
	const environment = envSettings(env);
	const contents = readSettingsFile(file);
	// A settings file named on the command line must be there: a typo in a check's --config would otherwise
	// run it on the defaults without a word. (`config` reports it; `config set` creates it.)
	if (f.config !== undefined && !contents.exists && command !== 'config') {
		throw new UsageError(`--config ${safeJsonStringify(f.config)}: no such file; check the path, or create it with iot-monitor --config ${f.config} config set KEY VALUE`);
	}
	const resolved = resolveSettings({flags: flags as Partial<SettingValues>, env: environment.values, file: contents.values});
	if (command === 'config') {
		return {kind: 'config', report: {file, exists: contents.exists, resolved, envNames: environment.names}};
	}
	const s = resolved.settings;
	return {
		kind: command === 'tail' ? 'tail' : 'monitor',
		options: {
			demo: f.demo ?? false,
			once: f.once ?? false,
			json: format === 'json',
			format,
			full: f.full ?? false,
			...(s.region ? {region: s.region} : {}),
			...(s.profile ? {profile: s.profile} : {}),
			...(f.endpointUrl ? {endpointUrl: f.endpointUrl} : {}),
			metrics: s.metrics,
			lookbackMs: s.lookbackMs,
			tailIntervalMs: s.tailIntervalMs,
			seed,
			quietFleet: f.quietFleet ?? false,
			sensitivity: s.sensitivity,
			rebaseline: f.rebaseline ?? false,
			maxEvents: s.maxEvents,
			trailRate: s.trailRate,
			pollIntervalMs: s.pollIntervalMs,
			baselineDays: s.baselineDays,
			notify: s.notify,
			color: s.color,
			ascii: s.ascii,
			regions: s.regions,
			accounts: s.accounts,
			trailLogGroup: s.trailLogGroup,
			accountNames: s.accountNames,
			org: f.org ?? false,
		},
	};
}

const COMMANDS = ['simulate', 'tail', 'config'] as const;
const FLAG_NAMES = [...Object.keys(FLAGS).map(kebab), 'no-color', 'no-bell'];
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
function checkFlags(argv: readonly string[]): void {
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
function unknownCommand(input: readonly string[]): string {
	const [first = '', ...rest] = input;
	const known = (COMMANDS as readonly string[]).includes(first);
	if (known) return `unexpected "${rest.join(' ')}" after ${first}; run iot-monitor --help`;
	const command = suggest(first, COMMANDS);
	const flag = command === null ? suggest(first, FLAG_NAMES) : null;
	return `unknown command ${safeJsonStringify(first)}${didYouMean(command ?? (flag === null ? null : `--${flag}`))}`;
}

/** `config set KEY VALUE`: the key must exist and the value pass the key's validator. */
function parseConfigSet(args: readonly string[], file: SettingsFileRef): Command {
	const [key, text, ...extra] = args;
	const keys = SETTING_KEYS.join(', ');
	if (key === undefined || text === undefined || extra.length > 0) {
		throw new UsageError(`usage: iot-monitor config set KEY VALUE (one value; quote it if it has spaces); keys: ${keys}`);
	}
	if (!isSettingKey(key)) {
		const guess = suggest(key, SETTING_KEYS);
		throw new UsageError(`config set: unknown key ${safeJsonStringify(key)}${guess ? `: did you mean ${guess}?` : `; the keys are ${keys}`}`);
	}
	const value = settingFromText(key, text, `config set ${key}`, `iot-monitor config set ${key} ${SPECS[key].example}`);
	const spec = SPECS[key] as {toJson: (value: unknown, text: string) => JsonValue};
	return {kind: 'config-set', file, key, value: spec.toJson(value, text)};
}
