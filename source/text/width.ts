/**
 * Width-aware text fitting: CJK and emoji take two columns, combining marks none. Callers sanitize first;
 * these functions measure, they do not clean.
 */
import stringWidth, {NARROW} from './fast-string-width.js';

const ELLIPSIS = '…';

// Created on first use: the process's first Intl.Segmenter costs ~10 ms of ICU set-up.
let segmenter: Intl.Segmenter | undefined;

/** Columns the text occupies in a terminal. */
export function textWidth(text: string): number {
	return stringWidth(text);
}

/** Cut text to at most `width` columns, ending with '…' when something was cut. Never splits a grapheme. */
export function truncate(text: string, width: number): string {
	if (width <= 0) return '';
	if (textWidth(text) <= width) return text;
	// One column and one grapheme per UTF-16 code unit.
	if (NARROW.test(text)) return text.slice(0, width - 1) + ELLIPSIS;
	let out = '';
	let used = 0;
	segmenter ??= new Intl.Segmenter();
	for (const {segment} of segmenter.segment(text)) {
		const w = stringWidth(segment);
		if (used + w > width - 1) break;
		out += segment;
		used += w;
	}
	return out + ELLIPSIS;
}

/** Exactly `width` columns: truncated if longer, padded with spaces if shorter. */
export function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	const cut = truncate(text, width);
	const fill = ' '.repeat(Math.max(0, width - textWidth(cut)));
	return align === 'left' ? cut + fill : fill + cut;
}
