/**
 * Time constants on coarse data (off by default: DEFAULT_PARAMS.stepReferenceMs 0). The judge's time
 * constants were chosen on 5-minute series, where a 1-hour level half-life averages 12 points and a flag
 * held 3 hours has been seen 36 times; on a series sampled every hour the same milliseconds are 1 and 3
 * points. Where the data is coarser than a reference step R, the constants named by params.stepScaled keep
 * their number of points instead: effective T = T x max(1, step / R). At steps up to R (the monitor's
 * 1-minute buckets; every file of NAB's dev split, the coarsest of which are sampled every 10-11 minutes,
 * for R >= 12 min) nothing changes. Calendar time is never scaled: the hours of the day a deviation recurs
 * at, days of memory, the week, a day of noise.
 *
 * Why it is off: on the dev split resampled to 30 and 60 minutes (`npm run bench:nab -- --resample 30,60
 * --cv --grid step`) the setting most folds pick scores below "off" on the left-out categories, and on a
 * clean hourly daily rhythm it raises false flags (a slower level lets the seasonal model's day-of-week
 * errors through); bench/NAB-NOTES.md, sixth session.
 */
import type {DetectorParams} from './params.js';
import type {SeverityRules} from './severity.js';

/** How many times longer a point-count constant is at `stepMs`: max(1, step / R); 1 when R is 0 (off). */
export function stepFactor(stepMs: number, referenceMs: number): number {
	return referenceMs > 0 && stepMs > referenceMs ? stepMs / referenceMs : 1;
}

/** The detector's time constants at its sampling step (recentHalfLifeMs: the recent level a new normal accepts). */
export type StepTimes = {readonly levelHalfLifeMs: number; readonly flatHalfLifeMs: number; readonly learnMs: number; readonly recentHalfLifeMs: number};

export function stepTimes(params: DetectorParams, stepMs: number, recentHalfLifeMs: number): StepTimes {
	const k = stepFactor(stepMs, params.stepReferenceMs);
	const flat = params.stepScaled === 'seasonal' ? 1 : k;
	const rules = params.stepScaled === 'all' ? k : 1;
	return {levelHalfLifeMs: params.levelHalfLifeMs * k, flatHalfLifeMs: params.flatHalfLifeMs * flat, learnMs: params.learnMs * rules, recentHalfLifeMs: recentHalfLifeMs * rules};
}

/** The flag rules at the sampling step: how long a flag is held before it is the new normal, and the reopen time. */
export function stepRules(rules: SeverityRules, params: DetectorParams, stepMs: number): SeverityRules {
	const k = params.stepScaled === 'all' ? stepFactor(stepMs, params.stepReferenceMs) : 1;
	return k === 1 ? rules : {...rules, newNormalMs: rules.newNormalMs * k, reopenMs: rules.reopenMs * k};
}
