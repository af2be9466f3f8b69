/**
 * Pure: the stable public JSON shape of a snapshot (`--once --json`). Only our own fields, never an SDK
 * shape. Later features add keys; existing keys keep their meaning.
 */
import type {Deviation, MetricSeries, Snapshot} from '../types.js';
import {eventToJsonWithLate} from '../trail/event-json.js';

/**
 * What the data of one metric is, never how it is judged (that is `severity`), so no word here reads "ok"
 * on a CRIT row: `current` (the newest settled minute, judged), `learning` (a value, but too little history
 * to judge it), `stale` (the last poll that worked is more than two poll intervals old), `no-data`, `error`.
 */
export type MetricDataState = 'current' | 'learning' | 'stale' | 'no-data' | 'error';

export function metricDataState(series: MetricSeries, snapshot: Pick<Snapshot, 'generatedAt' | 'health'>): MetricDataState {
	if (series.state === 'error' || series.judgement === 'error') return 'error';
	if (series.state === 'no-data' || series.latest === null || series.judgement === 'no-data') return 'no-data';
	const {lastSuccess, intervalMs} = snapshot.health.metrics;
	if (lastSuccess !== null && snapshot.generatedAt - lastSuccess > 2 * intervalMs) return 'stale';
	return series.judgement === 'learning' ? 'learning' : 'current';
}

const iso = (ms: number | null | undefined) => (typeof ms === 'number' && ms > 0 ? new Date(ms).toISOString() : null);

function deviationToJson(deviation: Deviation) {
	return {
		...deviation,
		since: iso(deviation.since),
		peak: deviation.peak ? {...deviation.peak, t: iso(deviation.peak.t)} : null,
		newNormalSince: iso(deviation.newNormalSince),
	};
}

export function snapshotToJson(snapshot: Snapshot) {
	return {
		generatedAt: iso(snapshot.generatedAt),
		region: snapshot.region,
		eventsSince: iso(snapshot.eventsSince),
		metrics: snapshot.metrics.map(series => ({
			name: series.name,
			state: metricDataState(series, snapshot),
			// The flag: ok, warn or crit when judged, else null (learning, no data, error).
			severity: series.judgement === 'judged' && series.deviation ? series.deviation.severity : null,
			// The Sum for the bucket starting at `timestamp`, over all dimension sets; null without data.
			value: series.state === 'ok' && series.latest ? series.latest.v : null,
			timestamp: series.state === 'ok' && series.latest ? iso(series.latest.t) : null,
			period: series.period,
			stat: series.stat,
			judgement: series.judgement,
			baseline: series.judgement === 'judged' ? series.baseline : null,
			// Times as ISO strings: since (the flag's fixed onset), peak.t, newNormalSince; phase and reason as the screen shows them.
			deviation: series.judgement === 'judged' && series.deviation ? deviationToJson(series.deviation) : null,
			...(series.error ? {error: series.error} : {}),
		})),
		// `late` as in `tail --json`; one refresh is all backlog, so it reads false here.
		events: snapshot.events.map(eventToJsonWithLate),
		// IoT alarms, ALARM first; an alarm in ALARM makes `status` CRIT.
		alarms: snapshot.alarms.map(alarm => ({
			name: alarm.name,
			kind: alarm.kind,
			state: alarm.state,
			since: iso(alarm.since),
			reason: alarm.reason,
			metrics: alarm.metrics,
			children: alarm.children,
		})),
		status: snapshot.status,
		errors: {
			metrics: snapshot.health.metrics.error,
			trail: snapshot.health.trail.error,
			alarms: snapshot.alarmsError,
			// Unreadable parts of the latest AWS answers, skipped (the rest of each answer was used).
			skipped: {
				metrics: (snapshot.health.metrics.skipped ?? 0) - (snapshot.alarmsSkipped ?? 0),
				trail: snapshot.health.trail.skipped ?? 0,
				alarms: snapshot.alarmsSkipped ?? 0,
			},
		},
	};
}
