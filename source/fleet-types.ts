/**
 * Domain types of fleet mode: many scopes (account x region) watched at once through CloudWatch
 * cross-account observability and an organization trail. A scope's own view is an ordinary Snapshot, so
 * the single-scope screen shows it unchanged; the summary is what a fleet overview row needs.
 */
import type {Severity, Snapshot, TrailEvent} from './types.js';

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
	/** From the settings file's accountNames, else the 12-digit id. */
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
	/** Where events come from: an organization trail log group (per region where found), or LookupEvents. */
	readonly eventSource: {readonly kind: 'log-group'; readonly group: string} | {readonly kind: 'lookup-events'};
};
