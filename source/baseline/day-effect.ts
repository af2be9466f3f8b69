/**
 * Day-of-week level: weekends and holidays move the whole day. For each UTC day this collects the mean
 * residual of each of its 24 hours; when the day is over, the median of those hourly means becomes the
 * level correction for that weekday next week. A median over 24 hours ignores any incident shorter than
 * 12 hours, so one sighting of a weekday is enough and an outage does not become "normal for Tuesday".
 */
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
};

export function createDayEffect(): DayEffect {
	return {
		sums: new Float64Array(HOURS),
		counts: new Float64Array(HOURS),
		current: new Float64Array(1).fill(NO_DAY),
		effect: new Float64Array(7),
		measured: new Float64Array(7).fill(NO_DAY),
	};
}

const weekday = (day: number): number => ((day % 7) + 7) % 7;

/** The level correction for the weekday of t, if that weekday was measured within the last two weeks. */
export function readDayEffect(state: DayEffect, t: number): number {
	const day = Math.floor(t / DAY_MS);
	const w = weekday(day);
	const measured = state.measured[w]!;
	return measured < day && measured > day - 14 ? state.effect[w]! : 0;
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
	state.effect[weekday(day)] = median;
	state.measured[weekday(day)] = day;
}
