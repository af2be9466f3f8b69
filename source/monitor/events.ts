/**
 * Pure: the event buffer. Merges LookupEvents pages into a newest-first list without duplicates, marks
 * late events (lateRule below), and keeps the newest `max`.
 */
import type {TrailEvent} from '../types.js';

/** An event Event History delivers more than this long after its EventTime is late (it usually takes minutes). */
export const LATE_AFTER_MS = 10 * 60_000;

/**
 * What makes a new event late. Never during the first fill (the backlog). After it, an event is late when
 * - it lands below an event already shown: older than the newest event we had before this poll (out of
 *   order; the list shows it where it belongs, not at the top), or
 * - Event History delivered it more than LATE_AFTER_MS after its EventTime: a completed poll that ended
 *   that long after the event did not have it. (Measured against our last look, not the clock now, so an
 *   outage on our side does not make every event of the gap late.)
 * Delivery minutes after EventTime, in order, is normal and not late.
 */
export type LateRule = {
	/** True during the first fill: nothing is late. */
	readonly backlog: boolean;
	/** Newest EventTime among the events shown before this poll, or null when none were. */
	readonly newestShown: number | null;
	/** End (epoch ms) of the previous completed poll window, or null. */
	readonly lookedAt: number | null;
	/** Default LATE_AFTER_MS. */
	readonly lateAfterMs?: number;
};

export function isLate(eventTime: number, rule: LateRule): boolean {
	if (rule.backlog) return false;
	if (rule.newestShown !== null && eventTime < rule.newestShown) return true;
	return rule.lookedAt !== null && rule.lookedAt - eventTime > (rule.lateAfterMs ?? LATE_AFTER_MS);
}

export type MergeOptions = {
	readonly late: LateRule;
	readonly max: number;
};

export type MergeResult = {
	readonly events: readonly TrailEvent[];
	readonly added: readonly TrailEvent[];
	/** How many old events fell off the end because of `max`. */
	readonly dropped: number;
};

function newerFirst(a: TrailEvent, b: TrailEvent): number {
	return b.eventTime - a.eventTime || (a.eventId < b.eventId ? 1 : a.eventId > b.eventId ? -1 : 0);
}

/** Adds the unseen events of `incoming` to `current` (newest first); returns `current` itself if none. */
export function mergeEvents(
	current: readonly TrailEvent[],
	known: Pick<ReadonlySet<string>, 'has'>,
	incoming: readonly TrailEvent[],
	options: MergeOptions,
): MergeResult {
	const added: TrailEvent[] = [];
	const batch = new Set<string>();
	for (const event of incoming) {
		if (known.has(event.eventId) || batch.has(event.eventId)) continue;
		batch.add(event.eventId);
		const late = isLate(event.eventTime, options.late);
		added.push(late ? {...event, late} : event);
	}
	if (added.length === 0) return {events: current, added, dropped: 0};
	const merged = [...current, ...added].sort(newerFirst);
	const dropped = Math.max(0, merged.length - options.max);
	return {events: dropped > 0 ? merged.slice(0, options.max) : merged, added, dropped};
}
