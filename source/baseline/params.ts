/** The detector's knobs: one parameter set for every series (the app's metrics and every NAB file). */
export type DetectorParams = {
	/** 'auto': Anscombe (sqrt) scale if the first value is a non-negative integer, else linear. */
	readonly transform: 'auto' | 'sqrt' | 'linear';
	/** Half-life of the seasonal model's level. */
	readonly levelHalfLifeMs: number;
	/** Half-life of the slow base level that the day-of-week terms are measured against. */
	readonly baseHalfLifeMs: number;
	/** Half-life of the level-only model's level. */
	readonly flatHalfLifeMs: number;
	/** Half-life of the residual scales. */
	readonly scaleHalfLifeMs: number;
	/** Memory of the daily profile, in days. */
	readonly dailyMemoryDays: number;
	/** Residuals are clipped to +/- clip robust units before anything learns from them. */
	readonly clip: number;
	/** Half-width of the normal band (low..high), in robust units. */
	readonly bandZ: number;
	/** No judgement (learning: true) before this much history. */
	readonly learnMs: number;
	/** The seasonal model is not used before this much history... */
	readonly seasonalAfterMs: number;
	/** ...nor unless its residual scale is below this fraction of the level-only model's. */
	readonly seasonalGain: number;
	/** Linear series: the scale is at least this fraction of the typical magnitude. */
	readonly relativeFloor: number;
	/** Speed of the running 90th percentile of |residual| relative to the scale's rate (0 disables it). */
	readonly tailGain: number;
	/** Sustained deviations: rate of the running mean of z (per point) and the weight of its z. */
	readonly sustainedRate: number;
	readonly sustainedGain: number;
	/** Deviations seen on two recent days within +/- this many hours of the time of day are discounted in
	 * the score (recurrence.ts); -1 disables it. */
	readonly recurrenceSpanHours: number;
	/** Bursts that were news at their hour (beyond what recurs there on dailyJobDays of the last 8 days) on
	 * this many of the previous 7 days, at any hour, are routine: a new deviation counts only by its excess
	 * over the routineDays-th largest of those days' bursts (recurrence.ts); 0 disables it. */
	readonly routineDays: number;
	readonly dailyJobDays: number;
	/** The day-of-week level eases in from the previous day's over this many hours after midnight UTC. */
	readonly dayEaseHours: number;
	/**
	 * Coarse data (step-scale.ts): on a series sampled more coarsely than this, the time constants named by
	 * stepScaled are multiplied by step / stepReferenceMs (they keep their number of points); 0 disables it.
	 */
	readonly stepReferenceMs: number;
	/** 'seasonal': the seasonal model's level half-life; 'levels': also the level-only model's; 'all': also
	 * learnMs, the recent level a new normal accepts and the flag rules' newNormalMs and reopenMs. */
	readonly stepScaled: StepScaled;
};

export type StepScaled = 'seasonal' | 'levels' | 'all';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const DEFAULT_PARAMS: DetectorParams = {
	transform: 'auto',
	levelHalfLifeMs: 2 * HOUR,
	baseHalfLifeMs: 7 * DAY,
	flatHalfLifeMs: HOUR,
	scaleHalfLifeMs: DAY,
	dailyMemoryDays: 4,
	clip: 3,
	bandZ: 4,
	learnMs: 3 * HOUR,
	seasonalAfterMs: 2 * DAY,
	seasonalGain: 0.8,
	relativeFloor: 0.002,
	recurrenceSpanHours: 3,
	routineDays: 2,
	dailyJobDays: 5,
	tailGain: 4,
	sustainedRate: 0.25,
	sustainedGain: 1.25,
	dayEaseHours: 3,
	// Off: no setting of step-scale.ts passed cross-validation on the resampled dev split (bench/NAB-NOTES.md,
	// sixth session); 'levels' with R 15 min is what most folds picked.
	stepReferenceMs: 0,
	stepScaled: 'levels',
};
