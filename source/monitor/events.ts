/**
 * Pure: the event buffer. Merges LookupEvents pages into a newest-first list without duplicates, marks
 * events that turned up after we had already looked at their moment, and keeps the newest `max`.
 */
import type {TrailEvent} from '../types.js';

export type MergeOptions = {
	/**
	 * End of the previous completed poll window (epoch ms), or null during the first fill. An unseen event
	 * at or before it was not there when we looked: Event History delivered it late.
	 */
	readonly lateBefore: number | null;
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
	known: ReadonlySet<string>,
	incoming: readonly TrailEvent[],
	options: MergeOptions,
): MergeResult {
	const added: TrailEvent[] = [];
	const batch = new Set<string>();
	for (const event of incoming) {
		if (known.has(event.eventId) || batch.has(event.eventId)) continue;
		batch.add(event.eventId);
		const late = options.lateBefore !== null && event.eventTime <= options.lateBefore;
		added.push(late ? {...event, late} : event);
	}
	if (added.length === 0) return {events: current, added, dropped: 0};
	const merged = [...current, ...added].sort(newerFirst);
	const dropped = Math.max(0, merged.length - options.max);
	return {events: dropped > 0 ? merged.slice(0, options.max) : merged, added, dropped};
}
