import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/**
 * Runs `simulate` (a long-lived command) until `done()` holds (the loader writes the cache 1.5 s into a run;
 * a loaded machine may take longer to get there), for 20 s at most, then stops it.
 */
async function runUntil(done: () => boolean, env: NodeJS.ProcessEnv): Promise<void> {
	const child = spawn(process.execPath, ['dist/cli.js', 'simulate', '--port', '0'], {env, stdio: ['ignore', 'pipe', 'pipe']});
	child.stdout.resume();
	const until = Date.now() + 20_000;
	await new Promise(resolve => setTimeout(resolve, 2500));
	while (!done() && Date.now() < until) await new Promise(resolve => setTimeout(resolve, 200));
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

		await runUntil(() => existsSync(dir) && readdirSync(dir).some(name => name.endsWith('.bin')), env);
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
		await runUntil(() => statSync(file).size > 100_000, env);
		assert.ok(statSync(file).size > 100_000, 'rewritten');
		assert.notEqual(readFileSync(file, 'utf8').slice(0, 16), 'not a code cache');
		assert.ok(!existsSync(older), 'the older build\'s cache is gone');
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
});
