// Idle benchmark: the built CLI (dist/cli.js) in a real pseudo-terminal (util-linux `script`) at 120x40,
// monitoring the embedded AWS-compatible endpoint run as a separate process (`simulate --quiet-fleet`, so
// its CPU is not counted as the UI's). After WARM_S seconds of start-up it measures SECONDS of steady
// state: CPU % of one core used by the UI process (utime+stime from /proc), bytes the UI wrote to the
// terminal per second, and RSS at the end. In steady state only ages and the clock change, plus what
// the endpoint really sends (a new metric minute, a CloudTrail event now and then). Start-up is the
// baselines' history and the trail's first fill of its 3 h lookback, ~27 pages at 1 request/s: over
// about 30 s in, so the default wait is 40 s (WARM_S=20 measures the end of the fill as well).
// NODE_FLAGS are added to the shebang's node flags, e.g. NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof"
// (the profile is written when the bench quits the UI).
// Usage: npm run bench:idle   (SECONDS=60 WARM_S=40 COLS=120 ROWS=40 NODE_FLAGS= to change)
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {descendants, memory} from './proc.mjs';

const SECONDS = Number(process.env.SECONDS ?? 60);
const WARM_S = Number(process.env.WARM_S ?? 40);
const COLS = Number(process.env.COLS ?? 120);
const ROWS = Number(process.env.ROWS ?? 40);
const CLI = 'dist/cli.js';
if (!existsSync(CLI)) throw new Error('dist/cli.js missing: run npm run build');

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU time (user + system) of one process so far, in seconds. */
function cpuSeconds(pid) {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

const env = {...process.env, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'BENCH', AWS_SECRET_ACCESS_KEY: 'BENCH', LANG: 'C.UTF-8', TERM: 'xterm-256color'};
delete env.CI; // with CI=true Ink renders nothing until exit
delete env.AWS_PROFILE;
delete env.NO_COLOR;
// The endpoint's port differs every run, so its baselines would never be read again: cache them in a
// folder of this run's own rather than leave a file in the user's cache each time.
const cache = mkdtempSync(join(tmpdir(), 'iotmon-idle-cache-'));
env.XDG_CACHE_HOME = cache;

const sim = spawn(process.execPath, [CLI, 'simulate', '--port', '0', '--quiet-fleet'], {env, stdio: ['ignore', 'pipe', 'inherit']});
let ui = null;
try {
	const url = await new Promise((resolve, reject) => {
		let out = '';
		const timer = setTimeout(() => reject(new Error(`simulator did not start: ${out}`)), 10_000);
		sim.stdout.on('data', chunk => {
			out += chunk;
			const match = /listening on (http:\/\/\S+)/.exec(out);
			if (match) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		});
	});
	// Run as the shebang runs it, or with its flags and NODE_FLAGS.
	const shebang = /^#!\/usr\/bin\/env -S node(.*)$/m.exec(readFileSync(CLI, 'utf8').slice(0, 200))?.[1] ?? '';
	const command = process.env.NODE_FLAGS ? `node${shebang} ${process.env.NODE_FLAGS} ./${CLI}` : `./${CLI}`;
	ui = spawn('script', ['-qfec', `stty cols ${COLS} rows ${ROWS}; exec ${command} --endpoint-url ${url} --region us-east-1`, '/dev/null'], {
		env: {...env, COLUMNS: String(COLS), LINES: String(ROWS)},
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	ui.stdin.on('error', () => {});
	let bytes = 0;
	let frames = 0; // Ink brackets each frame in synchronized-output marks on a terminal
	ui.stdout.on('data', chunk => {
		bytes += chunk.length;
		frames += chunk.toString('latin1').split('\u001B[?2026h').length - 1;
	});
	await sleep(WARM_S * 1000);
	const node = descendants(ui.pid).at(-1);
	if (!node) throw new Error('the UI process is not running');
	const cpu0 = cpuSeconds(node);
	const bytes0 = bytes;
	const frames0 = frames;
	const t0 = process.hrtime.bigint();
	await sleep(SECONDS * 1000);
	const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
	const cpu = ((cpuSeconds(node) - cpu0) / elapsed) * 100;
	const rate = (bytes - bytes0) / elapsed;
	const mem = memory(node);
	console.log(`steady state over ${elapsed.toFixed(0)} s (after ${WARM_S} s of start-up), ${COLS}x${ROWS} pty, quiet fleet on the embedded endpoint:`);
	console.log(`  CPU: ${cpu.toFixed(2)} % of one core (target <= 0.5)`);
	console.log(`  written to the terminal: ${(rate / 1024).toFixed(2)} KB/s (${Math.round(rate)} B/s; target <= 1 KB/s)`);
	console.log(`  frames: ${((frames - frames0) / elapsed).toFixed(2)} a second`);
	console.log(`  RSS: ${mem.rss.toFixed(1)} MiB at the end, peak ${mem.peak.toFixed(1)} MiB (target <= 120 MB)`);
	ui.stdin.write('q');
	await Promise.race([new Promise(resolve => ui.once('exit', resolve)), sleep(3000)]);
} finally {
	if (ui && ui.exitCode === null) ui.kill('SIGKILL');
	sim.kill('SIGTERM');
	rmSync(cache, {recursive: true, force: true});
}
