/**
 * Terminal-safe text. Everything inside a CloudTrail event is attacker-controlled (user agents, resource
 * names, request parameters), so no such string reaches the terminal before it passes through here.
 * Controls are made visible rather than silently dropped, so tampering shows instead of hiding.
 */

/** Longest input we look at; the screen never shows more, and huge fields must not cost a frame. */
const MAX_INPUT = 4096;

const REPLACEMENT = '\uFFFD';

// Bidi embeddings/overrides/isolates and marks: they can reorder what the user reads (Trojan Source).
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// Characters that are invisible or break lines in some terminals.
const INVISIBLE = /[\u00AD\u180E\u200B\u2060-\u2064\uFEFF]/g;
const LINE_BREAKS = /[\u2028\u2029\u0085]/g;

function controlPicture(char: string): string {
	const code = char.charCodeAt(0);
	if (code === 0x7f) return '\u2421'; // ␡
	if (code < 0x20) return String.fromCharCode(0x2400 + code); // ␀..␟, ESC becomes ␛
	return REPLACEMENT; // C1 controls (0x80-0x9F), including 8-bit CSI/OSC
}

/**
 * One line of untrusted text made safe to print: every C0/C1 control (ESC, BEL, CR, LF, ...) becomes a
 * visible control picture, so an escape sequence is shown as text and never interpreted; bidi overrides
 * and invisible characters are replaced; lone surrogates become U+FFFD. Tabs become a space.
 */
export function sanitize(text: unknown): string {
	if (text === null || text === undefined) return '';
	let value = typeof text === 'string' ? text : String(text);
	if (value.length > MAX_INPUT) value = value.slice(0, MAX_INPUT);
	return value
		.toWellFormed()
		.replace(/\t/g, ' ')
		.replace(LINE_BREAKS, '\u2424') // ␤
		.replace(/[\u0000-\u001F\u007F-\u009F]/g, controlPicture)
		.replace(BIDI, REPLACEMENT)
		.replace(INVISIBLE, '');
}

/** Like sanitize, but keeps '\n' line breaks (for the pretty JSON detail view). */
export function sanitizeMultiline(text: unknown): string {
	if (text === null || text === undefined) return '';
	const value = typeof text === 'string' ? text : String(text);
	return value.split('\n').map(line => sanitize(line)).join('\n');
}
