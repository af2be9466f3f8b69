/**
 * Styled pieces of one screen line. Built by pure functions, fitted to a width here, drawn by <Line>.
 */
import {textWidth} from '../text/width.js';
import {cut, UNICODE, type Glyphs} from './glyphs.js';

/**
 * The palette: four of the eight basic ANSI colours, for meaning only, each always beside a glyph or
 * a word that says the same thing (so NO_COLOR loses nothing):
 *   red = CRIT, failed; yellow = WARN, throttled, stale, paused; green = live, all normal;
 *   cyan = learning, filter, normal sparkline.
 * Everything else is the terminal's own foreground, bold for emphasis, dim for the secondary. No white,
 * black or gray text and no backgrounds: those assume a dark or a light background, while every theme
 * (light, dark, Solarized, tmux-256color, screen) tunes its eight basic colours to be read on its own
 * background; inverse (the selected row, the DEMO badge) swaps the user's own colours, so it works on all.
 */
export type SegmentColor = 'red' | 'yellow' | 'green' | 'cyan';

/** A run of text with one style. Text must already be sanitized. */
export type Segment = {
	readonly text: string;
	readonly color?: SegmentColor;
	readonly bold?: boolean;
	readonly dim?: boolean;
	readonly inverse?: boolean;
};

/** Columns the segments take together. */
export function segmentsWidth(segments: readonly Segment[]): number {
	return segments.reduce((sum, segment) => sum + textWidth(segment.text), 0);
}

/** The segments cut to at most `width` columns; the segment that overflows ends with the set's ellipsis. */
export function fitSegments(segments: readonly Segment[], width: number, g: Glyphs = UNICODE): Segment[] {
	const out: Segment[] = [];
	let left = width;
	for (const segment of segments) {
		if (left <= 0) break;
		const w = textWidth(segment.text);
		if (w <= left) {
			out.push(segment);
			left -= w;
			continue;
		}
		out.push({...segment, text: cut(segment.text, left, g)});
		break;
	}
	return out;
}
