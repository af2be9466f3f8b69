/**
 * iot-monitor's own domain types. Every AWS answer is decoded into these in source/aws/, so no SDK
 * shape travels further than that folder. Times are epoch milliseconds unless a name says otherwise.
 */

/** A record kept compressed (trail/packed-record.ts makes them); `text()` gives back the exact string. */
export interface PackedText {
	/** Length of the original string in UTF-16 code units (as String.length). */
	readonly length: number;
	text(): string;
}

/** Record text as an event keeps it: the plain string, or packed. */
export type RecordText = string | PackedText;

/** One CloudWatch bucket: `t` is the bucket start (epoch ms), `v` the Sum over all dimension sets. */
export type MetricPoint = {readonly t: number; readonly v: number};

/** `ok`: data seen; `no-data`: no datapoint in the window (never shown as 0); `error`: query failed. */
export type MetricState = 'ok' | 'no-data' | 'error';

/** ok / warn / crit, with hysteresis applied (source/baseline/severity.ts). */
export type Severity = 'ok' | 'warn' | 'crit';

/** What normal looks like for one bucket: the expected value and the normal band around it. */
export type Baseline = {readonly expected: number; readonly low: number; readonly high: number};

/** Where a flag is in its life (source/baseline/judge.ts): `ok` when there is none. */
export type FlagPhase = 'ok' | 'rising' | 'holding' | 'recovering' | 'cleared' | 'new-normal';

/** The worst bucket of a flag. */
export type DeviationPeak = {readonly t: number; readonly value: number; readonly expected: number; readonly percent: number | null};

/** How the newest settled bucket compares with its baseline, and the life of its flag. */
export type Deviation = {
	readonly severity: Severity;
	/** Which side of the expected value the bucket is on (the flag's side while one is held). */
	readonly direction: 'up' | 'down';
	/** Detector anomaly score in [0, 1]. */
	readonly score: number;
	/** (value - expected) / expected * 100; null when expected is 0 or, for counts, too small to divide by. */
	readonly percent: number | null;
	/** value - expected: what is shown when percent is null. */
	readonly change: number;
	readonly phase: FlagPhase;
	/** Start of the bucket the flag rose at (fixed while held; kept on the `cleared` bucket); null without a flag. */
	readonly since: number | null;
	readonly peak: DeviationPeak | null;
	/** recovering k/N: calm settled buckets so far (k) and needed to clear (N). */
	readonly calm: number;
	readonly calmNeeded: number;
	/** Onset of a shift the baseline accepted as the new normal (shown for a few hours); else null. */
	readonly newNormalSince: number | null;
	/** The flag in words ("-87 % vs the usual Tuesday 14:00 (13.6k, normal 11.7k-15.7k), 4 min running"); null without a flag. */
	readonly reason: string | null;
};

/**
 * Whether the newest settled bucket could be judged: `judged` (baseline and deviation set), `learning`
 * (too little history), `no-data` (never a deviation), `error` (the query failed).
 */
export type JudgementState = 'judged' | 'learning' | 'no-data' | 'error';

/** The normal band of one past bucket, for marking the band on the sparkline. */
export type BandPoint = {readonly t: number; readonly low: number; readonly high: number};

/** A metric as the UI and --once see it: per-minute Sums, already summed across Protocol etc. */
export type MetricSeries = {
	readonly name: string;
	readonly state: MetricState;
	readonly period: number; // seconds
	readonly stat: 'Sum';
	/** Settled buckets only, ascending by t, gaps filled with 0 once any data exists; ~90 minutes. */
	readonly points: readonly MetricPoint[];
	/** The newest settled bucket (last of points), or null when there is none. */
	readonly latest: MetricPoint | null;
	/** Number of dimension sets ListMetrics found (0 means CloudWatch has never seen this metric). */
	readonly dimensionSets: number;
	readonly error: string | null;
	readonly judgement: JudgementState;
	/** Baseline of the newest settled bucket; null unless judged. */
	readonly baseline: Baseline | null;
	/** Deviation of the newest settled bucket; null unless judged. */
	readonly deviation: Deviation | null;
	/** Normal band for the buckets in `points` (same order; may be shorter while learning). */
	readonly band: readonly BandPoint[];
};

export type IdentityType =
	| 'Root'
	| 'IAMUser'
	| 'AssumedRole'
	| 'FederatedUser'
	| 'AWSAccount'
	| 'AWSService'
	| 'SAMLUser'
	| 'WebIdentityUser'
	| 'IdentityCenterUser'
	| 'Unknown';

/** Every userIdentity.type CloudTrail documents (anything else decodes as 'Unknown'). */
export const IDENTITY_TYPES: readonly IdentityType[] = [
	'Root',
	'IAMUser',
	'AssumedRole',
	'FederatedUser',
	'AWSAccount',
	'AWSService',
	'SAMLUser',
	'WebIdentityUser',
	'IdentityCenterUser',
];

/** One CloudTrail management event, decoded defensively from LookupEvents. Untrusted text. */
export type TrailEvent = {
	readonly eventId: string;
	readonly eventTime: number;
	readonly eventName: string;
	readonly eventSource: string;
	readonly username: string | null;
	readonly identityType: IdentityType;
	readonly readOnly: boolean | null;
	readonly errorCode: string | null;
	readonly sourceIp: string | null;
	readonly awsRegion: string | null;
	readonly resources: ReadonlyArray<{readonly type: string | null; readonly name: string | null}>;
	/**
	 * The CloudTrailEvent JSON string exactly as received (for the detail view); '' if absent. Decoded
	 * events keep it packed: read it with recordText() from source/trail/packed-record.ts.
	 */
	readonly raw: RecordText;
	/**
	 * Arrived out of order (below an event already shown) or more than 10 minutes after its EventTime;
	 * never during the first load (source/monitor/events.ts, isLate).
	 */
	readonly late: boolean;
};

/** Health of one data source (CloudWatch metrics, or the CloudTrail tail). */
export type SourceHealth = {
	/** Epoch ms of the last successful refresh, null before the first. */
	readonly lastSuccess: number | null;
	readonly lastAttempt: number | null;
	/** One line, human-readable, null when the last attempt worked. */
	readonly error: string | null;
	readonly throttled: boolean;
	/** API calls made in the last 60 s (SDK retries included where known). */
	readonly callsLastMinute: number;
	/** Answers in the last 60 s that were throttling errors. */
	readonly throttlesLastMinute: number;
	/** The normal time between refreshes; data older than two of these is stale. */
	readonly intervalMs: number;
	/**
	 * Parts of this source's latest AWS answers that were unreadable and skipped (an event without an
	 * id or time, a result whose values do not pair with its timestamps, a null in a list...). The rest of
	 * each answer was used. Absent means 0.
	 */
	readonly skipped?: number;
};

/** Everything the UI and --once need, immutable, emitted by the monitor after every change. */
export type Snapshot = {
	readonly generatedAt: number;
	readonly region: string;
	readonly profile: string | null;
	readonly demo: boolean;
	readonly paused: boolean;
	readonly metrics: readonly MetricSeries[];
	/** Newest first. */
	readonly events: readonly TrailEvent[];
	/** Start of the CloudTrail window we have looked at (epoch ms). */
	readonly eventsSince: number;
	/** Older events dropped to keep the buffer at its limit (they are no longer in `events`). */
	readonly eventsDropped: number;
	/**
	 * Events older than `eventsSince` that were not read, and why (fleet mode's organization trail says so;
	 * absent or null: none were left unread, or the source does not say).
	 */
	readonly eventsUnread?: EventsUnread | null;
	readonly health: {readonly metrics: SourceHealth; readonly trail: SourceHealth};
	/** Overall state in monitoring-plugin terms (exit codes 0/1/2/3 of --once). */
	readonly status: 'OK' | 'WARN' | 'CRIT' | 'UNKNOWN';
	/** Baseline learning progress: metrics still loading history, null once all are ready. */
	readonly learning: {readonly done: number; readonly total: number} | null;
	/** CloudWatch alarms on AWS/IoT metrics (and composites over them): ALARM first, then by name. */
	readonly alarms: readonly Alarm[];
	/** Why the alarm list could not be refreshed (it keeps its last contents), or null. */
	readonly alarmsError: string | null;
	/** Unreadable parts of the latest DescribeAlarms answers, skipped (also in health.metrics.skipped). */
	readonly alarmsSkipped?: number;
	/**
	 * Which alarms the list can hold when it is not all of the scope's own (fleet mode, a linked account:
	 * only the monitoring account's alarms on its metrics), or absent.
	 */
	readonly alarmsNote?: string;
};

/** A CloudWatch alarm's state, as CloudWatch names it. */
export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** A CloudWatch alarm on AWS/IoT metrics (or a composite alarm over such alarms). */
export type Alarm = {
	readonly name: string;
	/** The alarm's ARN as DescribeAlarms gave it (it names the account), when known. */
	readonly arn?: string | null;
	readonly kind: 'metric' | 'composite';
	readonly state: AlarmState;
	/** When it entered this state (epoch ms), null if CloudWatch did not say. */
	readonly since: number | null;
	/** CloudWatch's reason for the state: untrusted text, sanitized before display. */
	readonly reason: string | null;
	readonly description: string | null;
	/** The AWS/IoT metric names it watches (empty for composite alarms). */
	readonly metrics: readonly string[];
	/** For composite alarms, the alarm names its rule refers to. */
	readonly children: readonly string[];
	/** The accounts whose metrics a cross-account alarm watches (absent: the alarm's own account). */
	readonly accounts?: readonly string[];
};

// Fleet mode: scopes (account x region) and what the overview shows of each.
/**
 * Domain types of fleet mode: many scopes (account x region) watched at once through CloudWatch
 * cross-account observability and an organization trail. A scope's own view is an ordinary Snapshot, so
 * the single-scope screen shows it unchanged; the summary is what a fleet overview row needs.
 */

/** One account in one region. `account` is the 12-digit id. */
export type ScopeRef = {readonly account: string; readonly region: string};

/** A CloudTrail event placed in its scope (from the record's recipientAccountId and awsRegion). */
export type ScopedEvent = TrailEvent & {readonly account: string | null; readonly region: string | null};

/** A flagged metric of a scope, for the overview row. */
export type FlaggedMetric = {
	readonly name: string;
	readonly severity: Exclude<Severity, 'ok'>;
	readonly direction: 'up' | 'down';
	readonly percent: number | null;
};

/** What one overview row shows about a scope, worst first in FleetSnapshot.scopes. */
export type ScopeSummary = ScopeRef & {
	/** From the settings file's accountNames, else the account's OAM link label, else the 12-digit id. */
	readonly accountName: string;
	readonly status: Snapshot['status'];
	/** The worst flag among its metrics (null: none flagged). */
	readonly worst: Exclude<Severity, 'ok'> | null;
	/** Flagged metrics, worst first. */
	readonly flagged: readonly FlaggedMetric[];
	/** IoT control-plane events in this scope in the last 15 minutes (null: no event source covers it). */
	readonly eventsLast15m: number | null;
	/** One line per failing source, in words (access denied, region not enabled, throttled...). */
	readonly errors: readonly string[];
	/** The row's state in a few words: "CRIT: PublishIn.Success down 62%", "region not enabled", "OK". */
	readonly statusText: string;
};

/** One scope: its row and its own single-scope snapshot (Enter on the overview opens it). */
export type ScopeView = {readonly summary: ScopeSummary; readonly snapshot: Snapshot};

/** Everything the fleet overview and `--once` need, immutable, emitted after every change. */
/**
 * Why events older than the list's start were not read: the first fill is still stepping back
 * ('reading'), the buffer was full at `max` events so older ones would only have been dropped ('cap'), or
 * the poll stopped at its page limit ('page-limit').
 */
export type EventsUnread = {readonly reason: 'reading' | 'cap' | 'page-limit'; readonly max: number};

export type FleetSnapshot = {
	readonly generatedAt: number;
	readonly demo: boolean;
	readonly paused: boolean;
	readonly regions: readonly string[];
	/** Worst first (CRIT, WARN, UNKNOWN, OK), then by account name and region. */
	readonly scopes: readonly ScopeView[];
	/** Every scope's IoT events, newest first (each with account and region). */
	readonly events: readonly ScopedEvent[];
	/** The worst scope's status. */
	readonly status: Snapshot['status'];
	/**
	 * What `events` covers: every event from `since` on (epoch ms; the latest start among the sources, or the
	 * oldest event held once older ones were dropped), older ones not read and why, and how many were dropped
	 * at the buffer limit.
	 */
	readonly eventsCoverage: {readonly since: number; readonly unread: EventsUnread | null; readonly dropped: number};
	/** Where events come from: an organization trail log group (per region where found), or LookupEvents. */
	readonly eventSource: {readonly kind: 'log-group'; readonly group: string} | {readonly kind: 'lookup-events'};
};
