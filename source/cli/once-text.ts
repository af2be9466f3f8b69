/** Pure: a plain-text rendering of one snapshot for `--once` without `--json`. */
import type {Snapshot} from '../types.js';
import {sanitize} from '../text/sanitize.js';
import {pad} from '../text/width.js';

const time = (ms: number) => new Date(ms).toISOString().slice(11, 19);

export function snapshotToText(snapshot: Snapshot): string {
	const lines = [`iot-monitor ${snapshot.region} at ${new Date(snapshot.generatedAt).toISOString()} (times UTC)`, ''];
	lines.push(`${pad('METRIC', 28)} ${pad('VALUE/min', 10, 'right')}  BUCKET`);
	for (const series of snapshot.metrics) {
		const value =
			series.state === 'ok' && series.latest
				? String(series.latest.v)
				: series.state === 'error'
					? 'error'
					: 'no data';
		const bucket = series.latest ? time(series.latest.t) : '';
		lines.push(`${pad(series.name, 28)} ${pad(value, 10, 'right')}  ${bucket}`);
	}
	lines.push('', `EVENTS since ${time(snapshot.eventsSince)} (${snapshot.events.length})`);
	for (const event of snapshot.events.slice(0, 20)) {
		lines.push(
			[
				time(event.eventTime),
				pad(sanitize(event.eventName), 26),
				pad(sanitize(`${event.identityType} ${event.username ?? ''}`), 30),
				pad(sanitize(event.sourceIp ?? ''), 16),
				event.errorCode ? `✗ ${sanitize(event.errorCode)}` : '',
			]
				.join(' ')
				.trimEnd(),
		);
	}
	for (const [source, health] of Object.entries(snapshot.health)) {
		if (health.error) lines.push(`✗ ${source}: ${sanitize(health.error)}`);
	}
	return lines.join('\n') + '\n';
}
