import type {FleetSnapshot, Snapshot} from '../types.js';

/** What the UI sees of the monitor: snapshots out, a few commands in. No Ink, no SDK. */
export type MonitorHandle = {
	getSnapshot(): Snapshot;
	/** Called after every state change with a new immutable snapshot; returns unsubscribe. */
	subscribe(listener: (snapshot: Snapshot) => void): () => void;
	/** Poll both sources now (ignored while a poll of that source is in flight). */
	refreshNow(): void;
	setPaused(paused: boolean): void;
};

/** What the fleet overview sees of the FleetMonitor: the same shape, with a snapshot of every scope. */
export type FleetHandle = {
	getSnapshot(): FleetSnapshot;
	subscribe(listener: (snapshot: FleetSnapshot) => void): () => void;
	refreshNow(): void;
	setPaused(paused: boolean): void;
};
