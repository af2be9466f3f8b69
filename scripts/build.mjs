// Bundles the CLI into one file, dist/cli.js, for fast start-up: scripts/loader.js around the CommonJS bundle.
import {build} from 'esbuild';
import {createHash} from 'node:crypto';
import {chmodSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname} from 'node:path';
import {inkFrameCaches} from './ink-frame-caches.mjs';
import {fileURLToPath} from 'node:url';

const stub = fileURLToPath(new URL('./stubs/react-devtools-core.js', import.meta.url));
const inkDevtoolsStub = fileURLToPath(new URL('./stubs/ink-devtools.js', import.meta.url));
const confUnused = fileURLToPath(new URL('./stubs/conf-unused.js', import.meta.url));
const fastStringWidth = fileURLToPath(new URL('../source/text/fast-string-width.ts', import.meta.url));
const fastAnsiTokenize = fileURLToPath(new URL('../source/text/fast-ansi-tokenize.ts', import.meta.url));

/**
 * Start-up work the first frame does not need, deferred without changing behaviour:
 * - the real string-width (its Unicode-property regexes with the /v flag cost ~20 ms to create) is evaluated
 *   on the first string the fast path cannot measure, not at start;
 * - meow's bundled normalize-package-data (ICU collation of a licence table at module evaluation) and
 *   @babel/code-frame are set up on first use: meow only needs them for --help/--version and bad JSON;
 * - the Intl.Segmenters of slice-ansi and ansi-tokenize are created on first use (the first one costs ~10 ms);
 * - Ink's devtools module (loaded only with DEV=true; react-devtools-core is stubbed anyway) would pull in ws;
 * - conf's ajv and semver serve only its schema and migrations options, which we never use.
 * Each patch of a dependency's text fails the build if that text changes.
 */
/** A dependency's file with each `from` (present exactly once, else the build fails) replaced. */
function patched(path, replacements) {
	let contents = readFileSync(path, 'utf8');
	for (const [from, to] of replacements) {
		if (contents.split(from).length !== 2) throw new Error(`${path} changed: cannot patch "${from.split('\n')[0]}"`);
		contents = contents.replace(from, () => to);
	}
	return {contents, loader: 'js'};
}

const deferStartupWork = {
	name: 'defer-startup-work',
	setup(b) {
		b.onResolve({filter: /^\.\/devtools\.js$/}, args =>
			/[\\/]ink[\\/]build[\\/]/.test(args.importer) ? {path: inkDevtoolsStub} : undefined,
		);
		b.onResolve({filter: /^(ajv\/dist\/2020\.js|ajv-formats|semver)$/}, args =>
			/[\\/]conf[\\/]dist[\\/]/.test(args.importer) ? {path: confUnused} : undefined,
		);
		b.onResolve({filter: /[\\/]string-width[\\/]index\.js$/}, args =>
			args.importer === fastStringWidth
				? {path: fileURLToPath(new URL(args.path, `file://${args.resolveDir}/`)), namespace: 'lazy-string-width'}
				: undefined,
		);
		b.onLoad({filter: /.*/, namespace: 'lazy-string-width'}, args => ({
			// esbuild turns a bundled require() of an ES module into a lazy initialiser.
			contents: `let real;
export default function stringWidth(text, options) {
	real ??= require(${JSON.stringify(args.path)}).default;
	return real(text, options);
}`,
			loader: 'js',
			resolveDir: dirname(args.path),
		}));
		b.onLoad({filter: /[\\/](slice-ansi[\\/]tokenize-ansi|@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize)\.js$/}, args => {
			// Each creates an Intl.Segmenter at module evaluation; the process's first costs ~10 ms of ICU
			// set-up, and the first frame segments nothing. Both only call .segment() on it.
			const contents = readFileSync(args.path, 'utf8');
			const created = /new Intl\.Segmenter\(/g;
			if (contents.match(created)?.length !== 1) throw new Error(`${args.path} changed: cannot defer its Intl.Segmenter`);
			return {
				contents: contents.replace(
					created,
					'((...options) => { let segmenter; return {segment: text => (segmenter ??= new Intl.Segmenter(...options)).segment(text)}; })(',
				),
				loader: 'js',
			};
		});
		b.onLoad({filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/}, args =>
			// Two top-level awaits, both only with DEV=true (React DevTools, which the bundle stubs out), and
			// a CommonJS bundle cannot hold them.
			patched(args.path, [
				["await import('./devtools.js');", 'void 0;'],
				['? await loadPackageJson()', '? {name: undefined, version: undefined}'],
			]),
		);
		b.onLoad({filter: /[\\/]meow[\\/]build[\\/]dependencies\.js$/}, args => {
			const replacements = [
				['var libExports = requireLib$1();', 'var libExports = {get codeFrameColumns() { return requireLib$1().codeFrameColumns; }};'],
				[
					'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);',
					'const normalizePackageData = (...args) => getDefaultExportFromCjs(requireNormalize())(...args);',
				],
			];
			let contents = readFileSync(args.path, 'utf8');
			for (const [from, to] of replacements) {
				if (contents.split(from).length !== 2) throw new Error(`meow changed: cannot defer "${from.split('\n')[0]}"`);
				contents = contents.replace(from, () => to);
			}
			return {contents, loader: 'js'};
		});
	},
};

const yogaDeferred = fileURLToPath(new URL('./stubs/yoga-deferred.js', import.meta.url));

const result = await build({
	entryPoints: [fileURLToPath(new URL('./bundle-entry.js', import.meta.url))],
	bundle: true,
	write: false,
	outfile: 'dist/cli.js',
	platform: 'node',
	// CommonJS, so the loader can compile it as a classic script with V8's code cache (ES modules cannot
	// use one on Node 20): Node boot, then compiling and running this bundle, is most of start-up.
	format: 'cjs',
	target: 'node20',
	minify: true,
	legalComments: 'none',
	// The ES module builds of the AWS SDK tree-shake: the unused HTTP/2 handler (and node:http2) drop out.
	mainFields: ['module', 'main'],
	define: {'process.env.NODE_ENV': '"production"', 'import.meta.url': '__importMetaUrl'},
	// Ink and its text helpers measure and tokenize every line of every frame: give them the fast, exact
	// string-width and ansi-tokenize. yoga-layout's top-level await cannot be in a CommonJS bundle.
	alias: {
		'react-devtools-core': stub,
		'string-width': fastStringWidth,
		'@alcalzone/ansi-tokenize': fastAnsiTokenize,
		'yoga-layout': yogaDeferred,
	},
	// The OAM client (account names in fleet mode) is an older SDK tree loaded on first use from node_modules:
	// bundled, it would add its parse to every start.
	external: ['@aws-sdk/client-oam'],
	plugins: [deferStartupWork, inkFrameCaches],
	logLevel: 'warning',
	// BUILD_META=file writes esbuild's metafile (what each package adds to the bundle) for size work.
	metafile: Boolean(process.env.BUILD_META),
});
if (process.env.BUILD_META) writeFileSync(process.env.BUILD_META, JSON.stringify(result.metafile));

// A vm.Script has no loader for import(): the bundle's few dynamic imports are of Node built-ins (the
// SDK's lazily loaded node:http) and of the external OAM client, which require() gives just as well.
const bundle = result.outputFiles[0].text.replace(/(?<![\w$.])import\((?="(?:node:[a-z_/]+|@aws-sdk\/client-oam)"\))/g, '__importBuiltin(');
const leftover = /(?<![\w$.])import\(.{0,40}/.exec(bundle);
if (leftover) throw new Error(`the bundle has a dynamic import a vm.Script cannot run: ${leftover[0]}`);
const wrapped =
	'(function (require, module, exports, __filename, __dirname, __importMetaUrl) {' +
	'const __importBuiltin = async specifier => require(specifier);' +
	`${bundle}\n})`;
const hash = createHash('sha256').update(wrapped).digest('hex').slice(0, 16);
const loader = readFileSync(fileURLToPath(new URL('./loader.js', import.meta.url)), 'utf8')
	.replace("'__HASH__'", () => JSON.stringify(hash))
	.replace("'__SOURCE__'", () => JSON.stringify(wrapped));
mkdirSync('dist', {recursive: true});
writeFileSync('dist/cli.js', loader);
chmodSync('dist/cli.js', 0o755);
