// Bundles cli.tsx into a single ESM file, dist/cli.js, for fast start-up.
import {build} from 'esbuild';
import {chmodSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const stub = fileURLToPath(new URL('./stubs/react-devtools-core.js', import.meta.url));
const fastStringWidth = fileURLToPath(new URL('../source/text/fast-string-width.ts', import.meta.url));

await build({
	entryPoints: ['cli.tsx'],
	outfile: 'dist/cli.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	minify: true,
	legalComments: 'none',
	define: {'process.env.NODE_ENV': '"production"'},
	// Ink and its text helpers measure every line of every frame: give them the fast, exact string-width.
	alias: {'react-devtools-core': stub, 'string-width': fastStringWidth},
	// yoga-layout uses top-level await (needs ESM); signal-exit is CommonJS and wants require().
	banner: {
		js: "#!/usr/bin/env -S node --max-semi-space-size=4\nimport {createRequire as __cr} from 'node:module';const require=__cr(import.meta.url);",
	},
	logLevel: 'warning',
});
chmodSync('dist/cli.js', 0o755);
