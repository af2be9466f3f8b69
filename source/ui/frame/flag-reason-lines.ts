/**
 * The worst flag in words, under the header (and the alarm lines) of the main screen, when the layout
 * has the rows: "▼ CRIT PublishIn.Success -87 % vs the usual Tuesday 14:00 (13.6k, normal 11.7k-15.7k),
 * 4 min running". The FLAG cell says only the phase; this says why, so that a person woken at 3 a.m.
 * reads the size of the change, what was expected and for how long without opening anything. Wrapped at
 * spaces, never cut: when the whole reason does not fit in MAX_FLAG_REASON_LINES the line is left out
 * (the `W` view and the hand-off carry it too).
 */
import {sanitize} from '../../text/sanitize.js';
import {wrapText} from '../../text/wrap.js';
import type {MetricSeries} from '../../types.js';
import {arrow, flagReason, severityColor} from '../../render/judgement.js';
import {UNICODE, type Glyphs} from '../../render/glyphs.js';
import type {Segment} from '../../render/segments.js';
import {flaggedTargets} from '../changes/what-changed-lines.js';

/** Lines the reason may take; longer, it is not drawn at all rather than cut. */
export const MAX_FLAG_REASON_LINES = 2;

/**
 * The reason of the most severe flag (the one `W` opens on) as lines of at most `width` columns, the
 * first starting with the flag and the metric name; [] when nothing is flagged, the flag has no reason,
 * or the reason needs more than MAX_FLAG_REASON_LINES lines. `metrics` in display order.
 */
export function flagReasonLines(metrics: readonly MetricSeries[], width: number, g: Glyphs = UNICODE): Segment[][] {
	const targets = flaggedTargets(metrics);
	const worst = targets[0];
	if (worst === undefined) return [];
	const series = metrics.find(metric => metric.name === worst.metric);
	const reason = series === undefined ? null : flagReason(series);
	if (reason === null || reason === '') return [];
	const flag = `${arrow(worst.direction, g)} ${worst.severity.toUpperCase()}`;
	const name = sanitize(worst.metric);
	const others = targets.length > 1 ? ` ${g.sep} ${targets.length - 1} more flagged` : '';
	// Wrapped as one text, then the flag and the name styled on the first line (they are its start).
	// The count of other flags goes first when room is short (the header counts them too).
	const indent = 3;
	const text = `${flag} ${name} ${sanitize(reason)}`;
	const wrapped = (more: string): string[] => wrapText(`${text}${more}`, Math.max(8, width - indent));
	const lines = [wrapped(others), wrapped('')].find(candidate => candidate.length <= MAX_FLAG_REASON_LINES);
	if (lines === undefined) return [];
	const color = severityColor(worst.severity);
	return lines.map((line, index) => {
		if (index > 0) return [{text: ' '.repeat(indent)}, {text: line}];
		const head = `${flag} ${name}`;
		if (!line.startsWith(head)) return [{text: ' '}, {text: line, color, bold: true}];
		return [{text: ' '}, {text: flag, color, bold: true}, {text: ` ${name}`, bold: true}, {text: line.slice(head.length)}];
	});
}
