/**
 * `npm run bench:fleet`: fleet mode at scale on the embedded endpoint. The endpoint runs in this process
 * as an organization of ACCOUNTS accounts (default 50) in REGIONS regions (default 3) with the default
 * metrics, an organization trail log group in the first region, and an incident in one scope. Then:
 *   1. one `--once --json` run (the shipped CLI) learns and caches every scope's baselines;
 *   2. a live fleet monitor (bench/fleet-app.ts, the shipped FleetMonitor, with the V8 flags of the shipped
 *      launcher's #! line in scripts/loader.js) starts on that cache and runs for --minutes (default 5).
 *   3. the shipped bundle (dist/cli.js: `npm run build` first) in an 80x24 pseudo-terminal on that cache:
 *      spawn to the first overview frame with data, and keypress-to-frame on the overview (KEYS presses
 *      of j and k, GAP_MS apart; a key's frame is the first output after it that draws the ▸ on another row).
 *      It stays open while the live monitor runs (its requests signed with its own access key, left out of
 *      the request counts), and its RSS is read at the end too: the memory of the app as a user runs it.
 * It prints those, time to the first snapshot with data in every scope, GetMetricData requests per refresh per
 * region (counted by the endpoint), FilterLogEvents requests per second, and both processes' RSS at the end.
 * Flags: --accounts N, --regions a,b,c, --minutes M, --baseline-days D, --lookback DUR.
 */
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {parseArgs as parseNodeArgs} from 'node:util';
import {startSimulator} from '../source/simulator/server.js';
// @ts-expect-error plain JavaScript helper shared by the benches
import {descendants, memory} from './proc.mjs';

const {values} = parseNodeArgs({
	options: {
		accounts: {type: 'string', default: '50'},
		regions: {type: 'string', default: 'us-east-1,eu-west-1,ap-southeast-2'},
		minutes: {type: 'string', default: '5'},
		'baseline-days': {type: 'string', default: '1'},
		lookback: {type: 'string', default: '3h'},
	},
});
const accounts = Number(values.accounts);
const regions = values.regions.split(',');
const minutes = Number(values.minutes);
const linked = Array.from({length: accounts - 1}, (_, i) => String(200000000000 + i * 1111));
const incident = {account: linked[7] ?? '123456789012', region: regions[1] ?? regions[0]!};

const sim = await startSimulator({seed: 1, org: {linkedAccounts: linked, trailRegions: regions, trailHome: regions[0]!, incidentScope: incident}});
const home = mkdtempSync(join(tmpdir(), 'iotmon-bench-fleet-'));
const env = {
	...process.env,
	AWS_ACCESS_KEY_ID: 'bench',
	AWS_SECRET_ACCESS_KEY: 'bench',
	AWS_REGION: regions[0],
	AWS_EC2_METADATA_DISABLED: 'true',
	AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
	XDG_CACHE_HOME: join(home, 'cache'),
	XDG_CONFIG_HOME: join(home, 'config'),
	BENCH_SCOPES: String(accounts * regions.length),
};
const common = [
	'--endpoint-url', sim.url,
	'--regions', regions.join(','),
	'--accounts', 'all',
	'--trail-log-group', 'aws-controltower/CloudTrailLogs',
	'--baseline-days', values['baseline-days'],
	'--lookback', values.lookback,
];
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(52)} ${value}\n`);
process.stdout.write(`fleet bench: ${accounts} accounts x ${regions.length} regions (${regions.join(', ')}), default metrics, ${values['baseline-days']} day(s) of baselines\n`);

// 1. Learn and cache the baselines with the shipped CLI.
const warmStart = performance.now();
const warm = spawn(process.execPath, ['--import', 'tsx', 'cli.tsx', '--once', '--json', ...common], {env, stdio: ['ignore', 'pipe', 'pipe']});
let warmOut = '';
warm.stdout.on('data', chunk => (warmOut += chunk));
const warmCode = await new Promise<number>(resolve => warm.on('exit', code => resolve(code ?? -1)));
const warmJson = JSON.parse(warmOut) as {scopes: Array<{status: string; account: string; region: string}>; status: string};
line('baselines learned and cached (--once, cold)', `${((performance.now() - warmStart) / 1000).toFixed(1)} s, exit ${warmCode}, ${warmJson.scopes.length} scopes, status ${warmJson.status}`);
const flaggedScopes = warmJson.scopes.filter(s => s.status === 'CRIT' || s.status === 'WARN').map(s => `${s.account}/${s.region}`);
line('scopes flagged (the incident is in ' + `${incident.account}/${incident.region})`, flaggedScopes.join(' ') || '(none)');

// 2. The overview as it ships (dist/cli.js) in a pseudo-terminal (util-linux `script`), 80x24, on the
// warm cache: spawn to the first overview frame with data, then keypress-to-frame on the overview. It
// stays open through step 3 (its requests carry the access key UI_KEY).
const UI_KEY = 'benchui';
let uiSpawnedAt = Date.now();
const ui = await overviewFigures();

// 3. The live monitor on the warm cache, with the Node flags the shipped launcher gives V8 (its #! line:
// e.g. a smaller young generation), so its memory is what a user's process would hold.
const launcherFlags = (/^#!\/usr\/bin\/env -S node(.*)$/m.exec(readFileSync('scripts/loader.js', 'utf8').split('\n')[0] ?? '')?.[1] ?? '').split(' ').filter(Boolean);
const runStart = Date.now();
const spawnAt = performance.now();
const app = spawn(process.execPath, [...launcherFlags, '--import', 'tsx', 'bench/fleet-app.ts', ...common], {env, stdio: ['ignore', 'pipe', 'inherit']});
let buffer = '';
let firstData = null as {ms: number; seen: number} | null;
app.stdout.on('data', chunk => {
	buffer += chunk;
	for (;;) {
		const end = buffer.indexOf('\n');
		if (end < 0) break;
		const message = JSON.parse(buffer.slice(0, end)) as {event: string; ms?: number};
		buffer = buffer.slice(end + 1);
		if (message.event === 'first-data' && !firstData) firstData = {ms: message.ms ?? 0, seen: performance.now() - spawnAt};
	}
});
await new Promise(resolve => setTimeout(resolve, minutes * 60_000));
const mem = memory(app.pid!);
const uiPid = ui ? descendants(ui.pid!).at(-1) : undefined;
const uiMem = uiPid ? memory(uiPid) : null;
app.kill('SIGTERM');
if (ui) {
	ui.stdin?.write('q');
	await Promise.race([new Promise(resolve => ui.once('exit', resolve)), new Promise(resolve => setTimeout(resolve, 3000))]);
	if (ui.exitCode === null) ui.kill('SIGKILL');
}
const runEnd = Date.now();

line('first snapshot with data in every scope (warm)', firstData ? `${Math.round(firstData.seen)} ms from spawn (${firstData.ms} ms in the process; tsx, not the bundle)` : 'never');
const log = sim.requestLog().filter(entry => entry.at >= runStart && entry.at <= runEnd && entry.accessKey !== UI_KEY);
for (const region of regions) {
	const calls = log.filter(entry => entry.region === region && entry.operation === 'GetMetricData');
	// Refreshes: bursts of requests less than 10 s apart; the first burst also holds the cache's gap.
	const bursts: Array<typeof calls> = [];
	for (const call of calls) {
		const last = bursts[bursts.length - 1];
		if (last && call.at - last[last.length - 1]!.at < 10_000) last.push(call);
		else bursts.push([call]);
	}
	const live = bursts.slice(1);
	const sizes = live.map(burst => burst.length);
	const queries = live.map(burst => burst.reduce((n, call) => n + (call.queries ?? 0), 0));
	line(`GetMetricData requests per refresh, ${region}`, sizes.length ? `${sizes.join(', ')} (queries per refresh: ${queries.join(', ')}; 500 per request at most)` : `no refresh after the first in ${minutes} min`);
}
const seconds = (runEnd - runStart) / 1000;
const filter = log.filter(entry => entry.operation === 'FilterLogEvents');
// The busiest rolling second, as the endpoint saw arrivals (network jitter included).
const times = filter.map(entry => entry.at).sort((a, b) => a - b);
let busiest = 0;
for (let i = 0, j = 0; i < times.length; i++) {
	while (times[i]! - times[j]! >= 1000) j++;
	busiest = Math.max(busiest, i - j + 1);
}
line('FilterLogEvents requests/s (mean, busiest rolling second)', `${(filter.length / seconds).toFixed(2)}, ${busiest} (${filter.length} in ${seconds.toFixed(0)} s)`);
line('ListMetrics requests in the run', String(log.filter(entry => entry.operation === 'ListMetrics').length));
line(`RSS after ${minutes} min (peak)`, `${mem.rss.toFixed(0)} MiB (${mem.peak.toFixed(0)} MiB; node ${[...launcherFlags, '--import tsx'].join(' ')}: the monitor alone, tsx's compiler included)`);
line(`RSS of the shipped overview after ${((runEnd - uiSpawnedAt) / 60_000).toFixed(1)} min (peak)`, uiMem ? `${uiMem.rss.toFixed(0)} MiB (${uiMem.peak.toFixed(0)} MiB; ./dist/cli.js in the 80x24 pty, its #! flags; target <= 250 MB)` : 'not measured (see overview figures)');
await sim.close();
rmSync(home, {recursive: true, force: true});
process.exit(0);

/** Prints the overview figures; returns the shipped app, still running, or null when it could not be measured. */
async function overviewFigures(): Promise<ReturnType<typeof spawn> | null> {
	const cli = 'dist/cli.js';
	if (!existsSync(cli)) {
		line('overview figures', 'skipped: dist/cli.js is missing (npm run build)');
		return null;
	}
	const KEYS = Number(process.env['KEYS'] ?? 60);
	const GAP_MS = Number(process.env['GAP_MS'] ?? 50);
	const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[@-_]/g;
	const ptyEnv: NodeJS.ProcessEnv = {...env, AWS_ACCESS_KEY_ID: UI_KEY, TERM: 'xterm-256color', LANG: 'C.UTF-8', COLUMNS: '80', LINES: '24'};
	delete ptyEnv['CI']; // with CI=true Ink renders nothing until exit
	const args = [cli, ...common].map(arg => `'${arg}'`).join(' ');
	const started = performance.now();
	uiSpawnedAt = Date.now();
	// As a user runs it: ./dist/cli.js, so node gets the launcher's #! flags.
	const child = spawn('script', ['-qfec', `stty cols 80 rows 24; exec ./${args}`, '/dev/null'], {env: ptyEnv, stdio: ['pipe', 'pipe', 'inherit']});
	child.stdin.on('error', () => {});
	let text = '';
	let measuring = true;
	let waiter: {test: (screen: string) => boolean; resolve: (at: number) => void} | null = null;
	child.stdout.on('data', (chunk: Buffer) => {
		if (!measuring) return; // the screen is still read (a full pty would stop the app), not kept
		// Styles go; cursor moves become line breaks (frame-diff.ts writes only the rows that changed).
		text += chunk.toString('utf8').replace(/\u001b\[[0-9;]*m/g, '').replace(ANSI, '\n');
		if (waiter?.test(text)) {
			const done = waiter;
			waiter = null;
			done.resolve(performance.now());
		}
	});
	const output = (test: (screen: string) => boolean, what: string, timeoutMs = 10_000) => {
		text = '';
		return new Promise<number>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`no ${what} within ${timeoutMs} ms; output was:\n${text.slice(-2000)}`)), timeoutMs);
			waiter = {test, resolve: at => (clearTimeout(timer), resolve(at))};
		});
	};
	// The selected scope (account and region), not the whole row: its EV/15m and state columns change on
	// their own while the trail's first fill is read, and a key must be timed by the cursor's move.
	const selectedRow = (screen: string) => {
		const row = screen.split('\n').filter(line => line.startsWith('▸ ')).at(-1);
		return row ? (/\d{12}\s+[a-z]{2}(?:-[a-z]+)+-\d/.exec(row)?.[0] ?? row) : null;
	};
	try {
		// With data: the header counts judged flags (or says all normal), and no row is still learning or unjudged.
		let seen = '';
		const first = await output(screen => {
			seen += screen.slice(seen.length);
			return /FLAGGED METRICS OR STATE/.test(seen) && /(CRIT|WARN|all normal)/.test(seen) && /▸ /.test(seen);
		}, 'first overview frame with data', 30_000);
		line('spawn to first overview frame with data (warm, 80x24)', `${Math.round(first - started)} ms (dist/cli.js; target <= 2000 ms)`);
		await new Promise(resolve => setTimeout(resolve, 1500));
		let previous = selectedRow(text) ?? '';
		const times: number[] = [];
		for (let i = 0; i < KEYS; i++) {
			await new Promise(resolve => setTimeout(resolve, GAP_MS));
			const before = previous;
			const frame = output(screen => {
				const row = selectedRow(screen);
				return row !== null && row !== before;
			}, `frame after key ${i}`);
			const sent = performance.now();
			child.stdin.write(i % 2 === 0 ? 'j' : 'k');
			const shown = await frame;
			previous = selectedRow(text) ?? previous;
			times.push(shown - sent);
		}
		const sorted = [...times].sort((a, b) => a - b);
		const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
		line('keypress-to-frame on the overview (j/k)', `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms over ${times.length} keys ${GAP_MS} ms apart (target: median <= 16 ms)`);
		measuring = false;
		return child;
	} catch (error) {
		line('overview figures', `failed: ${error instanceof Error ? error.message : String(error)}`);
		if (child.exitCode === null) child.kill('SIGKILL');
		return null;
	}
}
