/**
 * How much of the overlap each trail poll re-reads (TrailTailOptions.quickOverlapMs). Without a quick
 * overlap: the whole overlap at every poll. With one: the newest `quick` before the previous poll's end,
 * twice that once it is half its length old (since it was last re-read), four times that likewise, and so
 * on up to the whole overlap; no span waits longer than `wholeEvery` (default overlap / 4), so the whole
 * overlap is re-read at least that often. Pure state: the polls' ends only.
 */
export class OverlapSchedule {
	private lastEnd: number | null = null;
	/** When each span was last re-read, by its length (0: the first fill, which read them all). */
	private readonly reread = new Map<number, number>();

	constructor(
		private readonly overlapMs: number,
		private readonly quickMs: number | undefined,
		private readonly wholeEveryMs: number = overlapMs / 4,
	) {}

	/** The end of the previous poll, or null before the first. */
	get previousEnd(): number | null {
		return this.lastEnd;
	}

	/** The spans: twice the quick one, four times ... up to the whole overlap. */
	private spans(): number[] {
		const out: number[] = [];
		if (this.quickMs === undefined || this.quickMs <= 0) return out;
		for (let span = 2 * this.quickMs; out.at(-1) !== this.overlapMs; span *= 2) out.push(Math.min(span, this.overlapMs));
		return out;
	}

	/** How much before the previous poll's end a poll ending at `end` re-reads: the longest span that is due, else the quick one. */
	overlapAt(end: number): number {
		const quick = this.quickMs;
		if (quick === undefined || quick <= 0 || quick >= this.overlapMs) return this.overlapMs;
		let overlap = quick;
		for (const span of this.spans()) {
			// A span not re-read since the first fill counts from that fill (which read it).
			const last = this.reread.get(span) ?? this.reread.get(0) ?? -Infinity;
			if (end - last >= Math.min(span / 2, this.wholeEveryMs)) overlap = span;
		}
		return overlap;
	}

	/** A poll re-read `overlap` before the previous end, up to `end`. */
	done(overlap: number, end: number): void {
		if (this.lastEnd === null) this.reread.set(0, end);
		else for (const span of this.spans()) if (span <= overlap) this.reread.set(span, end);
		this.lastEnd = end;
	}

	/**
	 * When the times a re-read of `overlap` covers were last all looked at: the previous poll's end, or,
	 * for a span re-read only now and then, that span's last re-read.
	 */
	lookedAt(overlap: number): number | null {
		if (overlap <= (this.quickMs ?? Infinity) || this.lastEnd === null) return this.lastEnd;
		return this.reread.get(overlap) ?? this.reread.get(0) ?? this.lastEnd;
	}
}
