/** The parts of a Snapshot that sum up the sources: each poller's health, and the overall status. */
import type {Alarm, MetricSeries, Snapshot, SourceHealth} from '../types.js';
import type {CallCounter} from './call-counter.js';

/** A poller's state as the snapshot shows it, with its calls and throttles of the last minute. */
export function pollerHealth(
	state: {readonly lastSuccess: number | null; readonly lastAttempt: number | null; readonly error: string | null; readonly throttled: boolean},
	calls: CallCounter,
	throttles: CallCounter,
	intervalMs: number,
	skipped: number,
): SourceHealth {
	return {
		skipped,
		lastSuccess: state.lastSuccess,
		lastAttempt: state.lastAttempt,
		error: state.error,
		throttled: state.throttled,
		callsLastMinute: calls.lastMinute(),
		throttlesLastMinute: throttles.lastMinute(),
		intervalMs,
	};
}

/**
 * Monitoring-plugin status: CRIT when any judged metric is flagged CRIT or any IoT alarm is in ALARM (the
 * account's own alarm says so); WARN for a WARN flag; UNKNOWN when a source failed or nothing could be
 * judged yet; OK otherwise.
 */
export function overallStatus(series: readonly MetricSeries[], sourceFailed: boolean, alarms: readonly Alarm[] = []): Snapshot['status'] {
	const severities = series.flatMap(s => (s.judgement === 'judged' && s.deviation ? [s.deviation.severity] : []));
	if (severities.includes('crit') || alarms.some(alarm => alarm.state === 'ALARM')) return 'CRIT';
	if (severities.includes('warn')) return 'WARN';
	if (sourceFailed || severities.length === 0) return 'UNKNOWN';
	return 'OK';
}
