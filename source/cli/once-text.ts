/** Pure: a plain-text rendering of one snapshot for `--once` without `--json`, in the glyphs of `g` (--ascii). */
import type {Snapshot} from '../types.js';
import {sanitize} from '../text/sanitize.js';
import {pad} from '../text/width.js';
import {UNICODE, type Glyphs} from '../render/glyphs.js';
import {formatClock} from '../render/format.js';
import {flagText, metricDelta} from '../render/judgement.js';

export function snapshotToText(snapshot: Snapshot, g: Glyphs = UNICODE): string {
	const lines = [
		`iot-monitor ${snapshot.region} ${snapshot.status} at ${new Date(snapshot.generatedAt).toISOString()} (times UTC)`,
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
