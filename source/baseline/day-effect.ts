/**
 * Day-of-week level: weekends and holidays move the whole day. For each UTC day this collects the mean
 * residual of each of its 24 hours; when the day is over, the median of those hourly means becomes the
 * level correction for that weekday next week. A median over 24 hours ignores any incident shorter than
 * 12 hours, so one sighting of a weekday is enough and an outage does not become "normal for Tuesday".
 */
import {Slab} from './slab.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const HOURS = 24;
/** A day needs this many hours with data to count. */
const MIN_HOURS = 12;
const NO_DAY = -1e15;

export type DayEffect = {
	/** Sum and count of residuals per hour of the current day. */
	readonly sums: Float64Array;
	readonly counts: Float64Array;
	/** [0]: day number being collected. */
	readonly current: Float64Array;
	/** Correction per weekday and the day number it was measured on. */
	readonly effect: Float64Array;
	readonly measured: Float64Array;
	/** The correction each weekday had before its latest measurement (what that day was judged with). */
	readonly prior: Float64Array;
	readonly priorMeasured: Float64Array;
};

/** Doubles the day effect takes in a Slab. */
export const DAY_EFFECT_F64 = 2 * HOURS + 1 + 4 * 7;

export function createDayEffect(slab = new Slab({f64: DAY_EFFECT_F64})): DayEffect {
	return {
		sums: slab.float64(HOURS),
		counts: slab.float64(HOURS),
		current: slab.float64(1).fill(NO_DAY),
		effect: slab.float64(7),
		measured: slab.float64(7).fill(NO_DAY),
		prior: slab.float64(7),
		priorMeasured: slab.float64(7).fill(NO_DAY),
	};
}

const weekday = (day: number): number => ((day % 7) + 7) % 7;

/** The correction `day` is judged with: its weekday as measured before it, within two weeks. */
function dayLevel(state: DayEffect, day: number): number {
	const w = weekday(day);
	const inRange = (measured: number) => measured < day && measured > day - 14;
	if (inRange(state.measured[w]!)) return state.effect[w]!;
	// `day` itself may just have been measured (it closes at the next day's first point): what it had before.
	return state.measured[w] === day && inRange(state.priorMeasured[w]!) ? state.prior[w]! : 0;
}

/**
 * The level correction for the weekday of t, if that weekday was measured within the last two weeks.
 * Over the first `easeMs` of a day it moves linearly from the previous day's level: a fleet does not go
 * from Sunday to Monday at the stroke of midnight UTC (time zones, people).
 */
export function readDayEffect(state: DayEffect, t: number, easeMs = 0): number {
	const day = Math.floor(t / DAY_MS);
	const level = dayLevel(state, day);
	const into = t - day * DAY_MS;
	if (easeMs <= 0 || into >= easeMs) return level;
	const x = into / easeMs;
	// Yesterday's level as yesterday was judged (never yesterday's own incident or shift).
	return dayLevel(state, day - 1) * (1 - x) + level * x;
}

/** Adds the residual of a point (relative to level + daily profile) to its hour of the day. */
export function addDayEffect(state: DayEffect, t: number, residual: number): void {
	const day = Math.floor(t / DAY_MS);
	const current = state.current[0]!;
	if (day < current) return; // a clock stepping back over midnight: that day is closed
	if (day > current) {
		close(state, current);
		state.current[0] = day;
	}
	const hour = Math.floor((t - day * DAY_MS) / HOUR_MS);
	state.sums[hour]! += residual;
	state.counts[hour]! += 1;
}

function close(state: DayEffect, day: number): void {
	const means: number[] = [];
	for (let h = 0; h < HOURS; h++) if (state.counts[h]! > 0) means.push(state.sums[h]! / state.counts[h]!);
	state.sums.fill(0);
	state.counts.fill(0);
	const n = means.length;
	if (n < MIN_HOURS || day === NO_DAY) return;
	const sorted = means.sort((a, b) => a - b);
	const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
	const w = weekday(day);
	state.prior[w] = state.effect[w]!;
	state.priorMeasured[w] = state.measured[w]!;
	state.effect[w] = median;
	state.measured[w] = day;
}
