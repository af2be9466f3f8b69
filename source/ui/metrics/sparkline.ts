/**
 * Pure sparklines: a window of values becomes a fixed-width string of block glyphs scaled to the
 * window's own min..max, with a gap glyph where a value is missing.
 */
import type {BandPoint, MetricPoint} from '../../types.js';
import {UNICODE, type Glyphs} from '../../render/glyphs.js';

/** Lowest to highest (the Unicode set's; glyphs.ts has the ASCII ones). */
export const SPARK_GLYPHS = UNICODE.spark;

/** Drawn for a missing point (before a metric's first datapoint, or a hole in the series). */
export const GAP_GLYPH = ' ';

/**
 * Resample to exactly `width` slots. Shrinking averages each slot's present values (a slot with none
 * stays missing); stretching repeats the nearest value.
 */
export function resample(values: ReadonlyArray<number | null>, width: number): Array<number | null> {
	const count = values.length;
	if (width <= 0) return [];
	if (count === 0) return Array.from({length: width}, () => null);
	const out: Array<number | null> = [];
	for (let slot = 0; slot < width; slot++) {
		const start = Math.floor((slot * count) / width);
		const end = Math.max(start + 1, Math.floor(((slot + 1) * count) / width));
		let sum = 0;
		let present = 0;
		for (let index = start; index < end; index++) {
			const value = values[index];
			if (value === null || value === undefined || !Number.isFinite(value)) continue;
			sum += value;
			present++;
		}
		out.push(present === 0 ? null : sum / present);
	}
	return out;
}

/**
 * `values` (oldest first) as exactly `width` glyphs. A flat window draws the lowest glyph when it is
 * all zero and a middle one otherwise, so "steady traffic" does not look like "nothing".
 */
export function sparkline(values: ReadonlyArray<number | null>, width: number, g: Glyphs = UNICODE): string {
	const slots = resample(values, width);
	const present = slots.filter((value): value is number => value !== null);
	if (present.length === 0) return GAP_GLYPH.repeat(Math.max(0, width));
	const min = Math.min(...present);
	const max = Math.max(...present);
	const levels = g.spark;
	const top = levels.length - 1;
	return slots
		.map(value => {
			if (value === null) return GAP_GLYPH;
			if (max === min) return max === 0 ? levels[0] : levels[Math.floor(top / 2)];
			const level = Math.round(((value - min) / (max - min)) * top);
			return levels[Math.min(top, Math.max(0, level))];
		})
		.join('');
}

/**
 * Items on a fixed time grid of `slots` buckets ending at `end` (the newest bucket start), so a
 * series that started ten minutes ago draws ten minutes wide instead of stretching over the window.
 */
function toSlots<T extends {readonly t: number}>(
	items: readonly T[],
	value: (item: T) => number,
	periodMs: number,
	end: number,
	slots: number,
): Array<number | null> {
	const out: Array<number | null> = Array.from({length: slots}, () => null);
	if (periodMs <= 0) return out;
	for (const item of items) {
		const index = slots - 1 - Math.round((end - item.t) / periodMs);
		if (index >= 0 && index < slots) out[index] = value(item);
	}
	return out;
}

/** Metric points on the time grid (see {@link toSlots}). */
export function pointsToSlots(
	points: readonly MetricPoint[],
	periodMs: number,
	end: number,
	slots: number,
): Array<number | null> {
	return toSlots(points, point => point.v, periodMs, end, slots);
}

/** Band lows and highs on the same time grid as {@link pointsToSlots}. */
export function bandToSlots(
	band: readonly BandPoint[],
	periodMs: number,
	end: number,
	slots: number,
): {low: Array<number | null>; high: Array<number | null>} {
	return {
		low: toSlots(band, point => point.low, periodMs, end, slots),
		high: toSlots(band, point => point.high, periodMs, end, slots),
	};
}

/** Where a drawn slot is against its band: null when it has no value or no band. */
export type BandSide = 'in' | 'below' | 'above' | null;

/** Drawn instead of a block for a slot below its band, so a drop reads without colour. */
export const BELOW_GLYPH = UNICODE.sparkBelow;

/** A run of sparkline glyphs on the same side of the band. */
export type SparkRun = {readonly text: string; readonly side: BandSide};

/**
 * The sparkline of `values` with its band marked: runs of glyphs by side of the band (slots resampled
 * like the values), and slots below the band drawn as {@link BELOW_GLYPH}. Exactly `width` glyphs.
 */
export function bandedSparkline(
	values: ReadonlyArray<number | null>,
	band: {readonly low: ReadonlyArray<number | null>; readonly high: ReadonlyArray<number | null>},
	width: number,
	g: Glyphs = UNICODE,
): SparkRun[] {
	const glyphs = [...sparkline(values, width, g)];
	const slots = resample(values, width);
	const lows = resample(band.low, width);
	const highs = resample(band.high, width);
	const runs: Array<{text: string; side: BandSide}> = [];
	glyphs.forEach((glyph, index) => {
		const value = slots[index] ?? null;
		const low = lows[index] ?? null;
		const high = highs[index] ?? null;
		let side: BandSide = null;
		if (value !== null && low !== null && high !== null) side = value < low ? 'below' : value > high ? 'above' : 'in';
		const text = side === 'below' ? g.sparkBelow : glyph;
		const last = runs.at(-1);
		if (last && last.side === side) last.text += text;
		else runs.push({text, side});
	});
	return runs;
}

/**
 * Which of `width` cells get a tick: a cell weighs what its heaviest slot weighs (the slot-to-cell
 * mapping of {@link resample}: a cell that averages four minutes counts all four), and at most `max`
 * cells with a weight are marked, the heaviest first, then the newest (rightmost).
 */
export function tickCells(weights: readonly number[], width: number, max: number): boolean[] {
	const count = weights.length;
	if (width <= 0) return [];
	const cells: number[] = [];
	for (let cell = 0; cell < width; cell++) {
		const start = Math.floor((cell * count) / width);
		const end = Math.max(start + 1, Math.floor(((cell + 1) * count) / width));
		let weight = 0;
		for (let index = start; index < end && index < count; index++) weight = Math.max(weight, weights[index] ?? 0);
		cells.push(weight);
	}
	const chosen = new Set(
		cells
			.map((weight, cell) => ({weight, cell}))
			.filter(({weight}) => weight > 0)
			.sort((a, b) => b.weight - a.weight || b.cell - a.cell)
			.slice(0, Math.max(0, max))
			.map(({cell}) => cell),
	);
	return cells.map((_, cell) => chosen.has(cell));
}
