/**
 * Pure content of the What-changed view (`W`): for a flagged metric, the control-plane events of the 30
 * minutes before its deviation began, most suspicious first (suspectsFor with deviationOnset). The
 * metrics table has no cursor, so the view opens on the most severe flagged metric and Tab / → / ←
 * cycle through the flagged ones; j/k move through the suspects, Enter opens one in the event detail.
 *
 * Every field of an event is untrusted and passes through sanitize(); so do the reasons, which quote
 * error codes.
 */
import {deviationOnset} from '../../monitor/deviation-onset.js';
import {classifyEvent} from '../../trail/highlight.js';
import {identityLabel} from '../../trail/identity.js';
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

type Columns = {readonly event: number; readonly identity: number; readonly why: number};

// select(1) time(8) ' ' before(4) ' ' mark(1) ' ' event ' ' identity ' ' why
const FIXED = 1 + 8 + 1 + 4 + 1 + 1 + 1 + 1 + 1;

/** Column widths at `width`: the event name and identity get a share, the reasons the rest. */
export function suspectColumns(width: number): Columns {
	const room = Math.max(0, width - FIXED - 1);
	const event = Math.min(24, Math.max(14, Math.floor(room * 0.35)));
	const identity = Math.min(28, Math.max(10, Math.floor(room * 0.3)));
	return {event, identity, why: Math.max(0, room - event - identity)};
}

/** "-12m" before the onset, "+0m" inside the first flagged minute. */
export function relativeToOnset(time: number, onset: number): string {
	if (time < onset) return `-${Math.max(1, Math.round((onset - time) / 60_000))}m`;
	return `+${Math.floor((time - onset) / 60_000)}m`;
}

/** The reasons in one line, sanitized (they quote error codes). */
export const reasonsText = (suspect: Suspect): string => suspect.reasons.map(sanitize).join('; ');

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
	const cells: Segment[] = [
		{text: selected ? g.select : ' '},
		{text: time},
		{text: ` ${padCell(relativeToOnset(event.eventTime, onset), 4, 'right', g)} `, dim: true},
		mark,
		{text: ` ${padCell(sanitize(event.eventName), columns.event, 'left', g)} `, bold: true},
		{text: `${padCell(sanitize(identityLabel(event)), columns.identity, 'left', g)} `},
		{text: padCell(reasonsText(suspect), columns.why, 'left', g), dim: !selected},
	];
	return cells.map(cell => ({...cell, inverse: selected}));
}

/** The column titles of the list. */
export function suspectTitle(width: number, g: Glyphs = UNICODE): string {
	const columns = suspectColumns(width);
	return ` TIME UTC ${' '.repeat(4)}   ${padCell('EVENT', columns.event, 'left', g)} ${padCell('IDENTITY', columns.identity, 'left', g)} ${padCell('WHY SUSPICIOUS', columns.why, 'left', g)}`;
}

export type ChangesHead = {
	readonly target: ChangeTarget;
	/** Whether the metric is still flagged now (the view stays on it when it calms down). */
	readonly stillFlagged: boolean;
	/** Position of the target among the flagged metrics (0-based, -1 once it calmed down), and how many there are. */
	readonly position: number;
	readonly flagged: number;
	/** How many suspects the window holds. */
	readonly found: number;
	/** Start of the CloudTrail window loaded (events before it are unknown). */
	readonly eventsSince: number;
};

/** The title and the window line of the view. */
export function changesHeadLines({target, stillFlagged, position, flagged, found, eventsSince}: ChangesHead, g: Glyphs = UNICODE): Segment[][] {
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
	const counted = ` ${found} change${found === 1 ? '' : 's'} and failed call${found === 1 ? '' : 's'} ${formatClockShort(from)}${g.range}${formatClockShort(target.onset + 60_000)} UTC`;
	// Events before the CloudTrail window loaded are unknown, not absent: that matters more than the order.
	const window: Segment[] =
		eventsSince > from
			? [{text: counted, dim: true}, {text: ` ${g.warn} events loaded only since ${formatClockShort(eventsSince)}`, color: 'yellow'}]
			: [{text: `${counted}, most suspicious first`, dim: true}];
	return [title, window];
}

/** The selected suspect's reasons in full, at most WHY_LINES lines. */
export function whyLines(suspect: Suspect | undefined, width: number, g: Glyphs = UNICODE): Segment[][] {
	if (suspect === undefined) return [];
	const label = ' WHY ';
	return wrap(reasonsText(suspect), Math.max(8, width - textWidth(label) - 1), WHY_LINES, g).map((text, index) => [
		{text: index === 0 ? label : ' '.repeat(textWidth(label)), bold: true},
		{text},
	]);
}
