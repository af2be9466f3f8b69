/**
 * The live window of one region's refresh: how a refresh that asks only for the newest minutes (plus an
 * overlap) is merged with the previous answer.
 */
import {BucketValues} from '../../aws/bucket-values.js';
import type {FleetDiscovery, FleetWindows} from '../../aws/fleet-metrics.js';

/** The previous refresh's answer, and what it was asked for (a new discovery or account asks for the whole window again). */
export type LastLive = {readonly discovery: FleetDiscovery; readonly accounts: number; readonly start: number; readonly end: number; readonly windows: FleetWindows};

/** Every metric of `fetched` (read from `from` on) over [start, end): the buckets before `from` are `previous`'s. */
export function carryOver(previous: FleetWindows, fetched: FleetWindows, start: number, from: number, end: number, stepMs: number): FleetWindows {
	const out: FleetWindows = new Map();
	for (const [account, byName] of fetched) {
		const merged = new Map<string, {values: BucketValues; error: string | null}>();
		for (const [name, window] of byName) {
			const values = new BucketValues(start, end, stepMs);
			const before = previous.get(account)?.get(name)?.values;
			if (before) for (const [t, v] of before) if (t >= start && t < from) values.put(t, v);
			for (const [t, v] of window.values) values.put(t, v);
			merged.set(name, {values, error: window.error});
		}
		out.set(account, merged);
	}
	return out;
}

/** True when no metric of `windows` failed (a failed metric's earlier minutes are unknown: it is read whole again). */
export function clean(windows: FleetWindows): boolean {
	for (const byName of windows.values()) for (const window of byName.values()) if (window.error) return false;
	return true;
}
