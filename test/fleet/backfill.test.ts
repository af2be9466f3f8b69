/**
 * The organization trail's first fill, newest slice first, against the embedded endpoint through the real
 * @aws-sdk/client-cloudwatch-logs client: the newest minutes are in the first snapshot; the older slices
 * follow without a gap or a repeat; the backfill stops at the buffer limit and says so (tail state,
 * --once --json, the overview's event title); and once caught up the tail goes on forward.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {filterIotLogPage, type LogEventMemo} from '../../source/aws/logs.js';
import type {LookupPageRequest} from '../../source/aws/trail.js';
import {TrailTail, type TrailState} from '../../source/monitor/trail-tail.js';
import {FleetMonitor} from '../../source/monitor/fleet/fleet-monitor.js';
import {recentRead} from '../../source/monitor/fleet/fleet-snapshot.js';
import {fleetSnapshotToJson} from '../../source/monitor/fleet/fleet-json.js';
import {DEFAULT_METRICS} from '../../source/iot/catalog.js';
import {eventsTitleSegments} from '../../source/ui/fleet/fleet-lines.js';
import type {ScopedEvent, TrailEvent} from '../../source/types.js';
import {BASE} from '../aws/helpers.js';
import {GROUP, SELF, startOrg, type OrgRig} from './helpers.js';

const MINUTE = 60_000;

/** A clock the test moves by hand (the endpoint and the tail read the same one). */
function steppedClock(start: number) {
	let t = start;
	return {now: () => t, advance: (ms: number) => (t += ms)};
}

type Window = {start: number; end: number; token: boolean};

function logsTail(rig: OrgRig, options: Partial<ConstructorParameters<typeof TrailTail>[0]> & {widenMs?: number} = {}) {
	const clients = rig.clients.regions[0]!;
	const memo: LogEventMemo = new Map();
	const windows: Window[] = [];
	const added: TrailEvent[] = [];
	const states: TrailState[] = [];
	const {widenMs = 0, ...rest} = options;
	let tail: TrailTail | null = null;
	tail = new TrailTail({
		client: clients.cloudtrail,
		now: rig.now,
		lookbackMs: 60 * MINUTE,
		overlapMs: 20 * MINUTE,
		ratePerSecond: 50,
		maxEvents: 100_000,
		oldestFirst: true,
		api: {service: 'CloudWatch Logs', operation: 'FilterLogEvents'},
		fetchPage: (request, signal) => {
			windows.push({start: request.start, end: request.end, token: request.nextToken !== undefined});
			// widenMs: a source that answers a little outside the window asked for (as LookupEvents may); every
			// page of a window alike, as the endpoint's tokens belong to one window.
			const asked: LookupPageRequest = widenMs > 0 ? {...request, start: request.start - widenMs, end: request.end + widenMs} : request;
			return filterIotLogPage(clients.logs, {identifier: GROUP, region: clients.region}, asked, signal, memo);
		},
		onChange: () => states.push(tail!.getState()),
		onCall: () => {},
		onEvents: events => added.push(...events),
		...rest,
	});
	return {tail, windows, added, states};
}

/** Every IoT record of [start, end], read oldest first in one window: what the tail should end up with. */
async function everything(rig: OrgRig, start: number, end: number): Promise<ScopedEvent[]> {
	const clients = rig.clients.regions[0]!;
	const out: ScopedEvent[] = [];
	let nextToken: string | undefined;
	do {
		const page = await filterIotLogPage(clients.logs, {identifier: GROUP, region: clients.region}, {start, end, ...(nextToken ? {nextToken} : {})});
		out.push(...page.events);
		nextToken = page.nextToken ?? undefined;
	} while (nextToken);
	return out;
}

const ids = (events: readonly TrailEvent[]) => events.map(e => e.eventId).sort();

test('newest first: the first snapshot holds the newest minutes, older slices follow back to the lookback, each event once', async () => {
	const clock = steppedClock(BASE);
	const rig = await startOrg({now: clock.now, filterLogEventsTps: 1000});
	try {
		const end = clock.now();
		const truth = await everything(rig, end - 60 * MINUTE, end);
		assert.ok(truth.length > 500, `${truth.length} records in the hour`);
		const {tail, windows, added, states} = logsTail(rig);
		await tail.poll(new AbortController().signal, true);

		// The first snapshot with events: only the newest slice, and the newest record of the hour in it.
		const first = states.find(s => s.events.length > 0)!;
		const newest = Math.max(...truth.map(e => e.eventTime));
		assert.equal(first.events[0]!.eventTime, newest);
		assert.ok(first.events.every(e => e.eventTime >= end - 5 * MINUTE), 'the first slice is the newest 5 minutes');
		assert.deepEqual({start: windows[0]!.start, end: windows[0]!.end}, {start: end - 5 * MINUTE, end});

		// Slices step back, each ending just before the previous one began: no gap, no overlap.
		const slices = windows.filter(w => !w.token);
		for (let i = 1; i < slices.length; i++) assert.equal(slices[i]!.end, slices[i - 1]!.start - 1, `slice ${i}`);
		assert.equal(slices.at(-1)!.start, end - 60 * MINUTE);
		assert.ok(slices.length >= 3 && slices.length <= 8, `${slices.length} slices`);

		// since only ever says what was read: each completed slice's start, never the whole window ahead of time.
		const sinces = [...new Set(states.map(s => s.since))];
		for (const since of sinces.slice(1)) assert.ok(slices.some(w => w.start === since), `since ${since} is a slice start`);

		const state = tail.getState();
		assert.deepEqual(ids(state.events), ids(truth), 'every record of the hour, once');
		assert.equal(added.length, truth.length, 'each handed on once');
		assert.equal(state.since, end - 60 * MINUTE);
		assert.equal(state.older, 'read');
		assert.equal(state.dropped, 0);
		for (let i = 1; i < state.events.length; i++) assert.ok(state.events[i - 1]!.eventTime >= state.events[i]!.eventTime, 'newest first');
		assert.ok(state.events.every(e => !e.late), 'the backlog is never late');
	} finally {
		await rig.close();
	}
});

test('a source that answers a little outside each slice still gives each event once (dedupe across slice boundaries)', async () => {
	const clock = steppedClock(BASE);
	const rig = await startOrg({now: clock.now, filterLogEventsTps: 1000});
	try {
		const end = clock.now();
		const truth = await everything(rig, end - 60 * MINUTE - 2 * MINUTE, end + 2 * MINUTE);
		const {tail, added} = logsTail(rig, {widenMs: 2 * MINUTE});
		await tail.poll(new AbortController().signal, true);
		const state = tail.getState();
		const held = ids(state.events);
		assert.equal(new Set(held).size, held.length, 'no duplicates');
		assert.equal(new Set(added.map(e => e.eventId)).size, added.length, 'none handed on twice');
		// Each slice re-read 2 minutes of its neighbours: everything of the widened hour, once.
		assert.deepEqual(held, ids(truth));
	} finally {
		await rig.close();
	}
});

test('the backfill stops at the buffer limit, says so, and asks for nothing older', async () => {
	const clock = steppedClock(BASE);
	const rig = await startOrg({now: clock.now, filterLogEventsTps: 1000});
	try {
		const end = clock.now();
		const {tail, windows} = logsTail(rig, {maxEvents: 300, lookbackMs: 3 * 60 * MINUTE});
		await tail.poll(new AbortController().signal, true);
		const state = tail.getState();
		assert.equal(state.older, 'cap');
		assert.equal(state.events.length, 300);
		assert.ok(state.since > end - 3 * 60 * MINUTE, 'the lookback was not read to its end');
		assert.ok(Math.min(...windows.map(w => w.start)) >= state.since, 'nothing older than since was asked for');
		// What is held is exactly the newest 300 records.
		const truth = await everything(rig, state.since, end);
		const newest = [...truth].sort((a, b) => b.eventTime - a.eventTime || (a.eventId < b.eventId ? 1 : -1)).slice(0, 300);
		assert.deepEqual(ids(state.events), ids(newest));

		// With a minimum (the overview's 15 minutes), it reads that far even with the buffer full, and hands every event on.
		const capped = logsTail(rig, {maxEvents: 50, lookbackMs: 3 * 60 * MINUTE, minBackfillMs: 15 * MINUTE});
		await capped.tail.poll(new AbortController().signal, true);
		const after = capped.tail.getState();
		assert.equal(after.older, 'cap');
		assert.ok(after.since <= end - 15 * MINUTE && after.since > end - 60 * MINUTE, `since ${(end - after.since) / MINUTE} min back`);
		assert.equal(after.events.length, 50);
		const fifteen = await everything(rig, after.since, end);
		assert.deepEqual(ids(capped.added), ids(fifteen));
		assert.ok(recentRead(after));
	} finally {
		await rig.close();
	}
});

test('after the first fill the tail goes on forward: new minutes and the overlap, nothing older than the backfill read, nothing twice', async () => {
	const clock = steppedClock(BASE);
	const rig = await startOrg({now: clock.now, filterLogEventsTps: 1000});
	try {
		const start = clock.now();
		// A budget of 0: one older slice per poll, so the backfill is still going when the next poll starts.
		const {tail, windows, added} = logsTail(rig, {backfillBudgetMs: 0, lookbackMs: 3 * 60 * MINUTE});
		const signal = new AbortController().signal;
		await tail.poll(signal);
		const afterFirst = tail.getState();
		assert.equal(afterFirst.older, 'reading');
		assert.equal(afterFirst.since, start - 15 * MINUTE, 'the newest slice (5 min) and one older (10 min)');
		const asked = windows.length;

		clock.advance(3 * MINUTE);
		await tail.poll(signal);
		const second = windows.slice(asked).filter(w => !w.token);
		// The new minutes come first, from the overlap on, then the next older slice.
		assert.deepEqual({start: second[0]!.start, end: second[0]!.end}, {start: start - 15 * MINUTE, end: start + 3 * MINUTE});
		assert.equal(second[1]!.end, start - 15 * MINUTE - 1);
		const state = tail.getState();
		assert.equal(state.until, start + 3 * MINUTE);
		assert.ok(state.events[0]!.eventTime > start, 'events of the new minutes');

		for (let i = 0; i < 12 && tail.getState().older === 'reading'; i++) {
			clock.advance(MINUTE);
			await tail.poll(signal);
		}
		const done = tail.getState();
		assert.equal(done.older, 'read');
		const truth = await everything(rig, done.since, done.until!);
		assert.deepEqual(ids(done.events), ids(truth), 'everything from since to the last poll, once');
		assert.equal(new Set(added.map(e => e.eventId)).size, added.length, 'none handed on twice');
		// Forward windows never reach below the overlap of the poll before.
		const forward = windows.filter(w => !w.token && w.end > start);
		for (let i = 1; i < forward.length; i++) assert.ok(forward[i]!.start >= forward[i - 1]!.end - 20 * MINUTE);
	} finally {
		await rig.close();
	}
});

test('fleet: --once --json and the overview say when the buffer limit stopped the backfill; EV/15m is known once 15 minutes are read', async () => {
	const rig = await startOrg();
	const fleet = new FleetMonitor({
		clients: rig.clients,
		accounts: {kind: 'all'},
		selfAccount: SELF,
		trailLogGroup: GROUP,
		profile: null,
		demo: false,
		metrics: DEFAULT_METRICS,
		now: rig.now,
		historyDays: 1,
		lookbackMs: 3 * 60 * MINUTE,
		maxEvents: 120,
	});
	try {
		const snapshot = await fleet.pollOnce();
		assert.equal(snapshot.events.length, 120);
		const json = fleetSnapshotToJson(snapshot);
		assert.equal(json.eventsCoverage.olderNotRead, 'cap');
		assert.equal(json.eventsCoverage.maxEvents, 120);
		// Complete from the oldest event held (older ones were read, then dropped at the limit).
		assert.equal(json.eventsCoverage.since, new Date(snapshot.events.at(-1)!.eventTime).toISOString());
		const title = eventsTitleSegments(snapshot, undefined, true, snapshot.events.length).map(s => s.text).join('');
		assert.match(title, /120 events since \d\d:\d\d \(older not read: 120 cap\)/);
		for (const view of snapshot.scopes) {
			assert.ok(view.summary.eventsLast15m !== null && view.summary.eventsLast15m > 0, 'all 15 minutes read, whatever the limit');
			assert.equal(view.snapshot.eventsUnread?.reason, 'cap');
		}
	} finally {
		fleet.stop();
		await rig.close();
	}
});

test('recentRead: the 15-minute count is known only once the tail has read 15 minutes back from its newest', () => {
	const base: TrailState = {events: [], since: 0, throttled: false, error: null, lastSuccess: null, lastAttempt: null, dropped: 0, skipped: 0, caughtUp: true, until: 15 * MINUTE, older: 'reading'};
	const table: Array<[Partial<TrailState>, boolean]> = [
		[{}, true],
		[{since: 1}, false],
		[{caughtUp: false}, false],
		[{until: null}, false],
		[{since: 10 * MINUTE, until: 20 * MINUTE}, false],
		[{since: 10 * MINUTE, until: 25 * MINUTE}, true],
	];
	for (const [change, expected] of table) assert.equal(recentRead({...base, ...change}), expected, JSON.stringify(change));
	assert.equal(recentRead(null), false);
});

test('quickOverlapMs: most polls re-read 2 minutes, longer spans now and then, the whole overlap every 5; no event lost, none twice, far fewer read', async () => {
	const clock = steppedClock(BASE);
	const rig = await startOrg({now: clock.now, filterLogEventsTps: 1000});
	try {
		const start = clock.now();
		const quick = logsTail(rig, {quickOverlapMs: 2 * MINUTE});
		const whole = logsTail(rig);
		const signal = new AbortController().signal;
		await quick.tail.poll(signal, true);
		await whole.tail.poll(signal, true);
		const firstFill = {quick: quick.windows.length, whole: whole.windows.length};
		const overlaps: number[] = [];
		for (let t = 0; t < 30 * MINUTE; t += 10_000) {
			clock.advance(10_000);
			const before = quick.tail.getState().until!;
			const asked = quick.windows.length;
			await quick.tail.poll(signal);
			await whole.tail.poll(signal);
			overlaps.push(before - quick.windows[asked]!.start);
		}
		// Minutes of records asked for after the first fill (first pages only: a token continues its window).
		const minutes = (windows: readonly Window[], from: number) => windows.slice(from).filter(w => !w.token).reduce((n, w) => n + (w.end - w.start) / MINUTE, 0);
		const read = {quick: minutes(quick.windows, firstFill.quick), whole: minutes(whole.windows, firstFill.whole)};
		assert.ok(read.quick < read.whole / 3, `${read.quick.toFixed(0)} vs ${read.whole.toFixed(0)} minutes of records read`);
		const end = clock.now();
		// The schedule: 2 minutes at most polls; 4 minutes every 2; the whole 20 at least every 5.
		const at = (span: number) => overlaps.flatMap((o, i) => (o >= span ? [i] : []));
		assert.ok(overlaps.filter(o => o === 2 * MINUTE).length > overlaps.length / 2, overlaps.map(o => o / MINUTE).join(' '));
		for (const [span, every] of [[4 * MINUTE, 2 * MINUTE], [20 * MINUTE, 5 * MINUTE]] as const) {
			const polls = at(span);
			assert.ok(polls.length >= 30 * MINUTE / every - 1, `${span / MINUTE} min span re-read ${polls.length} times`);
			for (let i = 1; i < polls.length; i++) assert.ok((polls[i]! - polls[i - 1]!) * 10_000 <= every + 10_000, `${span / MINUTE} min span: gap ${(polls[i]! - polls[i - 1]!) * 10} s`);
		}
		// Every event delivered by now (the endpoint delivers within 12 minutes) that is 17 minutes old is held, once.
		const settled = (events: readonly TrailEvent[]) => ids(events.filter(e => e.eventTime <= end - 17 * MINUTE));
		const truth = await everything(rig, quick.tail.getState().since, end - 17 * MINUTE);
		assert.deepEqual(settled(quick.tail.getState().events), ids(truth));
		assert.deepEqual(settled(whole.tail.getState().events), ids(truth));
		assert.equal(new Set(quick.added.map(e => e.eventId)).size, quick.added.length, 'none handed on twice');
		// The newest minutes are as fresh as with the whole overlap.
		assert.equal(quick.tail.getState().events[0]!.eventId, whole.tail.getState().events[0]!.eventId);
		assert.ok(start < end);
	} finally {
		await rig.close();
	}
});
