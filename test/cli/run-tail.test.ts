import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Writable} from 'node:stream';
import {runTail} from '../../source/cli/run-tail.js';
import {tailTime} from '../../source/cli/tail-line.js';
import {lookupIotPage} from '../../source/aws/trail.js';
import {startRig} from '../aws/helpers.js';

function sink() {
	let text = '';
	const stream = new Writable({
		write(chunk, _encoding, done) {
			text += String(chunk);
			done();
		},
	});
	return {stream, text: () => text};
}

test('tail text: an EventTime of 1e300 or a null event never stops the stream; rows come oldest first', async () => {
	const rig = await startRig({lookupEventsTps: 1000});
	try {
		const now = rig.now();
		const clean = await lookupIotPage(rig.clients.cloudtrail, {start: now - 30 * 60_000, end: now});
		const newest = clean.events[0]!;
		rig.sim.injectFault({
			service: 'cloudtrail',
			kind: 'hostile-values',
			times: Infinity,
			edits: [
				{path: ['Events', 0, 'EventTime'], value: 1e300},
				{path: ['Events', 1], value: null},
			],
		});
		const out = sink();
		const err = sink();
		const controller = new AbortController();
		const done = runTail({
			client: rig.clients.cloudtrail,
			json: false,
			lookbackMs: 30 * 60_000,
			intervalMs: 200,
			ratePerSecond: 100,
			maxEvents: 10_000,
			now: rig.now,
			columns: 132,
			stdout: out.stream,
			stderr: err.stream,
			signal: controller.signal,
		});
		const deadline = Date.now() + 10_000;
		while (Date.now() < deadline && !/skipped/.test(err.text())) await new Promise(resolve => setTimeout(resolve, 50));
		await new Promise(resolve => setTimeout(resolve, 600)); // a few more polls over the same spoiled pages
		controller.abort();
		assert.equal(await done, 0);
		const lines = out.text().split('\n').filter(Boolean);
		assert.match(lines[0]!, /^TIME UTC\s+EVENT\s+IDENTITY\s+RESOURCE\s+SOURCE IP\s+ERROR$/);
		const rows = lines.slice(1);
		assert.ok(rows.length >= 10, `${rows.length} rows`);
		assert.doesNotMatch(out.text() + err.text(), /RangeError|Invalid time/);
		assert.ok(
			rows.some(row => row.startsWith(tailTime(newest.eventTime, rig.now())) && row.includes(newest.eventName)),
			'the event with EventTime 1e300 is printed at its record time',
		);
		assert.match(err.text(), /skipped \d+ unreadable part\(s\) of the latest LookupEvents answers/);
		// Rows not marked late never go back in time.
		let newestShown = '';
		for (const row of rows) {
			const time = row.slice(0, 8);
			if (row[9] !== '↶') {
				assert.ok(time >= newestShown, `went back in time: ${row}`);
				newestShown = time;
			}
		}
	} finally {
		await rig.close();
	}
});
