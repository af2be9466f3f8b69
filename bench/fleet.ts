/**
 * `npm run bench:fleet`: fleet mode at scale on the embedded endpoint. The endpoint runs in this process
 * as an organization of ACCOUNTS accounts (default 50) in REGIONS regions (default 3) with the default
 * metrics, an organization trail log group in the first region, and an incident in one scope. Then:
 *   1. one `--once --json` run (the shipped CLI) learns and caches every scope's baselines;
 *   2. a live fleet monitor (bench/fleet-app.ts, the shipped FleetMonitor) starts on that cache and runs
 *      for --minutes (default 5).
 * It prints: time to the first snapshot with data in every scope, GetMetricData requests per refresh per
 * region (counted by the endpoint), FilterLogEvents requests per second, and the monitor's RSS at the end.
 * Flags: --accounts N, --regions a,b,c, --minutes M, --baseline-days D, --lookback DUR.
 */
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {parseArgs as parseNodeArgs} from 'node:util';
import {startSimulator} from '../source/simulator/server.js';
// @ts-expect-error plain JavaScript helper shared by the benches
import {memory} from './proc.mjs';

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

// 2. The live monitor on the warm cache.
const runStart = Date.now();
const spawnAt = performance.now();
const app = spawn(process.execPath, ['--import', 'tsx', 'bench/fleet-app.ts', ...common], {env, stdio: ['ignore', 'pipe', 'inherit']});
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
app.kill('SIGTERM');
const runEnd = Date.now();

line('first snapshot with data in every scope (warm)', firstData ? `${Math.round(firstData.seen)} ms from spawn (${firstData.ms} ms in the process; tsx, not the bundle)` : 'never');
const log = sim.requestLog().filter(entry => entry.at >= runStart && entry.at <= runEnd);
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
line(`RSS after ${minutes} min (peak)`, `${mem.rss.toFixed(0)} MiB (${mem.peak.toFixed(0)} MiB)`);
await sim.close();
rmSync(home, {recursive: true, force: true});
process.exit(0);
