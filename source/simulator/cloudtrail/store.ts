/**
 * The event store: generated slots (cached, bounded) merged with injected and scripted events, and a
 * newest-first scan that applies delivery ("as of") visibility the same way to both.
 */

import {HORIZON_MS, generateSlot, slotOf} from './generator.js';
import type {SimEvent, TrailContext} from './types.js';

type SortKey = Pick<SimEvent, 'eventTime' | 'eventId'>;

/** Newest first; equal times ordered by EventId, descending, so the order is total and stable. */
export function compareNewestFirst(a: SortKey, b: SortKey): number {
	if (a.eventTime !== b.eventTime) return b.eventTime - a.eventTime;
	if (a.eventId === b.eventId) return 0;
	return a.eventId < b.eventId ? 1 : -1;
}

/** Return false to stop the scan. */
export type Visitor = (event: SimEvent) => boolean;

export type TrailStore = {
	add(events: readonly SimEvent[]): void;
	/**
	 * Visits, newest first, every event with lo <= eventTime <= hi that was delivered by `asOf`
	 * (generated ones only within HORIZON_MS of asOf).
	 */
	scan(lo: number, hi: number, asOf: number, visit: Visitor): void;
};

// Only slots near the lookup's "as of" time are cached: that is what polling asks for again and
// again, while a rare scan over days would just churn the cache (and the garbage collector).
const CACHE_WINDOW_MS = 6 * 3_600_000;
const CACHE_SLOTS = 4_096;

/** Creates a store over the generated stream of `ctx.seed`. */
export function createTrailStore(ctx: TrailContext): TrailStore {
	const cache = new Map<number, readonly SimEvent[]>();
	const added = new Map<number, SimEvent[]>();
	let addedSlotsDesc: number[] = [];

	function generated(slot: number, cacheFrom: number): readonly SimEvent[] {
		const hit = cache.get(slot);
		if (hit) return hit;
		const events = generateSlot(ctx, slot);
		if (events.length > 1) events.sort(compareNewestFirst);
		if (slot >= cacheFrom) {
			// Clearing beats evicting one by one: V8 Maps slow down when deleted entries pile up at the front.
			if (cache.size >= CACHE_SLOTS) cache.clear();
			cache.set(slot, events);
		}
		return events;
	}

	function slotEvents(slot: number, withGenerated: boolean, cacheFrom: number): readonly SimEvent[] {
		const base = withGenerated ? generated(slot, cacheFrom) : [];
		const extra = added.get(slot);
		if (!extra) return base;
		return [...base, ...extra].sort(compareNewestFirst);
	}

	return {
		add(events) {
			for (const event of events) {
				const slot = slotOf(event.eventTime);
				const list = added.get(slot);
				if (list) list.push(event);
				else added.set(slot, [event]);
			}
			addedSlotsDesc = [...added.keys()].sort((a, b) => b - a);
		},
		scan(lo, hi, asOf, visit) {
			const top = Math.min(hi, asOf);
			if (top < lo) return;
			const horizon = asOf - HORIZON_MS;
			const hiSlot = slotOf(top);
			const loSlot = slotOf(lo);
			const generatedLo = Math.max(loSlot, slotOf(horizon));
			const cacheFrom = slotOf(asOf - CACHE_WINDOW_MS);
			const visitSlot = (slot: number, withGenerated: boolean): boolean => {
				for (const event of slotEvents(slot, withGenerated, cacheFrom)) {
					if (event.eventTime > top || event.eventTime < lo || event.deliveredAt > asOf) continue;
					if (event.generated && event.eventTime < horizon) continue;
					if (!visit(event)) return false;
				}
				return true;
			};
			for (let slot = hiSlot; slot >= generatedLo; slot--) {
				if (!visitSlot(slot, true)) return;
			}
			// Below the generator's horizon only added events remain.
			for (const slot of addedSlotsDesc) {
				if (slot >= generatedLo || slot > hiSlot) continue;
				if (slot < loSlot) break;
				if (!visitSlot(slot, false)) return;
			}
		},
	};
}
