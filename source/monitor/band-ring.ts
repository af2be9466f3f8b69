/**
 * The newest band points of one metric (the normal band each learned bucket was judged with), in one
 * typed array instead of a Map of objects: a few KB per metric however many metrics a fleet has. Points
 * arrive in time order (each learned bucket is newer than the last); the oldest is dropped beyond
 * `capacity`.
 */
import type {BandPoint} from '../types.js';

const EMPTY = new Float64Array(0);

export class BandRing {
	/** [t, low, high] per slot; the oldest point is at `start`. Allocated with the first point. */
	private data: Float64Array = EMPTY;
	private start = 0;
	private count = 0;

	constructor(readonly capacity: number) {}

	get size(): number {
		return this.count;
	}

	private slot(index: number): number {
		return 3 * ((this.start + index) % this.capacity);
	}

	/** Adds the point of bucket t; a t not newer than the newest point replaces that bucket's point. */
	push(t: number, low: number, high: number): void {
		if (this.count > 0 && t <= this.data[this.slot(this.count - 1)]!) {
			const index = this.find(t);
			if (index >= 0) this.write(this.slot(index), t, low, high);
			return;
		}
		if (this.data === EMPTY) this.data = new Float64Array(3 * this.capacity);
		if (this.count === this.capacity) this.start = (this.start + 1) % this.capacity;
		else this.count++;
		this.write(this.slot(this.count - 1), t, low, high);
	}

	private write(at: number, t: number, low: number, high: number): void {
		this.data[at] = t;
		this.data[at + 1] = low;
		this.data[at + 2] = high;
	}

	/** Index of bucket t (binary search: points are in time order), or -1. */
	private find(t: number): number {
		let lo = 0;
		let hi = this.count - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			const at = this.data[this.slot(mid)]!;
			if (at === t) return mid;
			if (at < t) lo = mid + 1;
			else hi = mid - 1;
		}
		return -1;
	}

	get(t: number): BandPoint | undefined {
		const index = this.find(t);
		if (index < 0) return undefined;
		const at = this.slot(index);
		return {t, low: this.data[at + 1]!, high: this.data[at + 2]!};
	}

	/** Every point, oldest first, as [t, low, high] triples (for the disk cache). */
	toTriples(): Float64Array {
		const out = new Float64Array(3 * this.count);
		for (let i = 0; i < this.count; i++) out.set(this.data.subarray(this.slot(i), this.slot(i) + 3), 3 * i);
		return out;
	}

	/** A ring of `capacity` from cached triples (oldest first); points out of time order are skipped. */
	static fromTriples(capacity: number, triples: Float64Array, newest: number): BandRing {
		const ring = new BandRing(capacity);
		for (let i = 0; i + 2 < triples.length; i += 3) {
			const t = triples[i]!;
			if (t > newest || (ring.count > 0 && t <= ring.data[ring.slot(ring.count - 1)]!)) continue;
			ring.push(t, triples[i + 1]!, triples[i + 2]!);
		}
		return ring;
	}
}
