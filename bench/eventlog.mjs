// Event-log benchmark: the real App (bundled like dist/cli.js: esbuild, React production build, the same
// aliases) holding 50,000 CloudTrail events, in a real pseudo-terminal (util-linux `script`), 120x40.
// Prints: keypress-to-frame latency (median, p95, max) over KEYS presses of j, PgDn, k and PgUp, and the
// app's RSS with the events loaded. A key's frame is the first output, after the key is written, whose
// event-log title shows the new position ("· 1 234/50 000"). Keys are paced GAP_MS apart after each
// frame (more than Ink's 33 ms render throttle), as separate presses are; GAP_MS=0 gives key repeat.
// RSS is read 1.5 s after the first frame, right after the keys, and after IDLE_S seconds without input.
// Usage: npm run bench:eventlog   (EVENTS=50000 KEYS=300 GAP_MS=50 IDLE_S=10 to change)
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {descendants, memory} from './proc.mjs';
import {inkFrameCaches} from '../scripts/ink-frame-caches.mjs';

const EVENTS = Number(process.env.EVENTS ?? 50_000);
const KEYS = Number(process.env.KEYS ?? 300);
const GAP_MS = Number(process.env.GAP_MS ?? 50);
const IDLE_S = Number(process.env.IDLE_S ?? 10);
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[@-_]/g;
const POSITION = /· ([\d\u2009]+)\/([\d\u2009]+)/g;

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'iotmon-bench-'));
const bundle = join(dir, 'eventlog.js');
const inkDevtoolsStub = {
	name: 'ink-devtools-stub',
	setup(b) {
		b.onResolve({filter: /^\.\/devtools\.js$/}, args =>
			/[\\/]ink[\\/]build[\\/]/.test(args.importer) ? {path: here('../scripts/stubs/ink-devtools.js')} : undefined,
		);
	},
};
// The options of scripts/build.mjs that matter while running (not its start-up deferrals).
await build({
	entryPoints: [here('./eventlog-app.ts')],
	outfile: bundle,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	minify: true,
	legalComments: 'none',
	mainFields: ['module', 'main'],
	define: {'process.env.NODE_ENV': '"production"'},
	alias: {
		'react-devtools-core': here('../scripts/stubs/react-devtools-core.js'),
		'string-width': here('../source/text/fast-string-width.ts'),
		'@alcalzone/ansi-tokenize': here('../source/text/fast-ansi-tokenize.ts'),
	},
	plugins: [inkDevtoolsStub, inkFrameCaches],
	banner: {js: "import {createRequire as __cr} from 'node:module';const require=__cr(import.meta.url);"},
	logLevel: 'warning',
});

const env = {...process.env, EVENTS: String(EVENTS), COLUMNS: '120', LINES: '40'};
delete env.CI; // with CI=true Ink renders nothing until exit
// The same node flags as the CLI's shebang (scripts/loader.js).
const child = spawn('script', ['-qfec', `stty cols 120 rows 40; exec node --max-semi-space-size=4 --expose-gc ${bundle}`, '/dev/null'], {
	env,
	stdio: ['pipe', 'pipe', 'inherit'],
});
child.stdin.on('error', () => {});

let text = ''; // output since the last key, escape sequences removed
let waiter = null;
child.stdout.on('data', chunk => {
	text += chunk.toString('utf8').replace(ANSI, '');
	if (waiter?.test(text)) {
		const done = waiter;
		waiter = null;
		done.resolve(process.hrtime.bigint());
	}
});

/** Resolves at the first output (from now on) that `test` accepts; rejects after 10 s. */
function output(test, what) {
	text = '';
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no ${what} within 10 s; output was:\n${text.slice(-3000)}`)), 10_000);
		waiter = {test, resolve: at => (clearTimeout(timer), resolve(at))};
	});
}

const lastPosition = screen => [...screen.matchAll(POSITION)].at(-1)?.[1] ?? null;

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

try {
	const startedAt = process.hrtime.bigint();
	await output(screen => screen.includes('EVENTS') && screen.includes('UpdateThingShadow'), 'first frame with events');
	const firstFrameMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
	await sleep(1500); // let start-up garbage be collected before reading RSS
	const node = descendants(child.pid).at(-1);
	const loaded = memory(node);

	// j from the top, then pages down, G to the oldest, then k and pages up: every key moves the selection.
	const plan = [];
	for (let i = 0; i < KEYS; i++) {
		const quarter = Math.floor((i * 4) / KEYS);
		plan.push(['j', '\u001b[6~', 'k', '\u001b[5~'][quarter]);
		if (i === Math.floor(KEYS / 2) - 1) plan.push('G');
	}
	const byKey = new Map();
	const all = [];
	let position = null;
	for (const key of plan) {
		await sleep(GAP_MS);
		const previous = position;
		const frame = output(screen => {
			const now = lastPosition(screen);
			return now !== null && now !== previous;
		}, `frame after ${JSON.stringify(key)}`);
		const sent = process.hrtime.bigint();
		child.stdin.write(key);
		const shown = await frame;
		position = lastPosition(text);
		const ms = Number(shown - sent) / 1e6;
		if (key === 'G') continue; // one key, not a series
		all.push(ms);
		const name = {j: 'j', k: 'k', '\u001b[6~': 'PgDn', '\u001b[5~': 'PgUp'}[key];
		byKey.set(name, [...(byKey.get(name) ?? []), ms]);
	}
	const after = memory(node);
	await sleep(IDLE_S * 1000);
	const idle = memory(node);

	const stats = list => {
		const sorted = [...list].sort((a, b) => a - b);
		const at = q => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
		return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms`;
	};
	console.log(`events loaded: ${EVENTS.toLocaleString('en-US')} (first frame ${firstFrameMs.toFixed(0)} ms after spawn; 120x40 pty)`);
	console.log(`keypress-to-frame: ${stats(all)} over ${all.length} key presses, ${GAP_MS} ms apart (target: median <= 16 ms)`);
	for (const [name, list] of byKey) console.log(`  ${name.padEnd(4)} ${stats(list)} (${list.length})`);
	console.log(`RSS with ${EVENTS.toLocaleString('en-US')} events: ${loaded.rss.toFixed(1)} MiB loaded (target <= 150 MB)`);
	console.log(`  after the keys ${after.rss.toFixed(1)} MiB, after ${IDLE_S} s idle ${idle.rss.toFixed(1)} MiB, peak ${idle.peak.toFixed(1)} MiB`);
	child.stdin.write('q');
	await Promise.race([new Promise(resolve => child.once('exit', resolve)), sleep(3000)]);
} finally {
	if (child.exitCode === null) child.kill('SIGKILL');
	rmSync(dir, {recursive: true, force: true});
}
