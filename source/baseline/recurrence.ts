/**
 * Deviations that recur at about the same time of day (a nightly batch job, a morning burst) are part
 * of normal life, not incidents. For each of the last DAYS days, each hour of the day and each direction
 * this keeps the largest |z| seen. A new deviation is judged by how far it exceeds the second-largest
 * daily peak within +/- span hours: something seen on at least two different days is discounted, while a
 * one-off incident (one day only) never desensitises the detector to the next one.
 */
import {Slab, type SlabSize} from './slab.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const DAY_HOURS = 24;
export const RECURRENCE_DAYS = 8;
const NO_DAY = -1e15;

export type Peaks = {
	/** [direction][day slot][hour]: largest |z| (direction 0: z >= 0, 1: z < 0). */
	readonly values: Float32Array;
	/** Day number held by each day slot. */
	readonly days: Float64Array;
};

/** What the peaks take in a Slab. */
export const PEAKS_SIZE: SlabSize = {f64: RECURRENCE_DAYS, f32: 2 * RECURRENCE_DAYS * DAY_HOURS};

export function createPeaks(slab = new Slab(PEAKS_SIZE)): Peaks {
	return {values: slab.float32(2 * RECURRENCE_DAYS * DAY_HOURS), days: slab.float64(RECURRENCE_DAYS).fill(NO_DAY)};
}

/** The second-largest daily peak in the direction of z within +/- span hours of t, over recent days. */
export function recurringPeak(peaks: Peaks, t: number, z: number, span: number): number {
	const day = Math.floor(t / DAY_MS);
	const hour = Math.floor((t - day * DAY_MS) / HOUR_MS);
	const base = z >= 0 ? 0 : RECURRENCE_DAYS * DAY_HOURS;
	let first = 0;
	let second = 0;
	for (let d = 0; d < RECURRENCE_DAYS; d++) {
		const id = peaks.days[d]!;
		if (id > day || id <= day - RECURRENCE_DAYS) continue;
		const row = base + d * DAY_HOURS;
		let m = 0;
		for (let k = -span; k <= span; k++) {
			const v = peaks.values[row + ((hour + k + DAY_HOURS * 2) % DAY_HOURS)]!;
			if (v > m) m = v;
		}
		if (m > first) {
			second = first;
			first = m;
		} else if (m > second) second = m;
	}
	return second;
}

/** Records |z| for the day and hour of t. */
export function recordPeak(peaks: Peaks, t: number, z: number): void {
	const day = Math.floor(t / DAY_MS);
	const d = ((day % RECURRENCE_DAYS) + RECURRENCE_DAYS) % RECURRENCE_DAYS;
	if (peaks.days[d] !== day) {
		if (day < peaks.days[d]!) return; // a clock stepping back into a forgotten day
		peaks.days[d] = day;
		for (let dir = 0; dir < 2; dir++) peaks.values.fill(0, (dir * RECURRENCE_DAYS + d) * DAY_HOURS, (dir * RECURRENCE_DAYS + d + 1) * DAY_HOURS);
	}
	const i = ((z >= 0 ? 0 : RECURRENCE_DAYS) + d) * DAY_HOURS + Math.floor((t - day * DAY_MS) / HOUR_MS);
	const a = Math.abs(z);
	if (a > peaks.values[i]!) peaks.values[i] = a;
}
