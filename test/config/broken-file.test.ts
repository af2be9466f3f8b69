import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {parseArgs} from '../../source/cli/flags.js';
import {SettingsError} from '../../source/config/document.js';
import {writeSetting} from '../../source/config/file.js';
import {BROKEN, configHome, writeSettings} from './helpers.js';

/** Every command that reads settings; `config set` also goes through writeSetting. */
const COMMANDS: readonly string[][] = [[], ['--once'], ['--once', '--json'], ['tail'], ['config'], ['config', 'set', 'sensitivity', 'high']];

async function run(argv: string[], env: Record<string, string>): Promise<void> {
	const command = parseArgs(argv, {env});
	if (command.kind === 'config-set') await writeSetting(command.file, command.key, command.value);
}

for (const broken of BROKEN) {
	test(`a broken file (${broken.name}): one line naming the file, every command refuses, the bytes stay`, async () => {
		const {home, path} = configHome();
		writeSettings(path, broken.text);
		const before = readFileSync(path);
		for (const argv of COMMANDS) {
			await assert.rejects(run(argv, {XDG_CONFIG_HOME: home}), (error: unknown) => {
				assert.ok(error instanceof SettingsError, `${argv.join(' ')}: ${String(error)}`);
				assert.ok(!error.message.includes('\n'), error.message);
				assert.ok(error.message.startsWith(`${path}: `), error.message);
				assert.match(error.message, broken.message);
				return true;
			});
			assert.deepEqual(readFileSync(path), before, `${argv.join(' ')} left the file alone`);
		}
	});
}

test('a broken file named with --config: the fix names it too', () => {
	const {home} = configHome();
	const path = `${home}/my setup.json`;
	writeSettings(path, {tailInterval: '100ms'});
	assert.throws(() => parseArgs(['--config', path], {env: {}}), {
		message: `${path}: "tailInterval" must be a duration of at least 1s, e.g. "5s"; fix or remove it (iot-monitor config set tailInterval 5s --config '${path}')`,
	});
});

test('simulate does not read settings', () => {
	const {home, path} = configHome();
	writeSettings(path, '{');
	assert.equal(parseArgs(['simulate'], {env: {XDG_CONFIG_HOME: home}}).kind, 'simulate');
});

test('an unreadable settings path: one line, no crash', () => {
	const {home} = configHome();
	// A folder where the file should be.
	writeSettings(`${home}/iot-monitor/config.json/x`, '{}');
	assert.throws(() => parseArgs([], {env: {XDG_CONFIG_HOME: home}}), {
		name: 'SettingsError',
		message: /config\.json: cannot be read \(EISDIR\)/,
	});
});

test('hostile text in the file never reaches the terminal raw', () => {
	const {home, path} = configHome();
	writeSettings(path, {'\u001b[2J\u009b31m': 1});
	assert.throws(() => parseArgs([], {env: {XDG_CONFIG_HOME: home}}), (error: unknown) => {
		assert.ok(error instanceof SettingsError);
		assert.match(error.message, /unknown key "\\u001b\[2J\\u009b31m"/);
		assert.ok(!/[\u0000-\u001f\u007f-\u009f]/.test(error.message), error.message);
		return true;
	});
});
