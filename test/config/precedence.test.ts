import {test} from 'node:test';
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {parseArgs} from '../../source/cli/flags.js';
import {SETTING_KEYS} from '../../source/config/keys.js';
import {envSettings, resolveSettings, type Resolved} from '../../source/config/resolve.js';
import {configHome, writeSettings} from './helpers.js';

/** The effective settings `config` reports for these flags, settings file and environment. */
function resolved(argv: string[], file: object | null, env: Record<string, string> = {}): Resolved {
	const {home, path} = configHome();
	if (file) writeSettings(path, file);
	const command = parseArgs(['config', ...argv], {env: {XDG_CONFIG_HOME: home, ...env}});
	assert.equal(command.kind, 'config');
	if (command.kind !== 'config') throw new Error('unreachable');
	assert.equal(command.report.file.path, path);
	assert.equal(command.report.exists, file !== null);
	return command.report.resolved;
}

const FILE = {
	region: 'eu-west-1',
	profile: 'file-profile',
	metrics: ['RulesExecuted'],
	pollInterval: '2m',
	tailInterval: '10s',
	lookback: '6h',
	baselineDays: 7,
	sensitivity: 'high',
	maxEvents: 500,
	trailRate: 0.5,
	notify: {bell: true, command: 'logger -t iot'},
	color: 'always',
	ascii: true,
	regions: ['us-east-1', 'eu-west-1'],
	accounts: 'all',
	trailLogGroup: 'aws-controltower/CloudTrailLogs',
	accountNames: {'111122223333': 'prod'},
};

test('default: no file, no environment, no flags', () => {
	const {settings, origins} = resolved([], null);
	assert.ok(SETTING_KEYS.every(key => origins[key] === 'default'));
	assert.equal(settings.region, null);
	assert.equal(settings.pollIntervalMs, 60_000);
	assert.equal(settings.color, 'auto');
});

test('file over default: every key', () => {
	const {settings, origins} = resolved([], FILE);
	assert.ok(SETTING_KEYS.every(key => origins[key] === 'file'), JSON.stringify(origins));
	assert.deepEqual(settings, {
		region: 'eu-west-1',
		profile: 'file-profile',
		metrics: ['RulesExecuted'],
		pollIntervalMs: 120_000,
		tailIntervalMs: 10_000,
		lookbackMs: 6 * 3_600_000,
		baselineDays: 7,
		sensitivity: 'high',
		maxEvents: 500,
		trailRate: 0.5,
		notify: {bell: true, command: 'logger -t iot'},
		color: 'always',
		ascii: true,
		regions: ['us-east-1', 'eu-west-1'],
		accounts: 'all',
		trailLogGroup: 'aws-controltower/CloudTrailLogs',
		accountNames: {'111122223333': 'prod'},
	});
});

test('env over file: AWS_REGION (then AWS_DEFAULT_REGION), AWS_PROFILE, NO_COLOR', () => {
	const env = {AWS_REGION: 'us-east-2', AWS_DEFAULT_REGION: 'ap-south-1', AWS_PROFILE: 'env-profile', NO_COLOR: '1'};
	const {settings, origins} = resolved([], FILE, env);
	assert.deepEqual([settings.region, settings.profile, settings.color], ['us-east-2', 'env-profile', 'never']);
	assert.deepEqual([origins.region, origins.profile, origins.color, origins.metrics], ['env', 'env', 'env', 'file']);
	assert.equal(resolved([], FILE, {AWS_DEFAULT_REGION: 'ap-south-1'}).settings.region, 'ap-south-1');
	// no-color.org: only a non-empty value counts.
	assert.equal(resolved([], FILE, {NO_COLOR: ''}).origins.color, 'file');
	assert.equal(resolved([], null, {NO_COLOR: 'yes'}).settings.color, 'never');
});

test('flag over env and file: every key', () => {
	const env = {AWS_REGION: 'us-east-2', AWS_PROFILE: 'env-profile', NO_COLOR: '1'};
	const argv = ['--region', 'sa-east-1', '--profile', 'flag-profile', '--metrics', 'Ping.Success', '--poll-interval', '30s',
		'--tail-interval', '3s', '--lookback', '1h', '--baseline-days', '3', '--sensitivity', 'low', '--max-events', '2000',
		'--trail-rate', '1.5', '--no-bell', '--notify-command', '', '--color', '--no-ascii', '--regions', 'ap-south-1',
		'--accounts', '111122223333', '--trail-log-group', 'org-trail', '--account-names', '{"111122223333":"staging"}'];
	const {settings, origins} = resolved(argv, FILE, env);
	assert.ok(SETTING_KEYS.every(key => origins[key] === 'flag'), JSON.stringify(origins));
	assert.deepEqual(settings, {
		region: 'sa-east-1',
		profile: 'flag-profile',
		metrics: ['Ping.Success'],
		pollIntervalMs: 30_000,
		tailIntervalMs: 3000,
		lookbackMs: 3_600_000,
		baselineDays: 3,
		sensitivity: 'low',
		maxEvents: 2000,
		trailRate: 1.5,
		notify: {bell: false, command: null},
		color: 'always',
		ascii: false,
		regions: ['ap-south-1'],
		accounts: ['111122223333'],
		trailLogGroup: 'org-trail',
		accountNames: {'111122223333': 'staging'},
	});
	assert.equal(resolved(['--no-color'], {color: 'always'}).settings.color, 'never');
	assert.equal(resolved(['--since', '2h'], FILE).settings.lookbackMs, 2 * 3_600_000);
});

test('the effective settings reach the monitor options', () => {
	const {home, path} = configHome();
	writeSettings(path, FILE);
	const command = parseArgs(['--once', '--baseline-days', '5'], {env: {XDG_CONFIG_HOME: home, AWS_PROFILE: 'env-profile'}});
	assert.equal(command.kind, 'monitor');
	if (command.kind !== 'monitor') return;
	const o = command.options;
	assert.deepEqual(
		[o.region, o.profile, o.metrics, o.pollIntervalMs, o.tailIntervalMs, o.lookbackMs, o.baselineDays, o.sensitivity, o.maxEvents, o.trailRate, o.notify, o.color, o.ascii],
		['eu-west-1', 'env-profile', ['RulesExecuted'], 120_000, 10_000, 6 * 3_600_000, 5, 'high', 500, 0.5, {bell: true, command: 'logger -t iot'}, 'always', true],
	);
	const tail = parseArgs(['tail'], {env: {XDG_CONFIG_HOME: home}});
	assert.equal(tail.kind === 'tail' && tail.options.tailIntervalMs, 10_000);
});

test('--config: another settings file, instead of the default one', () => {
	const {home, path} = configHome();
	writeSettings(path, {sensitivity: 'low'});
	const other = join(home, 'other setup.json');
	writeSettings(other, {sensitivity: 'high'});
	const command = parseArgs(['config', '--config', other], {env: {XDG_CONFIG_HOME: home}});
	assert.equal(command.kind, 'config');
	if (command.kind !== 'config') return;
	assert.equal(command.report.file.path, other);
	assert.equal(command.report.resolved.settings.sensitivity, 'high');
});

test('resolveSettings: each key from the highest level that sets it (pure)', () => {
	const {values, origins} = resolveSettings({
		flags: {maxEvents: 300},
		env: envSettings({AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'eu-west-3'}).values,
		file: {maxEvents: 400, region: 'eu-west-1', trailRate: 2},
	});
	assert.deepEqual([values.maxEvents, values.region, values.trailRate, values.lookback], [300, 'us-west-2', 2, 3 * 3_600_000]);
	assert.deepEqual([origins.maxEvents, origins.region, origins.trailRate, origins.lookback], ['flag', 'env', 'file', 'default']);
	assert.deepEqual(envSettings({AWS_DEFAULT_REGION: 'eu-west-3', NO_COLOR: '1'}).names, {region: 'AWS_DEFAULT_REGION', color: 'NO_COLOR'});
	assert.throws(() => envSettings({AWS_REGION: 'eu west 1'}), /^SettingsError: AWS_REGION "eu west 1" must be an AWS region name/);
});
