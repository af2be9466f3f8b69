/**
 * Deviations that recur at about the same time of day (a nightly batch job, a morning burst) are part
 * of normal life, not incidents. For each of the last DAYS days, each hour of the day and each direction
 * this keeps the largest |z| seen. A new deviation is judged by how far it exceeds the second-largest
 * daily peak within +/- span hours: something seen on at least two different days is discounted, while a
 * one-off incident (one day only) never desensitises the detector to the next one.
 */
import {Slab} from './slab.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const DAY_HOURS = 24;
export const RECURRENCE_DAYS = 8;
const NO_DAY = -1e15;
const TOP = new Float64Array(RECURRENCE_DAYS);

export type Peaks = {
	/** [direction][day slot][hour]: largest |z| (direction 0: z >= 0, 1: z < 0). */
	readonly values: Float64Array;
	/** Day number held by each day slot. */
	readonly days: Float64Array;
	/** [direction][day slot]: the day's largest excess over what recurs at its hour (routineExcess). */
	readonly excess: Float64Array;
};

/** Doubles the peaks take in a Slab. */
export const PEAKS_F64 = 2 * RECURRENCE_DAYS * DAY_HOURS + RECURRENCE_DAYS + 2 * RECURRENCE_DAYS;

export function createPeaks(slab = new Slab(PEAKS_F64, 0)): Peaks {
	return {values: slab.float64(2 * RECURRENCE_DAYS * DAY_HOURS), days: slab.float64(RECURRENCE_DAYS).fill(NO_DAY), excess: slab.float64(2 * RECURRENCE_DAYS)};
}

/** The second-largest daily peak in the direction of z within +/- span hours of t, over recent days. */
export function recurringPeak(peaks: Peaks, t: number, z: number, span: number, rank = 2): number {
	rank = Math.min(Math.max(1, Math.round(rank)), RECURRENCE_DAYS);
	const day = Math.floor(t / DAY_MS);
	const hour = Math.floor((t - day * DAY_MS) / HOUR_MS);
	const base = z >= 0 ? 0 : RECURRENCE_DAYS * DAY_HOURS;
	const top = TOP.fill(0);
	for (let d = 0; d < RECURRENCE_DAYS; d++) {
		const id = peaks.days[d]!;
		if (id > day || id <= day - RECURRENCE_DAYS) continue;
		const row = base + d * DAY_HOURS;
		let m = 0;
		for (let k = -span; k <= span; k++) {
			const v = peaks.values[row + ((hour + k + DAY_HOURS * 2) % DAY_HOURS)]!;
			if (v > m) m = v;
		}
		for (let i = 0; i < rank; i++) {
			if (m > top[i]!) {
				const x = top[i]!;
				top[i] = m;
				m = x;
			}
		}
	}
	return top[rank - 1]!;
}

/**
 * The k-th largest daily maximum of the excess over earlier days (today excluded), in the direction of z:
 * a burst that was news at its hour, but that happens on k of the last days at some hour, is routine.
 */
export function routineExcess(peaks: Peaks, t: number, z: number, k: number): number {
	k = Math.min(Math.max(1, Math.round(k)), RECURRENCE_DAYS);
	const day = Math.floor(t / DAY_MS);
	const base = z >= 0 ? 0 : RECURRENCE_DAYS;
	// The k largest so far, in descending order (k <= RECURRENCE_DAYS).
	const top = TOP.fill(0);
	let n = 0;
	for (let d = 0; d < RECURRENCE_DAYS; d++) {
		const id = peaks.days[d]!;
		if (id >= day || id <= day - RECURRENCE_DAYS) continue;
		n++;
		let m = peaks.excess[base + d]!;
		for (let i = 0; i < k; i++) {
			if (m > top[i]!) {
				const x = top[i]!;
				top[i] = m;
				m = x;
			}
		}
	}
	return n < k ? 0 : top[k - 1]!;
}

/** Records |z| for the day and hour of t. */
export function recordPeak(peaks: Peaks, t: number, z: number): void {
	const day = Math.floor(t / DAY_MS);
	const d = ((day % RECURRENCE_DAYS) + RECURRENCE_DAYS) % RECURRENCE_DAYS;
	if (peaks.days[d] !== day) {
		if (day < peaks.days[d]!) return; // a clock stepping back into a forgotten day
		peaks.days[d] = day;
		for (let dir = 0; dir < 2; dir++) {
			peaks.values.fill(0, (dir * RECURRENCE_DAYS + d) * DAY_HOURS, (dir * RECURRENCE_DAYS + d + 1) * DAY_HOURS);
			peaks.excess[dir * RECURRENCE_DAYS + d] = 0;
		}
	}
	const i = ((z >= 0 ? 0 : RECURRENCE_DAYS) + d) * DAY_HOURS + Math.floor((t - day * DAY_MS) / HOUR_MS);
	const a = Math.abs(z);
	if (a > peaks.values[i]!) peaks.values[i] = a;
}

/** Records a burst's excess for the day of t (after recordPeak for t), in the direction of z. */
export function recordExcess(peaks: Peaks, t: number, z: number, excess: number): void {
	const day = Math.floor(t / DAY_MS);
	const d = ((day % RECURRENCE_DAYS) + RECURRENCE_DAYS) % RECURRENCE_DAYS;
	if (peaks.days[d] !== day) return;
	const e = (z >= 0 ? 0 : RECURRENCE_DAYS) + d;
	if (excess > peaks.excess[e]!) peaks.excess[e] = excess;
}
