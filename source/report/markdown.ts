/**
 * The incident hand-off as Markdown, ready to paste into a ticket: where and when, the overall state,
 * the flags with their baselines, the alarms, every metric, and for each flagged metric the control-plane
 * events of the 30 minutes before its deviation began, most suspicious first, each with its full record.
 * Pure: the same snapshot gives the same text (the golden-file test relies on it).
 *
 * Everything from CloudTrail and CloudWatch reasons is untrusted: terminal controls are removed
 * (sanitize), Markdown and HTML syntax in table cells is escaped, and each record sits in a code fence
 * longer than any backtick run inside it, so no event can break out of its block.
 */
import {alarmStatesByMetric} from '../iot/alarm-states.js';
import {deviationOnset} from '../monitor/deviation-onset.js';
import {formatClock, formatClockShort} from '../render/format.js';
import {flagText, metricDelta} from '../render/judgement.js';
import {safeJsonStringify} from '../text/json.js';
import {sanitize, sanitizeMultiline} from '../text/sanitize.js';
import {identityLabel} from '../trail/identity.js';
import {recordText} from '../trail/packed-record.js';
import {recordOf} from '../trail/record.js';
import {suspectsFor, SUSPECT_WINDOW_MS, type Suspect} from '../trail/suspects.js';
import type {Alarm, AlarmState, MetricSeries, Snapshot, TrailEvent} from '../types.js';

type AlarmStates = ReadonlyMap<string, AlarmState>;

/** Suspects listed per flagged metric. */
const MAX_SUSPECTS = 10;

export type ReportInput = {
	readonly snapshot: Snapshot;
	/** Defaults to the snapshot's own alarm list. */
	readonly alarms?: readonly Alarm[];
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

function header(snapshot: Snapshot, alarms: readonly Alarm[]): string[] {
	const flagged = snapshot.metrics.filter(series => series.deviation && series.deviation.severity !== 'ok');
	const crit = flagged.filter(series => series.deviation?.severity === 'crit').length;
	const firing = alarms.filter(alarm => alarm.state === 'ALARM').length;
	const where = snapshot.demo ? `${snapshot.region} (DEMO: simulated account)` : `${snapshot.region}${snapshot.profile ? `, profile ${snapshot.profile}` : ''}`;
	const counts = [`${crit} CRIT`, `${flagged.length - crit} WARN`, `${firing} alarm${firing === 1 ? '' : 's'} in ALARM`].join(', ');
	return [
		`# iot-monitor incident snapshot: ${cell(snapshot.region)}, ${when(snapshot.generatedAt)}`,
		'',
		`- **Status:** ${snapshot.status} (${counts})`,
		`- **Where:** ${cell(where)}`,
		`- **Metrics refreshed:** ${when(snapshot.health.metrics.lastSuccess)}${snapshot.health.metrics.error ? ` (last attempt failed: ${cell(snapshot.health.metrics.error)})` : ''}`,
		`- **Events refreshed:** ${when(snapshot.health.trail.lastSuccess)}, ${snapshot.events.length} events since ${when(snapshot.eventsSince)}${snapshot.health.trail.error ? ` (last attempt failed: ${cell(snapshot.health.trail.error)})` : ''}`,
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
	];
}

function alarmsSection(alarms: readonly Alarm[]): string[] {
	const firing = alarms.filter(alarm => alarm.state === 'ALARM');
	const others = alarms.filter(alarm => alarm.state !== 'ALARM');
	const lines = ['## Alarms', ''];
	if (alarms.length === 0) return [...lines, 'No CloudWatch alarm watches AWS/IoT metrics in this region.', ''];
	if (firing.length === 0) lines.push('No IoT alarm is in ALARM.', '');
	else {
		lines.push('| Alarm | State | Since (UTC) | Watches | Reason |', '| --- | --- | --- | --- | --- |');
		for (const alarm of firing) {
			const watches = alarm.kind === 'composite' ? `composite of ${alarm.children.map(cell).join(', ')}` : alarm.metrics.map(cell).join(', ');
			lines.push(`| ${cell(alarm.name)} | ALARM | ${when(alarm.since)} | ${watches} | ${cell(alarm.reason)} |`);
		}
		lines.push('');
	}
	if (others.length > 0) lines.push(`Other IoT alarms: ${others.map(alarm => `${cell(alarm.name)} (${alarm.state})`).join(', ')}.`, '');
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

function suspectLine(suspect: Suspect, index: number): string {
	const event = suspect.event;
	const where = event.sourceIp ? ` from ${cell(event.sourceIp)}` : '';
	return `${index + 1}. **${cell(event.eventName)}** at ${when(event.eventTime)} by ${cell(identityLabel(event))}${where}: ${suspect.reasons.map(cell).join('; ')} (event ${cell(event.eventId)})`;
}

function suspectsSection(flagged: readonly MetricSeries[], events: readonly TrailEvent[]): string[] {
	const lines = ['## What changed before', ''];
	if (flagged.length === 0) return [...lines, 'Nothing is flagged, so no window to look at.', ''];
	const shown = new Map<string, TrailEvent>();
	for (const series of flagged) {
		const onset = deviationOnset(series);
		if (onset === null) continue;
		const suspects = suspectsFor(events, {metric: series.name, onset}).slice(0, MAX_SUSPECTS);
		lines.push(`### ${cell(series.name)} ${flagText(series)} since ${formatClockShort(onset)} UTC`, '');
		lines.push(`Control-plane changes and failed calls from ${formatClockShort(onset - SUSPECT_WINDOW_MS)} to ${formatClockShort(onset + 60_000)} UTC, most suspicious first:`, '');
		if (suspects.length === 0) lines.push('None in the events loaded.');
		suspects.forEach((suspect, index) => {
			lines.push(suspectLine(suspect, index));
			shown.set(suspect.event.eventId, suspect.event);
		});
		lines.push('');
	}
	if (shown.size > 0) {
		lines.push('## Records', '');
		for (const event of shown.values()) lines.push(`### ${cell(event.eventName)} ${cell(event.eventId)}`, '', recordBlock(event), '');
	}
	return lines;
}

/** The whole hand-off. */
export function incidentMarkdown({snapshot, alarms = snapshot.alarms}: ReportInput): string {
	const flagged = snapshot.metrics.filter(series => series.judgement === 'judged' && series.deviation && series.deviation.severity !== 'ok');
	const alarmStates = alarmStatesByMetric(alarms);
	return [
		...header(snapshot, alarms),
		...flagsTable(flagged, alarmStates),
		...alarmsSection(alarms),
		...metricsTable(snapshot.metrics, alarmStates),
		...suspectsSection(flagged, snapshot.events),
		'_Written by iot-monitor. Times are UTC; values are per-minute Sums across all dimension sets._',
		'',
	].join('\n');
}
