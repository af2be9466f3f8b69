/**
 * Shapes shared by the simulated CloudTrail: the compact event every lookup works on, and the input
 * tests use to inject their own events. Times are epoch milliseconds.
 */

import type {IdentityType} from '../../types.js';

/** One resource as LookupEvents lists it (top-level `Resources`). */
export type SimResource = {readonly type: string; readonly name: string};

/**
 * The lookup-relevant part of one event. The full record is built only when the event is returned,
 * so scanning days of history stays cheap.
 */
export type SimEvent = {
	readonly eventId: string;
	readonly eventTime: number;
	/** When Event History starts showing it (eventTime + delivery delay). */
	readonly deliveredAt: number;
	readonly eventName: string;
	readonly eventSource: string;
	readonly readOnly: boolean;
	/** LookupEvents `Username` (user name, role session name...), null when AWS leaves it out. */
	readonly username: string | null;
	readonly accessKeyId: string | null;
	readonly resources: readonly SimResource[];
	/** Produced by the generator (subject to the 7-day horizon) rather than injected or scripted. */
	readonly generated: boolean;
	/** The CloudTrailEvent JSON string. */
	readonly raw: () => string;
};

/** An event a test (or the demo script) adds to the stream. */
export type SimTrailEventInput = {
	readonly eventTime: number;
	/** Defaults to eventTime (visible at once), or eventTime + the simulator's fixed delivery delay if set. */
	readonly deliveredAt?: number;
	readonly eventName: string;
	/** Defaults to iot.amazonaws.com. */
	readonly eventSource?: string;
	/** Defaults to 'test-user' (none for AWSService). */
	readonly username?: string;
	/** Defaults to IAMUser. */
	readonly identityType?: IdentityType;
	readonly errorCode?: string;
	/** Defaults to false. */
	readonly readOnly?: boolean;
	readonly sourceIp?: string;
	/** Used verbatim as CloudTrailEvent (may be hostile or malformed on purpose). */
	readonly raw?: string;
	/** Defaults to a deterministic UUID. */
	readonly eventId?: string;
	readonly accessKeyId?: string;
	readonly resources?: readonly SimResource[];
	/** The record's requestParameters (default null), as CloudTrail logs them: `{certificateId, newStatus}`. */
	readonly request?: Record<string, unknown>;
	/** The record's responseElements (default null; left out when the call failed). */
	readonly response?: Record<string, unknown>;
};

/** Account and Region the simulated records claim. */
export type TrailContext = {
	readonly seed: number;
	readonly region: string;
	readonly accountId: string;
	/**
	 * Every event is delivered exactly this long after its EventTime (generated ones, and injected ones
	 * that give no deliveredAt); null: the realistic random delays of generator.ts.
	 */
	readonly deliveryDelayMs?: number | null;
};
