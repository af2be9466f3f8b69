/**
 * Pure: the event list's lines (title, column cells, one row per event), every string of an event
 * sanitized first. events/event-log.tsx draws them.
 */
import {classifyEvent} from '../../trail/highlight.js';
import {describeIdentity} from '../../trail/identity.js';
import {sanitize} from '../../text/sanitize.js';
import {textWidth} from '../../text/width.js';
import type {EventsUnread, TrailEvent} from '../../types.js';
import {formatClock, formatClockShort, formatCount, unreadText} from '../../render/format.js';
import {cut, UNICODE, type Glyphs} from '../../render/glyphs.js';
import {COLUMN_GAP, DATED_TIME_WIDTH, type EventColumn, type EventColumnId} from '../frame/layout.js';
import {segmentsWidth, type Segment} from '../../render/segments.js';
import type {EventView} from '../state/ui-reducer.js';

/** "12-02" in UTC. */
export function formatMonthDay(epochMs: number): string {
	const date = new Date(epochMs);
	return `${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

/** Whether the list holds events from another UTC day than `today` (the oldest is enough: newest first). */
export function spansDays(events: readonly TrailEvent[], today: number): boolean {
	const oldest = events.at(-1);
	return oldest !== undefined && formatMonthDay(oldest.eventTime) !== formatMonthDay(today);
}

/** Marks an event Event History delivered after newer ones were already shown (ASCII: <). */
export const LATE_GLYPH = UNICODE.late;
/** Marks a destructive or security-relevant call (ASCII: !). */
export const RISK_GLYPH = UNICODE.warn;

function cell(event: TrailEvent, column: EventColumn, g: Glyphs): Segment[] {
	switch (column.id) {
		case 'time':
			return [{text: column.width >= DATED_TIME_WIDTH ? `${formatMonthDay(event.eventTime)} ${formatClock(event.eventTime)}` : formatClock(event.eventTime)}];
		case 'mark': {
			const {risky} = classifyEvent(event);
			return [
				risky ? {text: g.warn, color: 'yellow', bold: true} : {text: ' '},
				event.late ? {text: g.late, dim: true} : {text: ' '},
			];
		}
		case 'event':
			return [{text: sanitize(event.eventName), bold: true}];
		case 'error':
			return event.errorCode === null ? [] : [{text: `${g.cross} ${sanitize(event.errorCode)}`, color: 'red'}];
		case 'identity': {
			const identity = describeIdentity(event);
			if (identity.kind === 'root') return [{text: 'ROOT', color: 'yellow', bold: true}];
			return [{text: identity.label, dim: identity.kind === 'aws-service'}];
		}
		case 'ip':
			return [{text: event.sourceIp === null ? g.missing : sanitize(event.sourceIp), dim: true}];
	}
}

/** The widest cell of each column over `events` (the visible rows): what layout.ts shares width by. */
export function columnNeeds(events: readonly TrailEvent[], g: Glyphs = UNICODE): Record<EventColumnId, number> {
	const needs: Record<EventColumnId, number> = {time: 0, mark: 0, event: 0, error: 0, identity: 0, ip: 0};
	for (const event of events) {
		for (const id of Object.keys(needs) as EventColumnId[]) {
			needs[id] = Math.max(needs[id], segmentsWidth(cell(event, {id, title: '', width: 0}, g)));
		}
	}
	return needs;
}

/** Segments cut or padded to exactly `width` columns. */
function fit(segments: readonly Segment[], width: number, g: Glyphs): Segment[] {
	const out: Segment[] = [];
	let left = width;
	for (const segment of segments) {
		if (left <= 0) break;
		const text = cut(segment.text, left, g);
		out.push({...segment, text});
		left -= textWidth(text);
	}
	if (left > 0) out.push({text: ' '.repeat(left)});
	return out;
}

/** One event as padded, sanitized cells; every string of the event passes through sanitize() first. */
export function eventRowSegments(
	event: TrailEvent,
	columns: readonly EventColumn[],
	selected: boolean,
	g: Glyphs = UNICODE,
): Segment[] {
	const out: Segment[] = [{text: selected ? g.select : ' ', inverse: selected}];
	columns.forEach((column, index) => {
		const gap = index === columns.length - 1 ? [] : [{text: ' '.repeat(COLUMN_GAP)}];
		for (const segment of [...fit(cell(event, column, g), column.width, g), ...gap]) out.push({...segment, inverse: selected});
	});
	return out;
}

export type EventLogProps = {
	/** The events to list (already filtered), newest first; only the visible slice is rendered. */
	readonly events: readonly TrailEvent[];
	/** Events in the buffer before filtering. */
	readonly total: number;
	/** The active filter in words (describeFilter), or null when none is active. */
	readonly filter: string | null;
	readonly view: EventView;
	readonly follow: boolean;
	/** Start of the CloudTrail window (epoch ms). */
	readonly since: number;
	/** Older events dropped by the buffer limit. */
	readonly dropped?: number;
	/** Older events not read, and why (fleet mode's organization trail); null or absent: none. */
	readonly unread?: EventsUnread | null;
	readonly width: number;
	/** Event rows, title and column header not included. */
	readonly height: number;
	/** The column-title row; short terminals go without (layout.ts). Shown by default. */
	readonly columnHeader?: boolean;
	/** Now (epoch ms): events from another day show their date. */
	readonly today?: number;
	/** CloudTrail's error, whole (panelErrorLines), above the rows; `height` counts the rows left for events. */
	readonly notice?: readonly Segment[][];
};

const DAY_MS = 86_400_000;

/**
 * Whether the list would draw the same for both props: equal values, the view compared by its fields
 * (the App builds it per render) and `today` by its UTC day (the snapshot's time moves at every poll, the
 * rows only care about the day). EventLog is memoised on this, so a poll that changed nothing in the list
 * does not rebuild its rows.
 */
export function sameEventLogProps(a: EventLogProps, b: EventLogProps): boolean {
	for (const key of new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof EventLogProps>) {
		if (key === 'view') {
			const [x, y] = [a.view, b.view];
			if (x !== y && (x.selectedIndex !== y.selectedIndex || x.offset !== y.offset || x.newCount !== y.newCount)) return false;
		} else if (key === 'today') {
			const [x, y] = [a.today, b.today];
			if (x !== y && (x === undefined || y === undefined || Math.floor(x / DAY_MS) !== Math.floor(y / DAY_MS))) return false;
		} else if (a[key] !== b[key]) return false;
	}
	return true;
}

/** The title line: source or filter with counts, then "N new" and the position when scrolled. */
export function eventTitleSegments(
	{events, total, filter, view, follow, since, dropped = 0, unread = null, width}: EventLogProps,
	g: Glyphs = UNICODE,
): Segment[] {
	const count = (value: number): string => formatCount(value, g);
	const sep = ` ${g.sep} `;
	const tail: Segment[] = [];
	if (!follow && events.length > 0) {
		if (view.newCount > 0) tail.push({text: `${sep}${g.newAbove} ${count(view.newCount)} new`, color: 'yellow', bold: true});
		tail.push({text: `${sep}${count(view.selectedIndex + 1)}/${count(events.length)}`, dim: true});
	}
	const head: Segment = {text: ' EVENTS ', bold: true};
	if (filter === null) {
		const scope =
			dropped > 0
				? {text: `iot.amazonaws.com${sep}newest ${count(total)} kept, ${count(dropped)} older dropped`, color: 'yellow' as const}
				: {text: `iot.amazonaws.com${sep}${count(total)}${sep}since ${formatClockShort(since)} UTC`};
		const why: Segment[] = unread ? [{text: ` (${unreadText(unread, g)})`, ...(unread.reason === 'reading' ? {dim: true} : {color: 'yellow' as const})}] : [];
		return [head, scope, ...why, ...tail];
	}
	const counts: Segment = {text: ` ${g.dash} ${count(events.length)} of ${count(total)}`, bold: true};
	// The filter words give way first, so the counts, "new" and the position always show.
	const room = width - segmentsWidth([head, counts, ...tail]) - textWidth('filter: ');
	return [head, {text: 'filter: ', color: 'cyan'}, {text: cut(filter, Math.max(1, room), g), color: 'cyan'}, counts, ...tail];
}

