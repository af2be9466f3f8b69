/**
 * The bundle bounds Ink's measureText() cache (scripts/ink-frame-caches.mjs). Ink keeps one entry per
 * distinct text ever measured and never empties it; every header and status line names an age or a time,
 * so a UI left running grew by every frame it drew. Both builds (with and without the patch) are bundled
 * and given the same texts: the sizes must match Ink's, and an early text must drop out of the patched
 * cache (a new result object) after thousands of others, while Ink's own keeps it (the same object).
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {build, type Plugin} from 'esbuild';

const {inkFrameCaches} = (await import('../../scripts/ink-frame-caches.mjs' as string)) as {inkFrameCaches: Plugin};

type Dimensions = {width: number; height: number};
type MeasureText = (text: string) => Dimensions;

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

async function measureText(dir: string, patched: boolean): Promise<MeasureText> {
	const outfile = join(dir, `measure-text-${patched ? 'patched' : 'original'}.mjs`);
	await build({
		// By path: Ink's package exports do not list its build files.
		entryPoints: [here('../../node_modules/ink/build/measure-text.js')],
		outfile,
		bundle: true,
		platform: 'node',
		format: 'esm',
		plugins: patched ? [inkFrameCaches] : [],
		banner: {js: "import {createRequire as __cr} from 'node:module';const require=__cr(import.meta.url);"},
		logLevel: 'error',
	});
	return ((await import(outfile)) as {default: MeasureText}).default;
}

test('the patched measureText() measures like Ink 6.8 and forgets old texts after a few thousand others', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'ink-measure-'));
	try {
		const [original, patched] = await Promise.all([measureText(dir, false), measureText(dir, true)]);
		const header = (i: number) => `\u001B[1m iot-monitor \u001B[22mus-east-1  ● live · metrics 12:40:12 UTC (${i}s ago)\n漢字 ⚠ second line`;
		const first = {original: original(header(0)), patched: patched(header(0))};
		assert.deepEqual(first.patched, first.original);
		assert.equal(patched(header(0)), first.patched, 'a text measured again right away comes from the cache');
		for (let i = 1; i <= 10_000; i++) {
			const text = header(i);
			const sizes = {original: original(text), patched: patched(text)};
			if (i % 997 === 0) assert.deepEqual(sizes.patched, sizes.original, text);
		}
		assert.equal(original(header(0)), first.original, "Ink's own cache still holds the first text after 10,000 others");
		const again = patched(header(0));
		assert.notEqual(again, first.patched, 'the patched cache let the first text go');
		assert.deepEqual(again, first.original);
		assert.deepEqual(patched(''), {width: 0, height: 0});
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});
