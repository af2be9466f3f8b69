/**
 * Pure: a plain-text rendering of one snapshot for `--once` without `--json`, in the glyphs of `g` (--ascii).
 * The first line is a monitoring-plugin status line (Nagios, Icinga, Sensu show only that line in a list):
 * `IOT-MONITOR CRIT - PublishIn.Success -87% (▼CRIT) | PublishIn.Success=1523;;;0 ...`, the status, what
 * made it (or, for UNKNOWN, why nothing could be judged), then `|` and one perfdata item per metric. The
 * lines after it are the long output: the metric table, the events, the failures.
 */
import type {MetricSeries, Snapshot, SourceHealth} from '../types.js';
import {sanitize} from '../text/sanitize.js';
import {pad} from '../text/width.js';
import {UNICODE, type Glyphs} from '../render/glyphs.js';
import {formatClock} from '../render/format.js';
import {arrow, flaggedSeverity, flagReason, flagText, metricDelta} from '../render/judgement.js';

/**
 * An error message as --once reports it: it exits, so the "retrying" the live UI appends is not true here
 * ("…: backing off and retrying", "…; retrying", "…: retrying; check …").
 */
export function withoutRetrying(message: string): string {
	return message
		.replace(/: backing off and retrying$/, '')
		.replace(/; retrying$/, '')
		.replace(/: retrying; /, ': ');
}

/** The snapshot --once prints (in any format): its failure messages without the live UI's "retrying". */
export function finalSnapshot(snapshot: Snapshot): Snapshot {
	const settle = (health: SourceHealth): SourceHealth => (health.error ? {...health, error: withoutRetrying(health.error)} : health);
	return {
		...snapshot,
		health: {metrics: settle(snapshot.health.metrics), trail: settle(snapshot.health.trail)},
		alarmsError: snapshot.alarmsError === null ? null : withoutRetrying(snapshot.alarmsError),
	};
}

/** `IOT-MONITOR <STATUS> - <summary>[ | <perfdata>]`, on one line; a `|` in the summary would end it early. */
export function nagiosLine(status: Snapshot['status'], summary: string, perfdata = ''): string {
	const text = sanitize(summary).replaceAll('|', '/');
	return `IOT-MONITOR ${status} - ${text}${perfdata ? ` | ${perfdata}` : ''}`;
}

const formatValue = (value: number) => (value < 10 ? String(Math.round(value * 10) / 10) : String(Math.round(value)));

/** "PublishIn.Success -87% (▼CRIT)"; when the usual value is too small for a percent: "… 12/min, expected 0 (▲CRIT)". */
function flaggedText(series: MetricSeries, g: Glyphs): string {
	const severity = flaggedSeverity(series)!.toUpperCase();
	const mark = `(${arrow(series.deviation!.direction, g)}${severity})`;
	const delta = metricDelta(series, g);
	// A percent where one means something; with a usual value too small to divide by, the value and the expectation.
	if (delta !== g.missing && series.deviation!.percent !== null) return `${sanitize(series.name)} ${delta} ${mark}`;
	return `${sanitize(series.name)} ${formatValue(series.latest?.v ?? 0)}/min, expected ${formatValue(series.baseline?.expected ?? 0)} ${mark}`;
}

/** The distinct failure messages of the two sources (missing credentials fail both with the same words). */
const sourceFailures = (snapshot: Snapshot): string[] => [
	...new Set([snapshot.health.metrics.error, snapshot.health.trail.error].filter((error): error is string => error !== null)),
];

/** Why nothing could be judged: a failed source first, else the learning or missing data. */
function unknownReason(snapshot: Snapshot): string {
	const failures = sourceFailures(snapshot);
	if (failures.length > 0) return failures.join('; ');
	const judged = snapshot.metrics.filter(series => series.judgement === 'judged').length;
	const learning = snapshot.metrics.filter(series => series.judgement === 'learning').length;
	if (judged === 0 && learning > 0) return `baselines still learning for ${learning} of ${snapshot.metrics.length} metrics: nothing could be judged yet`;
	return `no data for any of the ${snapshot.metrics.length} metrics: nothing could be judged`;
}

/** The summary after the status: the flagged metrics (CRIT first) and alarms in ALARM, or why it is OK or UNKNOWN. */
export function statusSummary(snapshot: Snapshot, g: Glyphs = UNICODE): string {
	if (snapshot.status === 'UNKNOWN') return unknownReason(snapshot);
	const flagged = snapshot.metrics
		.filter(series => flaggedSeverity(series) !== null)
		.sort((a, b) => (flaggedSeverity(a) === flaggedSeverity(b) ? 0 : flaggedSeverity(a) === 'crit' ? -1 : 1))
		.map(series => flaggedText(series, g));
	const alarms = snapshot.alarms.filter(alarm => alarm.state === 'ALARM').map(alarm => `alarm ${sanitize(alarm.name)} in ALARM`);
	const parts = [...flagged, ...alarms];
	if (parts.length === 0) {
		const judged = snapshot.metrics.filter(series => series.judgement === 'judged').length;
		parts.push(`${judged} of ${snapshot.metrics.length} metrics within their baselines`);
	}
	// A flag is still true when another source failed, but the reader must know the rest is incomplete.
	const failed = sourceFailures(snapshot);
	return parts.join(', ') + (failed.length > 0 ? `; also ${failed.join('; ')}` : '');
}

/** A perfdata label: quoted when it holds a space, with no `=` or `'` (they would end it). */
const label = (name: string) => {
	const clean = sanitize(name).replaceAll(/['=|]/g, '_');
	return /\s/.test(clean) ? `'${clean}'` : clean;
};

/** One item per metric, the newest settled minute's Sum: `PublishIn.Success=1523;;;0`, `U` when there is no value. */
export function perfdata(snapshot: Snapshot): string {
	return snapshot.metrics
		.map(series => `${label(series.name)}=${series.state === 'ok' && series.latest ? series.latest.v : 'U'};;;0`)
		.join(' ');
}

export function snapshotToText(snapshot: Snapshot, g: Glyphs = UNICODE): string {
	const lines = [
		nagiosLine(snapshot.status, statusSummary(snapshot, g), perfdata(snapshot)),
		`${sanitize(snapshot.region)} at ${new Date(snapshot.generatedAt).toISOString()} (times UTC)`,
		'',
	];
	lines.push(`${pad('METRIC', 28)} ${pad('VALUE/min', 10, 'right')} ${pad('EXPECTED', 10, 'right')} ${pad(g.delta, 7, 'right')}  FLAG    BUCKET`);
	for (const series of snapshot.metrics) {
		const value =
			series.state === 'ok' && series.latest
				? String(series.latest.v)
				: series.state === 'error'
					? 'error'
					: 'no data';
		const judged = series.judgement === 'judged' && series.baseline && series.deviation;
		const raw = series.baseline?.expected ?? 0;
		const expected = judged ? (raw < 10 ? raw.toFixed(1) : String(Math.round(raw))) : '';
		const percent = metricDelta(series, g);
		const flag = flagText(series, g);
		const bucket = series.latest ? formatClock(series.latest.t) : '';
		lines.push(
			`${pad(series.name, 28)} ${pad(value, 10, 'right')} ${pad(expected, 10, 'right')} ${pad(percent, 7, 'right')}  ${pad(flag, 7)} ${bucket}`.trimEnd(),
		);
	}
	// Why each flag (or new normal) stands, in the judge's words: the same text as deviation.reason.
	const reasons = snapshot.metrics.flatMap(series => {
		const reason = flagReason(series);
		return reason === null ? [] : [`${series.name}: ${sanitize(reason)}`];
	});
	if (reasons.length > 0) lines.push('', 'WHY', ...reasons);
	lines.push('', `EVENTS since ${formatClock(snapshot.eventsSince)} (${snapshot.events.length})`);
	for (const event of snapshot.events.slice(0, 20)) {
		lines.push(
			[
				formatClock(event.eventTime),
				pad(sanitize(event.eventName), 26),
				pad(sanitize(`${event.identityType} ${event.username ?? ''}`), 30),
				pad(sanitize(event.sourceIp ?? ''), 16),
				event.errorCode ? `${g.cross} ${sanitize(event.errorCode)}` : '',
			]
				.join(' ')
				.trimEnd(),
		);
	}
	for (const [source, health] of Object.entries(snapshot.health)) {
		if (health.error) lines.push(`${g.cross} ${source}: ${sanitize(health.error)}`);
	}
	return lines.join('\n') + '\n';
}
