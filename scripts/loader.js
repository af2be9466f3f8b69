#!/usr/bin/env -S node --max-semi-space-size=4 --expose-gc
// dist/cli.js is this loader around the bundled CLI (scripts/build.mjs). It compiles the bundle with
// V8's code cache, kept in $XDG_CACHE_HOME/iot-monitor/code/ (~/.cache/...): a start with the cache skips
// compiling ~1 MB of JavaScript and most functions start-up calls. The cache is written once, a few
// seconds into a run that had none (or had one V8 refused: another Node), atomically; any failure to
// read or write it only costs the speed-up.
import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {homedir} from 'node:os';
import {dirname, isAbsolute, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {Script} from 'node:vm';

const source = '__SOURCE__';
const filename = fileURLToPath(import.meta.url);
const xdg = process.env.XDG_CACHE_HOME;
const dir = join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache'), 'iot-monitor', 'code');
const file = join(dir, `${'__HASH__'}-${process.version}-${process.arch}.bin`);

let cachedData;
try {
	cachedData = readFileSync(file);
} catch {
	cachedData = undefined;
}
const script = new Script(source, {filename, cachedData});
if (cachedData === undefined || script.cachedDataRejected) {
	setTimeout(() => {
		try {
			const data = script.createCachedData();
			mkdirSync(dir, {recursive: true, mode: 0o700});
			const temporary = `${file}.${process.pid}.tmp`;
			writeFileSync(temporary, data, {mode: 0o600});
			renameSync(temporary, file);
			// Caches of earlier builds (or Node versions) are dead weight: about 2 MB each.
			for (const name of readdirSync(dir)) {
				if (/^[0-9a-f]{16}-.+\.bin$/.test(name) && join(dir, name) !== file) rmSync(join(dir, name), {force: true});
			}
		} catch {
			// read-only home, full disk: start-up stays as fast as without a cache
		}
	}, 1500).unref();
}
const module = {exports: {}};
script.runInThisContext()(createRequire(import.meta.url), module, module.exports, filename, dirname(filename), import.meta.url);
