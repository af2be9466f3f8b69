/**
 * Every non-ASCII glyph the UI draws itself, in one table: a Unicode set and an ASCII set with the same
 * names. `--ascii`, or a locale that is not UTF-8 (display.ts), picks the ASCII one; App passes it down
 * through the display context, pure functions take it as their last argument (Unicode by default).
 * Text that comes from CloudTrail is never translated: it is sanitized elsewhere and is not ours.
 *
 * ASCII stand-ins keep the width of the Unicode glyph wherever layout depends on it (sparkline, gauge,
 * marks, flags, ellipsis); key names and words (Enter, filter) may be longer, and the lines that show
 * them are measured after the choice.
 */
import {textWidth, truncate} from '../text/width.js';
import {truncateStart, wrapText} from '../text/wrap.js';

export type Glyphs = {
	readonly ascii: boolean;
	/** Sparkline levels, lowest to highest (the lowest is never blank: zero traffic still draws). */
	readonly spark: readonly [string, string, string, string, string, string, string, string];
	/** A sparkline slot below its band (ASCII in both sets). */
	readonly sparkBelow: string;
	readonly gauge: {readonly band: string; readonly scale: string; readonly marker: string; readonly below: string; readonly above: string; readonly edge: string};
	/** Flag directions: ▲ WARN, ▼ CRIT. */
	readonly up: string;
	readonly down: string;
	/** A failed call or query. */
	readonly cross: string;
	/** Risky call, throttling, stale data. */
	readonly warn: string;
	/** All normal, export done. */
	readonly check: string;
	/** The selected event row. */
	readonly select: string;
	/** An event Event History delivered late. */
	readonly late: string;
	/** Between parts of a line. */
	readonly sep: string;
	/** The FLAG cell of a metric that is within its band. */
	readonly normal: string;
	/** A missing value. */
	readonly missing: string;
	/** Between the low and high of a range ("1 020–1 290", "lines 1–20"). */
	readonly range: string;
	/** Before the counts of a filtered list (" — 3 of 10"). */
	readonly dash: string;
	/** Ends (or starts) text that was cut. */
	readonly ellipsis: string;
	/** The metrics table's change column. */
	readonly delta: string;
	readonly live: string;
	readonly paused: string;
	/** The active event filter in the header. */
	readonly filter: string;
	/** "N new" events above the scrolled list. */
	readonly newAbove: string;
	/** A horizontal rule. */
	readonly rule: string;
	/** Before an estimate ("≈ $0.58/day"). */
	readonly approx: string;
	/** A CloudWatch alarm in ALARM (beside a metric's flag, in the alarm line and list). */
	readonly alarm: string;
	/** A CloudWatch alarm with insufficient data. */
	readonly alarmUnknown: string;
	/** A sparkline slot in which a control-plane change that can explain the metric happened. */
	readonly tick: string;
	/** Key names in the footer and help. */
	readonly keys: {readonly up: string; readonly down: string; readonly left: string; readonly right: string; readonly enter: string; readonly backspace: string};
};


export const UNICODE: Glyphs = {
	ascii: false,
	spark: ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'],
	sparkBelow: '_',
	gauge: {band: '━', scale: '─', marker: '●', below: '«', above: '»', edge: ' '},
	up: '▲',
	down: '▼',
	cross: '✗',
	warn: '⚠',
	check: '✓',
	select: '▸',
	late: '↶',
	sep: '·',
	normal: '·',
	missing: '—',
	range: '–',
	dash: '—',
	ellipsis: '…',
	delta: 'Δ',
	live: '●',
	paused: '‖',
	filter: '⧩',
	newAbove: '↑',
	rule: '─',
	approx: '≈',
	alarm: '◆',
	alarmUnknown: '◇',
	tick: '│',
	keys: {up: '↑', down: '↓', left: '←', right: '→', enter: '⏎', backspace: '⌫'},
};

// Sparkline levels avoid '_' (below the band), ' ' (no data) and '|' (a change happened in that minute). Counts are not grouped: a space would
// read as two numbers in "AuthError 1 234, Throttle 40", and a comma is a decimal mark in half the world.
export const ASCII: Glyphs = {
	ascii: true,
	spark: ['.', ',', ':', '-', '=', '+', '*', '#'],
	sparkBelow: '_',
	gauge: {band: '=', scale: '-', marker: 'o', below: '<', above: '>', edge: ' '},
	up: '^',
	down: 'v',
	cross: 'x',
	warn: '!',
	check: '+',
	select: '>',
	late: '<',
	sep: '|',
	normal: '.',
	missing: '-',
	range: '-',
	dash: '-',
	ellipsis: '~',
	delta: '+/-',
	live: '*',
	paused: '||',
	filter: 'filter',
	newAbove: '^',
	rule: '-',
	approx: '~',
	alarm: '@',
	alarmUnknown: '?',
	tick: '|',
	keys: {up: 'Up', down: 'Down', left: 'Left', right: 'Right', enter: 'Enter', backspace: 'Bksp'},
};

export const glyphsFor = (ascii: boolean): Glyphs => (ascii ? ASCII : UNICODE);

// Our own fixed strings (key labels, the legend) written with Unicode glyphs, translated once per set.
const KEY_NAMES: ReadonlyArray<readonly [string, keyof Glyphs['keys']]> = [
	['↑', 'up'],
	['↓', 'down'],
	['←', 'left'],
	['→', 'right'],
	['⏎', 'enter'],
	['⌫', 'backspace'],
];

/** A key label of the keymap ('k/↑', '⏎') in the glyph set's key names ('k/Up', 'Enter'). */
export function keyLabel(label: string, g: Glyphs): string {
	if (!g.ascii) return label;
	return KEY_NAMES.reduce((text, [glyph, name]) => text.replaceAll(glyph, g.keys[name]), label);
}

const ELLIPSIS = UNICODE.ellipsis;

// truncate/truncateStart/wrapText (source/text) mark a cut with '…'. Only a string they actually cut
// has it added, so swapping that one character never touches the text's own characters.

/** truncate() with the set's ellipsis. */
export function cut(text: string, width: number, g: Glyphs = UNICODE): string {
	const out = truncate(text, width);
	return g.ascii && out !== text && out.endsWith(ELLIPSIS) ? out.slice(0, -1) + g.ellipsis : out;
}

/** truncateStart() with the set's ellipsis. */
export function cutStart(text: string, width: number, g: Glyphs = UNICODE): string {
	const out = truncateStart(text, width);
	return g.ascii && out !== text && out.startsWith(ELLIPSIS) ? g.ellipsis + out.slice(1) : out;
}

/** pad() with the set's ellipsis: exactly `width` columns. */
export function padCell(text: string, width: number, align: 'left' | 'right' = 'left', g: Glyphs = UNICODE): string {
	const shown = cut(text, width, g);
	const fill = ' '.repeat(Math.max(0, width - textWidth(shown)));
	return align === 'left' ? shown + fill : fill + shown;
}

/** wrapText() with the set's ellipsis on a last line that was cut short. */
export function wrap(text: string, width: number, maxLines: number, g: Glyphs = UNICODE): string[] {
	const lines = wrapText(text, width, maxLines);
	if (!g.ascii || lines.length < maxLines || wrapText(text, width, maxLines + 1).length <= maxLines) return lines;
	const last = lines.length - 1;
	const tail = lines[last] ?? '';
	if (tail.endsWith(ELLIPSIS)) lines[last] = tail.slice(0, -1) + g.ellipsis;
	return lines;
}
