/** Untrusted text made safe for a Markdown hand-off: one line, no controls, no Markdown or HTML syntax; times and numbers as the hand-off writes them. */
import {formatClock} from '../render/format.js';
import {sanitize} from '../text/sanitize.js';

/** Untrusted text in a line or cell is cut to this many characters in the hand-off. */
export const MAX_CELL = 300;

/** 2026-11-24 14:05:09 UTC */
export function when(ms: number | null): string {
	if (ms === null || !Number.isFinite(ms)) return '—';
	return `${new Date(ms).toISOString().slice(0, 10)} ${formatClock(ms)} UTC`;
}

/** Untrusted text for a table cell or a line: no controls, no Markdown or HTML syntax, one line. */
export function cell(text: unknown): string {
	const clean = sanitize(text).replace(/[\\`*_[\]<>|~#]/g, match => `\\${match}`);
	return clean === '' ? '—' : clean;
}

export function number(value: number | null | undefined): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '—';
	return Math.abs(value) < 100 && !Number.isInteger(value) ? value.toFixed(1) : String(Math.round(value));
}

/** Untrusted text cut to `max` characters (an ellipsis marks the cut), then made safe for a line. */
export function short(text: unknown, max = MAX_CELL): string {
	const raw = typeof text === 'string' ? text : text === null || text === undefined ? '' : String(text);
	return cell(raw.length > max ? `${raw.slice(0, max - 1)}…` : raw);
}

/** A JSON code fence longer than any backtick run inside `body`, so nothing can break out of it. */
export function fence(body: string): string {
	const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map(match => match[0].length));
	const marks = '`'.repeat(Math.max(3, longest + 1));
	return `${marks}json\n${body}\n${marks}`;
}
