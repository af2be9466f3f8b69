// Chaos soak: the built UI (dist/cli.js) in a real terminal (a private tmux server, 200x50, wide enough
// for the status line to show whole error messages) and a
// concurrent `tail --json`, both against the embedded AWS-compatible endpoint, while the endpoint is made
// to fail in turn: a throttle storm, 20 % 5xx with 800 ms latency, connection resets, malformed bodies,
// expired credentials, and the endpoint down and back on the same port. Each phase injects its fault for
// 40 % of the phase, clears it, and watches the UI recover for the rest.
//
// The UI and the tail reach the endpoint through two small TCP proxies on fixed ports (so "down" is a real
// ECONNREFUSED and "back" is the same port, while the endpoint keeps its event store); the proxies count
// the LookupEvents requests of each client by the second.
//
// Prints one row per phase: UI up (its process alive and its screen drawn at every 1 s sample), the
// message the status line showed, seconds from the fault clearing to a status line without an error
// (">N" when not within the phase), the UI's LookupEvents per second (max in any second, average), the
// tail's events lost/duplicated (judged at the end against the endpoint's own answer over the same
// window, each event counted in the phase of its EventTime), and the UI's RSS at the phase's start and end.
//
// Both run as users run them: ./dist/cli.js through its own `#!/usr/bin/env -S node <flags>` line (the npm
// bin does the same), so with the Node flags it ships with (a 4 MiB young generation), not `node dist/cli.js`.
// NODE_OPTIONS reaches both, e.g. NODE_OPTIONS=--heapsnapshot-signal=SIGUSR2 to take heap snapshots of the
// UI (its pid is printed at start) with `kill -USR2 <pid>`.
//
// Usage: npm run soak -- --minutes 30   (default 30; --minutes 2 is a quick smoke run; --poll-interval 10s)
// Linux only (tmux, /proc). Warm-up (start-up) 60-150 s, then 7 phases of (minutes - warm-up) / 7 each.
import {execFileSync, spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {createServer, type Server, type Socket, connect} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {CloudTrailClient, LookupEventsCommand} from '@aws-sdk/client-cloudtrail';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
import {type Fault} from '../source/simulator/faults.js';
import {startSimulator} from '../source/simulator/server.js';

const arg = (name: string, fallback: string): string => {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
};
const MINUTES = Number(arg('minutes', '30'));
const POLL = arg('poll-interval', '10s');
const TAIL_SINCE_MIN = 20;
const CLI = 'dist/cli.js';
if (!(MINUTES > 0)) throw new Error('--minutes must be a positive number, e.g. --minutes 2');
if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run npm run build first (npm run soak does)');

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
const now = () => Date.now();

// ---------------------------------------------------------------- proxies
type Proxy = {port: number; lookups: number[]; down(): Promise<void>; up(): Promise<void>; close(): Promise<void>};

/** A TCP proxy to `target` on a fixed port, counting LookupEvents requests (by their X-Amz-Target header). */
async function startProxy(target: number): Promise<Proxy> {
	const lookups: number[] = [];
	const sockets = new Set<Socket>();
	const needle = 'CloudTrail_20131101.LookupEvents';
	const handle = (client: Socket) => {
		sockets.add(client);
		const upstream = connect(target, '127.0.0.1');
		sockets.add(upstream);
		let carry = '';
		client.on('data', chunk => {
			const text = carry + chunk.toString('latin1');
			let at = text.indexOf(needle);
			while (at !== -1) {
				lookups.push(now());
				at = text.indexOf(needle, at + needle.length);
			}
			carry = text.slice(-needle.length);
			upstream.write(chunk);
		});
		upstream.on('data', chunk => client.write(chunk));
		const end = () => {
			client.destroy();
			upstream.destroy();
			sockets.delete(client);
			sockets.delete(upstream);
		};
		client.on('close', end).on('error', end);
		upstream.on('close', end).on('error', end);
	};
	let server: Server = createServer(handle);
	const listen = (port: number) =>
		new Promise<number>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => resolve((server.address() as {port: number}).port));
		});
	const port = await listen(0);
	const down = () =>
		new Promise<void>(resolve => {
			server.close(() => resolve());
			for (const socket of sockets) socket.destroy();
		});
	return {
		port,
		lookups,
		down,
		async up() {
			server = createServer(handle);
			await listen(port);
		},
		async close() {
			await down().catch(() => undefined);
		},
	};
}

// ---------------------------------------------------------------- the UI in tmux
const socket = `iotmon-soak-${process.pid}-${randomBytes(3).toString('hex')}`;
const home = mkdtempSync(join(tmpdir(), 'iotmon-soak-'));
const tmuxEnv: NodeJS.ProcessEnv = {...process.env, TERM: 'xterm-256color', LANG: 'C.UTF-8'};
for (const name of ['LC_ALL', 'LC_CTYPE', 'NO_COLOR', 'TMUX', 'TMUX_PANE']) delete tmuxEnv[name];
const tmux = (...args: string[]) => execFileSync('tmux', ['-u', '-L', socket, '-f', '/dev/null', ...args], {encoding: 'utf8', env: tmuxEnv});

function awsEnv(port: number): string[] {
	return [
		`AWS_ENDPOINT_URL=http://127.0.0.1:${port}`,
		'AWS_REGION=us-east-1',
		'AWS_ACCESS_KEY_ID=soak',
		'AWS_SECRET_ACCESS_KEY=soak',
		'AWS_EC2_METADATA_DISABLED=true',
		`XDG_CACHE_HOME=${home}`,
		`XDG_STATE_HOME=${home}`,
		`XDG_CONFIG_HOME=${home}`,
	];
}

function rssMiB(pid: number): number | null {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
	} catch {
		return null;
	}
}

const alive = (pid: number): boolean => {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
	} catch {
		return false;
	}
};

/** The status line ("metrics … trail …"), the header, and whether the screen is drawn at all. */
function screen(): {drawn: boolean; status: string; header: string; text: string} {
	let text = '';
	try {
		text = tmux('capture-pane', '-p', '-t', 'soak');
	} catch {
		return {drawn: false, status: '', header: '', text: ''};
	}
	const lines = text.split('\n');
	const status = lines.find(line => /^\s*metrics\b.*\btrail\b/.test(line)) ?? '';
	const header = lines[0] ?? '';
	// The header names the region on every frame; the status line is the row of its own at this size.
	return {drawn: /us-east-1/.test(header) && status !== '', status: status.trim(), header: header.trim(), text};
}

/** The error messages of the status line (after ✗) by source; empty when both sources are fine. */
function shownErrors(status: string): Map<string, string> {
	return new Map([...status.matchAll(/(metrics|trail) ✗ (.*?)(?= · (?:⚠ )?data| · no data|\s{3}|$)/g)].map(m => [m[1]!, m[2]!]));
}

// ---------------------------------------------------------------- tail --json
type Seen = {id: string; time: number; at: number};
function startTail(port: number) {
	const seen: Seen[] = [];
	let stderr = '';
	const env: NodeJS.ProcessEnv = {...process.env, LANG: 'C.UTF-8'};
	for (const entry of awsEnv(port)) {
		const [key, ...value] = entry.split('=');
		env[key!] = value.join('=');
	}
	delete env['CI'];
	const child = spawn(`./${CLI}`, ['tail', '--json', '--since', `${TAIL_SINCE_MIN}m`], {env, stdio: ['ignore', 'pipe', 'pipe']});
	let buffer = '';
	child.stdout.on('data', chunk => {
		buffer += String(chunk);
		let newline = buffer.indexOf('\n');
		while (newline !== -1) {
			const line = buffer.slice(0, newline);
			buffer = buffer.slice(newline + 1);
			try {
				const event = JSON.parse(line) as {eventId: string; eventTime: string};
				seen.push({id: event.eventId, time: Date.parse(event.eventTime), at: now()});
			} catch {
				// not an event line
			}
			newline = buffer.indexOf('\n');
		}
	});
	child.stderr.on('data', chunk => (stderr += String(chunk)));
	return {seen, child, startedAt: now(), stderr: () => stderr};
}

/** Every IoT event the endpoint itself answers for [from, to], through the real SDK (retries on throttling). */
async function endpointEvents(url: string, from: number, to: number): Promise<Map<string, number>> {
	const client = new CloudTrailClient({
		endpoint: url,
		region: 'us-east-1',
		credentials: {accessKeyId: 'soak', secretAccessKey: 'soak'},
		maxAttempts: 10,
	});
	const out = new Map<string, number>();
	let token: string | undefined;
	do {
		const page = await client.send(
			new LookupEventsCommand({
				StartTime: new Date(from),
				EndTime: new Date(to),
				LookupAttributes: [{AttributeKey: 'EventSource', AttributeValue: 'iot.amazonaws.com'}],
				MaxResults: 50,
				NextToken: token,
			}),
		);
		for (const event of page.Events ?? []) if (event.EventId) out.set(event.EventId, event.EventTime?.getTime() ?? 0);
		token = page.NextToken;
		await sleep(600);
	} while (token);
	client.destroy();
	return out;
}

// ---------------------------------------------------------------- phases
type Phase = {
	name: string;
	inject: () => Promise<string | null>;
	clear: () => Promise<void>;
};

const sim = await startSimulator({port: 0, seed: 1});
const uiProxy = await startProxy(sim.port);
const tailProxy = await startProxy(sim.port);
const both = (fault: Omit<Fault, 'service'>) => {
	sim.injectFault({...fault, service: 'cloudwatch'});
	sim.injectFault({...fault, service: 'cloudtrail'});
};
const clearFaults = async () => sim.clearFaults();
const forever = Number.POSITIVE_INFINITY;

/**
 * Malformed answers, on both services: a 200 whose body stops halfway (malformed-json) for a quarter of the
 * requests, and for another quarter a well-formed 200 whose contents are hostile (hostile-values: items or
 * fields replaced by null, wrong types, 1e300, escapes, huge strings; source/simulator/hostile.ts).
 */
const PHASES: Phase[] = [
	{name: 'baseline (no fault)', inject: async () => null, clear: async () => {}},
	{name: 'throttle storm', inject: async () => (both({kind: 'throttle', times: forever}), null), clear: clearFaults},
	{
		name: '20% 5xx, 800 ms latency',
		inject: async () => {
			both({kind: 'internal-error', probability: 0.2, delayMs: 800, times: forever});
			both({kind: 'delay', delayMs: 800, times: forever});
			return null;
		},
		clear: clearFaults,
	},
	{name: 'connection resets (50%)', inject: async () => (both({kind: 'connection-reset', probability: 0.5, times: forever}), null), clear: clearFaults},
	{
		name: 'malformed bodies (50%)',
		inject: async () => {
			both({kind: 'malformed-json', probability: 0.25, times: forever});
			// Of the requests the cut bodies spare, a third: a quarter of all requests.
			both({kind: 'hostile-values', probability: 1 / 3, times: forever, seed: 7});
			return null;
		},
		clear: clearFaults,
	},
	{name: 'expired credentials', inject: async () => (both({kind: 'expired-token', times: forever}), null), clear: clearFaults},
	{
		name: 'endpoint down, back same port',
		inject: async () => {
			await uiProxy.down();
			await tailProxy.down();
			return null;
		},
		clear: async () => {
			await uiProxy.up();
			await tailProxy.up();
		},
	},
];

type Row = {
	name: string;
	up: boolean;
	message: string;
	recoverS: number | null;
	windowS: number;
	lookupMax: number;
	lookupAvg: number;
	start: number;
	end: number;
	rssStart: number | null;
	rssEnd: number | null;
	note: string | null;
};

const cutTo = (text: string, width: number) => (text.length <= width ? text : `${text.slice(0, width - 1)}…`);

function lookupStats(lookups: readonly number[], from: number, to: number): {max: number; avg: number} {
	const inside = lookups.filter(t => t >= from && t < to);
	const buckets = new Map<number, number>();
	for (const t of inside) buckets.set(Math.floor(t / 1000), (buckets.get(Math.floor(t / 1000)) ?? 0) + 1);
	return {max: Math.max(0, ...buckets.values()), avg: inside.length / Math.max(1, (to - from) / 1000)};
}

const started = now();
tmux('start-server', ';', 'set-option', '-g', 'remain-on-exit', 'on', ';', 'new-session', '-d', '-s', 'soak', '-x', '200', '-y', '50',
	`env -u CI ${awsEnv(uiProxy.port).join(' ')} ./${CLI} --poll-interval ${POLL} --lookback 30m`);
const pid = Number(tmux('display-message', '-p', '-t', 'soak', '#{pane_pid}').trim());
process.stderr.write(`soak: UI pid ${pid}, started as ./${CLI} (${readFileSync(CLI, 'utf8').split('\n', 1)[0]!.slice(2)})\n`);
const tail = startTail(tailProxy.port);
const rows: Row[] = [];
const WARM_MIN_MS = 60_000;
const WARM_MAX_MS = 150_000;
const WARM_QUIET_MS = 15_000;
const warmMessages = new Map<string, string>();
/** The UI's RSS, sampled every second through the run (GC makes single samples noisy). */
const rssSamples: Array<{at: number; mib: number | null}> = [];
let failure: string | null = null;
let plan = '';
try {
	// Warm-up = start-up: the UI drawn, both sources with data and the status line free of errors for
	// WARM_QUIET_MS running (the first polls page through the backlog while the tail does the same, and the
	// 14 days of baseline history load), at least WARM_MIN_MS, at most WARM_MAX_MS. What the status line
	// showed meanwhile is reported under the table.
	const warmDeadline = now() + WARM_MAX_MS;
	let quietSince: number | null = null;
	while (now() < warmDeadline) {
		const s = screen();
		const errors = shownErrors(s.status);
		for (const [source, text] of errors) if (!warmMessages.has(source)) warmMessages.set(source, text);
		const ready = s.drawn && errors.size === 0 && !/waiting|no data/.test(s.status);
		quietSince = ready ? (quietSince ?? now()) : null;
		if (quietSince !== null && now() - quietSince >= WARM_QUIET_MS && now() - started >= WARM_MIN_MS) break;
		rssSamples.push({at: now(), mib: rssMiB(pid)});
		await sleep(500);
	}
	const warmS = (now() - started) / 1000;
	const phaseMs = Math.max(12_000, ((MINUTES * 60 - warmS) / PHASES.length) * 1000);
	const faultMs = Math.round(phaseMs * 0.4);
	plan = `warm-up ${warmS.toFixed(0)} s, then ${PHASES.length} phases of ${(phaseMs / 1000).toFixed(0)} s (fault ${(faultMs / 1000).toFixed(0)} s, then recovery)`;
	process.stderr.write(`soak: ${plan}\n`);

	for (const phase of PHASES) {
		const start = now();
		const rssStart = rssMiB(pid);
		const note = await phase.inject();
		let up = true;
		const messages = new Map<string, string>();
		let clearedAt: number | null = null;
		let recoverS: number | null = null;
		while (now() - start < phaseMs) {
			const s = screen();
			rssSamples.push({at: now(), mib: rssMiB(pid)});
			if (!alive(pid) || !s.drawn) up = false;
			const errors = shownErrors(s.status);
			if (clearedAt === null) {
				for (const [source, text] of errors) if (!messages.has(source)) messages.set(source, text);
				if (now() - start >= faultMs) {
					await phase.clear();
					clearedAt = now();
				}
			} else if (recoverS === null && errors.size === 0 && s.drawn) {
				recoverS = (now() - clearedAt) / 1000;
			}
			await sleep(1000);
		}
		if (clearedAt === null) {
			await phase.clear();
			clearedAt = now();
		}
		const end = now();
		const {max, avg} = lookupStats(uiProxy.lookups, start, end);
		rows.push({
			name: phase.name,
			up,
			message:
				['metrics', 'trail']
					.filter(source => messages.has(source))
					.map(source => `${source === 'metrics' ? 'cw' : 'ct'}: ${cutTo(messages.get(source)!.replace(/^(CloudWatch|CloudTrail):? /, ''), 34)}`)
					.join(' | ') || '(none)',
			recoverS: phase.name.startsWith('baseline') ? 0 : recoverS,
			windowS: (end - clearedAt) / 1000,
			lookupMax: max,
			lookupAvg: avg,
			start,
			end,
			rssStart,
			rssEnd: rssMiB(pid),
			note,
		});
		process.stderr.write(`soak: ${phase.name} done\n`);
	}
} catch (error) {
	failure = error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------- judge the tail, quit the UI
const judgeAt = now();
const tailFrom = tail.startedAt - TAIL_SINCE_MIN * 60_000 + 10_000;
const reference = await endpointEvents(sim.url, tailFrom, judgeAt - 2_000).catch(error => {
	failure ??= `reference query failed: ${error instanceof Error ? error.message : String(error)}`;
	return new Map<string, number>();
});
// Let the tail catch up on what the endpoint had delivered by then (two tail intervals and some paging).
await sleep(15_000);
tail.child.kill('SIGINT');
await new Promise(resolve => tail.child.once('exit', resolve));
const counts = new Map<string, number>();
for (const event of tail.seen) counts.set(event.id, (counts.get(event.id) ?? 0) + 1);
const lost = [...reference.entries()].filter(([id]) => !counts.has(id));
const duplicated = [...counts.entries()].filter(([, count]) => count > 1).map(([id]) => id);
const timeOf = new Map(tail.seen.map(event => [event.id, event.time]));

tmux('send-keys', '-t', 'soak', 'q');
let exitStatus = '';
for (let i = 0; i < 50 && exitStatus === ''; i++) {
	await sleep(100);
	if (tmux('display-message', '-p', '-t', 'soak', '#{pane_dead}').trim() === '1') {
		exitStatus = tmux('display-message', '-p', '-t', 'soak', '#{pane_dead_status}').trim() || '(none)';
	}
}
const lastScreen = screen().text;
try {
	tmux('kill-server');
} catch {}
await uiProxy.close();
await tailProxy.close();
await sim.close();
rmSync(home, {recursive: true, force: true});

// ---------------------------------------------------------------- the table
const pad = (text: string, width: number) => (text.length >= width ? text.slice(0, width) : text + ' '.repeat(width - text.length));
const lpad = (text: string, width: number) => (text.length >= width ? text : ' '.repeat(width - text.length) + text);
const phaseOf = (time: number): number => {
	const index = rows.findIndex(row => time >= row.start && time < row.end);
	return index === -1 ? (rows.length > 0 && time >= rows.at(-1)!.end ? rows.length - 1 : 0) : index;
};
const lostBy = rows.map(() => 0);
const dupBy = rows.map(() => 0);
for (const [, time] of lost) lostBy[phaseOf(time)]! += 1;
for (const id of duplicated) dupBy[phaseOf(timeOf.get(id) ?? 0)]! += 1;

const MESSAGE = 80;
const header = `${pad('phase', 30)} ${pad('UI up', 5)} ${pad('message shown (status line; cw CloudWatch, ct CloudTrail)', MESSAGE)} ${lpad('recover s', 9)} ${lpad('LE/s max', 8)} ${lpad('LE/s avg', 8)} ${lpad('lost/dup', 8)} ${lpad('RSS MiB start/end', 17)}`;
console.log(header);
console.log('-'.repeat(header.length));
rows.forEach((row, i) => {
	const recover = row.recoverS === null ? `>${row.windowS.toFixed(0)}` : row.recoverS.toFixed(0);
	const rss = `${row.rssStart?.toFixed(0) ?? '?'} / ${row.rssEnd?.toFixed(0) ?? '?'}`;
	console.log(
		`${pad(row.name, 30)} ${pad(row.up ? 'yes' : 'NO', 5)} ${pad(row.message, MESSAGE)} ${lpad(recover, 9)} ${lpad(String(row.lookupMax), 8)} ${lpad(row.lookupAvg.toFixed(2), 8)} ${lpad(`${lostBy[i]}/${dupBy[i]}`, 8)} ${lpad(rss, 17)}`,
	);
	if (row.note) console.log(`  note: ${row.note}`);
});
const all = lookupStats(uiProxy.lookups, rows[0]?.start ?? started, rows.at(-1)?.end ?? now());
const tailAll = lookupStats(tailProxy.lookups, tail.startedAt, judgeAt);
const median = (values: number[]): number | null => {
	if (values.length === 0) return null;
	const sorted = [...values].sort((x, y) => x - y);
	return sorted[Math.floor(sorted.length / 2)]!;
};
const rssIn = (row: Row | undefined): number | null =>
	row ? median(rssSamples.filter(r => r.at >= row.start && r.at < row.end && r.mib !== null).map(r => r.mib!)) : null;
// RSS growth: the median of the 1 s samples in the baseline phase (after warm-up) against the median in the
// last phase; medians, because one sample can land on either side of a garbage collection.
const first = rssIn(rows[0]);
const last = rssIn(rows.at(-1));
const peak = Math.max(0, ...rssSamples.map(r => r.mib ?? 0));
console.log('');
console.log(`run: ${((judgeAt - started) / 60_000).toFixed(1)} min (${plan}); UI --poll-interval ${POLL}, --tail-interval 5s; UI LookupEvents max ${all.max}/s avg ${all.avg.toFixed(2)}/s; tail LookupEvents max ${tailAll.max}/s avg ${tailAll.avg.toFixed(2)}/s`);
console.log(`tail --json: ${tail.seen.length} lines, ${reference.size} events the endpoint answered for the window, ${lost.length} lost, ${duplicated.length} duplicated`);
const parseSeconds = (text: string): number => Number(/^(\d+(?:\.\d+)?)/.exec(text)?.[1] ?? 'NaN') * (text.endsWith('m') ? 60 : 1);
// The status line is clean only when both sources are: the bound is two of the longer interval (trail: 5 s).
const boundS = 2 * Math.max(parseSeconds(POLL), 5);
const slow = rows.filter(row => row.recoverS === null || row.recoverS > boundS).map(row => row.name);
console.log(`recovery bound: 2 poll intervals = ${boundS} s; phases over it: ${slow.length ? slow.join(', ') : 'none'}`);
const seen = (map: Map<string, string>) =>
	[...map].map(([source, text]) => `${source === 'metrics' ? 'cw' : 'ct'}: ${text.replace(/^(CloudWatch|CloudTrail):? /, '')}`).join(' | ') || '(none)';
console.log(`warm-up (start-up, backlog paging, baseline history): status line errors shown: ${seen(warmMessages)}`);
console.log(
	`UI RSS, median of 1 s samples, baseline phase -> last phase: ${first?.toFixed(1) ?? '?'} -> ${last?.toFixed(1) ?? '?'} MiB (${first && last ? `${last >= first ? '+' : ''}${(((last - first) / first) * 100).toFixed(1)} %` : '?'}); peak ${peak.toFixed(1)} MiB; q at the end: exit status ${exitStatus || '(did not exit)'}`,
);
if (failure) console.log(`FAILED: ${failure}`);
if (process.env['SOAK_DEBUG']) console.log(`last screen:\n${lastScreen}\ntail stderr:\n${tail.stderr()}`);
process.exit(failure || exitStatus !== '0' ? 1 : 0);
