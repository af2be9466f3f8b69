/**
 * Fleet mode's events in one place: every region's tail adds to one merged list (newest first, at most
 * `max`), each event once; per scope, the times of its events of the last 15 minutes (the overview's
 * EV/15m). Pure state, no I/O.
 */
import type {ScopedEvent, ScopeRef, TrailEvent} from '../../types.js';
import {mergeEvents} from '../events.js';

const RECENT_MS = 15 * 60_000;

export const scopeKey = (scope: ScopeRef) => `${scope.account}/${scope.region}`;

export class FleetEventBook {
	private merged: readonly TrailEvent[] = [];
	private readonly known = new Set<string>();
	private readonly recent = new Map<string, number[]>();
	private droppedCount = 0;

	constructor(
		private readonly now: () => number,
		private readonly max: number,
	) {}

	/** Every event kept, newest first. */
	get events(): readonly ScopedEvent[] {
		return this.merged as readonly ScopedEvent[];
	}

	/** Events dropped at the limit so far. */
	get dropped(): number {
		return this.droppedCount;
	}

	absorb(added: readonly ScopedEvent[]): void {
		const cutoff = this.now() - RECENT_MS;
		for (const event of added) {
			if (event.account === null || event.region === null || event.eventTime < cutoff) continue;
			const key = scopeKey({account: event.account, region: event.region});
			const times = this.recent.get(key) ?? [];
			times.push(event.eventTime);
			this.recent.set(key, times);
		}
		// Each region's tail has marked its events late or not already; merging them marks nothing new.
		const result = mergeEvents(this.merged, this.known, added, {late: {backlog: true, newestShown: null, lookedAt: null}, max: this.max});
		for (const event of result.added) this.known.add(event.eventId);
		if (result.dropped > 0) {
			this.droppedCount += result.dropped;
			const kept = new Set(result.events.map(e => e.eventId));
			for (const id of this.known) if (!kept.has(id)) this.known.delete(id);
		}
		this.merged = result.events;
	}

	/** The kept events of each scope (by scopeKey), newest first. */
	byScope(): Map<string, ScopedEvent[]> {
		const byScope = new Map<string, ScopedEvent[]>();
		for (const event of this.events) {
			if (event.account === null || event.region === null) continue;
			const key = scopeKey({account: event.account, region: event.region});
			const list = byScope.get(key);
			if (list) list.push(event);
			else byScope.set(key, [event]);
		}
		return byScope;
	}

	/** How many events of this scope happened in the last 15 minutes. */
	recentCount(scope: ScopeRef): number {
		const times = this.recent.get(scopeKey(scope));
		if (!times) return 0;
		const cutoff = this.now() - RECENT_MS;
		const kept = times.filter(t => t >= cutoff);
		this.recent.set(scopeKey(scope), kept);
		return kept.length;
	}
}
