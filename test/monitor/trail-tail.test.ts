import {test} from 'node:test';
import assert from 'node:assert/strict';
import {TrailTail} from '../../source/monitor/trail-tail.js';
import {lookupIotPage} from '../../source/aws/trail.js';
import {startRig, type Rig} from '../aws/helpers.js';
import type {TrailEvent} from '../../source/types.js';

const MINUTE = 60_000;

function tailFor(rig: Rig, extra: Partial<ConstructorParameters<typeof TrailTail>[0]> = {}) {
	let calls = 0;
	const tail = new TrailTail({
		client: rig.clients.cloudtrail,
		now: rig.now,
		lookbackMs: 10 * MINUTE,
		overlapMs: 20 * MINUTE,
		ratePerSecond: 1.5,
		maxEvents: 10_000,
		onChange: () => {},
		onCall: () => calls++,
		...extra,
	});
	return {tail, calls: () => calls};
}

test('a late event is inserted in time order and marked late; nothing appears twice across overlapping polls', async () => {
	const rig = await startRig({quiet: true});
	try {
		const now = rig.now();
		rig.sim.injectEvents([
			// Happened 5 minutes ago, but Event History only delivers it a moment after our first poll.
			{eventId: 'late-one', eventTime: now - 5 * MINUTE, deliveredAt: now + 1500, eventName: 'DetachPolicy'},
			{eventId: 'on-time', eventTime: now - 4 * MINUTE, eventName: 'CreateThing'},
		]);
		const {tail} = tailFor(rig);
		const signal = new AbortController().signal;
		await tail.poll(signal);
		const first = tail.getState().events;
		assert.ok(first.some(e => e.eventId === 'on-time'));
		assert.ok(!first.some(e => e.eventId === 'late-one'), 'not delivered yet');
		while (rig.now() < now + 1600) await new Promise(resolve => setTimeout(resolve, 50));
		await tail.poll(signal);
		const events = tail.getState().events;
		const late = events.find(e => e.eventId === 'late-one');
		assert.equal(late?.late, true);
		assert.equal(events.find(e => e.eventId === 'on-time')?.late, false);
		for (let i = 1; i < events.length; i++) assert.ok(events[i - 1]!.eventTime >= events[i]!.eventTime, 'time order');
		assert.equal(new Set(events.map(e => e.eventId)).size, events.length, 'no duplicates');
		assert.ok(events.every(e => e.eventSource === 'iot.amazonaws.com'), 'non-IoT events never shown');
	} finally {
		await rig.close();
	}
});

test('a burst is paged through completely, each event once, only IoT', async () => {
	const rig = await startRig({quiet: true});
	try {
		const now = rig.now();
		const burst = Array.from({length: 180}, (_, i) => ({
			eventId: `burst-${i}`,
			eventTime: now - 2 * MINUTE + i * 100,
			eventName: 'CreateThing',
		}));
		const noise = Array.from({length: 60}, (_, i) => ({
			eventId: `ec2-${i}`,
			eventTime: now - 2 * MINUTE + i * 100,
			eventName: 'RunInstances',
			eventSource: 'ec2.amazonaws.com',
		}));
		rig.sim.injectEvents([...burst, ...noise]);
		const {tail, calls} = tailFor(rig);
		await tail.poll(new AbortController().signal);
		const ids = tail.getState().events.map(e => e.eventId);
		for (const event of burst) assert.ok(ids.includes(event.eventId), event.eventId);
		assert.ok(!ids.some(id => id.startsWith('ec2-')));
		assert.equal(new Set(ids).size, ids.length);
		assert.ok(calls() >= 4, `paged: ${calls()} requests`);
	} finally {
		await rig.close();
	}
});

test('the older events beyond the buffer limit are dropped and counted', async () => {
	const rig = await startRig({quiet: true});
	try {
		const {tail} = tailFor(rig, {maxEvents: 20});
		await tail.poll(new AbortController().signal);
		const state = tail.getState();
		assert.equal(state.events.length, 20);
		assert.ok(state.dropped > 0);
	} finally {
		await rig.close();
	}
});

test('over a sustained run the tail stays at or below its request budget and is never throttled', async () => {
	const rig = await startRig();
	try {
		const {tail, calls} = tailFor(rig, {ratePerSecond: 1, lookbackMs: 60 * MINUTE});
		const controller = new AbortController();
		const started = Date.now();
		let throttled = false;
		const runFor = 20_000;
		while (Date.now() - started < runFor) {
			await tail.poll(controller.signal);
			if (tail.getState().throttled) throttled = true;
		}
		const seconds = (Date.now() - started) / 1000;
		const requests = rig.sim.requestCounts()['LookupEvents'] ?? 0;
		assert.equal(requests, calls(), 'every request the server saw was one we counted (no hidden SDK retries)');
		assert.ok(requests / seconds <= 1.05, `${requests} requests in ${seconds.toFixed(1)} s`);
		assert.ok(requests >= seconds * 0.8, `the tail kept polling: ${requests} requests in ${seconds.toFixed(1)} s`);
		assert.equal(throttled, false);
		// No rolling second ever saw more than the AWS quota of 2.
		const times = rig.sim.requestLog().filter(r => r.operation === 'LookupEvents').map(r => r.at);
		for (let i = 2; i < times.length; i++) assert.ok(times[i]! - times[i - 2]! >= 1000, 'at most 2 per second');
	} finally {
		await rig.close();
	}
});

/** A clock the test moves by hand: each poll sees exactly the moment the test chose. */
function steppedClock(start: number) {
	let t = start;
	return {now: () => t, advance: (ms: number) => (t += ms)};
}

test('late: 150 s of events delivered 25 s after their EventTime are not late; the backlog never is', async () => {
	const clock = steppedClock(Date.UTC(2026, 10, 24, 14, 0, 30));
	const rig = await startRig({quiet: true, now: clock.now, trailDeliveryDelayMs: 25_000, lookupEventsTps: 1000});
	try {
		const start = clock.now();
		rig.sim.injectEvents([
			// In the backlog, though Event History took 29 minutes over it and it sits below newer ones.
			{eventId: 'slow-backlog', eventTime: start - 30 * MINUTE + 5000, deliveredAt: start - MINUTE, eventName: 'DeleteThing'},
		]);
		const live: TrailEvent[] = [];
		const {tail} = tailFor(rig, {now: clock.now, lookbackMs: 40 * MINUTE, ratePerSecond: 1000});
		const signal = new AbortController().signal;
		await tail.poll(signal);
		const backlog = tail.getState().events;
		assert.ok(backlog.length > 20, `${backlog.length} backlog events`);
		assert.ok(backlog.some(e => e.eventId === 'slow-backlog'));
		assert.ok(backlog.every(e => !e.late), 'nothing in the backlog is late');
		const known = new Set(backlog.map(e => e.eventId));
		for (let step = 0; step < 30; step++) {
			clock.advance(5_000);
			await tail.poll(signal);
			for (const event of tail.getState().events) if (!known.has(event.eventId)) (known.add(event.eventId), live.push(event));
		}
		assert.ok(live.length >= 5, `${live.length} events arrived while tailing`);
		assert.deepEqual(live.filter(e => e.late).map(e => e.eventId), [], 'delivered in order, 25 s after EventTime: not late');
	} finally {
		await rig.close();
	}
});

test('late: an event delivered below events already shown is late (70 s after EventTime, under the 10-minute rule)', async () => {
	const clock = steppedClock(Date.UTC(2026, 10, 24, 14, 0, 30));
	const rig = await startRig({quiet: true, now: clock.now, trailDeliveryDelayMs: 25_000, lookupEventsTps: 1000});
	try {
		const start = clock.now();
		rig.sim.injectEvents([
			// Happens 20 s into the run, but Event History shows it only after newer events were shown.
			{eventId: 'out-of-order', eventTime: start + 20_000, deliveredAt: start + 90_000, eventName: 'DetachPolicy'},
			{eventId: 'on-time', eventTime: start + 40_000, eventName: 'CreateThing'},
		]);
		const {tail} = tailFor(rig, {now: clock.now, lookbackMs: 40 * MINUTE, ratePerSecond: 1000});
		const signal = new AbortController().signal;
		await tail.poll(signal);
		for (let step = 0; step < 20; step++) {
			clock.advance(5_000);
			await tail.poll(signal);
		}
		const events = tail.getState().events;
		assert.equal(events.find(e => e.eventId === 'on-time')?.late, false);
		assert.equal(events.find(e => e.eventId === 'out-of-order')?.late, true);
		for (let i = 1; i < events.length; i++) assert.ok(events[i - 1]!.eventTime >= events[i]!.eventTime, 'inserted at its own time');
	} finally {
		await rig.close();
	}
});

test('malformed: a bad event re-read by every poll is counted once per poll, and the count clears with it', async () => {
	const clock = steppedClock(Date.UTC(2026, 10, 24, 14, 0, 30));
	const rig = await startRig({quiet: true, now: clock.now, lookupEventsTps: 1000});
	try {
		rig.sim.injectFault({service: 'cloudtrail', kind: 'hostile-values', times: 3, edits: [{path: ['Events', 0], value: null}]});
		const {tail} = tailFor(rig, {now: clock.now, lookbackMs: 2 * MINUTE, ratePerSecond: 1000});
		const signal = new AbortController().signal;
		const counts: number[] = [];
		for (let poll = 0; poll < 4; poll++) {
			await tail.poll(signal);
			counts.push(tail.getState().skipped);
			assert.equal(tail.getState().error, null);
			clock.advance(5_000);
		}
		assert.deepEqual(counts, [1, 1, 1, 0]);
		assert.ok(tail.getState().events.length > 0);
	} finally {
		await rig.close();
	}
});

test('after a throttle storm the tail retries within its poll interval (maxBackoffMs), never faster than its pacing', async () => {
	// The endpoint's own 2/s quota is lifted: only the injected storm throttles.
	const rig = await startRig({quiet: true, lookupEventsTps: 1000});
	try {
		rig.sim.injectFault({service: 'cloudtrail', kind: 'throttle', times: 6});
		let throttles = 0;
		// When the tail lets each request go (after its pacing): the server's arrival times also carry the
		// loaded machine's delays, which can put two arrivals closer than the tail sent them.
		const sent: number[] = [];
		const {tail} = tailFor(rig, {ratePerSecond: 10, maxBackoffMs: 300, onThrottle: () => throttles++, onCall: () => sent.push(performance.now())});
		await tail.poll(new AbortController().signal);
		const state = tail.getState();
		assert.equal(throttles, 6);
		assert.equal(state.throttled, false);
		assert.equal(state.error, null);
		assert.ok(state.lastSuccess !== null, 'the same poll got through once the storm was over');
		assert.ok(rig.sim.requestLog().filter(r => r.operation === 'LookupEvents').length >= 7, 'the endpoint saw every request');
		assert.ok(sent.length >= 7, `${sent.length} requests sent`);
		const gaps = sent.slice(1).map((t, i) => Math.round(t - sent[i]!));
		// Uncapped, the 2nd and later pauses would be 2 s, 4 s, 8 s... (at least 1 s each).
		assert.ok(Math.max(...gaps.slice(0, 6)) < 1000, `pauses ${gaps.join(', ')} ms: capped at 300 ms`);
		assert.ok(Math.min(...gaps) >= 100 - 5, `pauses ${gaps.join(', ')} ms: never under the 100 ms pacing gap`);
	} finally {
		await rig.close();
	}
});

test('caught up: after the first page of a newest-first source, the last page of an oldest-first stream, the first slice of a sliced backfill', async () => {
	const rig = await startRig({quiet: true});
	try {
		const now = rig.now();
		rig.sim.injectEvents(Array.from({length: 180}, (_, i) => ({eventId: `burst-${i}`, eventTime: now - 2 * MINUTE + i * 100, eventName: 'CreateThing'})));
		const modes = [
			{name: 'newest first', extra: {}},
			{name: 'oldest-first stream', extra: {oldestFirst: true, backfill: 'oldest-first' as const}},
			{name: 'sliced', extra: {oldestFirst: true, firstSliceMs: 4 * MINUTE}},
		];
		for (const {name, extra} of modes) {
			const seen: Array<{caughtUp: boolean; since: number; until: number | null}> = [];
			const windows: Array<{start: number; end: number}> = [];
			let tail: TrailTail | null = null;
			tail = tailFor(rig, {
				...extra,
				fetchPage: (request, signal) => (windows.push({start: request.start, end: request.end}), lookupIotPage(rig.clients.cloudtrail, request, signal)),
				onChange: () => seen.push({caughtUp: tail!.getState().caughtUp, since: tail!.getState().since, until: tail!.getState().until}),
			}).tail;
			assert.equal(tail.getState().caughtUp, false, 'nothing read yet');
			await tail.poll(new AbortController().signal);
			assert.ok(seen.length >= 4, `${name}: paged: ${seen.length} pages`);
			const flags = seen.map(s => s.caughtUp);
			if (name === 'newest first') assert.ok(flags.every(Boolean), 'newest first: the first page holds the newest minutes');
			if (name === 'oldest-first stream') {
				assert.deepEqual(flags, [...flags.slice(0, -1).map(() => false), true], 'oldest first: only the last page reaches now');
				// Until then nothing up to now is read: since does not claim the window.
				assert.ok(seen.slice(0, -1).every(s => s.until === null && s.since >= windows[0]!.end), JSON.stringify(seen));
			}
			if (name === 'sliced') {
				const firstSlice = windows.filter(w => w.end === windows[0]!.end).length;
				assert.equal(windows[0]!.end - windows[0]!.start, 4 * MINUTE, 'the newest slice first');
				assert.deepEqual(flags, flags.map((_, i) => i >= firstSlice - 1), 'caught up from the first slice\'s last page on');
				assert.ok(windows.length > firstSlice, 'older slices follow');
				assert.equal(seen[firstSlice - 1]!.since, windows[0]!.start, 'since: what the first slice read');
			}
		}
	} finally {
		await rig.close();
	}
});
