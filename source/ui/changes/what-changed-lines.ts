/**
 * Pure content of the What-changed view (`W`): for a flagged metric, the control-plane changes of the 30
 * minutes before its deviation began, ranked by how well each explains it (suspectsFor with
 * deviationOnset), then those made after the onset, apart, then the weaker rest behind a "N more" line.
 * Each row names the resource the change touched and what it did to it; the selected one's reasons
 * (its WHY, the evidence, who) fill the lines below. The metrics table has no cursor, so the view opens
 * on the most severe flagged metric and Tab / → / ← cycle through the flagged ones; j/k move through the
 * suspects, Enter opens one in the event detail.
 *
 * Every field of an event is untrusted and passes through sanitize().
 */
import {deviationOnset} from '../../monitor/deviation-onset.js';
import {classifyEvent} from '../../trail/highlight.js';
import {SUSPECT_WINDOW_MS, type Suspect} from '../../trail/suspects.js';
import {sanitize} from '../../text/sanitize.js';
import {textWidth} from '../../text/width.js';
import type {MetricSeries} from '../../types.js';
import {formatClock, formatClockShort} from '../../render/format.js';
import {padCell, UNICODE, wrap, type Glyphs} from '../../render/glyphs.js';
import {arrow, flaggedSeverity, severityColor} from '../../render/judgement.js';
import type {Segment} from '../../render/segments.js';

/** A flagged metric and when its deviation began. */
export type ChangeTarget = {
	readonly metric: string;
	/** Start of the first flagged bucket (epoch ms). */
	readonly onset: number;
	readonly severity: 'warn' | 'crit';
	readonly direction: 'up' | 'down';
};

/**
 * The flagged metrics of `metrics` (given in display order), most severe first: CRIT before WARN, then
 * the higher anomaly score, then display order.
 */
export function flaggedTargets(metrics: readonly MetricSeries[]): ChangeTarget[] {
	const targets: Array<ChangeTarget & {score: number; order: number}> = [];
	metrics.forEach((series, order) => {
		const severity = flaggedSeverity(series);
		if (severity === null || series.deviation === null) return;
		const onset = deviationOnset(series) ?? series.latest?.t;
		if (onset === undefined || onset === null) return;
		targets.push({metric: series.name, onset, severity, direction: series.deviation.direction, score: series.deviation.score, order});
	});
	targets.sort((a, b) => Number(b.severity === 'crit') - Number(a.severity === 'crit') || b.score - a.score || a.order - b.order);
	return targets.map(({metric, onset, severity, direction}) => ({metric, onset, severity, direction}));
}

/** Rows the view keeps below the list for the selected suspect's reasons in full. */
export const WHY_LINES = 3;
/** Title, window line and column titles above the list. */
export const HEAD_LINES = 3;
/** Lines the flag's reason may take under the title (wrapped at spaces, never cut short at 60 columns and more). */
export const REASON_LINES = 3;

/**
 * The flag's reason (deviation.reason: "-87 % vs the usual Tuesday 14:00 (13.6k, normal 11.7k-15.7k),
 * 4 min running") under the title, wrapped at spaces to `width`; none when there is no reason.
 */
export function reasonLines(reason: string | null | undefined, width: number, g: Glyphs = UNICODE): Segment[][] {
	if (reason === null || reason === undefined || reason === '') return [];
	const label = ' NOW ';
	const indent = textWidth(label);
	return wrap(sanitize(reason), Math.max(8, width - indent - 1), REASON_LINES, g).map((text, index) => [
		{text: index === 0 ? label : ' '.repeat(indent), bold: true},
		{text},
	]);
}

type Columns = {readonly time: boolean; readonly event: number; readonly resource: number; readonly what: number};

/** Below this width the clock time is left out: the minutes before the onset tell the story. */
export const TIME_COLUMN_WIDTH = 100;

/** Column widths at `width`: the event name and the resource touched get a share, what it did the rest. */
export function suspectColumns(width: number): Columns {
	const time = width >= TIME_COLUMN_WIDTH;
	// select(1) [time(8) ' '] before(6) ' ' mark(1) ' ' event ' ' resource ' ' what
	const fixed = 1 + (time ? 9 : 0) + 6 + 1 + 1 + 1 + 1 + 1;
	const room = Math.max(0, width - fixed - 1);
	const event = Math.min(23, Math.max(14, Math.floor(room * 0.36)));
	const resource = Math.min(30, Math.max(10, Math.floor((room - event) * 0.55)));
	return {time, event, resource, what: Math.max(0, room - event - resource)};
}

/** "-12m" before the onset, "+0m" inside the first flagged minute. */
export function relativeToOnset(time: number, onset: number): string {
	if (time < onset) return `-${Math.max(1, Math.round((onset - time) / 60_000))}m`;
	return `+${Math.floor((time - onset) / 60_000)}m`;
}

/** Text of a suspect (suspectsFor sanitizes it; again here, cheaply) in the glyph set: its shortened ids end '…'. */
const shown = (text: string, g: Glyphs): string => (g.ascii ? sanitize(text).replaceAll('…', g.ellipsis) : sanitize(text));

/** The reasons as sentences. */
export const reasonsText = (suspect: Suspect, g: Glyphs = UNICODE): string => suspect.reasons.map(reason => shown(reason, g)).join('. ');

/** One suspect as a row of exactly the columns of `suspectColumns(width)`. */
export function suspectRowSegments(suspect: Suspect, onset: number, width: number, selected: boolean, g: Glyphs = UNICODE): Segment[] {
	const columns = suspectColumns(width);
	const event = suspect.event;
	const highlight = classifyEvent(event);
	const mark: Segment = highlight.error
		? {text: g.cross, color: 'red'}
		: highlight.risky
			? {text: g.warn, color: 'yellow', bold: true}
			: {text: ' '};
	const time = Number.isFinite(event.eventTime) ? formatClock(event.eventTime) : g.missing.padEnd(8);
	const after = suspect.section === 'after';
	const cells: Segment[] = [
		{text: selected ? g.select : ' '},
		...(columns.time ? [{text: `${time} `, dim: after}] : []),
		{text: `${padCell(relativeToOnset(event.eventTime, onset), 6, 'right', g)} `, dim: true},
		mark,
		{text: ` ${padCell(sanitize(event.eventName), columns.event, 'left', g)} `, bold: !after, dim: after},
		{text: `${padCell(suspect.resource === null ? g.missing : shown(suspect.resource, g), columns.resource, 'left', g)} `, dim: after},
		{text: padCell(shown(suspect.what, g), columns.what, 'left', g), dim: !selected},
	];
	return cells.map(cell => ({...cell, inverse: selected}));
}

/** The column titles of the list. */
export function suspectTitle(width: number, g: Glyphs = UNICODE): string {
	const columns = suspectColumns(width);
	const head = columns.time ? ' TIME UTC BEFORE   ' : ' BEFORE   ';
	return `${head}${padCell('EVENT', columns.event, 'left', g)} ${padCell('RESOURCE', columns.resource, 'left', g)} ${padCell('WHAT IT DID', columns.what, 'left', g)}`;
}

/** A line of the list: a suspect (its index in the list) or a section line between them. */
export type ListEntry = {readonly kind: 'suspect'; readonly index: number} | {readonly kind: 'section'; readonly text: string};

/**
 * The list as drawn: the ranked suspects, then the changes after the onset under their own line, then
 * the "N more" line and the weaker changes before the onset (suspectsFor's order, which the selection
 * follows; the section lines are not selectable).
 */
export function listEntries(suspects: readonly Suspect[], target: ChangeTarget, g: Glyphs = UNICODE): ListEntry[] {
	const entries: ListEntry[] = [];
	const ranked = suspects.filter(s => s.section === 'ranked').length;
	const more = suspects.filter(s => s.section === 'more').length;
	const metric = sanitize(target.metric);
	if (ranked === 0 && suspects.length > 0) {
		entries.push({kind: 'section', text: ` no change before ${formatClockShort(target.onset)} can explain ${metric}`});
	}
	let previous: Suspect['section'] | null = null;
	suspects.forEach((suspect, index) => {
		if (suspect.section !== previous) {
			if (suspect.section === 'after') entries.push({kind: 'section', text: ` ${g.rule.repeat(2)} after the onset ${formatClockShort(target.onset)}: cannot have caused it`});
			if (suspect.section === 'more') {
				const what = ranked > 0 ? `${more} more before the onset, weaker evidence` : `${more} before the onset, with little bearing on it`;
				entries.push({kind: 'section', text: ` ${g.rule.repeat(2)} ${what}`});
			}
			previous = suspect.section;
		}
		entries.push({kind: 'suspect', index});
	});
	return entries;
}

/** The entries `rows` high that keep the selected suspect in view (the top when nothing is selected). */
export function visibleEntries(entries: readonly ListEntry[], selected: number, rows: number): ListEntry[] {
	const at = entries.findIndex(entry => entry.kind === 'suspect' && entry.index === selected);
	// The section line just above the selected suspect stays in view with it.
	const top = at > 0 && entries[at - 1]?.kind === 'section' ? at - 1 : at;
	let offset = Math.max(0, Math.min(at - rows + 1, entries.length - rows));
	if (top >= 0 && top < offset) offset = top;
	return entries.slice(offset, offset + rows);
}

export type ChangesHead = {
	readonly target: ChangeTarget;
	/** Whether the metric is still flagged now (the view stays on it when it calms down). */
	readonly stillFlagged: boolean;
	/** Position of the target among the flagged metrics (0-based, -1 once it calmed down), and how many there are. */
	readonly position: number;
	readonly flagged: number;
	/** How many changes the view lists (ranked, after the onset and more). */
	readonly found: number;
	/** How many of them are ranked, and how many came after the onset (default: none). */
	readonly ranked?: number;
	readonly after?: number;
	/** Start of the CloudTrail window loaded (events before it are unknown). */
	readonly eventsSince: number;
	/** The metric's flag reason as it is now (flagReason), drawn under the title; none when null. */
	readonly reason?: string | null;
};

/** The title and the window line of the view. */
export function changesHeadLines({target, stillFlagged, position, flagged, found, ranked = 0, after = 0, eventsSince}: ChangesHead, g: Glyphs = UNICODE): Segment[][] {
	const flag = `${arrow(target.direction, g)} ${target.severity.toUpperCase()}`;
	const color = stillFlagged ? severityColor(target.severity) : undefined;
	// Esc and Tab are in the footer; the title keeps to what and when.
	const cycle = position < 0 ? ` ${g.sep} ${flagged} flagged` : flagged > 1 ? ` ${g.sep} ${position + 1}/${flagged} flagged` : '';
	const title: Segment[] = [
		{text: ' WHAT CHANGED before ', bold: true},
		{text: sanitize(target.metric), bold: true, color},
		{text: ` ${stillFlagged ? flag : '(calm now)'}`, color, bold: stillFlagged},
		{text: ` since ${formatClockShort(target.onset)}`},
		{text: cycle, dim: true},
	];
	const from = target.onset - SUSPECT_WINDOW_MS;
	const before = found - after;
	const counted = ` ${before} change${before === 1 ? '' : 's'} ${formatClockShort(from)}${g.range}${formatClockShort(target.onset)} UTC`;
	const order = ranked > 0 ? `, best ${ranked} ranked by evidence` : '';
	const later = after > 0 ? ` ${g.sep} ${after} after` : '';
	// Events before the CloudTrail window loaded are unknown, not absent: that matters more than the order.
	const window: Segment[] =
		eventsSince > from
			? [{text: `${counted}${later}`, dim: true}, {text: ` ${g.warn} events loaded only since ${formatClockShort(eventsSince)}`, color: 'yellow'}]
			: [{text: `${counted}${order}${later}`, dim: true}];
	return [title, window];
}

/** The selected suspect's reasons in full, at most WHY_LINES lines. */
export function whyLines(suspect: Suspect | undefined, width: number, g: Glyphs = UNICODE): Segment[][] {
	if (suspect === undefined) return [];
	const label = ' WHY ';
	return wrap(reasonsText(suspect, g), Math.max(8, width - textWidth(label) - 1), WHY_LINES, g).map((text, index) => [
		{text: index === 0 ? label : ' '.repeat(textWidth(label)), bold: true},
		{text},
	]);
}
