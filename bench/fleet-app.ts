/**
 * Child of bench/fleet.ts: fleet mode as it ships (parseArgs, createFleetClients, createFleetMonitor from
 * source/cli/run-fleet.ts), run live against the endpoint given with --endpoint-url. It prints one JSON
 * line when the first snapshot with data for every scope is out (ms since this process started), then
 * one line per minute with the scope count and status, until killed.
 */
import {performance} from 'node:perf_hooks';
import {parseArgs} from '../source/cli/flags.js';
import {createFleetMonitor} from '../source/cli/run-fleet.js';
import {collectAfterStartup} from '../source/cli/startup-garbage.js';
import {createFleetClients} from '../source/aws/fleet-clients.js';

const expected = Number(process.env['BENCH_SCOPES'] ?? 0);
const command = parseArgs(process.argv.slice(2));
if (command.kind !== 'monitor') throw new Error('bench/fleet-app.ts takes monitor options');
const options = command.options;
const clients = await createFleetClients({
	regions: options.regions ?? [],
	...(options.endpointUrl ? {endpointUrl: options.endpointUrl} : {}),
});
const monitor = createFleetMonitor(options, clients, {selfAccount: await clients.callerAccount(), sim: null, demoOrg: false, live: true});
let first = false;
monitor.subscribe(snapshot => {
	if (first) return;
	// Judged: a scope's status is OK, WARN or CRIT only once some metric has real data judged against its baseline
	// (the summary says so without making the scope's points, as the overview does).
	const withData = snapshot.scopes.filter(view => view.summary.status !== 'UNKNOWN');
	if (withData.length < expected) return;
	first = true;
	process.stdout.write(JSON.stringify({event: 'first-data', ms: Math.round(performance.now()), scopes: snapshot.scopes.length, status: snapshot.status}) + '\n');
});
monitor.start();
// As fleetTui does once the first answers are in: start-up's garbage is collected when start-up is over.
collectAfterStartup(monitor);
setInterval(() => {
	const snapshot = monitor.getSnapshot();
	const events = snapshot.events.length;
	const {rss, heapUsed, heapTotal, external, arrayBuffers} = process.memoryUsage();
	const mib = (n: number) => Math.round(n / 1048576);
	const memory = {rss: mib(rss), heapUsed: mib(heapUsed), heapTotal: mib(heapTotal), external: mib(external), arrayBuffers: mib(arrayBuffers)};
	process.stdout.write(JSON.stringify({event: 'tick', scopes: snapshot.scopes.length, status: snapshot.status, events, memory}) + '\n');
}, Number(process.env['BENCH_TICK_MS'] ?? 60_000));
