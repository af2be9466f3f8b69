/** Pure: which CloudWatch alarm state goes with each metric. */
import type {Alarm, AlarmState} from '../types.js';

/** Worst first: ALARM, then INSUFFICIENT_DATA, then OK. */
export const ALARM_STATE_RANK: Readonly<Record<AlarmState, number>> = {ALARM: 0, INSUFFICIENT_DATA: 1, OK: 2};

/** The worst state of the metric alarms that watch each metric name. Composite alarms watch alarms, not metrics. */
export function alarmStatesByMetric(alarms: readonly Alarm[]): ReadonlyMap<string, AlarmState> {
	const out = new Map<string, AlarmState>();
	for (const alarm of alarms) {
		if (alarm.kind !== 'metric') continue;
		for (const name of alarm.metrics) {
			const seen = out.get(name);
			if (seen === undefined || ALARM_STATE_RANK[alarm.state] < ALARM_STATE_RANK[seen]) out.set(name, alarm.state);
		}
	}
	return out;
}
