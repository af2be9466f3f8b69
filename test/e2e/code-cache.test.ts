import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/** Runs `simulate` (a long-lived command) for `ms`, then stops it. */
async function runFor(ms: number, env: NodeJS.ProcessEnv): Promise<void> {
	const child = spawn(process.execPath, ['dist/cli.js', 'simulate', '--port', '0'], {env, stdio: ['ignore', 'pipe', 'pipe']});
	child.stdout.resume();
	await new Promise(resolve => setTimeout(resolve, ms));
	const exited = new Promise(resolve => child.once('exit', resolve));
	child.kill('SIGTERM');
	await exited;
}

test('dist/cli.js writes its code cache once, into a private file, and survives a broken one', async () => {
	assert.ok(existsSync('dist/cli.js'), 'run npm run build first (npm test does)');
	const home = mkdtempSync(join(tmpdir(), 'iotmon-code-'));
	const env = {...process.env, XDG_CACHE_HOME: home};
	const dir = join(home, 'iot-monitor', 'code');
	try {
		// A short command ends before the cache is written, and is not slowed or broken by it.
		const version = spawnSync(process.execPath, ['dist/cli.js', '--version'], {env, encoding: 'utf8'});
		assert.equal(version.status, 0);
		assert.match(version.stdout, /^\d+\.\d+\.\d+/);
		assert.ok(!existsSync(dir) || readdirSync(dir).length === 0);

		await runFor(2500, env);
		const files = readdirSync(dir);
		assert.equal(files.length, 1, `one cache file: ${files.join(', ')}`);
		const file = join(dir, files[0]!);
		assert.match(files[0]!, new RegExp(`-${process.version}-${process.arch}\\.bin$`));
		assert.equal(statSync(file).mode & 0o777, 0o600);
		assert.ok(statSync(file).size > 100_000, 'holds the compiled bundle');

		// A cache V8 refuses (corrupt, or from another Node) is ignored, then replaced by a good one; the
		// cache of an older build is removed then.
		writeFileSync(file, 'not a code cache');
		const older = join(dir, `0123456789abcdef-${process.version}-${process.arch}.bin`);
		writeFileSync(older, 'an older build');
		const again = spawnSync(process.execPath, ['dist/cli.js', '--version'], {env, encoding: 'utf8'});
		assert.equal(again.status, 0);
		assert.equal(again.stdout, version.stdout);
		await runFor(2500, env);
		assert.ok(statSync(file).size > 100_000, 'rewritten');
		assert.notEqual(readFileSync(file, 'utf8').slice(0, 16), 'not a code cache');
		assert.ok(!existsSync(older), 'the older build\'s cache is gone');
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
});
