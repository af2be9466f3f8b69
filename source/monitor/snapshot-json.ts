/**
 * Pure: the stable public JSON shape of a snapshot (`--once --json`). Only our own fields, never an SDK
 * shape. Later features add keys; existing keys keep their meaning.
 */
import type {Snapshot} from '../types.js';
import {eventToJsonWithLate} from '../trail/event-json.js';

const iso = (ms: number | null | undefined) => (typeof ms === 'number' && ms > 0 ? new Date(ms).toISOString() : null);

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
			deviation: series.judgement === 'judged' ? series.deviation : null,
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
