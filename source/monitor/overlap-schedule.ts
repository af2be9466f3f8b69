/**
 * How much of the overlap each trail poll re-reads (TrailTailOptions.quickOverlapMs). Without a quick
 * overlap: the whole overlap at every poll. With one: the newest `quick` before the previous poll's end,
 * twice that once it is half its length old (since it was last re-read), four times that likewise, and so
 * on up to the whole overlap; no span waits longer than `wholeEvery` (default overlap / 4), so the whole
 * overlap is re-read at least that often. Pure state: the polls' ends only. Beside it: the single-scope
 * tail's spans (LOOKUP_OVERLAP) and what the status counts as skipped when spans are re-read (SpanSkips).
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

/**
 * The single-scope LookupEvents tail's overlap (the screen, `--once` and `tail`): 20 minutes, re-read in
 * two spans. Every poll re-reads the last 5 minutes before the previous poll's end (CloudTrail says it
 * delivers in about 5 minutes on average); the whole 20 minutes are re-read at the first poll a minute or
 * more after their last re-read. So an event Event History delivers
 * - at most 5 minutes after its EventTime shows at the next poll: within one tail interval (5 s by
 *   default) and that poll's pages after Event History has it;
 * - later than that (CloudTrail documents no bound; up to 15 minutes is the figure it once gave) shows
 *   within a minute plus one tail interval and the pages of that poll (about 65-70 s with the 5 s
 *   default), if it is at most the overlap less that delay late (about 18.9 minutes);
 * - later still: never (as with any overlap).
 * Re-reading the whole 20 minutes at every 5 s poll read each event about 240 times (about 33 requests a
 * minute in a quiet account, each signed, sent and parsed); this reads it about 75 times, mostly in the one
 * request each poll makes anyway: about 14 requests a minute.
 */
export const LOOKUP_OVERLAP = {overlapMs: 20 * 60_000, quickOverlapMs: 5 * 60_000, wholeOverlapEveryMs: 60_000} as const;

/** Unreadable parts a poll skipped, and how much of the overlap it re-read (null: the whole of it). */
export type Skips = {count: number; span: number | null};

/**
 * What the status shows as skipped after each poll, with the overlap re-read in spans: a poll that re-read
 * a span replaces the counts of that span and the shorter ones (it read them again); the count shown is
 * the largest left, so a bad event only the longer spans reach stays counted between their re-reads. A
 * poll that did not finish its window, and the first fill, count as re-reading the whole overlap; so
 * without spans this is the poll's own count.
 */
export class SpanSkips {
	/** Unreadable parts found by the latest re-read of each span of the overlap, by its length. */
	private readonly bySpan = new Map<number, number>();

	constructor(private readonly overlapMs: number) {}

	after({count, span}: Skips): number {
		const read = span ?? this.overlapMs;
		for (const length of this.bySpan.keys()) if (length <= read) this.bySpan.delete(length);
		this.bySpan.set(read, count);
		return Math.max(...this.bySpan.values());
	}
}
