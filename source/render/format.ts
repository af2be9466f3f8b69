/**
 * Pure formatting for the screen: counts, clock times (always UTC) and ages. Every function that needs
 * the current time takes `now` as an argument.
 */
import {textWidth} from '../text/width.js';
import type {EventsUnread} from '../types.js';
import {UNICODE, type Glyphs} from './glyphs.js';

/** Shown where a value is missing (no data, never refreshed); the glyph set's `missing`. */
export const MISSING = UNICODE.missing;

/**
 * A count in plain ASCII digits, no grouping: 18204 -> "18204", so it copies and pastes as one number
 * (a thin-space group separator broke both); fractions below 100 keep one decimal. Wide numbers go
 * compact instead (fitCount), the same way in every column.
 */
export function formatCount(value: number, g: Glyphs = UNICODE): string {
	if (!Number.isFinite(value)) return g.missing;
	return Math.abs(value) < 100 && !Number.isInteger(value) ? value.toFixed(1) : String(Math.round(value));
}

const UNITS = [
	{size: 1e12, suffix: 'T'},
	{size: 1e9, suffix: 'G'},
	{size: 1e6, suffix: 'M'},
	{size: 1e3, suffix: 'k'},
] as const;

/** A short count: 18204 -> "18.2k", 182040 -> "182k", 1250000 -> "1.3M"; below 1000 as formatCount. */
export function formatCompact(value: number, g: Glyphs = UNICODE): string {
	if (!Number.isFinite(value)) return g.missing;
	const abs = Math.abs(value);
	for (const {size, suffix} of UNITS) {
		if (abs >= size) {
			const scaled = value / size;
			const text = Math.abs(scaled) >= 100 ? String(Math.round(scaled)) : scaled.toFixed(1).replace(/\.0$/, '');
			return text + suffix;
		}
	}
	return formatCount(value, g);
}

/** The grouped form when it fits in `width` columns, else the compact one. */
export function fitCount(value: number, width: number, g: Glyphs = UNICODE): string {
	const full = formatCount(value, g);
	return textWidth(full) <= width ? full : formatCompact(value, g);
}

const two = (value: number): string => String(value).padStart(2, '0');

/** HH:MM:SS in UTC. */
export function formatClock(epochMs: number): string {
	const date = new Date(epochMs);
	return `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
}

/** HH:MM in UTC. */
export function formatClockShort(epochMs: number): string {
	const date = new Date(epochMs);
	return `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}`;
}

/** Ages under a minute step by this much: "now", "10s ago", ... "50s ago" (the screen redraws at each step). */
export const AGE_STEP_MS = 10_000;

/** How long ago, coarsest unit only: "now" (under 10 s), "20s ago", "3m ago", "5h ago", "2d ago". Future times read "now". */
export function formatAge(epochMs: number, now: number): string {
	const seconds = Math.floor((now - epochMs) / 1000);
	const step = AGE_STEP_MS / 1000;
	if (seconds < step) return 'now';
	if (seconds < 60) return `${seconds - (seconds % step)}s ago`;
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) return `${minutes}m ago`;
	const hours = Math.floor(minutes / 60);
	if (hours < 48) return `${hours}h ago`;
	return `${Math.floor(hours / 24)}d ago`;
}

/**
 * Why older events are missing from an event list, in words: "reading older events…", "older not read:
 * 10000 cap" (the buffer was full: older ones would only have been dropped), "older not read: page limit".
 */
export function unreadText(unread: EventsUnread, g: Glyphs = UNICODE): string {
	switch (unread.reason) {
		case 'reading':
			return `reading older events${g.ellipsis}`;
		case 'cap':
			return `older not read: ${formatCount(unread.max, g)} cap`;
		case 'page-limit':
			return 'older not read: page limit';
	}
}
