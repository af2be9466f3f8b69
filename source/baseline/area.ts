/**
 * The area channel: deviations in *amount* rather than in height. The point channel (detector.ts with
 * recurrence.ts) judges each point and discounts a point no taller than what was seen at that hour on two
 * recent days. But a spike that is routine on an ordinary afternoon is not routine in an afternoon that
 * is unusual as a whole: a rush hour that lasts all day, an evening with twice the usual volume, a level
 * that has sat low for hours. The area channel says when the last few hours are such a period; the
 * detector then judges the point without the hourly discount (params.areaRelief).
 *
 * For each of the last AREA_DAYS days and each hour of the day this keeps the mean of the series (on the
 * detector's transformed scale) and how many points it holds. The area is the mean of the last `hours`
 * complete hours; the same clock hours on each previous day are weighed by today's point counts. It is
 * judged against the median of the previous days' areas, in units of its own running spread (the mean
 * absolute deviation from that median, one term an hour, each limited to SPREAD_CLIP times the spread so
 * an incident barely widens it), and only by its excess over the second-largest (or second-smallest) of
 * those days: an amount seen on two recent days at this time is routine (a daily 3-hour rush is not news,
 * a 9-hour one is). It needs MIN_DAYS previous days with data in the window, and after a new normal it is
 * muted for AREA_MUTE_MS (until two days at the new level are its routine).
 *
 * Cost: judged once an hour, (hours x AREA_DAYS) reads; every other update reads the hour's answer back.
 * No allocation. Memory: AREA_SIZE, 1,264 bytes.
 */
import {bump, Slab, type SlabSize} from './slab.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const DAY_HOURS = 24;
export const AREA_DAYS = 8;
const NO_DAY = -1e15;
/** Previous days with data in the window before the area is judged at all (the median of 3, the second of 3). */
const MIN_DAYS = 3;
/** One hour's term moves the running spread by at most this many times the current spread. */
const SPREAD_CLIP = 4;
const MAD_TO_SIGMA = 1.2533;
/** Weight of each hour's term in the running spread: a half-life of three days of hours. */
const SPREAD_RATE = 1 - Math.pow(0.5, HOUR_MS / (3 * DAY_MS));
/** After a new normal the channel is quiet until two days at the new level are its routine. */
export const AREA_MUTE_MS = 2 * DAY_MS;

/** Slots of `state`. */
const SPREAD = 0;
const SEEN = 1;
const MUTE_UNTIL = 2;
const LAST_T = 3;
/** The hour judged last (epoch hours) and its z. */
const HOUR = 4;
const Z = 5;
const STATE_SIZE = 6;

export type Area = {
	/** [day slot][hour]: mean of the transformed values in that hour. */
	readonly means: Float32Array;
	/** [day slot][hour]: points in that hour (saturating). */
	readonly counts: Uint16Array;
	/** Day number held by each day slot. */
	readonly days: Float64Array;
	/** The running spread, how many hours it has seen, the time the channel is muted until, the last
	 * point's time, and the hour judged last with its z. */
	readonly state: Float64Array;
};

/** What the area channel takes in a Slab. */
export const AREA_SIZE: SlabSize = {f64: AREA_DAYS + STATE_SIZE, f32: AREA_DAYS * DAY_HOURS, u16: AREA_DAYS * DAY_HOURS};

export function createArea(slab = new Slab(AREA_SIZE)): Area {
	return {
		means: slab.float32(AREA_DAYS * DAY_HOURS),
		days: slab.float64(AREA_DAYS).fill(NO_DAY),
		state: slab.float64(STATE_SIZE).fill(0),
		counts: slab.uint16(AREA_DAYS * DAY_HOURS),
	};
}

const PREVIOUS = new Float64Array(AREA_DAYS);

const slotOf = (day: number): number => ((day % AREA_DAYS) + AREA_DAYS) % AREA_DAYS;

/** Adds transformed value y at epoch-ms t to its day and hour. */
export function recordArea(area: Area, t: number, y: number): void {
	const day = Math.floor(t / DAY_MS);
	const d = slotOf(day);
	if (area.days[d] !== day) {
		if (day < area.days[d]!) return; // a clock stepping back into a forgotten day
		area.days[d] = day;
		area.means.fill(0, d * DAY_HOURS, (d + 1) * DAY_HOURS);
		area.counts.fill(0, d * DAY_HOURS, (d + 1) * DAY_HOURS);
	}
	area.state[LAST_T] = t;
	const i = d * DAY_HOURS + Math.floor((t - day * DAY_MS) / HOUR_MS);
	const n = bump(area.counts, i);
	area.means[i]! += (y - area.means[i]!) / n;
}

/** Index of (day, hour) in means/counts, hour possibly before midnight (< 0); -1 if that day is not held. */
function binOf(area: Area, day: number, hour: number): number {
	const back = hour < 0 ? 1 : 0;
	const d = slotOf(day - back);
	return area.days[d] === day - back ? d * DAY_HOURS + hour + back * DAY_HOURS : -1;
}

/**
 * The signed z of the last `hours` complete hours before t: its excess over what is routine at this time
 * (positive: more than usual), 0 when routine, muted or not judged. Judged at the first call in an hour
 * (which also learns the spread); later calls in the hour read it back. `floor`: the smallest spread of
 * one point (the detector's noise floor).
 */
export function areaZ(area: Area, t: number, hours: number, floor: number): number {
	const state = area.state;
	const index = Math.floor(t / HOUR_MS);
	if (state[HOUR] !== index) {
		state[HOUR] = index;
		state[Z] = judgeHours(area, index, hours, floor);
	}
	return t >= state[MUTE_UNTIL]! ? state[Z]! : 0;
}

/** The z of the complete hours before hour `index`; learns the spread. */
function judgeHours(area: Area, index: number, hours: number, floor: number): number {
	const state = area.state;
	const day = Math.floor(index / DAY_HOURS);
	const hour = index - day * DAY_HOURS;
	let sum = 0;
	let points = 0;
	for (let k = hour - hours; k < hour; k++) {
		const i = binOf(area, day, k);
		if (i < 0) continue;
		sum += area.counts[i]! * area.means[i]!;
		points += area.counts[i]!;
	}
	if (points === 0) return 0;
	const now = sum / points;
	let n = 0;
	for (let back = 1; back < AREA_DAYS; back++) {
		let s = 0;
		let w = 0;
		for (let k = hour - hours; k < hour; k++) {
			const today = binOf(area, day, k);
			const then = binOf(area, day - back, k);
			if (today < 0 || then < 0 || area.counts[then]! === 0) continue;
			s += area.counts[today]! * area.means[then]!;
			w += area.counts[today]!;
		}
		// A day counts if its window covers at least half of today's points.
		if (w * 2 >= points) PREVIOUS[n++] = s / w;
	}
	if (n < MIN_DAYS) return 0;
	sortSmall(PREVIOUS, n);
	const usual = n % 2 === 1 ? PREVIOUS[(n - 1) / 2]! : (PREVIOUS[n / 2 - 1]! + PREVIOUS[n / 2]!) / 2;
	const spread = Math.max(state[SPREAD]!, floor / Math.sqrt(points));
	const dev = now - usual;
	// Beyond the second-largest (or second-smallest) previous area, in robust units.
	const excess = dev >= 0 ? now - PREVIOUS[n - 2]! : now - PREVIOUS[1]!;
	const z = excess * dev > 0 && state[SEEN]! >= 1 ? excess / (MAD_TO_SIGMA * spread) : 0;
	// Learn the spread: a plain mean first, then a running one over a few days (one term an hour).
	const seen = (state[SEEN] = state[SEEN]! + 1);
	const rate = Math.max(1 / seen, SPREAD_RATE);
	const term = state[SPREAD]! > 0 ? Math.min(Math.abs(dev), SPREAD_CLIP * state[SPREAD]!) : Math.abs(dev);
	state[SPREAD] = state[SPREAD]! + rate * (term - state[SPREAD]!);
	return z;
}

/** A new normal was accepted at the last point recorded: the area channel is quiet for AREA_MUTE_MS. */
export function muteArea(area: Area): void {
	area.state[MUTE_UNTIL] = area.state[LAST_T]! + AREA_MUTE_MS;
}

/** Insertion sort of the first n values (n <= AREA_DAYS). */
function sortSmall(values: Float64Array, n: number): void {
	for (let i = 1; i < n; i++) {
		const v = values[i]!;
		let j = i - 1;
		while (j >= 0 && values[j]! > v) {
			values[j + 1] = values[j]!;
			j--;
		}
		values[j + 1] = v;
	}
}
