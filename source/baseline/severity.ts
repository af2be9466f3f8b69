/**
 * Pure: how bad one judged bucket is on its own. Which direction is bad comes from the metric catalog (a
 * drop in PublishIn.Success, a rise in Connect.AuthError, either for a connect storm). A flag needs the
 * change to be both statistically clear (robust z; for small counts also a Poisson tail, counts.ts) and
 * big enough to matter (percent), so a 3 % dip in a metric of 20,000/min does not page anyone and 0 -> 3
 * errors is not a flag. How a flag rises, holds, recovers and clears is judge.ts.
 */
import type {BadDirection} from '../iot/catalog.js';
import type {Severity} from '../types.js';
import {PERCENT_BASE_MIN, POISSON_LIMIT, poissonZ} from './counts.js';

export type SeverityRules = {
	/** |z| needed for WARN / CRIT. */
	readonly warnZ: number;
	readonly critZ: number;
	/** |change| in percent of expected needed for WARN / CRIT. */
	readonly warnPercent: number;
	readonly critPercent: number;
	/** A raised flag is held while the bucket still meets this fraction of the WARN thresholds. */
	readonly holdFraction: number;
	/** Consecutive calm settled buckets after which a flag clears (exactly this many). */
	readonly calmBuckets: number;
	/** A flag held this long becomes the new normal (the baseline accepts the shift); 0 never. */
	readonly newNormalMs: number;
	/** A flag rising again the same way this soon after clearing reopens it (same onset, no new page). */
	readonly reopenMs: number;
	/** ...except a drop of a metric where down is bad to below this fraction of the usual (an outage). */
	readonly outageFraction: number;
};

/** Chosen by leave-one-category-out cross-validation on NAB (bench/NAB-NOTES.md), never per metric. */
export const DEFAULT_RULES: SeverityRules = {
	warnZ: 3,
	critZ: 9,
	warnPercent: 5,
	critPercent: 50,
	holdFraction: 0.8,
	calmBuckets: 3,
	newNormalMs: 3 * 60 * 60_000,
	reopenMs: 60 * 60_000,
	outageFraction: 0.2,
};

export type Sensitivity = 'low' | 'normal' | 'high';

/** Sensitivity presets: `high` flags smaller deviations, `low` only big ones. */
export const SENSITIVITY: Readonly<Record<Sensitivity, SeverityRules>> = {
	low: {...DEFAULT_RULES, warnZ: 5, critZ: 12, warnPercent: 25, critPercent: 70},
	normal: DEFAULT_RULES,
	high: {...DEFAULT_RULES, warnZ: 2.5, critZ: 7, warnPercent: 3, critPercent: 35},
};

/** One judged bucket; `counts`: the series is small integers (Poisson noise). */
export type Observation = {readonly value: number; readonly expected: number; readonly z: number; readonly counts?: boolean};

const RANK: Record<Severity, number> = {ok: 0, warn: 1, crit: 2};

export const severityRank = (severity: Severity): number => RANK[severity];

/** (value - expected) / expected in percent; null when expected is 0 (any change is infinite). */
export function percentChange(value: number, expected: number): number | null {
	if (expected === 0) return null;
	return ((value - expected) / expected) * 100;
}

/**
 * The percent worth showing: null when the expectation of a count is too small to divide by (then the
 * absolute change says more: "+3", not "+1630%").
 */
export function shownPercent(value: number, expected: number, counts: boolean): number | null {
	if (counts && Math.abs(expected) < PERCENT_BASE_MIN) return null;
	return percentChange(value, expected);
}

/** Whether a deviation in this direction matters for a metric whose bad direction is `bad`. */
export function isBadDirection(direction: 'up' | 'down', bad: BadDirection): boolean {
	return bad === 'both' || bad === direction;
}

/** The size of a change in percent, measured against at least PERCENT_BASE_MIN events for counts. */
function changePercent(observation: Observation): number {
	const {value, expected, counts} = observation;
	const base = counts ? Math.max(Math.abs(expected), PERCENT_BASE_MIN) : Math.abs(expected);
	if (base === 0) return value === expected ? 0 : Infinity;
	return (Math.abs(value - expected) / base) * 100;
}

/**
 * A small count must also be a Poisson surprise: its one-sided tail at most ~1e-6 (z 4.75) for WARN,
 * whatever the sensitivity, so 0 -> 3 errors a minute is never a flag and 0 -> 40 always is.
 */
export const COUNT_WARN_Z = 4.75;

/** The z a bucket is judged by: the detector's, and for small counts no more than the Poisson tail allows. */
export function judgedZ(observation: Observation): number {
	const z = Math.abs(observation.z);
	return observation.counts ? Math.min(z, poissonZ(observation.value, observation.expected)) : z;
}

/** Whether a small count is too likely under Poisson noise to be flagged at all. */
function poissonPlausible(observation: Observation, scale: number): boolean {
	if (!observation.counts || observation.expected >= POISSON_LIMIT) return false;
	return poissonZ(observation.value, observation.expected) < COUNT_WARN_Z * scale;
}

/** The severity one bucket deserves on its own; `scale` < 1 gives the lower hold level. */
export function bucketSeverity(observation: Observation, bad: BadDirection, rules: SeverityRules, scale = 1): Severity {
	const direction = observation.z >= 0 ? 'up' : 'down';
	if (!isBadDirection(direction, bad)) return 'ok';
	// Cheap tests first: most buckets fail them, and the Poisson tail is only summed for the rest.
	if (Math.abs(observation.z) < rules.warnZ * scale) return 'ok';
	const change = changePercent(observation);
	if (change < rules.warnPercent * scale || poissonPlausible(observation, scale)) return 'ok';
	const z = judgedZ(observation);
	if (z >= rules.critZ * scale && change >= rules.critPercent * scale) return 'crit';
	if (z >= rules.warnZ * scale) return 'warn';
	return 'ok';
}
