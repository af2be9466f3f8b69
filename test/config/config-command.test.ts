import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, readFileSync} from 'node:fs';
import {parseArgs} from '../../source/cli/flags.js';
import {writeSetting} from '../../source/config/file.js';
import {SETTING_KEYS} from '../../source/config/keys.js';
import {formatSettingsReport} from '../../source/config/show.js';
import {configHome, writeSettings} from './helpers.js';

function report(argv: string[], env: Record<string, string>): string {
	const command = parseArgs(['config', ...argv], {env});
	assert.equal(command.kind, 'config');
	return command.kind === 'config' ? formatSettingsReport(command.report) : '';
}

/** Runs `config set KEY VALUE` as the CLI does: parse, then write. */
async function set(home: string, key: string, value: string): Promise<void> {
	const command = parseArgs(['config', 'set', key, value], {env: {XDG_CONFIG_HOME: home}});
	assert.equal(command.kind, 'config-set');
	if (command.kind === 'config-set') await writeSetting(command.file, command.key, command.value);
}

const fileJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

test('config: the file path, whether it exists, then every setting with its value and origin in 80 columns', () => {
	const {home, path} = configHome();
	const missing = report([], {XDG_CONFIG_HOME: home});
	assert.ok(missing.startsWith(`settings file: ${path} (does not exist yet`), missing);
	writeSettings(path, {pollInterval: '90s', notify: {command: 'logger -t iot'}});
	const text = report(['--lookback', '2h'], {XDG_CONFIG_HOME: home, NO_COLOR: '1', AWS_DEFAULT_REGION: 'eu-north-1'});
	const lines = text.trimEnd().split('\n');
	assert.equal(lines[0], `settings file: ${path} (exists)`);
	const rows = lines.slice(3);
	assert.deepEqual(rows.map(row => row.split(/\s+/)[0]), [...SETTING_KEYS]);
	assert.ok(rows.every(row => row.length <= 80), text);
	const row = (key: string) => rows.find(line => line.startsWith(`${key} `))!.replace(/\s+/g, ' ');
	assert.equal(row('region'), 'region eu-north-1 env AWS_DEFAULT_REGION');
	assert.equal(row('pollInterval'), 'pollInterval 90s file');
	assert.equal(row('lookback'), 'lookback 2h flag');
	assert.equal(row('notify.command'), 'notify.command logger -t iot file');
	assert.equal(row('color'), 'color never env NO_COLOR');
	assert.equal(row('maxEvents'), 'maxEvents 10000 default');
	assert.match(row('metrics'), /^metrics \d+ metrics: PublishIn\.Success,.*\.\.\. default$/);
	// Values and origins line up.
	assert.ok(rows.every(line => line[15] === ' ' && line[16] !== ' '), text);
	assert.equal(new Set(rows.map(line => line.lastIndexOf('  ') + 2)).size, 1, text);
});

test('config set: creates the folder and file, writes only that key, as its JSON type', async () => {
	const {home, path} = configHome();
	await set(home, 'pollInterval', '90s');
	assert.deepEqual(fileJson(path), {pollInterval: '90s'});
	await set(home, 'maxEvents', '5000');
	await set(home, 'metrics', 'PublishIn.Success, RulesExecuted');
	await set(home, 'notify.bell', 'true');
	await set(home, 'notify.command', 'logger -t iot');
	await set(home, 'ascii', 'true');
	await set(home, 'maxEvents', '6000');
	assert.deepEqual(fileJson(path), {
		pollInterval: '90s',
		maxEvents: 6000,
		metrics: ['PublishIn.Success', 'RulesExecuted'],
		notify: {bell: true, command: 'logger -t iot'},
		ascii: true,
	});
	await set(home, 'notify.command', '');
	assert.deepEqual((fileJson(path) as {notify: unknown}).notify, {bell: true, command: null});
});

test('config set: keeps the other keys whatever the formatting', async () => {
	const {home, path} = configHome();
	writeSettings(path, '{"region":"eu-west-1",\n\n      "notify": {"command": "x", "bell": false},   "lookback": "90m"}\n');
	await set(home, 'notify.bell', 'true');
	await set(home, 'lookback', '6h');
	assert.deepEqual(fileJson(path), {region: 'eu-west-1', notify: {command: 'x', bell: true}, lookback: '6h'});
});

test('config set: validates with the same validator and leaves the file alone on bad input', async () => {
	const {home, path} = configHome();
	writeSettings(path, {region: 'eu-west-1'});
	const before = readFileSync(path);
	for (const [key, value] of [['pollInterval', '5s'], ['baselineDays', '16'], ['color', 'on'], ['metrics', 'Nope'], ['frob', '1']] as const) {
		await assert.rejects(set(home, key, value), {name: 'UsageError'});
	}
	await assert.rejects(set(home, 'colour', 'never'), {message: 'config set: unknown key "colour": did you mean color?'});
	await assert.rejects(set(home, 'banana', 'never'), {message: /unknown key "banana"; the keys are region, profile, metrics, .*notify\.bell, notify\.command, color, ascii, regions, accounts, trailLogGroup, accountNames$/});
	assert.deepEqual(readFileSync(path), before);
});

test('config set: refuses on a file broken elsewhere, but fixes the broken key the message names', async () => {
	const {home, path} = configHome();
	writeSettings(path, {pollInterval: 5, lookback: 'soon'});
	const before = readFileSync(path);
	await assert.rejects(set(home, 'pollInterval', '60s'), {name: 'SettingsError', message: /"lookback" must be a duration/});
	await assert.rejects(set(home, 'lookback', '3h'), {name: 'SettingsError', message: /"pollInterval" must be a duration/});
	await assert.rejects(set(home, 'region', 'eu-west-1'), {name: 'SettingsError', message: /"pollInterval" must be a duration/});
	assert.deepEqual(readFileSync(path), before);
	// The fix the message offers works when the only broken key is the one being set.
	writeSettings(path, {pollInterval: 5, lookback: '3h'});
	await set(home, 'pollInterval', '60s');
	assert.deepEqual(fileJson(path), {pollInterval: '60s', lookback: '3h'});
	writeSettings(path, {notify: 'loud'});
	await set(home, 'notify.bell', 'false');
	assert.deepEqual(fileJson(path), {notify: {bell: false}});
});

test('config set with --config writes that file only', async () => {
	const {home, path} = configHome();
	const other = `${home}/elsewhere/settings`;
	const command = parseArgs(['config', 'set', 'sensitivity', 'low', '--config', other], {env: {XDG_CONFIG_HOME: home}});
	assert.equal(command.kind, 'config-set');
	if (command.kind === 'config-set') await writeSetting(command.file, command.key, command.value);
	assert.deepEqual(fileJson(other), {sensitivity: 'low'});
	assert.equal(existsSync(path), false);
});

test('config: control characters in a value are shown, not sent to the terminal', () => {
	const {home, path} = configHome();
	writeSettings(path, {notify: {command: 'printf "\u001b]0;pwned\u0007"'}});
	const text = report([], {XDG_CONFIG_HOME: home});
	assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(text), text);
	assert.match(text, /notify\.command +printf "␛\]0;pwned␇" +file/);
});
