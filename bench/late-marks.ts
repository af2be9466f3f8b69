/**
 * How many events `tail --json` marks late when Event History delivers every event a fixed delay after its
 * EventTime (in order): the embedded endpoint with `trailDeliveryDelayMs`, the built CLI against it, for
 * BENCH_SECONDS (default 150). Prints backlog and live counts, and how many of each were marked late. With the
 * late rule of source/monitor/events.ts both should be 0 for any delay under 10 minutes.
 *
 *   npm run build && node --import tsx bench/late-marks.ts            (DELAY_MS=25000 BENCH_SECONDS=150)
 */
import {spawn} from 'node:child_process';
import {startSimulator} from '../source/simulator/server.js';

const delay = Number(process.env['DELAY_MS'] ?? 25_000);
const seconds = Number(process.env['BENCH_SECONDS'] ?? 150);
const sim = await startSimulator({port: 0, quiet: true, trailDeliveryDelayMs: delay});
const started = Date.now();
const child = spawn(
	process.execPath,
	['dist/cli.js', 'tail', '--json', '--since', '10m', '--tail-interval', '5s', '--endpoint-url', sim.url, '--region', 'us-east-1'],
	{
		env: {...process.env, AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', AWS_EC2_METADATA_DISABLED: 'true'},
		stdio: ['ignore', 'pipe', 'inherit'],
	},
);
const rows: Array<{at: number; late: boolean}> = [];
let buffer = '';
child.stdout.on('data', chunk => {
	buffer += String(chunk);
	for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
		const line = buffer.slice(0, i);
		buffer = buffer.slice(i + 1);
		try {
			rows.push({at: Date.now() - started, late: (JSON.parse(line) as {late: boolean}).late});
		} catch {
			// not a JSON line
		}
	}
});
await new Promise(resolve => setTimeout(resolve, seconds * 1000));
child.kill('SIGINT');
await new Promise(resolve => child.once('exit', resolve));
await sim.close();
// The backlog is written in one go after the first poll; everything after it is live.
const first = rows[0]?.at ?? 0;
const backlog = rows.filter(row => row.at - first < 500);
const live = rows.filter(row => row.at - first >= 500);
const late = (list: typeof rows) => list.filter(row => row.late).length;
console.log(`${seconds} s of tail --json, every event delivered ${delay / 1000} s after its EventTime:`);
console.log(`  backlog ${backlog.length} events, ${late(backlog)} marked late`);
console.log(`  live    ${live.length} events, ${late(live)} marked late`);
