// The layering of ARCHITECTURE.md, checked against every import in source/ and cli.tsx.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import {join, posix} from 'node:path';

/** Bottom up: a module imports only from its own layer or one below it. */
const LAYERS = ['text', 'types', 'iot', 'baseline', 'trail', 'aws', 'config', 'monitor', 'render', 'report', 'simulator', 'ui', 'cli'];

/** Packages only one layer may import, and which. */
const OWNED: ReadonlyArray<[RegExp, string]> = [
	[/^(ink|react|chalk|ink-testing-library)(\/|$)/, 'ui'],
	[/^@aws-sdk\//, 'aws'],
];

type Import = {readonly file: string; readonly specifier: string};

const IMPORT = /^\s*(?:import|export)\b[^;]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** Every import specifier of one file's text. */
function importsOf(file: string, text: string): Import[] {
	return [...text.matchAll(IMPORT)].map(match => ({file, specifier: (match[1] ?? match[2] ?? match[3])!}));
}

/** The layer of a path from the repository root: `source/<layer>/...`, `source/types.ts`, or cli.tsx. */
function layerOf(path: string): string {
	if (path === 'cli.tsx') return 'cli';
	const [top, first] = path.split('/');
	if (top !== 'source' || first === undefined) throw new Error(`${path} is outside source/`);
	const layer = first.replace(/\.(tsx?|js)$/, '');
	if (!LAYERS.includes(layer)) throw new Error(`${path}: source/${first} is no layer; add it to ARCHITECTURE.md and LAYERS`);
	return layer;
}

/** What each import breaks: a relative import into a higher layer, or a package owned by another layer. */
function violations(imports: readonly Import[]): string[] {
	const out: string[] = [];
	for (const {file, specifier: written} of imports) {
		const from = layerOf(file);
		let specifier = written;
		const target = posix.normalize(posix.join(posix.dirname(file), written));
		// text/fast-*.ts wrap the packages they stand in for in the bundle by path: still a package import.
		if (written.startsWith('.') && target.startsWith('node_modules/')) specifier = target.slice('node_modules/'.length);
		if (specifier.startsWith('.')) {
			if (target === 'package.json') continue; // data (the version), not code
			if (!target.startsWith('source/')) {
				out.push(`${file} (${from}) imports ${target}, outside source/`);
				continue;
			}
			const to = layerOf(target);
			if (LAYERS.indexOf(to) > LAYERS.indexOf(from)) out.push(`${file} (${from}) imports ${target} (${to}), a higher layer`);
			continue;
		}
		for (const [pattern, owner] of OWNED) {
			if (pattern.test(specifier) && from !== owner) out.push(`${file} (${from}) imports ${specifier}, which only ${owner}/ may import`);
		}
	}
	return out;
}

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, {withFileTypes: true}).flatMap(entry => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return /\.tsx?$/.test(entry.name) ? [path.split('\\').join('/')] : [];
	});
}

const ALL_IMPORTS = ['cli.tsx', ...sourceFiles('source')].flatMap(file => importsOf(file, readFileSync(file, 'utf8')));

test('the checker reads every import form and catches each kind of break', () => {
	const text = [
		"import {a} from '../ui/x.js';",
		"import type {B} from '../aws/clients.js';",
		"export {c} from './same.js';",
		'import {\n\td,\n\te,\n} from "../cli/y.js";',
		"const m = await import('../render/z.js');",
		"import 'ink';",
		"import {render} from 'ink';",
		"import {CloudWatchClient} from '@aws-sdk/client-cloudwatch';",
		"import {readFileSync} from 'node:fs';",
	].join('\n');
	const found = importsOf('source/monitor/m.ts', text);
	assert.deepEqual(found.map(i => i.specifier), ['../ui/x.js', '../aws/clients.js', './same.js', '../cli/y.js', '../render/z.js', 'ink', 'ink', '@aws-sdk/client-cloudwatch', 'node:fs']);
	assert.deepEqual(violations(found), [
		'source/monitor/m.ts (monitor) imports source/ui/x.js (ui), a higher layer',
		'source/monitor/m.ts (monitor) imports source/cli/y.js (cli), a higher layer',
		'source/monitor/m.ts (monitor) imports source/render/z.js (render), a higher layer',
		'source/monitor/m.ts (monitor) imports ink, which only ui/ may import',
		'source/monitor/m.ts (monitor) imports ink, which only ui/ may import',
		'source/monitor/m.ts (monitor) imports @aws-sdk/client-cloudwatch, which only aws/ may import',
	]);
	assert.deepEqual(violations(importsOf('source/types.ts', "import type {R} from './trail/packed-record.js';")), [
		'source/types.ts (types) imports source/trail/packed-record.js (trail), a higher layer',
	]);
	assert.deepEqual(violations(importsOf('cli.tsx', "import {cli} from './source/cli/entry.js';")), []);
	assert.deepEqual(violations(importsOf('source/ui/app.tsx', "import {h} from '../../test/ui/helpers.js';")), [
		'source/ui/app.tsx (ui) imports test/ui/helpers.js, outside source/',
	]);
	assert.throws(() => layerOf('source/widgets/w.ts'), /no layer/);
});

test('the layer list is the folder list of source/', () => {
	const folders = readdirSync('source', {withFileTypes: true}).map(e => e.name.replace(/\.tsx?$/, '')).sort();
	assert.deepEqual(folders, [...LAYERS].sort());
	const doc = readFileSync('ARCHITECTURE.md', 'utf8');
	for (const layer of LAYERS) assert.match(doc, new RegExp(`\\b${layer}\\b`), `ARCHITECTURE.md names the ${layer} layer`);
});

test('no import runs against the layer order, and ink, react, chalk and @aws-sdk stay in their layer', () => {
	assert.ok(ALL_IMPORTS.length > 300, `read ${ALL_IMPORTS.length} imports`);
	assert.deepEqual(violations(ALL_IMPORTS), []);
});
