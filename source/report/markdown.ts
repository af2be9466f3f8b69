/**
 * The incident hand-off as Markdown, ready to paste into a ticket: account, region and time, the overall
 * state, what the event list truly covers, the resources involved, the flags with their baselines, the
 * alarms, every metric, and for each flagged metric the control-plane events of the 30 minutes before
 * its deviation began, ranked by evidence as `W` ranks them (then those made after the onset, apart). It fits a ticket field (HANDOFF_MAX_CHARS): the full
 * records go to a file of their own, or inline with `full`.
 * Pure: the same snapshot gives the same text (the golden-file test relies on it).
 *
 * Everything from CloudTrail and CloudWatch reasons is untrusted: terminal controls are removed
 * (sanitize), Markdown and HTML syntax in table cells is escaped, and each record sits in a code fence
 * longer than any backtick run inside it, so no event can break out of its block.
 */
import {alarmStatesByMetric} from '../iot/alarm-states.js';
import {eventCoverage} from '../trail/coverage.js';
import {header, recentChanges, resourcesLine} from './header.js';
import {recordsSection, type RecordsMode} from './records.js';
import {MAX_SUSPECTS, shownEvents, suspectLists, suspectsSection} from './suspects-section.js';
import {alarmsSection, flagsTable, metricsTable, notable} from './tables.js';
import type {Alarm, Snapshot} from '../types.js';

export {cell} from './md-text.js';
export {incidentRecords, type RecordsMode} from './records.js';

export type ReportInput = {
	readonly snapshot: Snapshot;
	/** Defaults to the snapshot's own alarm list. */
	readonly alarms?: readonly Alarm[];
	/** Where the suspects' full records go; left out with a note by default. Ignored with `full`. */
	readonly records?: RecordsMode;
	/** Everything, records inline, no length bound (--full). */
	readonly full?: boolean;
};

/** Characters a hand-off may have by default: half of a ticket field's usual 32,767. */
export const HANDOFF_MAX_CHARS = 16_000;

/** Ever shorter renderings, tried in order until one fits HANDOFF_MAX_CHARS. */
type Level = {
	/** Suspects listed per flagged metric. */
	readonly suspects: number;
	/** Resources named in the header. */
	readonly resources: number;
	/** Every metric in the table, or only the notable ones. */
	readonly allMetrics: boolean;
	/** Flagged metrics (table and suspects) and alarms in ALARM listed; the rest counted. */
	readonly rows: number;
};

const LEVELS: readonly Level[] = [
	{suspects: MAX_SUSPECTS, resources: 10, allMetrics: true, rows: 50},
	{suspects: 5, resources: 8, allMetrics: true, rows: 50},
	{suspects: 5, resources: 8, allMetrics: false, rows: 25},
	{suspects: 3, resources: 5, allMetrics: false, rows: 10},
	{suspects: 1, resources: 3, allMetrics: false, rows: 5},
];

const FOOTER = '_Written by iot-monitor. Times are UTC; values are per-minute Sums across all dimension sets._';

/** Cuts at the last line that fits, with a note; only for text without code fences (the default hand-off). */
function cutToFit(text: string, max: number): string {
	const note = `\n_Cut at ${max} characters to fit a ticket; \`--full\` gives everything._\n`;
	const end = text.lastIndexOf('\n', max - note.length);
	return `${text.slice(0, Math.max(0, end))}\n${note}`;
}

/**
 * The whole hand-off. By default at most HANDOFF_MAX_CHARS characters: the raw records go to a file
 * (`records: {kind: 'file'}`) or are left out, and fewer suspects and metrics are listed when a busy
 * incident needs it. `full` lists everything, records inline, without a bound.
 */
export function incidentMarkdown({snapshot, alarms = snapshot.alarms, records, full = false}: ReportInput): string {
	const flagged = snapshot.metrics.filter(series => series.judgement === 'judged' && series.deviation && series.deviation.severity !== 'ok');
	const alarmStates = alarmStatesByMetric(alarms);
	const lists = suspectLists(flagged, snapshot.events);
	const coverage = eventCoverage(snapshot);
	const recent = recentChanges(snapshot.events, snapshot.generatedAt);
	const mode: RecordsMode = full ? {kind: 'inline'} : (records ?? {kind: 'omitted'});
	const render = (level: Level): string => {
		const listed = lists.slice(0, level.rows);
		const shown = shownEvents(listed, level.suspects);
		// Shortened: flagged metrics are in the Flags table already; the rest only if not plainly normal.
		const metrics = level.allMetrics
			? snapshot.metrics
			: snapshot.metrics.filter(series => !flagged.includes(series) && notable(series, alarmStates)).slice(0, level.rows);
		const left = snapshot.metrics.length - metrics.length;
		const leftFlagged = level.allMetrics ? 0 : flagged.length;
		const moreFlagged = flagged.length - level.rows;
		return [
			...header(snapshot, alarms, resourcesLine(shown, shown.length > 0 ? [] : recent, flagged.length > 0, level.resources)),
			...flagsTable(flagged.slice(0, level.rows), alarmStates),
			...(moreFlagged > 0 ? [`${moreFlagged} more flagged metrics left out for length.`, ''] : []),
			...alarmsSection(alarms, level.rows),
			...(metrics.length > 0 ? metricsTable(metrics, alarmStates) : ['## All metrics', '']),
			...(left > 0 ? [`${left} metric${left === 1 ? '' : 's'} left out for length${leftFlagged > 0 ? ` (${leftFlagged} of them flagged: see Flags)` : ''}.`, ''] : []),
			...suspectsSection(listed, flagged.length, coverage, level.suspects),
			...recordsSection(shown, mode),
			FOOTER,
			'',
		].join('\n');
	};
	if (full) return render({suspects: MAX_SUSPECTS, resources: 20, allMetrics: true, rows: Number.POSITIVE_INFINITY});
	for (const level of LEVELS) {
		const text = render(level);
		if (text.length <= HANDOFF_MAX_CHARS) return text;
	}
	return cutToFit(render(LEVELS.at(-1)!), HANDOFF_MAX_CHARS);
}
