/**
 * The single-scope tail's overlap re-read in spans (LOOKUP_OVERLAP: the last 5 minutes every poll, the
 * whole 20 at least every minute), against the embedded endpoint through the real CloudTrail client, side
 * by side with a tail that re-reads the whole overlap at every poll: the same events, each once; an event
 * Event History delivers within 5 minutes shows at the same poll, a later one within a minute and a poll
 * of the other; late marks alike; far fewer requests.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {LOOKUP_OVERLAP} from '../../source/monitor/overlap-schedule.js';
import {TrailTail} from '../../source/monitor/trail-tail.js';
import {startRig, type Rig} from '../aws/helpers.js';
import type {TrailEvent} from '../../source/types.js';

const MINUTE = 60_000;
const POLL_MS = 5_000;

/** A clock the test moves by hand (the endpoint and the tails read the same one). */
function steppedClock(start: number) {
	let t = start;
	return {now: () => t, advance: (ms: number) => (t += ms)};
}

function tailFor(rig: Rig, spans: boolean) {
	let calls = 0;
	const seenAt = new Map<string, number>();
	const added: TrailEvent[] = [];
	const tail = new TrailTail({
		client: rig.clients.cloudtrail,
		now: rig.now,
		lookbackMs: 30 * MINUTE,
		...(spans ? LOOKUP_OVERLAP : {overlapMs: LOOKUP_OVERLAP.overlapMs}),
		ratePerSecond: 1000,
		maxEvents: 10_000,
		onChange: () => {},
		onCall: () => calls++,
		onEvents: events => {
			for (const event of events) seenAt.set(event.eventId, rig.now());
			added.push(...events);
		},
	});
	return {tail, seenAt, added, calls: () => calls};
}

test('spans: every event the whole-overlap tail finds, once, at the same poll or within a minute and a poll; late marks alike; fewer requests', async () => {
	const clock = steppedClock(Date.UTC(2026, 10, 24, 14, 0, 0));
	// Realistic delivery (the endpoint's default: 5-60 s, one in ten 2-12 minutes), plus events later still.
	const rig = await startRig({now: clock.now, lookupEventsTps: 1000});
	try {
		const start = clock.now();
		const lateness = [1, 4.5, 5.5, 7, 9, 11, 12, 14, 15, 17, 18].map(m => m * MINUTE);
		rig.sim.injectEvents(
			lateness.map((late, i) => ({
				eventId: `late-${late / 1000}s`,
				eventTime: start + 3 * MINUTE + i * 41_000,
				deliveredAt: start + 3 * MINUTE + i * 41_000 + late,
				eventName: 'DetachPolicy',
			})),
		);
		const spans = tailFor(rig, true);
		const whole = tailFor(rig, false);
		const signal = new AbortController().signal;
		const end = start + 40 * MINUTE;
		for (; clock.now() <= end; clock.advance(POLL_MS)) {
			await spans.tail.poll(signal);
			await whole.tail.poll(signal);
			assert.equal(spans.tail.getState().error, null);
		}
		// None handed on twice.
		assert.equal(new Set(spans.added.map(e => e.eventId)).size, spans.added.length);
		assert.ok(whole.seenAt.size > 100, `${whole.seenAt.size} events`);
		for (const [id, atWhole] of whole.seenAt) {
			const atSpans = spans.seenAt.get(id);
			const event = whole.added.find(e => e.eventId === id)!;
			if (atSpans === undefined) {
				// Not yet: found by the whole tail in the last minute and a poll, later than the quick span.
				assert.ok(atWhole > end - MINUTE - POLL_MS && atWhole - event.eventTime > LOOKUP_OVERLAP.quickOverlapMs - POLL_MS, id);
				continue;
			}
			assert.ok(atSpans >= atWhole, `${id}: the spans never read more than the whole overlap`);
			// Delivered within the quick span (found by the whole tail within it): the same poll.
			if (atWhole - event.eventTime <= LOOKUP_OVERLAP.quickOverlapMs) assert.equal(atSpans, atWhole, `${id}: ${(atWhole - event.eventTime) / 1000} s late`);
			else assert.ok(atSpans - atWhole <= LOOKUP_OVERLAP.wholeOverlapEveryMs + POLL_MS, `${id}: ${(atSpans - atWhole) / 1000} s after the whole tail`);
		}
		for (const late of lateness) assert.ok(spans.seenAt.has(`late-${late / 1000}s`), `${late / MINUTE} min late: found`);
		// Late marks: the same, but for an event found more than 10 minutes after its time by one tail and less by the other.
		const marks = (events: readonly TrailEvent[]) => new Map(events.map(e => [e.eventId, e.late]));
		const spanMarks = marks(spans.tail.getState().events);
		for (const event of whole.tail.getState().events) {
			if (!spanMarks.has(event.eventId)) continue;
			const found = whole.seenAt.get(event.eventId)! - event.eventTime;
			if (found > 10 * MINUTE - POLL_MS && found < 10 * MINUTE + MINUTE + 2 * POLL_MS) continue;
			assert.equal(spanMarks.get(event.eventId), event.late, `${event.eventId}: found ${found / 1000} s after its time`);
		}
		assert.equal(spanMarks.get('late-660s'), true, 'found 11 minutes late: late');
		assert.ok(spans.calls() < whole.calls() / 2, `${spans.calls()} requests with spans, ${whole.calls()} re-reading the whole overlap`);
	} finally {
		await rig.close();
	}
});

test('spans: an unreadable event only the whole re-read reaches stays counted between its re-reads, and clears once it is past the overlap', async () => {
	const clock = steppedClock(Date.UTC(2026, 10, 24, 14, 0, 0));
	const rig = await startRig({quiet: true, now: clock.now, lookupEventsTps: 1000});
	try {
		const start = clock.now();
		// No id: skipped. 8 minutes old at the first fill: only the whole overlap re-reads it.
		rig.sim.injectEvents([{eventId: '', eventTime: start - 8 * MINUTE, eventName: 'CreateThing'}]);
		const {tail} = tailFor(rig, true);
		const signal = new AbortController().signal;
		const counts: number[] = [];
		for (; clock.now() <= start + 11 * MINUTE; clock.advance(POLL_MS)) {
			await tail.poll(signal);
			counts.push(tail.getState().skipped);
		}
		assert.ok(counts.length > 100 && counts.every(count => count === 1), counts.join(''));
		// 20 minutes after its time (12 minutes in) it falls out of the overlap: cleared at the next whole re-read.
		for (; clock.now() <= start + 12 * MINUTE + LOOKUP_OVERLAP.wholeOverlapEveryMs + 2 * POLL_MS; clock.advance(POLL_MS)) await tail.poll(signal);
		assert.equal(tail.getState().skipped, 0);
	} finally {
		await rig.close();
	}
});
