/**
 * The bundle's patch of Ink's Output (scripts/ink-frame-caches.mjs) must make exactly the frame text Ink's
 * own get() makes: both are bundled (with and without the patch) and fed the same writes and clips,
 * frame after frame, so the patched one also answers from its caches.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {build, type Plugin} from 'esbuild';
import chalk from 'chalk';

// The build's own plugin module (plain JavaScript, no types).
const {inkFrameCaches} = (await import('../../scripts/ink-frame-caches.mjs' as string)) as {inkFrameCaches: Plugin};

type Clip = {x1?: number; x2?: number; y1?: number; y2?: number};
type OutputLike = {
	write(x: number, y: number, text: string, options: {transformers: Array<(line: string, index: number) => string>}): void;
	clip(clip: Clip): void;
	unclip(): void;
	get(): {output: string; height: number};
};
type OutputClass = new (options: {width: number; height: number}) => OutputLike;

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

async function bundled<T>(dir: string, file: string, name: string, patched: boolean): Promise<T> {
	const outfile = join(dir, `${name}.mjs`);
	await build({
		// By path: Ink's package exports do not list its build files.
		entryPoints: [here(`../../node_modules/ink/build/${file}`)],
		outfile,
		bundle: true,
		platform: 'node',
		format: 'esm',
		alias: {'string-width': here('../../source/text/fast-string-width.ts'), '@alcalzone/ansi-tokenize': here('../../source/text/fast-ansi-tokenize.ts')},
		plugins: patched ? [inkFrameCaches] : [],
		banner: {js: "import {createRequire as __cr} from 'node:module';const require=__cr(import.meta.url);"},
		logLevel: 'error',
	});
	return ((await import(outfile)) as {default: T}).default;
}

const outputClass = (dir: string, name: string, patched: boolean) => bundled<OutputClass>(dir, 'output.js', name, patched);

type Op = ['write', number, number, string, boolean] | ['clip', Clip] | ['unclip'];

function frames(): Op[][] {
	const level = chalk.level;
	chalk.level = 1;
	const bold = chalk.bold('bold');
	const red = chalk.red('red ✗ text');
	chalk.level = level;
	const base: Op[] = [
		['write', 0, 0, `header ${bold} ${red}`, false],
		['write', 0, 1, 'wide 漢字 and ⚠ marks\nsecond line\nthird', false],
		['write', 4, 2, 'over', true],
		['clip', {x1: 2, x2: 10}],
		['write', 0, 5, `clipped ${red} far beyond the clip`, false],
		['unclip'],
		['clip', {y1: 6, y2: 8}],
		['write', 1, 5, 'a\nb\nc\nd\ne', false],
		['unclip'],
		['write', 0, 9, 'below the frame\nand further', false],
		['write', 30, 3, 'past the width', false],
		['write', 0, -1, 'above', false],
	];
	const ticked: Op[] = base.map(op => (op[0] === 'write' && op[2] === 0 ? ['write', 0, 0, `header ${bold} 12s ago`, false] : op));
	return [base, ticked, base, ticked, [['write', 2, 4, 'only one', false]]];
}

test('the patched Output.get() makes the same text as Ink 6.8 frame after frame', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'ink-output-'));
	try {
		const [Original, Patched] = await Promise.all([outputClass(dir, 'original', false), outputClass(dir, 'patched', true)]);
		const upper = (line: string) => line.toUpperCase();
		const draw = (Output: OutputClass, ops: Op[], width: number) => {
			const output = new Output({width, height: 10});
			for (const op of ops) {
				if (op[0] === 'write') output.write(op[1], op[2], op[3], {transformers: op[4] ? [upper] : []});
				else if (op[0] === 'clip') output.clip(op[1]);
				else output.unclip();
			}
			return output.get();
		};
		for (const width of [40, 20]) {
			for (const [index, ops] of frames().entries()) {
				const expected = draw(Original, ops, width);
				assert.deepEqual(draw(Patched, ops, width), expected, `frame ${index} at width ${width}`);
				if (index === 0) assert.match(expected.output, /漢字[\s\S]*OVER[\s\S]*ipped/, 'wide characters, a transformer, a clip');
			}
		}
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});

type FakeNode = {nodeName: string; nodeValue?: string; childNodes: FakeNode[]; internal_transform?: (text: string, index: number) => string};

test('the patched squashTextNodes gives what Ink 6.8 gives, and again after a child text or a transform changed', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'ink-squash-'));
	try {
		type Squash = (node: FakeNode) => string;
		const [original, patched] = await Promise.all([
			bundled<Squash>(dir, 'squash-text-nodes.js', 'original', false),
			bundled<Squash>(dir, 'squash-text-nodes.js', 'patched', true),
		]);
		const text = (value: string): FakeNode => ({nodeName: '#text', nodeValue: value, childNodes: []});
		const upper = (value: string) => value.toUpperCase();
		const bracket = (value: string, index: number) => `[${index}:${value}]`;
		const age = text('12s ago');
		const styled: FakeNode = {nodeName: 'ink-virtual-text', childNodes: [age], internal_transform: upper};
		const line: FakeNode = {
			nodeName: 'ink-text',
			childNodes: [text('CloudTrail '), styled, {nodeName: 'ink-virtual-text', childNodes: [text('\u001b[2Jx')], internal_transform: bracket}, {nodeName: 'ink-box', childNodes: [], internal_transform: upper}],
		};
		const check = (what: string) => assert.equal(patched(line), original(line), what);
		check('first');
		check('unchanged');
		assert.match(patched(line), /CLOUDTRAIL|12S AGO/);
		age.nodeValue = '13s ago';
		check('a nested text changed');
		assert.match(patched(line), /13S AGO/);
		styled.internal_transform = bracket;
		check('a transform changed');
		line.childNodes.reverse();
		check('children reordered');
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});
