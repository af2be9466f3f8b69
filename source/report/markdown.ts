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
import {deviationOnset} from '../monitor/deviation-onset.js';
import {formatClock, formatClockShort} from '../render/format.js';
import {flagReason, flagText, metricDelta} from '../render/judgement.js';
import {safeJsonStringify} from '../text/json.js';
import {sanitize, sanitizeMultiline} from '../text/sanitize.js';
import {identityLabel} from '../trail/identity.js';
import {recordText} from '../trail/packed-record.js';
import {recordOf} from '../trail/record.js';
import {eventCoverage, type EventCoverage} from '../trail/coverage.js';
import {eventResources, resourceText} from '../trail/resources.js';
import {suspectsFor, SUSPECT_WINDOW_MS, type Suspect} from '../trail/suspects.js';
import {accountOf} from './account.js';
import type {Alarm, AlarmState, MetricSeries, Snapshot, TrailEvent} from '../types.js';

type AlarmStates = ReadonlyMap<string, AlarmState>;

/** Suspects listed per flagged metric. */
const MAX_SUSPECTS = 10;

export type ReportInput = {
	readonly snapshot: Snapshot;
	/** Defaults to the snapshot's own alarm list. */
	readonly alarms?: readonly Alarm[];
	/** Where the suspects' full records go; left out with a note by default. Ignored with `full`. */
	readonly records?: RecordsMode;
	/** Everything, records inline, no length bound (--full). */
	readonly full?: boolean;
};

/** 2026-11-24 14:05:09 UTC */
function when(ms: number | null): string {
	if (ms === null || !Number.isFinite(ms)) return '—';
	return `${new Date(ms).toISOString().slice(0, 10)} ${formatClock(ms)} UTC`;
}


/** Untrusted text for a table cell or a line: no controls, no Markdown or HTML syntax, one line. */
export function cell(text: unknown): string {
	const clean = sanitize(text).replace(/[\\`*_[\]<>|~#]/g, match => `\\${match}`);
	return clean === '' ? '—' : clean;
}

function number(value: number | null | undefined): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '—';
	return Math.abs(value) < 100 && !Number.isInteger(value) ? value.toFixed(1) : String(Math.round(value));
}



function fence(body: string): string {
	const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map(match => match[0].length));
	const marks = '`'.repeat(Math.max(3, longest + 1));
	return `${marks}json\n${body}\n${marks}`;
}

function recordBlock(event: TrailEvent): string {
	const record = recordOf(event);
	if (record !== undefined) {
		try {
			return fence(safeJsonStringify(record, 2));
		} catch {
			// nested too deep to print: shown as received below
		}
	}
	const raw = recordText(event.raw);
	return raw === '' ? '_(LookupEvents returned no record)_' : fence(sanitizeMultiline(raw.slice(0, 64 * 1024)));
}

/** "us-east-1, profile prod" or "us-east-1 (DEMO: simulated account)". */
function regionWords(snapshot: Snapshot): string {
	return snapshot.demo ? `${snapshot.region} (DEMO: simulated account)` : `${snapshot.region}${snapshot.profile ? `, profile ${snapshot.profile}` : ''}`;
}

function accountLine(snapshot: Snapshot, alarms: readonly Alarm[]): string {
	const account = accountOf(snapshot.events, alarms);
	const id = account === null ? 'account unknown (no CloudTrail record or alarm ARN held names it)' : `${account.id} (from the ${account.from})`;
	return `- **Account:** ${id}; **region:** ${cell(regionWords(snapshot))}`;
}

/** What the event list holds and from when it is complete: the oldest event actually held, and any drops. */
function eventsLine(snapshot: Snapshot): string {
	const trail = snapshot.health.trail;
	const coverage = eventCoverage(snapshot);
	const failed = trail.error ? ` Last attempt failed: ${short(trail.error)}.` : '';
	const refreshed = `refreshed ${when(trail.lastSuccess)}`;
	if (coverage.held === 0) {
		const none = trail.lastSuccess === null ? 'none held: CloudTrail has not answered yet' : `none since ${when(coverage.completeFrom)} (${refreshed})`;
		return `- **Events:** ${none}.${failed}`;
	}
	const span = `${coverage.held} IoT control-plane event${coverage.held === 1 ? '' : 's'} held, ${when(coverage.oldest)} to ${when(coverage.newest)}`;
	const complete =
		coverage.dropped > 0
			? `${coverage.dropped} older event${coverage.dropped === 1 ? ' was' : 's were'} dropped at the buffer limit (--max-events), so the list is complete only from ${when(coverage.completeFrom)}`
			: `complete from ${when(coverage.completeFrom)}; nothing older was read`;
	return `- **Events:** ${span}; ${complete} (${refreshed}).${failed}`;
}

function header(snapshot: Snapshot, alarms: readonly Alarm[], resources: readonly string[]): string[] {
	const flagged = snapshot.metrics.filter(series => series.deviation && series.deviation.severity !== 'ok');
	const crit = flagged.filter(series => series.deviation?.severity === 'crit').length;
	const firing = alarms.filter(alarm => alarm.state === 'ALARM').length;
	const counts = [`${crit} CRIT`, `${flagged.length - crit} WARN`, `${firing} alarm${firing === 1 ? '' : 's'} in ALARM`].join(', ');
	return [
		`# iot-monitor incident snapshot: ${cell(snapshot.region)}, ${when(snapshot.generatedAt)}`,
		'',
		`- **Status:** ${snapshot.status} (${counts})`,
		accountLine(snapshot, alarms),
		`- **Metrics refreshed:** ${when(snapshot.health.metrics.lastSuccess)}${snapshot.health.metrics.error ? ` (last attempt failed: ${short(snapshot.health.metrics.error)})` : ''}`,
		eventsLine(snapshot),
		...resources,
		'',
	];
}

function flagsTable(flagged: readonly MetricSeries[], alarmStates: AlarmStates): string[] {
	if (flagged.length === 0) return ['## Flags', '', 'No metric is flagged.', ''];
	const rows = flagged.map(series => {
		const onset = deviationOnset(series);
		const base = series.baseline;
		return `| ${cell(series.name)} | ${flagText(series)} | ${onset === null ? '—' : formatClockShort(onset)} | ${series.latest ? formatClockShort(series.latest.t) : '—'} | ${number(series.latest?.v)} | ${number(base?.expected)} | ${number(base?.low)}–${number(base?.high)} | ${metricDelta(series)} | ${alarmStates.get(series.name) ?? '—'} |`;
	});
	return [
		'## Flags',
		'',
		'| Metric | Flag | Since (UTC) | Minute (UTC) | Value /min | Expected | Normal band | Change | Alarm |',
		'| --- | --- | --- | --- | ---: | ---: | --- | ---: | --- |',
		...rows,
		'',
		// Why, in the judge's own words (the same text as the screen and deviation.reason in --once --json).
		...flagged.flatMap(series => {
			const reason = flagReason(series);
			return reason === null ? [] : [`- **${cell(series.name)}**: ${cell(reason)}`];
		}),
		...(flagged.some(series => flagReason(series) !== null) ? [''] : []),
	];
}

function alarmsSection(alarms: readonly Alarm[], maxRows = Number.POSITIVE_INFINITY): string[] {
	const firing = alarms.filter(alarm => alarm.state === 'ALARM');
	const others = alarms.filter(alarm => alarm.state !== 'ALARM');
	const lines = ['## Alarms', ''];
	if (alarms.length === 0) return [...lines, 'No CloudWatch alarm watches AWS/IoT metrics in this region.', ''];
	if (firing.length === 0) lines.push('No IoT alarm is in ALARM.', '');
	else {
		lines.push('| Alarm | State | Since (UTC) | Watches | Reason |', '| --- | --- | --- | --- | --- |');
		for (const alarm of firing.slice(0, maxRows)) {
			const watches = alarm.kind === 'composite' ? `composite of ${alarm.children.map(child => short(child, 120)).join(', ')}` : alarm.metrics.map(cell).join(', ');
			lines.push(`| ${short(alarm.name, 120)} | ALARM | ${when(alarm.since)} | ${watches} | ${short(alarm.reason)} |`);
		}
		if (firing.length > maxRows) lines.push('', `${firing.length - maxRows} more alarms in ALARM left out for length.`);
		lines.push('');
	}
	const listed = others.slice(0, maxRows * 2).map(alarm => `${short(alarm.name, 120)} (${alarm.state})`);
	if (others.length > listed.length) listed.push(`and ${others.length - listed.length} more`);
	if (others.length > 0) lines.push(`Other IoT alarms: ${listed.join(', ')}.`, '');
	return lines;
}

function metricsTable(metrics: readonly MetricSeries[], alarmStates: AlarmStates): string[] {
	return [
		'## All metrics',
		'',
		'| Metric | Minute (UTC) | Value /min | Expected | Normal band | Change | Flag | Alarm |',
		'| --- | --- | ---: | ---: | --- | ---: | --- | --- |',
		...metrics.map(series => {
			const base = series.baseline;
			const band = base ? `${number(base.low)}–${number(base.high)}` : '—';
			return `| ${cell(series.name)} | ${series.latest ? formatClockShort(series.latest.t) : '—'} | ${series.state === 'no-data' ? 'no data' : number(series.latest?.v)} | ${number(base?.expected)} | ${band} | ${metricDelta(series)} | ${flagText(series)} | ${alarmStates.get(series.name) ?? '—'} |`;
		}),
		'',
	];
}

/** Untrusted text cut to `max` characters (an ellipsis marks the cut), then made safe for a line. */
function short(text: unknown, max = MAX_CELL): string {
	const raw = typeof text === 'string' ? text : text === null || text === undefined ? '' : String(text);
	return cell(raw.length > max ? `${raw.slice(0, max - 1)}…` : raw);
}

/** The resources an event acted on, for a suspect line: " on AWS::IoT::Policy device-policy". */
function onResources(event: TrailEvent): string {
	const resources = eventResources(event);
	if (resources.length === 0) return '';
	const shown = resources.slice(0, 2).map(resource => short(resourceText(resource), 120));
	return ` on ${shown.join(', ')}${resources.length > 2 ? ` and ${resources.length - 2} more` : ''}`;
}

function suspectLine(suspect: Suspect, marker: string): string {
	const event = suspect.event;
	const where = event.sourceIp ? ` from ${short(event.sourceIp, 64)}` : '';
	// The resource the ranking named ("FleetTelemetryPolicy v7"), else what the event says it acted on.
	const on = suspect.resource === null ? onResources(event) : ` (${short(suspect.resource, 120)})`;
	return `${marker} **${short(event.eventName, 64)}**${on} at ${when(event.eventTime)} by ${short(identityLabel(event))}${where}: ${short(suspect.why)}. ${short(suspect.evidence)} (event ${short(event.eventId, 64)})`;
}

/**
 * The suspects of each flagged metric with a known onset, in the order of `flagged`: the same query and
 * sections as `W` (ranked by evidence; then the changes after the onset; `more` counts the weaker rest).
 */
type SuspectList = {
	readonly series: MetricSeries;
	readonly onset: number;
	readonly suspects: readonly Suspect[];
	readonly after: readonly Suspect[];
	readonly more: number;
};

function suspectLists(flagged: readonly MetricSeries[], events: readonly TrailEvent[]): SuspectList[] {
	return flagged.flatMap(series => {
		const onset = deviationOnset(series);
		if (onset === null) return [];
		const all = suspectsFor(events, {metric: series.name, onset, ...(series.deviation ? {direction: series.deviation.direction} : {})});
		return [
			{
				series,
				onset,
				suspects: all.filter(suspect => suspect.section === 'ranked'),
				after: all.filter(suspect => suspect.section === 'after'),
				more: all.filter(suspect => suspect.section === 'more').length,
			},
		];
	});
}

/** Says so when the event list does not reach back to the start of a suspect window. */
function coverageNote(from: number, to: number, coverage: EventCoverage): string | null {
	if (coverage.completeFrom <= from) return null;
	const why = coverage.dropped > 0 ? 'older ones were dropped at the buffer limit' : 'nothing older was read';
	if (coverage.completeFrom >= to) return `The event list is complete only from ${when(coverage.completeFrom)} (${why}): this window is not covered.`;
	return `The event list is complete only from ${when(coverage.completeFrom)} (${why}): the first ${Math.round((coverage.completeFrom - from) / 60_000)} minutes of this window are not covered.`;
}

function suspectsSection(lists: readonly SuspectList[], flaggedCount: number, coverage: EventCoverage, limit: number): string[] {
	const lines = ['## What changed before', ''];
	if (flaggedCount === 0) return [...lines, 'Nothing is flagged, so no window to look at.', ''];
	const shownBefore: Array<{name: string; onset: number; ids: string; total: number}> = [];
	for (const {series, onset, suspects, after, more} of lists) {
		const top = suspects.slice(0, limit);
		const ids = [...top, ...after].map(suspect => suspect.event.eventId).join('\n');
		const total = suspects.length + after.length + more;
		lines.push(`### ${cell(series.name)} ${flagText(series)} since ${formatClockShort(onset)} UTC`, '');
		const same = shownBefore.find(before => before.onset === onset && before.ids === ids && before.total === total);
		if (same !== undefined && top.length > 0) {
			lines.push(`The same window and suspects as ${cell(same.name)} above.`, '');
			continue;
		}
		shownBefore.push({name: series.name, onset, ids, total});
		const from = onset - SUSPECT_WINDOW_MS;
		lines.push(`Control-plane changes from ${formatClockShort(from)} to ${formatClockShort(onset)} UTC, best explanation first:`, '');
		const note = coverageNote(from, onset + 60_000, coverage);
		if (note !== null) lines.push(note, '');
		if (top.length === 0) lines.push('None that can explain it in the events held.');
		for (const suspect of top) lines.push(suspectLine(suspect, `${suspect.rank}.`));
		const weaker = suspects.length - top.length + more;
		if (weaker > 0) lines.push('', `${weaker} more change${weaker === 1 ? '' : 's'} before the onset with weaker evidence ${weaker === 1 ? 'is' : 'are'} not listed (\`W\` in the UI lists them all).`);
		const afterShown = after.slice(0, limit);
		if (afterShown.length > 0) {
			lines.push('', `After the onset (${formatClockShort(onset)} UTC), so they cannot have caused it:`, '');
			for (const suspect of afterShown) lines.push(suspectLine(suspect, '-'));
			if (after.length > afterShown.length) lines.push(`- and ${after.length - afterShown.length} more after the onset`);
		}
		lines.push('');
	}
	return lines;
}

/** The distinct suspect events shown (the ranked ones), in order of first appearance. */
function shownEvents(lists: readonly SuspectList[], limit: number): TrailEvent[] {
	const shown = new Map<string, TrailEvent>();
	for (const {suspects} of lists) for (const suspect of suspects.slice(0, limit)) shown.set(suspect.event.eventId, suspect.event);
	return [...shown.values()];
}

/** Events a busy account's fallback resource list reads at most (each may parse a record). */
const MAX_RECENT = 500;

/** The newest changes (and failed calls) of the 30 minutes before `now`: what "involved" means without suspects. */
function recentChanges(events: readonly TrailEvent[], now: number): TrailEvent[] {
	const from = now - SUSPECT_WINDOW_MS;
	const out: TrailEvent[] = [];
	for (const event of events) {
		if (out.length === MAX_RECENT) break;
		if (event.eventTime >= from && event.eventTime <= now && (event.readOnly !== true || event.errorCode !== null)) out.push(event);
	}
	return out;
}

/**
 * "Resources involved": what the shown suspects acted on, most often named first; when nothing is
 * flagged, what the changes of the last 30 minutes acted on, and it says so.
 */
function resourcesLine(suspects: readonly TrailEvent[], recent: readonly TrailEvent[], flagged: boolean, max: number): string[] {
	const events = suspects.length > 0 ? suspects : recent;
	const basis =
		suspects.length > 0 ? 'the suspect events' : `the changes of the last 30 minutes (${flagged ? 'no suspect before the flags' : 'nothing is flagged'})`;
	const counts = new Map<string, number>();
	for (const event of events) {
		for (const resource of eventResources(event)) {
			const text = resourceText(resource);
			counts.set(text, (counts.get(text) ?? 0) + 1);
		}
	}
	if (counts.size === 0) return [`- **Resources involved:** none named by ${basis}`];
	const ranked = [...counts].sort((a, b) => b[1] - a[1]);
	const shown = ranked.slice(0, max).map(([text, count]) => `${short(text, 120)} (${count} event${count === 1 ? '' : 's'})`);
	const more = ranked.length > max ? `, and ${ranked.length - max} more` : '';
	const from = suspects.length > 0 ? '' : ` (from ${basis})`;
	return [`- **Resources involved:** ${shown.join(', ')}${more}${from}`];
}

/** How the full CloudTrail records of the suspects are handed over. */
export type RecordsMode =
	/** In the hand-off itself (--full). */
	| {readonly kind: 'inline'}
	/** In a file written beside the hand-off (the UI's `s`), named here. */
	| {readonly kind: 'file'; readonly name: string}
	/** Left out with a note saying how to get them (--once without --full). */
	| {readonly kind: 'omitted'};

function recordsSection(events: readonly TrailEvent[], mode: RecordsMode): string[] {
	if (events.length === 0) return [];
	const count = `${events.length} suspect event${events.length === 1 ? '' : 's'} above`;
	switch (mode.kind) {
		case 'inline':
			return ['## Records', '', ...events.flatMap(event => [`### ${cell(event.eventName)} ${cell(event.eventId)}`, '', recordBlock(event), ''])];
		case 'file':
			return ['## Records', '', `The full CloudTrail records of the suspect events (up to ${MAX_SUSPECTS} per flagged metric) are in ${cell(mode.name)}, beside this file.`, ''];
		case 'omitted':
			return [
				'## Records',
				'',
				`The full CloudTrail records of the ${count} are left out to keep this hand-off ticket-sized: \`iot-monitor --once --format markdown --full\` includes them, and \`s\` in the UI writes them to a file beside the hand-off.`,
				'',
			];
	}
}

/** Characters a hand-off may have by default: half of a ticket field's usual 32,767. */
export const HANDOFF_MAX_CHARS = 16_000;

/** Untrusted text in a line or cell is cut to this many characters in the hand-off. */
const MAX_CELL = 300;

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

/** The metrics worth a row when the table must shrink: flagged, in error, without data, or watched by an alarm in ALARM. */
function notable(series: MetricSeries, alarmStates: AlarmStates): boolean {
	return (series.deviation !== null && series.deviation.severity !== 'ok') || series.state !== 'ok' || alarmStates.get(series.name) === 'ALARM';
}

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

/** The full records of the suspects a default hand-off lists, as a Markdown file of its own (null when there are none). */
export function incidentRecords(snapshot: Snapshot, handoffName: string): string | null {
	const flagged = snapshot.metrics.filter(series => series.judgement === 'judged' && series.deviation && series.deviation.severity !== 'ok');
	const events = shownEvents(suspectLists(flagged, snapshot.events), MAX_SUSPECTS);
	if (events.length === 0) return null;
	return [
		`# CloudTrail records for ${cell(handoffName)}`,
		'',
		`The full records of the ${events.length} suspect event${events.length === 1 ? '' : 's'} (up to ${MAX_SUSPECTS} per flagged metric, most suspicious first), as LookupEvents returned them.`,
		'',
		...events.flatMap(event => [`## ${cell(event.eventName)} ${cell(event.eventId)}`, '', recordBlock(event), '']),
	].join('\n');
}
