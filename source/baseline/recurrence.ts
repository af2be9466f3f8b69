/**
 * Deviations that recur at about the same time of day (a nightly batch job, a morning burst) are part
 * of normal life, not incidents. For each of the last DAYS days, each hour of the day and each direction
 * this keeps the largest |z| seen. A new deviation is judged by how far it exceeds the second-largest
 * daily peak within +/- span hours: something seen on at least two different days is discounted, while a
 * one-off incident (one day only) never desensitises the detector to the next one.
 *
 * Bursts at no particular hour (a busy Twitter account, random large writes) are routine too when the
 * series shows them on most days. For each day and direction this keeps the largest excess of a calm
 * bucket (no flag up: a burst that paged someone is never evidence) over what recurs at its own hour on
 * most days (a daily job is the hourly rule's business); a new flag needs to exceed the k-th largest of
 * those daily excesses over the previous days (routineExcess; the detector's routineDays).
 */
import {Slab, type SlabSize} from './slab.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const DAY_HOURS = 24;
export const RECURRENCE_DAYS = 8;
const NO_DAY = -1e15;
const TOP = new Float64Array(RECURRENCE_DAYS);

export type Peaks = {
	/** [direction][day slot][hour]: largest |z| (direction 0: z >= 0, 1: z < 0). */
	readonly values: Float32Array;
	/** Day number held by each day slot. */
	readonly days: Float64Array;
	/** [direction][day slot]: the day's largest excess over what recurs at its hour (routineExcess). */
	readonly excess: Float64Array;
};

/** What the peaks take in a Slab. */
export const PEAKS_SIZE: SlabSize = {f64: RECURRENCE_DAYS + 2 * RECURRENCE_DAYS, f32: 2 * RECURRENCE_DAYS * DAY_HOURS};

export function createPeaks(slab = new Slab(PEAKS_SIZE)): Peaks {
	return {values: slab.float32(2 * RECURRENCE_DAYS * DAY_HOURS), days: slab.float64(RECURRENCE_DAYS).fill(NO_DAY), excess: slab.float64(2 * RECURRENCE_DAYS)};
}

/**
 * The daily peaks in the direction of z within +/- span hours of t over recent days (today included),
 * largest first: the first `depth` of them, in a shared array (read it before the next call here).
 * The second is what recurs at this hour (on two days).
 */
export function hourlyPeaks(peaks: Peaks, t: number, z: number, span: number, depth: number): Float64Array {
	const top = TOP.fill(0);
	const n = Math.min(Math.max(1, depth), RECURRENCE_DAYS);
	const day = Math.floor(t / DAY_MS);
	const hour = Math.floor((t - day * DAY_MS) / HOUR_MS);
	const base = z >= 0 ? 0 : RECURRENCE_DAYS * DAY_HOURS;
	for (let d = 0; d < RECURRENCE_DAYS; d++) {
		const id = peaks.days[d]!;
		if (id > day || id <= day - RECURRENCE_DAYS) continue;
		const row = base + d * DAY_HOURS;
		let m = 0;
		for (let k = -span; k <= span; k++) {
			const v = peaks.values[row + ((hour + k + DAY_HOURS * 2) % DAY_HOURS)]!;
			if (v > m) m = v;
		}
		insert(top, n, m);
	}
	return top;
}

/** Inserts m into the descending list top[0..n). */
function insert(top: Float64Array, n: number, m: number): void {
	for (let i = 0; i < n; i++) {
		if (m > top[i]!) {
			const x = top[i]!;
			top[i] = m;
			m = x;
		}
	}
}

/**
 * Routine bursts: the k-th largest of the daily largest excesses (recordExcess) of the previous days in
 * the direction of z, today excluded; 0 with fewer than k such days.
 */
export function routineExcess(peaks: Peaks, t: number, z: number, k: number): number {
	const n = Math.min(Math.max(1, Math.round(k)), RECURRENCE_DAYS);
	const top = TOP.fill(0);
	const day = Math.floor(t / DAY_MS);
	const base = z >= 0 ? 0 : RECURRENCE_DAYS;
	let days = 0;
	for (let d = 0; d < RECURRENCE_DAYS; d++) {
		const id = peaks.days[d]!;
		if (id >= day || id <= day - RECURRENCE_DAYS) continue;
		days++;
		insert(top, n, peaks.excess[base + d]!);
	}
	return days < n ? 0 : top[n - 1]!;
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

/** What `discount` reads of the detector's parameters. */
export type DiscountParams = {readonly recurrenceSpanHours: number; readonly routineDays: number; readonly dailyJobDays: number};

/** The previous bucket's burst, kept until the next bucket says whether a flag was up for it. */
export type PendingNews = {newsT: number | null; newsZ: number};

/** discount's answer: [0] the |z| the flag rules judge, [1] the |z| a new flag rises on. One buffer, reused. */
const DISCOUNTED = new Float64Array(2);

/**
 * A judged bucket's |z| less what recurs: at its hour on two of the last days (waived under `relief`:
 * the hours around it are unusual the same way, area.ts), and, for a new flag, the routine bursts of the
 * previous days. Records the bucket's peak, files the previous bucket's burst as routine evidence (the
 * detector clears `pending` when a flag was up for it) and keeps this one's. The answer is a shared
 * buffer (no allocation per update): read it before the next call. Needs recurrenceSpanHours >= 0.
 */
export function discount(peaks: Peaks, pending: PendingNews, t: number, z: number, relief: boolean, p: DiscountParams): Float64Array {
	const a = Math.abs(z);
	if (pending.newsT !== null) recordExcess(peaks, pending.newsT, pending.newsZ, Math.abs(pending.newsZ));
	pending.newsT = null;
	const routineOn = p.routineDays > 0;
	const job = Math.min(Math.max(1, Math.round(p.dailyJobDays)), RECURRENCE_DAYS);
	const hourly = hourlyPeaks(peaks, t, z, p.recurrenceSpanHours, routineOn ? Math.max(2, job) : 2);
	const recurring = relief ? 0 : hourly[1]!;
	// This bucket's burst: its excess over what recurs at its hour on most days (a daily job).
	const news = routineOn ? a - hourly[job - 1]! : 0;
	const routine = routineOn ? routineExcess(peaks, t, z, p.routineDays) : 0;
	DISCOUNTED[0] = Math.max(0, a - recurring);
	DISCOUNTED[1] = routine > recurring ? Math.max(0, a - routine) : DISCOUNTED[0];
	recordPeak(peaks, t, z);
	if (news > 0) {
		pending.newsT = t;
		pending.newsZ = z >= 0 ? news : -news;
	}
	return DISCOUNTED;
}
