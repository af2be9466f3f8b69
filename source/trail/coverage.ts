/**
 * What the event list really covers. `eventsSince` is where reading began; once the buffer limit has
 * dropped older events, the list no longer reaches back that far: it is complete only from its oldest
 * event. Anything that says "events from HH:MM" must say it from here.
 */
import type {Snapshot} from '../types.js';

export type EventCoverage = {
	/** Events held. */
	readonly held: number;
	/** Oldest and newest event held (epoch ms), null when none is. */
	readonly oldest: number | null;
	readonly newest: number | null;
	/** From this moment on, every event CloudTrail delivered is in the list (up to the last refresh). */
	readonly completeFrom: number;
	/** Older events dropped at the buffer limit: nothing before `completeFrom` is held. */
	readonly dropped: number;
};

export function eventCoverage(snapshot: Pick<Snapshot, 'events' | 'eventsSince' | 'eventsDropped'>): EventCoverage {
	const {events} = snapshot;
	// Newest first (monitor/events.ts); events without a time sort last and say nothing about coverage.
	let oldest: number | null = null;
	let newest: number | null = null;
	for (const event of events) {
		const time = event.eventTime;
		if (!Number.isFinite(time) || time <= 0) continue;
		oldest = oldest === null ? time : Math.min(oldest, time);
		newest = newest === null ? time : Math.max(newest, time);
	}
	const dropped = Math.max(0, snapshot.eventsDropped);
	const completeFrom = dropped > 0 && oldest !== null ? Math.max(snapshot.eventsSince, oldest) : snapshot.eventsSince;
	return {held: events.length, oldest, newest, completeFrom, dropped};
}
