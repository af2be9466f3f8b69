/**
 * One scope of a fleet as the single-scope monitor handle App already uses: its Snapshot out of each
 * FleetSnapshot, pause and refresh passed to the whole fleet (one set of pollers serves every scope).
 * A scope that has left the fleet's list (an account unlinked meanwhile) keeps its last snapshot.
 */
import type {FleetSnapshot, ScopeRef, Snapshot} from '../../types.js';
import type {FleetHandle, MonitorHandle} from '../types.js';

/** The key of a scope in the overview and the UI state. */
export const scopeKeyOf = (scope: ScopeRef): string => `${scope.account}/${scope.region}`;

/** The scope's snapshot in `fleet`, or undefined when the fleet has no such scope. */
export function scopeSnapshot(fleet: FleetSnapshot, key: string): Snapshot | undefined {
	return fleet.scopes.find(view => scopeKeyOf(view.summary) === key)?.snapshot;
}

export function scopeHandle(fleet: FleetHandle, key: string, fallback: Snapshot): MonitorHandle {
	let last = scopeSnapshot(fleet.getSnapshot(), key) ?? fallback;
	const current = (): Snapshot => {
		const found = scopeSnapshot(fleet.getSnapshot(), key);
		if (found) last = found;
		return last;
	};
	return {
		getSnapshot: current,
		subscribe(listener) {
			return fleet.subscribe(next => {
				const found = scopeSnapshot(next, key);
				if (found && found !== last) {
					last = found;
					listener(found);
				}
			});
		},
		refreshNow: () => fleet.refreshNow(),
		setPaused: paused => fleet.setPaused(paused),
	};
}
