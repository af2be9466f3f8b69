/**
 * Styled pieces of one screen line. Built by pure functions, fitted to a width here, drawn by <Line>.
 */
import {textWidth, truncate} from '../text/width.js';

/** A run of text with one style. Text must already be sanitized. */
export type Segment = {
	readonly text: string;
	readonly color?: 'red' | 'yellow' | 'green' | 'cyan' | 'gray';
	readonly bold?: boolean;
	readonly dim?: boolean;
	readonly inverse?: boolean;
};

/** Columns the segments take together. */
export function segmentsWidth(segments: readonly Segment[]): number {
	return segments.reduce((sum, segment) => sum + textWidth(segment.text), 0);
}

/** The segments cut to at most `width` columns; the segment that overflows ends with '…'. */
export function fitSegments(segments: readonly Segment[], width: number): Segment[] {
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
		out.push({...segment, text: truncate(segment.text, left)});
		break;
	}
	return out;
}
