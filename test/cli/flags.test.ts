import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {HELP, parseArgs, UsageError, type Command, type MonitorCliOptions} from '../../source/cli/flags.js';
import {parseDuration} from '../../source/config/duration.js';
import {SETTING_KEYS} from '../../source/config/keys.js';
import {DEFAULT_METRICS} from '../../source/iot/catalog.js';

/** An environment with an empty settings folder: no user settings, no AWS or NO_COLOR variables. */
const env = {XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'iotmon-flags-'))};
const parse = (argv: string[]): Command => parseArgs(argv, {env});

function options(argv: string[]): MonitorCliOptions {
	const command = parse(argv);
	assert.ok(command.kind === 'monitor' || command.kind === 'tail', command.kind);
	return command.options;
}

test('parseDuration', () => {
	assert.equal(parseDuration('90m'), 90 * 60_000);
	assert.equal(parseDuration('3h'), 3 * 3600_000);
	assert.equal(parseDuration('2d'), 2 * 86_400_000);
	assert.equal(parseDuration('45'), 45_000);
	assert.equal(parseDuration('soon'), null);
	assert.equal(parseDuration('0s'), null);
});

test('parseArgs: defaults monitor the nine baseline metrics plus the error group', () => {
	const command = parse([]);
	assert.equal(command.kind, 'monitor');
	if (command.kind !== 'monitor') return;
	assert.ok(command.options.metrics.includes('PublishIn.Success'));
	assert.ok(command.options.metrics.includes('Connect.AuthError'));
	assert.equal(command.options.lookbackMs, 3 * 3600_000);
});

test('parseArgs: every option has its documented default', () => {
	assert.deepEqual(options([]), {
		demo: false,
		once: false,
		json: false,
		format: 'text',
		full: false,
		metrics: DEFAULT_METRICS,
		lookbackMs: 3 * 3600_000,
		tailIntervalMs: 5000,
		seed: 1,
		quietFleet: false,
		sensitivity: 'normal',
		rebaseline: false,
		maxEvents: 10_000,
		trailRate: 1,
		pollIntervalMs: 60_000,
		baselineDays: 14,
		notify: {bell: false, command: null},
		color: 'auto',
		ascii: false,
		regions: null,
		accounts: null,
		trailLogGroup: null,
		accountNames: null,
		org: false,
	});
});

test('parseArgs: --full goes with the hand-off (the UI and --once --format markdown) only', () => {
	assert.equal(options(['--full']).full, true, 'for s in the UI');
	assert.equal(options(['--once', '--format', 'markdown', '--full']).full, true);
	assert.equal(options(['--once', '--format', 'markdown']).full, false);
	for (const [argv, message] of [
		[['--once', '--json', '--full'], /--full goes with the Markdown hand-off, not --once --json; use --once --format markdown --full/],
		[['--once', '--full'], /not --once text/],
		[['tail', '--full'], /--full is for the hand-off .* not tail/],
	] as const) {
		assert.throws(() => parse([...argv]), (error: unknown) => error instanceof UsageError && message.test(error.message) && !error.message.includes('\n'), argv.join(' '));
	}
	assert.match(HELP, /^ {4}--full {17}the hand-off \(s, --format markdown\) with the suspects' CloudTrail records$/m);
});

test('parseArgs: the new flags', () => {
	const o = options([
		'--poll-interval', '2m', '--baseline-days', '7', '--no-color', '--ascii', '--bell', '--notify-command', 'logger -t iot',
	]);
	assert.equal(o.pollIntervalMs, 120_000);
	assert.equal(o.baselineDays, 7);
	assert.equal(o.color, 'never');
	assert.equal(o.ascii, true);
	assert.deepEqual(o.notify, {bell: true, command: 'logger -t iot'});
	assert.equal(options(['--color']).color, 'always');
	assert.equal(options(['--no-bell']).notify.bell, false);
	assert.equal(options(['--notify-command', '']).notify.command, null);
});

test('parseArgs: the existing flags keep their meaning', () => {
	const o = options(['--region', 'eu-west-1', '--profile', 'prod', '--metrics', 'PublishIn.Success, RulesExecuted',
		'--lookback', '90m', '--tail-interval', '2s', '--max-events', '500', '--trail-rate', '0.5', '--sensitivity', 'high',
		'--demo', '--once', '--json', '--seed', '7', '--quiet-fleet', '--rebaseline', '--endpoint-url', 'http://127.0.0.1:4566']);
	assert.equal(o.region, 'eu-west-1');
	assert.equal(o.profile, 'prod');
	assert.deepEqual(o.metrics, ['PublishIn.Success', 'RulesExecuted']);
	assert.equal(o.lookbackMs, 90 * 60_000);
	assert.equal(o.tailIntervalMs, 2000);
	assert.equal(o.maxEvents, 500);
	assert.equal(o.trailRate, 0.5);
	assert.equal(o.sensitivity, 'high');
	assert.deepEqual([o.demo, o.once, o.json, o.seed, o.quietFleet, o.rebaseline], [true, true, true, 7, true, true]);
	assert.equal(o.endpointUrl, 'http://127.0.0.1:4566');
	const tail = parse(['tail', '--since', '2h', '--lookback', '5h']);
	assert.equal(tail.kind, 'tail');
	if (tail.kind === 'tail') assert.equal(tail.options.lookbackMs, 2 * 3600_000, '--since wins');
});

test('parseArgs: simulate takes a port', () => {
	assert.deepEqual(parse(['simulate', '--port', '0']), {kind: 'simulate', port: 0, seed: 1, quiet: false, org: false});
	assert.deepEqual(parse(['simulate']), {kind: 'simulate', port: 4566, seed: 1, quiet: false, org: false});
});

test('parseArgs: bad input is a one-line UsageError naming the fix', () => {
	const bad: string[][] = [
		['--json'],
		['--lookback', 'forever'],
		['--lookback', '91d'],
		['--metrics', 'PublishIn.Sucess'],
		['--endpoint-url', 'localhost:4566'],
		['simulate', '--port', '70000'],
		['frobnicate'],
		['--poll-interval', '5s'],
		['--tail-interval', '0.5s'],
		['--baseline-days', '16'],
		['--baseline-days', '1.5'],
		['--max-events', '99'],
		['--max-events', 'many'],
		['--trail-rate', '0'],
		['--trail-rate', '2.5'],
		['--sensitivity', 'paranoid'],
		['config', 'get', 'region'],
		['config', 'set', 'region'],
		['config', 'set', 'colour', 'never'],
		['config', 'set', 'maxEvents', '50'],
	];
	for (const argv of bad) {
		assert.throws(() => parse(argv), (error: unknown) => {
			assert.ok(error instanceof UsageError, argv.join(' '));
			assert.ok(!error.message.includes('\n'));
			return true;
		});
	}
	assert.throws(() => parse(['--poll-interval', '5s']), {message: '--poll-interval "5s" must be a duration of at least 10s, e.g. --poll-interval 60s'});
	assert.throws(() => parse(['config', 'set', 'colour', 'never']), {message: 'config set: unknown key "colour": did you mean color?'});
	assert.throws(() => parse(['config', 'set', 'banana', 'never']), {message: /unknown key "banana"; the keys are region, profile, .*, color, ascii, regions, accounts, trailLogGroup, accountNames$/});
});

test('HELP: lists the new flags, the config command and every settings key', () => {
	for (const text of ['--poll-interval', '--baseline-days', '--no-color', '--ascii', '--bell', '--notify-command', '--config', 'config set']) {
		assert.ok(HELP.includes(text), text);
	}
	for (const key of SETTING_KEYS) assert.ok(HELP.includes(key.replace('notify.', '')), key);
});

test('parseArgs: an unknown flag is refused in one line naming the flag it most likely meant', () => {
	const table: Array<[string[], string]> = [
		[['--once', '--demo', '--regoin', 'us-east-1'], 'unknown flag --regoin: did you mean --region?'],
		[['--regoin=us-east-1'], 'unknown flag --regoin: did you mean --region?'],
		[['--no-colour'], 'unknown flag --no-colour: did you mean --no-color?'],
		[['--end', 'http://127.0.0.1:4566'], 'unknown flag --end: did you mean --endpoint-url?'],
		[['--once', '-x'], 'unknown flag -x; run iot-monitor --help for the list'],
		[['--banana'], 'unknown flag --banana; run iot-monitor --help for the list'],
		[['tail', '--jsno'], 'unknown flag --jsno: did you mean --json?'],
		// A string flag's value is skipped as the parser skips it, but a word that is itself a flag is not a value.
		[['--notify-command', '--bel'], 'unknown flag --bel: did you mean --bell?'],
	];
	for (const [argv, message] of table) assert.throws(() => parse(argv), {name: 'UsageError', message}, argv.join(' '));
});

test('parseArgs: values that look like flags are not flags when they are values', () => {
	assert.equal(options(['--notify-command', 'logger --tag iot', '--once']).notify.command, 'logger --tag iot');
	assert.equal(options(['--notify-command=--x']).notify.command, '--x');
	assert.equal(options(['--no-bell', '--no-color', '--no-ascii']).color, 'never');
	const simulate = parse(['simulate', '--seed', '-3']);
	assert.deepEqual(simulate, {kind: 'simulate', port: 4566, seed: -3, quiet: false, org: false});
});

test('parseArgs: an unknown command names the command or flag it most likely meant', () => {
	const table: Array<[string[], string]> = [
		[['tial'], 'unknown command "tial": did you mean tail?'],
		[['simulat'], 'unknown command "simulat": did you mean simulate?'],
		[['--once', 'once'], 'unknown command "once": did you mean --once?'],
		[['banana'], 'unknown command "banana"; run iot-monitor --help for the list'],
		[['tail', 'now'], 'unexpected "now" after tail; run iot-monitor --help'],
	];
	for (const [argv, message] of table) assert.throws(() => parse(argv), {name: 'UsageError', message}, argv.join(' '));
});

test('parseArgs: -h and --help anywhere print the help, --version the version (exit 0, nothing else checked)', () => {
	for (const argv of [['-h'], ['--help'], ['--once', '-h'], ['tail', '--help', '--regoin']]) {
		const command = parse(argv);
		assert.equal(command.kind, 'help', argv.join(' '));
		if (command.kind === 'help') assert.ok(command.text.includes(HELP.trim()), 'the whole help text');
	}
	assert.equal(parse(['--version']).kind, 'version');
	assert.throws(() => parse(['--', '-h', 'x']), UsageError, 'after -- nothing is a flag');
});

test('parseArgs: bad values name the flag and an example', () => {
	assert.throws(() => parse(['simulate', '--port', 'abc']), {message: '--port needs a number: use 0-65535 (0 picks a free one), e.g. --port 4566'});
	assert.throws(() => parse(['simulate', '--port', '70000']), {message: '--port 70000 is not a port; use 0-65535 (0 picks a free one), e.g. --port 4566'});
	assert.throws(() => parse(['config', 'set', 'lokback', '3h']), {message: 'config set: unknown key "lokback": did you mean lookback?'});
});

test('parseArgs: a --config file that is not there is bad input, except for config and config set', () => {
	const missing = join(mkdtempSync(join(tmpdir(), 'iotmon-flags-missing-')), 'nope.json');
	assert.throws(() => parse(['--once', '--config', missing]), {name: 'UsageError', message: /^--config ".*nope\.json": no such file; check the path/});
	assert.equal(parse(['config', '--config', missing]).kind, 'config');
	assert.equal(parse(['config', 'set', 'lookback', '3h', '--config', missing]).kind, 'config-set');
});

test('parseArgs: fleet flags are validated like the settings file', () => {
	const options = (argv: string[]) => {
		const command = parse(argv);
		assert.equal(command.kind, 'monitor');
		return command.kind === 'monitor' ? command.options : null;
	};
	assert.deepEqual(options(['--once', '--regions', 'us-east-1,eu-west-1'])?.regions, ['us-east-1', 'eu-west-1']);
	assert.equal(options(['--once', '--accounts', 'all'])?.accounts, 'all');
	assert.deepEqual(options(['--once', '--accounts', '111122223333,444455556666'])?.accounts, ['111122223333', '444455556666']);
	assert.equal(options(['--once', '--trail-log-group', 'aws-controltower/CloudTrailLogs'])?.trailLogGroup, 'aws-controltower/CloudTrailLogs');
	assert.equal(options(['--demo', '--org', '--once'])?.org, true);
	assert.throws(() => parse(['--regions', 'us-east-1,Europe']), {message: /^--regions "us-east-1,Europe" names "Europe", which is not an AWS region name, e\.g\. --regions us-east-1,eu-west-1$/});
	assert.throws(() => parse(['--accounts', '1234']), {message: /^--accounts "1234" names "1234", which is not a 12-digit account id, e\.g\. --accounts all$/});
	assert.throws(() => parse(['--org']), {message: /--org goes with --demo/});
});
