// End to end against the BUILT CLI (npm run build first; npm test does): conf must bundle and run there.
import {test, before} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {BROKEN, configHome, writeSettings} from './helpers.js';

type Run = {code: number | null; stdout: string; stderr: string};

before(() => {
	assert.ok(existsSync('dist/cli.js'), 'run npm run build first (npm test does)');
});

/** Runs dist/cli.js with only a temporary home: no AWS variables, no NO_COLOR, no user settings. */
function run(args: string[], home: string): Promise<Run> {
	return new Promise(resolve => {
		const child = spawn(process.execPath, ['dist/cli.js', ...args], {
			env: {PATH: process.env['PATH'], HOME: home, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home, XDG_STATE_HOME: home},
			stdio: ['ignore', 'pipe', 'pipe'],
			timeout: 20_000,
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => (stdout += String(chunk)));
		child.stderr.on('data', chunk => (stderr += String(chunk)));
		child.on('exit', code => resolve({code, stdout, stderr}));
	});
}

test('built CLI: config set writes the file, config shows it with its origin', async () => {
	const {home, path} = configHome();
	const shown = await run(['config'], home);
	assert.equal(shown.code, 0, shown.stderr);
	assert.match(shown.stdout, new RegExp(`^settings file: ${path} \\(does not exist yet`));
	const set = await run(['config', 'set', 'pollInterval', '90s'], home);
	assert.equal(set.code, 0, set.stderr);
	assert.equal(set.stdout, `set pollInterval to "90s" in ${path}\n`);
	assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), {pollInterval: '90s'});
	const after = await run(['config', '--no-color'], home);
	assert.equal(after.code, 0, after.stderr);
	assert.match(after.stdout, /\(exists\)/);
	assert.match(after.stdout, /^pollInterval +90s +file$/m);
	assert.match(after.stdout, /^color +never +flag$/m);
	assert.match(after.stdout, /^lookback +3h +default$/m);
	const bad = await run(['config', 'set', 'pollInterval', '5s'], home);
	assert.equal(bad.code, 2);
	assert.equal(bad.stderr, 'iot-monitor: config set pollInterval "5s" must be a duration of at least 10s, e.g. iot-monitor config set pollInterval 60s\n');
});

test('built CLI: a broken file is one line on stderr, exit 2 (3, UNKNOWN, for --once checks), for every command, and stays as it was', async () => {
	const {home, path} = configHome();
	const broken = BROKEN.find(entry => entry.name === 'a schema violation')!;
	writeSettings(path, broken.text);
	const bytes = readFileSync(path);
	for (const args of [['config'], ['config', 'set', 'ascii', 'true'], ['--once', '--json'], ['tail', '--json'], []]) {
		const result = await run(args, home);
		assert.equal(result.code, args.includes('--once') ? 3 : 2, `${args.join(' ')}: ${result.stderr}`);
		assert.equal(result.stdout, '');
		assert.equal(
			result.stderr,
			`iot-monitor: ${path}: "pollInterval" must be a duration of at least 10s, e.g. "60s"; fix or remove it (iot-monitor config set pollInterval 60s)\n`,
		);
		assert.deepEqual(readFileSync(path), bytes);
	}
	writeSettings(path, '{"lookback": "3h",}');
	const json = await run(['config'], home);
	assert.equal(json.code, 2);
	assert.equal(json.stderr, `iot-monitor: ${path}: not valid JSON at line 1 column 19 (expected a "quoted" key, found "}"); fix it or remove the file\n`);
	// The fix the message offers works.
	writeSettings(path, broken.text);
	assert.equal((await run(['config', 'set', 'pollInterval', '60s'], home)).code, 0);
	assert.equal((await run(['config'], home)).code, 0);
});
