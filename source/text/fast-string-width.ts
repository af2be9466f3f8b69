/**
 * string-width with a fast path and a memo. Ink measures every line of every frame; the real string-width
 * sends each non-ASCII character through Intl.Segmenter and several Unicode-property regexes, which made
 * the sparkline rows the most expensive part of a frame. Characters in NARROW below are one column each
 * (a test checks every one of them against the real implementation); anything else goes to the real one.
 * The bundle aliases 'string-width' to this module so Ink, cli-truncate and wrap-ansi use it too.
 */
import realStringWidth from '../../node_modules/string-width/index.js';

type Options = Parameters<typeof realStringWidth>[1];

/**
 * Printable ASCII, Latin-1 without the soft hyphen, Latin Extended-A/B and IPA, the Greek and Cyrillic
 * letters (no combining marks), the typographic spaces (U+2000-U+200A: the thin space groups digits),
 * general punctuation (no zero-width or bidi controls), arrows, mathematical operators, technical symbols
 * such as ⌫ and ⏎ (without the wide and emoji-presentation ones), the control pictures sanitize() shows,
 * box drawing, block elements and geometric shapes (without the two emoji-presentation squares), the UI's
 * ⚠ and ✓✔✕✖✗✘ marks and U+FFFD. The first string that needs the real string-width costs tens of
 * milliseconds (its emoji regexes are built then).
 */
export const NARROW =
	/^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u02AF\u0391-\u03A1\u03A3-\u03A9\u03B1-\u03C9\u0400-\u0482\u048A-\u04FF\u2000-\u200A\u2010-\u2027\u2030-\u205E\u2190-\u2319\u231C-\u2328\u232B-\u23E8\u2400-\u2429\u2500-\u25FC\u25FF\u26A0\u2713-\u2718\uFFFD]*$/;

/** Colour/style sequences (SGR), which is what Ink's styled lines carry; they take no columns. */
const SGR = /\u001B\[[0-9;]*m/g;

const MEMO_LIMIT = 4096;
const memo = new Map<string, number>();

export default function stringWidth(text: string, options?: Options): number {
	if (options !== undefined || typeof text !== 'string') return realStringWidth(text, options);
	if (NARROW.test(text)) return text.length;
	if (text.includes('\u001B')) {
		const plain = text.replace(SGR, '');
		if (NARROW.test(plain)) return plain.length;
	}
	let width = memo.get(text);
	if (width === undefined) {
		width = realStringWidth(text);
		if (memo.size >= MEMO_LIMIT) memo.clear();
		memo.set(text, width);
	}
	return width;
}
