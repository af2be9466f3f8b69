/**
 * The seasonal memory of the detector: one additive term per slot of the day (a slot is one sampling
 * step, at most 288 per day: MAX_SLOTS) and, for each of the 168 hours of the week, its mean residual in each of
 * the last three weeks. Pure arithmetic on preallocated typed arrays (views into the detector's Slab: the
 * terms are 32-bit floats, the counters 16-bit and held at their maximum): nothing is allocated per update.
 */
import {bump, Slab, type SlabSize} from './slab.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * DAY_MS;
export const WEEK_HOURS = 168;
const WEEKS = 3;
const NO_WEEK = -1e15;

export type Profiles = {
	readonly daily: Float32Array;
	/** Updates each daily slot has seen (for running means before the exponential memory). */
	readonly dailyCount: Uint16Array;
	/** Sum and count of residuals per hour of week, for each of the last WEEKS weeks (ring by week id). */
	readonly weekly: Float32Array;
	readonly weeklyCount: Uint16Array;
	readonly weeks: Float64Array;
};

/** What the profiles of `slots` daily slots take in a Slab. */
export const profileSize = (slots: number): SlabSize => ({f64: WEEKS, f32: slots + WEEKS * WEEK_HOURS, u16: slots + WEEKS * WEEK_HOURS});

/**
 * One slot per sampling step, capped at one per five minutes: a one-minute metric's daily rhythm is
 * learned from the five points of each slot every day (less noise per slot, a fifth of the memory: a
 * fleet holds thousands of these). Minute-sharp daily events (a job at 02:00 sharp) are the recurrence
 * discount's business (recurrence.ts), not the profile's.
 */
export const MAX_SLOTS = 288;

export function slotsPerDay(stepMs: number): number {
	return Math.min(MAX_SLOTS, Math.max(1, Math.round(DAY_MS / stepMs)));
}

/**
 * The per-update rate that gives a slot a memory of `days` days when it is updated `perDay` times a day
 * (1 / days for one update a day).
 */
export function dailyRate(days: number, perDay: number): number {
	const d = Math.max(1, days);
	return 1 - Math.pow(1 - 1 / d, 1 / Math.max(1, perDay));
}

export function createProfiles(slots: number, slab = new Slab(profileSize(slots))): Profiles {
	return {
		daily: slab.float32(slots),
		dailyCount: slab.uint16(slots),
		weekly: slab.float32(WEEKS * WEEK_HOURS),
		weeklyCount: slab.uint16(WEEKS * WEEK_HOURS),
		weeks: slab.float64(WEEKS).fill(NO_WEEK),
	};
}

function dailySlot(profiles: Profiles, t: number): number {
	const slots = profiles.daily.length;
	const ms = ((t % DAY_MS) + DAY_MS) % DAY_MS;
	return Math.min(slots - 1, Math.floor((ms * slots) / DAY_MS));
}

export function readDaily(profiles: Profiles, t: number): number {
	return profiles.daily[dailySlot(profiles, t)]!;
}

/** Moves the slot of t by `residual` times the larger of `rate` (dailyRate) and 1 / (updates seen + 1). */
export function addDaily(profiles: Profiles, t: number, residual: number, rate: number): void {
	const s = dailySlot(profiles, t);
	const count = bump(profiles.dailyCount, s);
	profiles.daily[s]! += Math.max(1 / count, rate) * residual;
}

/** First day: the slot of t holds the plain running mean of the values. */
export function recordDaily(profiles: Profiles, t: number, y: number): void {
	const s = dailySlot(profiles, t);
	const count = bump(profiles.dailyCount, s);
	profiles.daily[s]! += (y - profiles.daily[s]!) / count;
}

/** After the first day: slots held raw means; make them offsets from their mean and return that mean. */
export function centreDaily(profiles: Profiles): number {
	const {daily, dailyCount} = profiles;
	let sum = 0;
	let n = 0;
	for (let s = 0; s < daily.length; s++) {
		if (dailyCount[s]! > 0) {
			sum += daily[s]!;
			n++;
		}
	}
	const mean = n > 0 ? sum / n : 0;
	for (let s = 0; s < daily.length; s++) daily[s] = dailyCount[s]! > 0 ? daily[s]! - mean : 0;
	return mean;
}

/**
 * Weekly terms: the mean residual (against base level + daily profile) of each hour of the week in each
 * of the last three weeks, i.e. the whole weekday-and-hour effect. The term used is the median of the
 * last three weeks; with two, their mean if they agree within `tolerance`, else the one nearer the
 * robust day-of-week level (`fallback`); with fewer, just
 * `fallback`. One incident in one week never becomes "normal for Tuesday 10:00".
 */
function weeklyBin(profiles: Profiles, bin: number, week: number, fallback: number, tolerance: number): number {
	const {weekly, weeklyCount, weeks} = profiles;
	let a = NaN;
	let b = NaN;
	let c = fallback;
	let n = 0;
	for (let k = 0; k < WEEKS; k++) {
		const count = weeklyCount[k * WEEK_HOURS + bin]!;
		if (weeks[k]! >= week || count === 0) continue;
		const v = weekly[k * WEEK_HOURS + bin]! / count;
		if (n === 0) a = v;
		else if (n === 1) b = v;
		else c = v;
		n++;
	}
	if (n < 2) return fallback;
	if (n === 2) {
		if (Math.abs(a - b) <= tolerance) return (a + b) / 2;
		return Math.abs(a - fallback) <= Math.abs(b - fallback) ? a : b;
	}
	return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}

/** The weekly term for the hour of the week of t (hourly steps: weekday changes are often abrupt). */
export function readWeekly(profiles: Profiles, t: number, fallback: number, tolerance: number): number {
	const week = Math.floor(t / WEEK_MS);
	return weeklyBin(profiles, Math.floor((t - week * WEEK_MS) / HOUR_MS), week, fallback, tolerance);
}

/** Adds a residual to this week's mean for the hour of t; a week older than three is forgotten. */
export function addWeekly(profiles: Profiles, t: number, residual: number): void {
	const week = Math.floor(t / WEEK_MS);
	const k = ((week % WEEKS) + WEEKS) % WEEKS;
	if (profiles.weeks[k] !== week) {
		if (week < profiles.weeks[k]!) return; // a clock stepping back into a forgotten week
		profiles.weeks[k] = week;
		profiles.weekly.fill(0, k * WEEK_HOURS, (k + 1) * WEEK_HOURS);
		profiles.weeklyCount.fill(0, k * WEEK_HOURS, (k + 1) * WEEK_HOURS);
	}
	const i = k * WEEK_HOURS + Math.floor((t - week * WEEK_MS) / HOUR_MS);
	profiles.weekly[i]! += residual;
	bump(profiles.weeklyCount, i);
}
