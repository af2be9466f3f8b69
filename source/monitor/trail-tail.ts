/**
 * The CloudTrail tail: polls LookupEvents (EventSource=iot.amazonaws.com) over a window that overlaps
 * what was already seen, because Event History delivers events minutes late and out of order; pages
 * through bursts; and paces every request so that we use at most `ratePerSecond` of the account's
 * 2-per-second LookupEvents quota, which other people and tools share.
 *
 * A source that pages oldest first (FilterLogEvents on an organization trail) reads its first fill in
 * time slices, newest slice first: the newest minutes are on screen first, and the older slices follow
 * until the lookback is read or the buffer is full (then older events are not read at all: they would
 * only be dropped). After that, it tails forward like any other source.
 */
import {lookupIotPage, WINDOW_SLACK_MS, type LookupPage, type LookupPageRequest} from '../aws/trail.js';
import {describeAwsError} from '../aws/errors.js';
import type {TrailEvent} from '../types.js';
import {LATE_AFTER_MS, mergeEvents, type LateRule} from './events.js';
import {OverlapSchedule, SpanSkips, type Skips} from './overlap-schedule.js';
import {sleep} from './sleep.js';
import {throttleBackoffMs} from './backoff.js';
import type {OlderEvents, TrailState, TrailTailOptions} from './trail-tail-types.js';

export type {OlderEvents, TrailState, TrailTailOptions} from './trail-tail-types.js';

/** First slice of a newest-first backfill (TrailTailOptions.firstSliceMs). */
export const FIRST_SLICE_MS = 5 * 60_000;
/** No backfill slice after the first is shorter than this. */
const MIN_SLICE_MS = 60_000;
/** The first fill: nothing in it is late. */
const BACKLOG: LateRule = {backlog: true, newestShown: null, lookedAt: null};

export class TrailTail {
	private events: readonly TrailEvent[] = [];
	/**
	 * Ids of the events read, with their EventTime: those held, and those dropped at the buffer limit while
	 * a later window may still read them again (else a re-read overlap would add them anew, late).
	 */
	private readonly seen = new Map<string, number>();
	private readonly schedule: OverlapSchedule;
	private readonly skips: SpanSkips;
	/** Length of the latest backfill slice (newest-first backfill). */
	private sliceMs = 0;
	private nextRequestAt = 0;
	private throttles = 0;
	private state: Omit<TrailState, 'events'>;

	constructor(private readonly options: TrailTailOptions) {
		this.schedule = new OverlapSchedule(options.overlapMs, options.quickOverlapMs, options.wholeOverlapEveryMs);
		this.skips = new SpanSkips(options.overlapMs);
		this.state = {
			since: options.now(),
			throttled: false,
			error: null,
			lastSuccess: null,
			lastAttempt: null,
			dropped: 0,
			skipped: 0,
			caughtUp: false,
			until: null,
			older: 'reading',
		};
	}

	getState(): TrailState {
		return {...this.state, events: this.events};
	}

	/** Whether the first fill is read in slices, newest first. */
	private get sliced(): boolean {
		return this.options.oldestFirst === true && (this.options.backfill ?? 'newest-first') === 'newest-first';
	}

	/**
	 * One poll: every page of the window [max(lookback, lastEnd - overlap), now]; for a sliced backfill the
	 * newest slice first, then older slices (within `backfillBudgetMs`, or all of them with `whole`). Never throws.
	 */
	async poll(signal: AbortSignal, whole = false): Promise<void> {
		const skipped: Skips = {count: 0, span: null};
		try {
			if (this.sliced) await this.pollSliced(signal, skipped, whole);
			else await this.pollWindow(signal, skipped);
			this.state = {...this.state, skipped: this.skips.after(skipped)};
		} catch (error) {
			if (signal.aborted) return;
			const {service, operation} = this.options.api ?? {service: 'CloudTrail', operation: 'LookupEvents'};
			this.state = {...this.state, error: describeAwsError(error, service, operation).message, throttled: false};
			this.options.onChange();
		}
		this.forget();
		// A successful poll already told each page: one more snapshot would only redraw the same screen.
	}

	/** The whole window at once: newest first (LookupEvents), or oldest first as one stream. */
	private async pollWindow(signal: AbortSignal, skipped: Skips): Promise<void> {
		const {now, lookbackMs, overlapMs} = this.options;
		const end = now();
		const floor = end - lookbackMs;
		const first = this.schedule.previousEnd === null;
		const overlap = first ? overlapMs : this.schedule.overlapAt(end);
		const start = first ? floor : Math.max(floor, this.schedule.previousEnd! - overlap);
		const complete = await this.readWindow(start, end, this.lateRule(overlap), signal, skipped, (oldestSeen, done) => {
			if (this.options.oldestFirst) {
				// Oldest first, the window is read from `start` on only once its last page is in.
				return done ? {since: first ? start : Math.min(this.state.since, start), caughtUp: true, until: end, older: 'read'} : {};
			}
			const covered = done ? start : oldestSeen;
			return {
				since: first ? covered : Math.min(this.state.since, covered),
				caughtUp: true,
				until: first || done ? end : this.state.until,
				older: first ? (done ? 'read' : 'reading') : this.state.older,
			};
		});
		if (complete) this.reread(overlap, end, skipped);
		else if (first && !signal.aborted && this.options.maxPages != null) this.state = {...this.state, older: 'page-limit'};
	}

	/**
	 * A sliced source: its first poll reads the newest slice, later ones the new minutes and the overlap
	 * where late events turn up (never below what the backfill has read: older minutes are its part); then
	 * older slices while the backfill goes on.
	 */
	private async pollSliced(signal: AbortSignal, skipped: Skips, whole: boolean): Promise<void> {
		const {now, lookbackMs, overlapMs} = this.options;
		const started = now();
		const end = started;
		const floor = end - lookbackMs;
		if (this.schedule.previousEnd === null) {
			const start = Math.max(floor, end - (this.options.firstSliceMs ?? FIRST_SLICE_MS));
			const complete = await this.readWindow(start, end, BACKLOG, signal, skipped, (_, done) =>
				done ? {since: start, caughtUp: true, until: end, older: this.olderAfter(start, end, floor)} : {},
			);
			if (!complete) return;
			this.reread(overlapMs, end, skipped);
			this.sliceMs = end - start;
		} else {
			const overlap = this.schedule.overlapAt(end);
			const start = Math.max(floor, this.schedule.previousEnd - overlap, this.state.since);
			const complete = await this.readWindow(start, end, this.lateRule(overlap), signal, skipped, (_, done) => (done ? {until: end} : {}));
			if (!complete) return;
			this.reread(overlap, end, skipped);
		}
		const budget = whole ? null : (this.options.backfillBudgetMs ?? null);
		// At least one older slice a poll, so that the backfill always moves on.
		for (let slices = 0; this.state.older === 'reading' && !signal.aborted; slices++) {
			if (budget !== null && slices > 0 && now() - started >= budget) break;
			// The lookback reaches back from the newest minute read.
			const until = this.state.until ?? end;
			const floor = until - lookbackMs;
			const to = this.state.since - 1;
			const from = Math.max(floor, to + 1 - this.nextSliceMs());
			if (from > to) {
				this.state = {...this.state, older: 'read'};
				this.options.onChange();
				break;
			}
			const complete = await this.readWindow(from, to, BACKLOG, signal, skipped, (_, done) => (done ? {since: from, older: this.olderAfter(from, until, floor)} : {}));
			if (!complete) break; // aborted, or stopped at maxPages: this slice again at the next poll
			this.sliceMs = to + 1 - from;
		}
	}

	/** Whether the backfill goes on once [since, until] is read. */
	private olderAfter(since: number, until: number, floor: number): OlderEvents {
		if (since <= floor) return 'read';
		const full = this.events.length >= this.options.maxEvents;
		return full && until - since >= (this.options.minBackfillMs ?? 0) ? 'cap' : 'reading';
	}

	/**
	 * The next older slice: up to twice the last one, no longer than the events read so far suggest the
	 * buffer has room for (at least MIN_SLICE_MS), and at least what `minBackfillMs` still needs.
	 */
	private nextSliceMs(): number {
		const {since, until, dropped} = this.state;
		const span = Math.max(1, (until ?? since) - since);
		const rate = (this.events.length + dropped) / span;
		const room = Math.max(0, this.options.maxEvents - this.events.length);
		let slice = 2 * this.sliceMs;
		if (rate > 0) slice = Math.min(slice, Math.max(MIN_SLICE_MS, room / rate));
		// Whole milliseconds: FilterLogEvents takes integer times.
		return Math.ceil(Math.max(slice, MIN_SLICE_MS, (this.options.minBackfillMs ?? 0) - span));
	}

	/** A window re-read `overlap` before the previous poll's end, up to `end`: the schedule and the skips' span. */
	private reread(overlap: number, end: number, skipped: Skips): void {
		this.schedule.done(overlap, end);
		skipped.span = overlap;
	}

	/**
	 * Late marking for a window re-reading `overlap`: the moment its times were last all looked at is the
	 * previous poll's end, or, for a span of the overlap re-read only now and then, that span's last re-read.
	 */
	private lateRule(overlap: number): LateRule {
		const lookedAt = this.schedule.lookedAt(overlap);
		return {
			backlog: this.schedule.previousEnd === null,
			newestShown: this.events[0]?.eventTime ?? null,
			lookedAt,
			lateAfterMs: this.options.lateAfterMs ?? LATE_AFTER_MS,
		};
	}

	/**
	 * Every page of [start, end] (inclusive), paced, a throttled page asked again after the backoff. After
	 * each page `afterPage` says what the state becomes (given the oldest event time seen in the window and
	 * whether this was its last page). Returns whether the window was read to its end; throws an error
	 * that is not throttling.
	 */
	private async readWindow(
		start: number,
		end: number,
		late: LateRule,
		signal: AbortSignal,
		skipped: Skips,
		afterPage: (oldestSeen: number, done: boolean) => Partial<Omit<TrailState, 'events'>>,
	): Promise<boolean> {
		const {now} = this.options;
		let token: string | undefined;
		let pages = 0;
		let oldestSeen = end;
		for (;;) {
			await this.pace(signal);
			this.state = {...this.state, lastAttempt: now()};
			this.options.onCall();
			let page: LookupPage;
			try {
				const request: LookupPageRequest = {start, end, nextToken: token, known: this.seen};
				page = await (this.options.fetchPage ? this.options.fetchPage(request, signal) : lookupIotPage(this.options.client, request, signal));
			} catch (error) {
				const described = describeAwsError(error, this.options.api?.service ?? 'CloudTrail', this.options.api?.operation ?? 'LookupEvents');
				if (described.kind !== 'throttled') throw error;
				this.onThrottled(described.message);
				continue; // same page again, after the backoff set by onThrottled
			}
			pages++;
			this.throttles = 0;
			skipped.count += page.skipped;
			for (const event of page.events) oldestSeen = Math.min(oldestSeen, event.eventTime);
			if (page.knownOldest !== undefined) oldestSeen = Math.min(oldestSeen, page.knownOldest);
			this.absorb(page.events, late);
			token = page.nextToken ?? undefined;
			this.state = {...this.state, throttled: false, error: null, lastSuccess: now(), ...afterPage(oldestSeen, !token)};
			this.options.onChange();
			if (!token) return true;
			if (signal.aborted) return false;
			if (this.options.maxPages != null && pages >= this.options.maxPages) return false;
		}
	}

	private absorb(incoming: readonly TrailEvent[], late: LateRule): void {
		const result = mergeEvents(this.events, this.seen, incoming, {late, max: this.options.maxEvents});
		if (result.added.length === 0) return;
		for (const event of result.added) this.seen.set(event.eventId, event.eventTime);
		this.options.onEvents?.(result.added);
		if (result.dropped > 0) this.state = {...this.state, dropped: this.state.dropped + result.dropped};
		this.events = result.events;
	}

	/**
	 * Forgets the ids no window will read again (older than the overlap of the latest poll, with the slack
	 * a page may carry) that the buffer no longer holds (older than its oldest event).
	 */
	private forget(): void {
		if (this.seen.size <= this.events.length) return;
		const horizon = (this.schedule.previousEnd ?? this.options.now()) - this.options.overlapMs - WINDOW_SLACK_MS;
		const keepFrom = Math.min(horizon, this.events.at(-1)?.eventTime ?? Infinity);
		for (const [id, time] of this.seen) if (time < keepFrom) this.seen.delete(id);
	}

	private onThrottled(message: string): void {
		this.throttles++;
		this.options.onThrottle?.();
		// Exponential backoff with jitter from 2 s, capped at the poll interval and never under the pacing gap.
		const {maxBackoffMs = 10_000, ratePerSecond} = this.options;
		this.nextRequestAt = this.options.now() + throttleBackoffMs(this.throttles, maxBackoffMs, ratePerSecond);
		this.state = {...this.state, throttled: true, error: message};
		this.options.onChange();
	}

	/** Waits until the next request is allowed by our share of the quota. */
	private async pace(signal: AbortSignal): Promise<void> {
		const wait = this.nextRequestAt - this.options.now();
		if (wait > 0) await sleep(wait, signal);
		if (signal.aborted) throw signal.reason ?? new Error('aborted');
		this.nextRequestAt = this.options.now() + 1000 / this.options.ratePerSecond;
	}
}
