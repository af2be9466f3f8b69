/**
 * Command-line flags (meow) turned into validated options, on top of the settings file and the environment
 * (source/config/). Bad input gives one line naming the problem and the fix; nothing here touches AWS or the
 * terminal, and the only file read is the settings file.
 */
import meow from 'meow';
import {readSettingsFile, settingsFile} from '../config/file.js';
import {SPECS, type SettingKey, type SettingValues} from '../config/keys.js';
import {envSettings, resolveSettings} from '../config/resolve.js';
import {safeJsonStringify} from '../text/json.js';
import type {Command, ParseContext} from './command.js';
import {FLAGS, kebab, TEXT_FLAGS} from './flag-specs.js';
import {HELP} from './help.js';
import {parseConfigSet, settingFromText} from './setting-args.js';
import {checkFlags, unknownCommand} from './unknown-input.js';
import {UsageError} from './usage-error.js';
import packageJson from '../../package.json' with {type: 'json'};

export {HELP} from './help.js';
export type {Command, MonitorCliOptions, ParseContext} from './command.js';
export {UsageError} from './usage-error.js';

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
