/** What suspectsFor (suspects.ts) is asked and answers. */
import type {Operation} from '../iot/operations.js';
import type {TrailEvent} from '../types.js';
import type {Change} from './change.js';
import type {Direction} from './suspect-evidence.js';

export type SuspectSection = 'ranked' | 'more' | 'after';

export type Suspect = {
	readonly event: TrailEvent;
	/** The evidence, 0-1 (after the onset: what it would be without the time weight); only the order matters. */
	readonly score: number;
	/** 'ranked': one of the best explanations; 'more': weaker, behind the "N more" line; 'after': after the onset. */
	readonly section: SuspectSection;
	/** 1-based rank among the changes before the onset (ranked and more); 0 after the onset. */
	readonly rank: number;
	/** The resource it touched, short and sanitized ("FleetTelemetryPolicy v7"), or null. */
	readonly resource: string | null;
	/** What it did to it, short and sanitized ("new default version"). */
	readonly what: string;
	/** Why it is a suspect, one sentence (sanitized): "new default version 7 of policy P, 2 min before the drop". */
	readonly why: string;
	/** The evidence behind it, one sentence (sanitized): what such a change can do to this metric, its reach. */
	readonly evidence: string;
	/** why, evidence and who made the change, for the detail lines. */
	readonly reasons: readonly string[];
};

export type SuspectQuery = {
	/** The metric that deviated. */
	readonly metric: string;
	/** When the deviation began (start of the first flagged bucket, epoch ms). */
	readonly onset: number;
	readonly windowMs?: number;
	/** Which way it moved, when known (a connect storm is up, a connect drop down). */
	readonly direction?: Direction;
};

/** One change in the window with its evidence, before it is put in words. */
export type Scored = {event: TrailEvent; score: number; change: Change; operation: Operation};
