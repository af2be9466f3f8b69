import type {Snapshot} from '../types.js';

/** What the UI sees of the monitor: snapshots out, a few commands in. No Ink, no SDK. */
export type MonitorHandle = {
	getSnapshot(): Snapshot;
	/** Called after every state change with a new immutable snapshot; returns unsubscribe. */
	subscribe(listener: (snapshot: Snapshot) => void): () => void;
	/** Poll both sources now (ignored while a poll of that source is in flight). */
	refreshNow(): void;
	setPaused(paused: boolean): void;
};
