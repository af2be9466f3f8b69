/**
 * Pure: from a detector estimate to a flag. Which direction is bad comes from the metric catalog (a drop
 * in PublishIn.Success, a rise in Connect.AuthError, either for a connect storm). A flag needs the change
 * to be both statistically clear (robust z) and big enough to matter (percent), so a 3 % dip in a metric
 * of 20,000/min does not page anyone. Hysteresis: a flag rises at once but only falls after several calm
 * buckets, so it does not flicker.
 */
import type {BadDirection} from '../iot/catalog.js';
import type {Severity} from '../types.js';

export type SeverityRules = {
	/** |z| needed for WARN / CRIT. */
	readonly warnZ: number;
	readonly critZ: number;
	/** |change| in percent of expected needed for WARN / CRIT. */
	readonly warnPercent: number;
	readonly critPercent: number;
	/** A raised flag stays while the bucket still meets this fraction of its thresholds. */
	readonly holdFraction: number;
	/** Consecutive buckets below the hold level before a flag steps down one level. */
	readonly calmBuckets: number;
};

export const DEFAULT_RULES: SeverityRules = {
	warnZ: 5,
	critZ: 9,
	warnPercent: 25,
	critPercent: 50,
	holdFraction: 0.6,
	calmBuckets: 3,
};

export type Sensitivity = 'low' | 'normal' | 'high';

/** Sensitivity presets: `high` flags smaller deviations, `low` only big ones. */
export const SENSITIVITY: Readonly<Record<Sensitivity, SeverityRules>> = {
	low: {...DEFAULT_RULES, warnZ: 7, critZ: 12, warnPercent: 40, critPercent: 70},
	normal: DEFAULT_RULES,
	high: {...DEFAULT_RULES, warnZ: 4, critZ: 7, warnPercent: 15, critPercent: 35},
};

export type Observation = {readonly value: number; readonly expected: number; readonly z: number};

const RANK: Record<Severity, number> = {ok: 0, warn: 1, crit: 2};
const BY_RANK: readonly Severity[] = ['ok', 'warn', 'crit'];

/** (value - expected) / expected in percent; null when expected is 0 (any change is infinite). */
export function percentChange(value: number, expected: number): number | null {
	if (expected === 0) return null;
	return ((value - expected) / expected) * 100;
}

/** Whether a deviation in this direction matters for a metric whose bad direction is `bad`. */
export function isBadDirection(direction: 'up' | 'down', bad: BadDirection): boolean {
	return bad === 'both' || bad === direction;
}

/** The severity one bucket deserves on its own; `scale` < 1 gives the lower hold level. */
export function bucketSeverity(observation: Observation, bad: BadDirection, rules: SeverityRules, scale = 1): Severity {
	const direction = observation.z >= 0 ? 'up' : 'down';
	if (!isBadDirection(direction, bad)) return 'ok';
	const z = Math.abs(observation.z);
	const percent = percentChange(observation.value, observation.expected);
	// With nothing expected, any bad-direction change is total, but the z-score still has to be clear.
	const change = percent === null ? (observation.value === 0 ? 0 : Infinity) : Math.abs(percent);
	if (z >= rules.critZ * scale && change >= rules.critPercent * scale) return 'crit';
	if (z >= rules.warnZ * scale && change >= rules.warnPercent * scale) return 'warn';
	return 'ok';
}

/** A flag and the direction that raised it (kept while the flag is held, so ▼ CRIT does not turn ▲). */
export type FlagState = {readonly severity: Severity; readonly calm: number; readonly direction: 'up' | 'down' | null};

export const INITIAL_FLAG: FlagState = {severity: 'ok', calm: 0, direction: null};

/** Next flag state after one more settled bucket. */
export function nextFlag(state: FlagState, observation: Observation, bad: BadDirection, rules: SeverityRules): FlagState {
	const raw = bucketSeverity(observation, bad, rules);
	const direction = observation.z >= 0 ? 'up' : 'down';
	if (raw !== 'ok' && RANK[raw] >= RANK[state.severity]) return {severity: raw, calm: 0, direction};
	if (state.severity === 'ok') return INITIAL_FLAG;
	const held = bucketSeverity(observation, bad, rules, rules.holdFraction);
	if (RANK[held] >= RANK[state.severity]) return {...state, calm: 0};
	const calm = state.calm + 1;
	if (calm < rules.calmBuckets) return {...state, calm};
	const lower = BY_RANK[RANK[state.severity] - 1]!;
	return lower === 'ok' ? INITIAL_FLAG : {severity: lower, calm: 0, direction: state.direction};
}
