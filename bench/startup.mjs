// Start-up benchmark for the bundled CLI in demo mode, in a real pseudo-terminal (util-linux `script`).
// Prints: spawn-to-first-frame-with-data (median of RUNS), with and without the code cache that
// dist/cli.js keeps, and the RSS of the app after 30 s.
// "With data" means the frame shows a number for PublishIn.Success and at least one CloudTrail event row.
// Usage: npm run bench:startup   (RUNS=7 RSS_SECONDS=30 to change)
import {spawn} from 'node:child_process';
import {existsSync, rmSync} from 'node:fs';
import {homedir} from 'node:os';
import {isAbsolute, join} from 'node:path';
import {descendants, memory} from './proc.mjs';

const RUNS = Number(process.env.RUNS ?? 5);
const RSS_SECONDS = Number(process.env.RSS_SECONDS ?? 30);
const CLI = 'dist/cli.js';
if (!existsSync(CLI)) throw new Error('dist/cli.js missing: run npm run build');

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[@-_]/g;
const METRIC_WITH_VALUE = /PublishIn\.Success\s+\d/;
const EVENT_ROW = /\d\d:\d\d:\d\d\s+[A-Z][a-z]+[A-Z]\w+/;

function start() {
	const env = {...process.env, COLUMNS: '120', LINES: '40'};
	delete env.CI; // with CI=true Ink renders nothing until exit
	return spawn('script', ['-qfec', `stty cols 120 rows 40; exec ./${CLI} --demo`, '/dev/null'], {
		env,
		stdio: ['pipe', 'pipe', 'inherit'],
	});
}

function firstFrameWithData() {
	return new Promise((resolve, reject) => {
		const begin = process.hrtime.bigint();
		const child = start();
		let screen = '';
		let done = false;
		child.stdin.on('error', () => {});
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`no frame with data within 10 s; last output:\n${screen.slice(-2000)}`));
		}, 10_000);
		child.stdout.on('data', chunk => {
			if (done) return;
			screen += chunk.toString('utf8').replace(ANSI, '\n');
			if (METRIC_WITH_VALUE.test(screen) && EVENT_ROW.test(screen)) {
				done = true;
				const ms = Number(process.hrtime.bigint() - begin) / 1e6;
				clearTimeout(timer);
				child.stdin.write('q');
				child.stdout.resume();
				child.once('exit', () => resolve(ms));
				setTimeout(() => child.kill('SIGKILL'), 3000).unref();
			}
		});
	});
}

const median = list => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const summary = list => {
	const sorted = [...list].sort((a, b) => a - b);
	return `median ${median(list).toFixed(0)} ms over ${list.length} runs (min ${sorted[0].toFixed(0)}, max ${sorted.at(-1).toFixed(0)})`;
};

// dist/cli.js keeps V8's code cache of the bundle here (scripts/loader.js), written 1.5 s into a run.
const xdg = process.env.XDG_CACHE_HOME;
const codeCache = join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache'), 'iot-monitor', 'code');

// Cold: the first start after installing or upgrading (no code cache yet; runs end before it is written).
const cold = [];
for (let i = 0; i < RUNS; i++) {
	rmSync(codeCache, {recursive: true, force: true});
	cold.push(await firstFrameWithData());
}
// Warm: every later start. One run long enough to write the cache first.
const primer = start();
primer.stdout.resume();
await new Promise(resolve => setTimeout(resolve, 2500));
primer.stdin.write('q');
await new Promise(resolve => primer.once('exit', resolve));
const warm = [];
for (let i = 0; i < RUNS; i++) warm.push(await firstFrameWithData());
console.log(`first frame with data: ${summary(warm)} target <= 400 ms`);
console.log(`  first start without the code cache (after install or upgrade): ${summary(cold)}`);

const child = start();
child.stdout.resume();
await new Promise(resolve => setTimeout(resolve, RSS_SECONDS * 1000));
// script(1) runs a shell that execs node; the app may retitle itself, so take the deepest descendant.
const node = descendants(child.pid).at(-1);
const rss = node ? memory(node).rss : NaN;
child.stdin.write('q');
await new Promise(resolve => child.once('exit', resolve));
console.log(`RSS after ${RSS_SECONDS} s: ${rss.toFixed(1)} MiB (target <= 120 MB)`);
