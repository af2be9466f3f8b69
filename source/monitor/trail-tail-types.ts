/** What a TrailTail is given (its options) and what it shows (its state); the tail itself is trail-tail.ts. */
import type {CloudTrailClient} from '../aws/clients.js';
import type {LookupPage, LookupPageRequest} from '../aws/trail.js';
import type {TrailEvent} from '../types.js';

export type TrailTailOptions = {
	readonly client: CloudTrailClient;
	readonly now: () => number;
	readonly lookbackMs: number;
	/** Late events are found by re-reading this much before the previous poll's end (at least 15 min). */
	readonly overlapMs: number;
	/**
	 * Re-read the overlap in spans rather than whole at every poll: each poll re-reads the newest
	 * `quickOverlapMs` before the previous poll's end, twice that once it is half its length old (since it
	 * was last re-read), four times that likewise, and so on up to the whole overlap, re-read at least every
	 * overlapMs / 4. An event delivered late is still found (if within 3/4 of the overlap), within about the
	 * lateness it came with; each event is read a handful of times instead of overlap / poll interval times
	 * (at a thousand events a minute, 20 minutes of them at every poll). Default: the whole overlap every poll.
	 */
	readonly quickOverlapMs?: number;
	/**
	 * With `quickOverlapMs`: no span of the overlap waits longer than this for its re-read, the whole overlap
	 * included (default overlapMs / 4). An event delivered later than the quick span then shows at most this
	 * long (plus a poll interval and its pages) after Event History has it, if it is no later than the
	 * overlap minus this and a poll.
	 */
	readonly wholeOverlapEveryMs?: number;
	/**
	 * Pages come oldest first (FilterLogEvents), not newest first (LookupEvents): within a window, the
	 * newest minutes are read last.
	 */
	readonly oldestFirst?: boolean;
	/**
	 * How an oldest-first source reads its first fill. 'newest-first' (default): in time slices, the newest
	 * first (`firstSliceMs`), each older one up to twice as long, until the lookback is read or the buffer is
	 * full and at least `minBackfillMs` is read. 'oldest-first': the whole lookback as one window, oldest
	 * first (for a stream printed in time order).
	 */
	readonly backfill?: 'newest-first' | 'oldest-first';
	/** First slice of a newest-first backfill (default FIRST_SLICE_MS). */
	readonly firstSliceMs?: number;
	/**
	 * A newest-first backfill reads at least this far back from the newest minute read, even once the buffer is
	 * full (default 0): e.g. the 15 minutes a count of recent events needs. Events past the buffer limit are
	 * still handed to `onEvents`, then dropped.
	 */
	readonly minBackfillMs?: number;
	/**
	 * A poll (after its new minutes) reads older slices for at most this long, then returns, so that the
	 * next poll brings the newest minutes before the backfill goes on. null (default): to the end.
	 */
	readonly backfillBudgetMs?: number | null;
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
	 * With the overlap re-read in spans (quickOverlapMs): the most any span's latest re-read found, so that
	 * a bad event only the longer spans reach stays counted between their re-reads.
	 */
	readonly skipped: number;
	/**
	 * The newest minutes are read: the first page of a newest-first source, the first slice of a sliced
	 * backfill, the last page of the first poll of an oldest-first one.
	 */
	readonly caughtUp: boolean;
	/**
	 * End of the newest window read (for a newest-first source: from its first page on); null before. The
	 * events of [since, until] are all read (those past the buffer limit then dropped).
	 */
	readonly until: number | null;
	/**
	 * Events older than `since` within the lookback: 'read' (none are left: the lookback is read),
	 * 'reading' (the first fill is still stepping back), 'cap' (not read: the buffer was full, older ones
	 * would only have been dropped), 'page-limit' (not read: the poll stopped at `maxPages`).
	 */
	readonly older: OlderEvents;
};

export type OlderEvents = 'read' | 'reading' | 'cap' | 'page-limit';
