/**
 * Pure: one `tail` text row per event, in aligned columns: time (UTC; with the date when not today), a
 * late mark, event, identity, resource, source IP, error. Every field is untrusted CloudTrail text: each
 * is sanitised, then cut to its column by display width (wide characters count double).
 */
import {sanitize} from '../text/sanitize.js';
import {identityLabel} from '../trail/identity.js';
import type {TrailEvent} from '../types.js';
import {formatClock} from '../render/format.js';
import {cut, padCell, UNICODE, type Glyphs} from '../render/glyphs.js';

const DAY_MS = 86_400_000;

/** Column widths in terminal cells; the last column, the error, is not padded. resource 0: left out. */
export type TailLayout = {
	readonly time: number;
	readonly event: number;
	readonly identity: number;
	readonly resource: number;
	readonly sourceIp: number;
};

/** Width assumed when the output is not a terminal (a file, a pipe). */
export const PIPE_COLUMNS = 132;
const SOURCE_IP = 17;
/** Room kept for the error ("✗ AccessDenied"). */
const ERROR_ROOM = 14;

/**
 * Widths for a terminal `columns` wide: the event name first (16-28), then the identity (10-26), then
 * the resource (10-30, left out below 10). At 80 columns: event 22, identity 12, no resource.
 */
export function tailLayout(columns: number, time: number): TailLayout {
	const separators = 6;
	const room = Math.max(0, columns - time - 1 - SOURCE_IP - separators - ERROR_ROOM);
	const event = Math.min(28, Math.max(16, room - 12));
	const identity = Math.min(26, Math.max(10, room - event));
	const rest = room - event - identity - 1;
	const resource = rest >= 10 ? Math.min(30, rest) : 0;
	return {time, event, identity, resource, sourceIp: SOURCE_IP};
}

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

/** The first resource's name (or type), cut so that "+N" for the others always shows. */
function resourceText(event: TrailEvent, width: number, g: Glyphs): string {
	const first = event.resources[0];
	if (!first) return '';
	const name = sanitize(first.name ?? first.type ?? '');
	if (event.resources.length === 1) return name;
	const more = ` +${event.resources.length - 1}`;
	return cut(name, Math.max(1, width - more.length), g) + more;
}

/** A cell: sanitised, cut to `width` with the set's ellipsis, padded to exactly `width` columns. */
const cell = (text: string, width: number, g: Glyphs): string => padCell(sanitize(text), width, 'left', g);

/** The header row over the columns. */
export function tailHeader(layout: TailLayout, g: Glyphs = UNICODE): string {
	return [
		padCell('TIME UTC', layout.time, 'right', g),
		' ',
		padCell('EVENT', layout.event, 'left', g),
		padCell('IDENTITY', layout.identity, 'left', g),
		...(layout.resource > 0 ? [padCell('RESOURCE', layout.resource, 'left', g)] : []),
		padCell('SOURCE IP', layout.sourceIp, 'left', g),
		'ERROR',
	]
		.join(' ')
		.trimEnd();
}

/** One event as an aligned row (columns as `layout`). */
export function tailRow(event: TrailEvent, now: number, layout: TailLayout, g: Glyphs = UNICODE): string {
	const time = tailTime(event.eventTime, now);
	const error = event.errorCode ? `${g.cross} ${cut(sanitize(event.errorCode), 40, g)}` : '';
	return [
		// Never cut: a dated time in a clock-wide column (past midnight) shifts its row rather than lose the date.
		time.padStart(layout.time),
		event.late ? g.late : ' ',
		cell(event.eventName, layout.event, g),
		cell(identityLabel(event), layout.identity, g),
		...(layout.resource > 0 ? [cell(resourceText(event, layout.resource, g), layout.resource, g)] : []),
		cell(event.sourceIp ?? '', layout.sourceIp, g),
		error,
	]
		.join(' ')
		.trimEnd();
}
