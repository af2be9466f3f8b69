// Runs every test file under test/ with Node's built-in runner.
// Node 20 does not expand globs itself, so the file list is built here.
import {mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {spawnSync} from 'node:child_process';

function find(dir) {
	return readdirSync(dir, {withFileTypes: true}).flatMap(entry => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return find(path);
		return /\.test\.tsx?$/.test(entry.name) ? [path] : [];
	});
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : find('test').sort();
// The tests must not read the developer's own settings (~/.config/iot-monitor/config.json): every run,
// and every CLI the tests start, sees an empty settings folder unless a test makes its own.
const config = mkdtempSync(join(tmpdir(), 'iotmon-test-config-'));
const result = spawnSync(
	process.execPath,
	['--import', 'tsx', '--test', '--test-reporter=tap', '--test-concurrency=2', ...files],
	{stdio: 'inherit', env: {...process.env, XDG_CONFIG_HOME: config}},
);
rmSync(config, {recursive: true, force: true});
process.exit(result.status ?? 1);
