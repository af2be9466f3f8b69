/**
 * Pure: one `tail` text row per event, in aligned columns: time (UTC; with the date when not today), a
 * late mark, event, identity, resource, source IP, error. Every field is untrusted CloudTrail text: each
 * is sanitised, then cut to its column by display width (wide characters count double).
 */
import {sanitize} from '../text/sanitize.js';
import {identityLabel} from '../trail/identity.js';
import type {TrailEvent} from '../types.js';
import {formatClock} from '../ui/format.js';
import {cut, padCell, UNICODE, type Glyphs} from '../ui/glyphs.js';

const DAY_MS = 86_400_000;

/** Column widths in terminal cells (the last column, the error, is not padded). */
export const TAIL_COLUMNS = {event: 28, identity: 26, resource: 30, sourceIp: 15} as const;

/** "14:03:07" today (UTC), "11-23 14:03:07" on another day. */
export function tailTime(eventTime: number, now: number): string {
	if (!Number.isFinite(eventTime) || eventTime <= 0 || eventTime > 8.64e15) return '?';
	const clock = formatClock(eventTime);
	if (Math.floor(eventTime / DAY_MS) === Math.floor(now / DAY_MS)) return clock;
	const date = new Date(eventTime).toISOString();
	return `${date.slice(5, 10)} ${clock}`;
}

/** Width of the time column: with room for the date when the stream starts before today (UTC). */
export function timeWidth(since: number, now: number): number {
	return Math.floor(since / DAY_MS) < Math.floor(now / DAY_MS) ? 14 : 8;
}

function resourceText(event: TrailEvent): string {
	const first = event.resources[0];
	if (!first) return '';
	const name = first.name ?? first.type ?? '';
	return event.resources.length > 1 ? `${name} +${event.resources.length - 1}` : name;
}

/** A cell: sanitised, cut to `width` with the set's ellipsis, padded to exactly `width` columns. */
const cell = (text: string, width: number, g: Glyphs): string => padCell(sanitize(text), width, 'left', g);

/** The header row over the columns. */
export function tailHeader(width: number, g: Glyphs = UNICODE): string {
	return [
		padCell('TIME UTC', width, 'right', g),
		' ',
		padCell('EVENT', TAIL_COLUMNS.event, 'left', g),
		padCell('IDENTITY', TAIL_COLUMNS.identity, 'left', g),
		padCell('RESOURCE', TAIL_COLUMNS.resource, 'left', g),
		padCell('SOURCE IP', TAIL_COLUMNS.sourceIp, 'left', g),
		'ERROR',
	]
		.join(' ')
		.trimEnd();
}

/** One event as an aligned row; `width` is the time column's (timeWidth). */
export function tailRow(event: TrailEvent, now: number, width: number, g: Glyphs = UNICODE): string {
	const time = tailTime(event.eventTime, now);
	const error = event.errorCode ? `${g.cross} ${cut(sanitize(event.errorCode), 40, g)}` : '';
	return [
		padCell(time, width, 'right', g),
		event.late ? g.late : ' ',
		cell(event.eventName, TAIL_COLUMNS.event, g),
		cell(identityLabel(event), TAIL_COLUMNS.identity, g),
		cell(resourceText(event), TAIL_COLUMNS.resource, g),
		cell(event.sourceIp ?? '', TAIL_COLUMNS.sourceIp, g),
		error,
	]
		.join(' ')
		.trimEnd();
}
