/**
 * CloudWatch alarms on AWS/IoT metrics, refreshed about once a minute (alarms are evaluated per period,
 * at most every minute). Alarms are a help, not the core: when DescribeAlarms is denied or fails the
 * last list is kept and the error becomes state, and the metrics and events carry on.
 */
import type {CloudWatchClient} from '../aws/clients.js';
import {describeIotAlarmsCounted} from '../aws/alarms.js';
import {describeAwsError} from '../aws/errors.js';
import type {Alarm} from '../types.js';

export type AlarmsState = {
	readonly alarms: readonly Alarm[];
	readonly error: string | null;
	readonly lastSuccess: number | null;
	/** Unreadable parts of the latest DescribeAlarms answers, skipped (the rest was used). */
	readonly skipped: number;
};

export type AlarmsPollerOptions = {
	readonly client: CloudWatchClient;
	readonly now: () => number;
	readonly onCall: () => void;
};

export class AlarmsPoller {
	private state: AlarmsState = {alarms: [], error: null, lastSuccess: null, skipped: 0};

	constructor(private readonly options: AlarmsPollerOptions) {}

	getState(): AlarmsState {
		return this.state;
	}

	/** One refresh; never throws. */
	async poll(signal: AbortSignal): Promise<void> {
		try {
			const {alarms, skipped} = await describeIotAlarmsCounted(this.options.client, {signal, onCall: this.options.onCall});
			// The same list keeps its reference: the snapshot then shows nothing new, and the screen waits
			// for its next tick instead of drawing the same alarms again (source/ui/shared/use-monitor.ts).
			const kept = sameAlarms(this.state.alarms, alarms) ? this.state.alarms : alarms;
			this.state = {alarms: kept, error: null, lastSuccess: this.options.now(), skipped};
		} catch (error) {
			if (signal.aborted) return;
			this.state = {...this.state, error: describeAwsError(error, 'CloudWatch alarms').message};
		}
	}
}

/** Whether two alarm lists say the same, field for field and in the same order (alarms are plain data). */
export function sameAlarms(a: readonly Alarm[], b: readonly Alarm[]): boolean {
	return a.length === b.length && a.every((alarm, index) => JSON.stringify(alarm) === JSON.stringify(b[index]));
}
