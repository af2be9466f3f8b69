/** The hand-off's tables: the flags with their baselines and reasons, the alarms, and every metric. */
import {deviationOnset} from '../monitor/deviation-onset.js';
import {formatClockShort} from '../render/format.js';
import {flagReason, flagText, metricDelta} from '../render/judgement.js';
import {cell, number, short, when} from './md-text.js';
import type {Alarm, AlarmState, MetricSeries} from '../types.js';

export type AlarmStates = ReadonlyMap<string, AlarmState>;

export function flagsTable(flagged: readonly MetricSeries[], alarmStates: AlarmStates): string[] {
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

export function alarmsSection(alarms: readonly Alarm[], maxRows = Number.POSITIVE_INFINITY): string[] {
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

export function metricsTable(metrics: readonly MetricSeries[], alarmStates: AlarmStates): string[] {
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

/** The metrics worth a row when the table must shrink: flagged, in error, without data, or watched by an alarm in ALARM. */
export function notable(series: MetricSeries, alarmStates: AlarmStates): boolean {
	return (series.deviation !== null && series.deviation.severity !== 'ok') || series.state !== 'ok' || alarmStates.get(series.name) === 'ALARM';
}
