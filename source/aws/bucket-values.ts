/**
 * One metric's Sums per bucket over a known [start, end) at a fixed period, kept in one Float64Array (NaN:
 * no datapoint) instead of a Map of boxed numbers: a fleet reads thousands of series every refresh, and
 * this is what each of them costs between the answer and the judgement. It reads as a ReadonlyMap from
 * bucket start (epoch ms) to Sum, in time order; a timestamp off the grid (an answer we did not ask for)
 * is still kept, in a small Map beside it, so nothing an answer says is lost.
 */
export class BucketValues implements ReadonlyMap<number, number> {
	private readonly sums: Float64Array;
	private extra: Map<number, number> | null = null;
	private count = 0;

	constructor(
		readonly start: number,
		readonly end: number,
		readonly stepMs: number,
	) {
		this.sums = new Float64Array(Math.max(0, Math.ceil((end - start) / stepMs))).fill(Number.NaN);
	}

	private slot(t: number): number {
		const offset = t - this.start;
		if (offset < 0 || t >= this.end || offset % this.stepMs !== 0) return -1;
		return offset / this.stepMs;
	}

	/** Adds `v` to the bucket at `t` (the first datapoint of a bucket is taken as is, as `(get ?? 0) + v` would be). */
	add(t: number, v: number): void {
		const i = this.slot(t);
		if (i >= 0) {
			const old = this.sums[i]!;
			if (Number.isNaN(old)) {
				this.count++;
				this.sums[i] = 0 + v;
			} else this.sums[i] = old + v;
			return;
		}
		this.extra ??= new Map();
		const old = this.extra.get(t);
		if (old === undefined) this.count++;
		this.extra.set(t, (old ?? 0) + v);
	}

	/** Sets the bucket at `t` (a value carried over from an earlier answer). */
	put(t: number, v: number): void {
		const i = this.slot(t);
		if (i >= 0) {
			if (Number.isNaN(this.sums[i]!)) this.count++;
			this.sums[i] = v;
			return;
		}
		this.extra ??= new Map();
		if (!this.extra.has(t)) this.count++;
		this.extra.set(t, v);
	}

	get size(): number {
		return this.count;
	}

	get(t: number): number | undefined {
		const i = this.slot(t);
		if (i >= 0) {
			const v = this.sums[i]!;
			return Number.isNaN(v) ? undefined : v;
		}
		return this.extra?.get(t);
	}

	has(t: number): boolean {
		return this.get(t) !== undefined;
	}

	*entries(): MapIterator<[number, number]> {
		const extra = this.extra ? [...this.extra].sort((a, b) => a[0] - b[0]) : [];
		let e = 0;
		for (let i = 0; i < this.sums.length; i++) {
			const t = this.start + i * this.stepMs;
			while (e < extra.length && extra[e]![0] < t) yield extra[e++]!;
			const v = this.sums[i]!;
			if (!Number.isNaN(v)) yield [t, v];
		}
		while (e < extra.length) yield extra[e++]!;
	}

	*keys(): MapIterator<number> {
		for (const [t] of this.entries()) yield t;
	}

	*values(): MapIterator<number> {
		for (const [, v] of this.entries()) yield v;
	}

	[Symbol.iterator](): MapIterator<[number, number]> {
		return this.entries();
	}

	forEach(callback: (value: number, key: number, map: ReadonlyMap<number, number>) => void, thisArg?: unknown): void {
		for (const [t, v] of this.entries()) callback.call(thisArg, v, t, this);
	}
}
