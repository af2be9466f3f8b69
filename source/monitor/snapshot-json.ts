/**
 * Pure: the stable public JSON shape of a snapshot (`--once --json`). Only our own fields, never an SDK
 * shape. Later features add keys; existing keys keep their meaning.
 */
import type {Deviation, Snapshot} from '../types.js';
import {eventToJson} from '../trail/event-json.js';

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
			state: series.state,
			// The Sum for the bucket starting at `timestamp`, over all dimension sets; null unless state is ok.
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
		events: snapshot.events.map(eventToJson),
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
		},
	};
}
