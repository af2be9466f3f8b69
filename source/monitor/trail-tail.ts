/**
 * The CloudTrail tail: polls LookupEvents (EventSource=iot.amazonaws.com) over a window that overlaps
 * what was already seen, because Event History delivers events minutes late and out of order; pages
 * through bursts; and paces every request so that we use at most `ratePerSecond` of the account's
 * 2-per-second LookupEvents quota, which other people and tools share.
 */
import type {CloudTrailClient} from '../aws/clients.js';
import {lookupIotPage, type LookupPage, type LookupPageRequest} from '../aws/trail.js';
import {describeAwsError} from '../aws/errors.js';
import type {TrailEvent} from '../types.js';
import {LATE_AFTER_MS, mergeEvents, type LateRule} from './events.js';
import {sleep} from './sleep.js';
import {throttleBackoffMs} from './backoff.js';

export type TrailTailOptions = {
	readonly client: CloudTrailClient;
	readonly now: () => number;
	readonly lookbackMs: number;
	/** Late events are found by re-reading this much before the previous poll's end (at least 15 min). */
	readonly overlapMs: number;
	/**
	 * Pages come oldest first (FilterLogEvents), not newest first (LookupEvents): until the first poll has
	 * read its last page, the newest minutes are not read yet.
	 */
	readonly oldestFirst?: boolean;
	/** Delivered this long after its EventTime, an event is late (default LATE_AFTER_MS, source/monitor/events.ts). */
	readonly lateAfterMs?: number;
	readonly ratePerSecond: number;
	/**
	 * Longest pause after a throttled request (the tail's poll interval): once throttling clears, the tail is
	 * back within two of its intervals (source/monitor/backoff.ts). Default 10 s.
	 */
	readonly maxBackoffMs?: number;
	readonly maxEvents: number;
	/** Stop paging a poll after this many pages (null: page to the end). */
	readonly maxPages?: number | null;
	readonly onChange: () => void;
	readonly onCall: () => void;
	/** A request was throttled (counted for the status line). */
	readonly onThrottle?: () => void;
	/** Called with the events a page added (never one seen before), newest first. */
	readonly onEvents?: (added: readonly TrailEvent[]) => void;
	/** Another source of pages (e.g. FilterLogEvents on an organization trail); default LookupEvents on `client`. */
	readonly fetchPage?: (request: LookupPageRequest, signal: AbortSignal) => Promise<LookupPage>;
	/** Service and operation named in error messages (default CloudTrail LookupEvents). */
	readonly api?: {readonly service: string; readonly operation: string};
};

export type TrailState = {
	readonly events: readonly TrailEvent[];
	/** Oldest moment the buffer fully covers (epoch ms). */
	readonly since: number;
	readonly throttled: boolean;
	readonly error: string | null;
	readonly lastSuccess: number | null;
	readonly lastAttempt: number | null;
	readonly dropped: number;
	/**
	 * Unreadable parts of the latest completed poll's LookupEvents answers, skipped (the rest of each page
	 * was kept). Each poll re-reads its overlap, so a bad event is counted once per poll, not once per read.
	 */
	readonly skipped: number;
	/**
	 * The newest minutes are read: the first page of a newest-first source, or the last page of the first
	 * poll of an oldest-first one. Until then a count of recent events would read 0 where it is unknown.
	 */
	readonly caughtUp: boolean;
};

export class TrailTail {
	private events: readonly TrailEvent[] = [];
	private readonly known = new Set<string>();
	private lastPollEnd: number | null = null;
	private nextRequestAt = 0;
	private throttles = 0;
	private state: Omit<TrailState, 'events'>;

	constructor(private readonly options: TrailTailOptions) {
		this.state = {since: options.now(), throttled: false, error: null, lastSuccess: null, lastAttempt: null, dropped: 0, skipped: 0, caughtUp: false};
	}

	getState(): TrailState {
		return {...this.state, events: this.events};
	}

	/** One poll: every page of the window [max(lookback, lastEnd - overlap), now]. Never throws. */
	async poll(signal: AbortSignal): Promise<void> {
		const {now, lookbackMs, overlapMs} = this.options;
		const end = now();
		const floor = end - lookbackMs;
		const start = this.lastPollEnd === null ? floor : Math.max(floor, this.lastPollEnd - overlapMs);
		const late: LateRule = {
			backlog: this.lastPollEnd === null,
			newestShown: this.events[0]?.eventTime ?? null,
			lookedAt: this.lastPollEnd,
			lateAfterMs: this.options.lateAfterMs ?? LATE_AFTER_MS,
		};
		let token: string | undefined;
		let pages = 0;
		let oldestSeen = end;
		let skipped = 0;
		try {
			for (;;) {
				await this.pace(signal);
				this.state = {...this.state, lastAttempt: now()};
				this.options.onCall();
				let page;
				try {
					const request = {start, end, nextToken: token, known: this.known};
					page = await (this.options.fetchPage ? this.options.fetchPage(request, signal) : lookupIotPage(this.options.client, request, signal));
				} catch (error) {
					const described = describeAwsError(error, this.options.api?.service ?? 'CloudTrail', this.options.api?.operation ?? 'LookupEvents');
					if (described.kind !== 'throttled') throw error;
					this.onThrottled(described.message);
					continue; // same page again, after the backoff set by onThrottled
				}
				pages++;
				this.throttles = 0;
				skipped += page.skipped;
				for (const event of page.events) oldestSeen = Math.min(oldestSeen, event.eventTime);
				if (page.knownOldest !== undefined) oldestSeen = Math.min(oldestSeen, page.knownOldest);
				this.absorb(page.events, late);
				token = page.nextToken ?? undefined;
				const covered = token ? oldestSeen : start;
				this.state = {
					...this.state,
					throttled: false,
					error: null,
					lastSuccess: now(),
					since: this.lastPollEnd === null ? covered : Math.min(this.state.since, covered),
					caughtUp: this.state.caughtUp || !this.options.oldestFirst || !token,
				};
				this.options.onChange();
				if (!token || signal.aborted) break;
				if (this.options.maxPages != null && pages >= this.options.maxPages) break;
			}
			if (!token) this.lastPollEnd = end;
			this.state = {...this.state, skipped};
		} catch (error) {
			if (signal.aborted) return;
			const {service, operation} = this.options.api ?? {service: 'CloudTrail', operation: 'LookupEvents'};
			this.state = {...this.state, error: describeAwsError(error, service, operation).message, throttled: false};
			this.options.onChange();
		}
		// A successful poll already told each page: one more snapshot would only redraw the same screen.
	}

	private absorb(incoming: readonly TrailEvent[], late: LateRule): void {
		const result = mergeEvents(this.events, this.known, incoming, {late, max: this.options.maxEvents});
		if (result.added.length === 0) return;
		for (const event of result.added) this.known.add(event.eventId);
		this.options.onEvents?.(result.added);
		if (result.dropped > 0) {
			const kept = new Set(result.events.map(e => e.eventId));
			for (const id of this.known) if (!kept.has(id)) this.known.delete(id);
			this.state = {...this.state, dropped: this.state.dropped + result.dropped};
		}
		this.events = result.events;
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
