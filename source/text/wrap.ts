/**
 * Word wrapping to a column width, for our own sentences in the detail view (never for raw records,
 * which are cut per line so a record's layout stays as it is). Callers sanitize first.
 */
import {textWidth} from './width.js';

let segmenter: Intl.Segmenter | undefined;

/** Hard-breaks one word that is wider than `width` into pieces of at most `width` columns. */
function breakWord(word: string, width: number): string[] {
	const out: string[] = [];
	let piece = '';
	let used = 0;
	segmenter ??= new Intl.Segmenter();
	for (const {segment} of segmenter.segment(word)) {
		const w = textWidth(segment);
		if (used + w > width && piece !== '') {
			out.push(piece);
			piece = '';
			used = 0;
		}
		piece += segment;
		used += w;
	}
	if (piece !== '') out.push(piece);
	return out;
}

/**
 * `text` as lines of at most `width` columns, broken at spaces where possible; at most `maxLines`
 * lines, the last ending with '…' when text was left out. Always at least one line.
 */
export function wrapText(text: string, width: number, maxLines = Number.POSITIVE_INFINITY): string[] {
	if (width <= 0) return [''];
	const lines: string[] = [];
	let line = '';
	let used = 0;
	const words = text.split(' ').flatMap(word => (textWidth(word) > width ? breakWord(word, width) : [word]));
	for (const word of words) {
		const w = textWidth(word);
		const next = line === '' ? w : used + 1 + w;
		if (next > width && line !== '') {
			lines.push(line);
			line = word;
			used = w;
		} else {
			line = line === '' ? word : `${line} ${word}`;
			used = next;
		}
	}
	lines.push(line);
	if (lines.length <= maxLines) return lines;
	const kept = lines.slice(0, Math.max(1, maxLines));
	const last = kept.length - 1;
	const tail = kept[last] ?? '';
	kept[last] = textWidth(tail) < width ? `${tail}…` : `${[...tail].slice(0, -1).join('')}…`;
	return kept;
}

/** Cut text from the start to at most `width` columns, starting with '…' when something was cut. */
export function truncateStart(text: string, width: number): string {
	if (width <= 0) return '';
	if (textWidth(text) <= width) return text;
	const chars = [...text];
	let out = '';
	let used = 0;
	for (let i = chars.length - 1; i >= 0; i--) {
		const char = chars[i] ?? '';
		const w = textWidth(char);
		if (used + w > width - 1) break;
		out = char + out;
		used += w;
	}
	return `…${out}`;
}
