/**
 * Pure gauge: where the newest value sits against its normal band, in a few cells.
 *
 *   " ──━●━── "  inside the band      " ●─━━━── "  below it, still on the scale
 *   "«──━━━── "  far below (clamped)  " ──━━━──»"  far above (clamped)
 *
 * The inner cells span the band plus its own width on each side, so the band is the middle third;
 * the two end cells stay blank unless the value is beyond the scale, where « or » replaces the marker.
 */
import type {Baseline} from '../../types.js';
import {UNICODE, type Glyphs} from '../../render/glyphs.js';

/** The Unicode set's gauge glyphs (ASCII: " --=o=-- ", < and >). */
export const GAUGE_GLYPHS = UNICODE.gauge;

/** Cells the gauge takes in the metrics table. */
export const GAUGE_WIDTH = 9;

/** `value` against `baseline`'s low..high as exactly `width` cells (blank below 3 cells or for NaN). */
export function gauge(value: number, baseline: Baseline, width: number = GAUGE_WIDTH, g: Glyphs = UNICODE): string {
	const glyphs = g.gauge;
	if (width < 3 || !Number.isFinite(value)) return ' '.repeat(Math.max(0, width));
	const low = Math.min(baseline.low, baseline.high);
	const high = Math.max(baseline.low, baseline.high);
	// A zero-width band (flat history, or nothing expected) still needs a scale around it.
	const pad = high > low ? high - low : Math.max(Math.abs(baseline.expected) / 2, Math.abs(high) / 2, 1);
	const min = low - pad;
	const max = high + pad;
	const inner = width - 2;
	const cell = (x: number): number => Math.min(inner - 1, Math.max(0, Math.floor(((x - min) / (max - min)) * inner)));
	const cells: string[] = Array.from({length: inner}, () => glyphs.scale);
	for (let index = cell(low); index <= cell(high); index++) cells[index] = glyphs.band;
	let left: string = glyphs.edge;
	let right: string = glyphs.edge;
	if (value < min) left = glyphs.below;
	else if (value > max) right = glyphs.above;
	else cells[cell(value)] = glyphs.marker;
	return left + cells.join('') + right;
}
