/**
 * The simulated account's CloudWatch alarms. Their state is not scripted: each metric alarm evaluates
 * the fleet's settled data at the simulated now, so it follows incidents with CloudWatch's own lag.
 */
import {type Dimension, type Fleet, SIM_COMPLETE_AFTER_MS} from './fleet.js';

const MINUTE = 60_000;
/** How far back a state's start is searched; older transitions are reported as this long ago. */
const HISTORY_MS = 24 * 60 * MINUTE;

export const SIM_ACCOUNT = '123456789012';
export const SIM_REGION = 'us-east-1';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
type Comparison = 'GreaterThanThreshold' | 'LessThanThreshold';

export type MetricAlarmDef = {
	readonly name: string;
	readonly description: string;
	readonly metricName: string;
	readonly dimensions: readonly Dimension[];
	readonly period: number; // seconds
	readonly evaluationPeriods: number;
	readonly datapointsToAlarm: number;
	readonly threshold: number;
	readonly comparison: Comparison;
	readonly treatMissingData: 'missing' | 'notBreaching' | 'breaching';
};

export type CompositeAlarmDef = {readonly name: string; readonly description: string; readonly children: readonly string[]};

const mqtt: readonly Dimension[] = [{Name: 'Protocol', Value: 'MQTT'}];

export const METRIC_ALARMS: readonly MetricAlarmDef[] = [
	{
		name: 'iot-auth-errors', description: 'Devices failing to authenticate (revoked certificate? policy change?)',
		metricName: 'Connect.AuthError', dimensions: mqtt, period: 60, evaluationPeriods: 2, datapointsToAlarm: 2,
		threshold: 50, comparison: 'GreaterThanThreshold', treatMissingData: 'notBreaching',
	},
	{
		name: 'iot-connect-storm', description: 'Reconnect storm: far more CONNECTs than usual',
		metricName: 'Connect.Success', dimensions: mqtt, period: 60, evaluationPeriods: 2, datapointsToAlarm: 2,
		threshold: 45, comparison: 'GreaterThanThreshold', treatMissingData: 'notBreaching',
	},
	{
		// Missing data is breaching: no publishes at all is the worst drop.
		name: 'iot-publish-drop', description: 'Inbound MQTT publishes well below the nightly low',
		metricName: 'PublishIn.Success', dimensions: mqtt, period: 60, evaluationPeriods: 3, datapointsToAlarm: 3,
		threshold: 4000, comparison: 'LessThanThreshold', treatMissingData: 'breaching',
	},
	{
		name: 'iot-publish-out-throttle', description: 'Outbound publishes throttled (has never reported data)',
		metricName: 'PublishOut.Throttle', dimensions: mqtt, period: 300, evaluationPeriods: 1, datapointsToAlarm: 1,
		threshold: 10, comparison: 'GreaterThanThreshold', treatMissingData: 'missing',
	},
	{
		name: 'iot-rule-telemetry-to-s3-failures', description: 'S3 action of telemetry_to_s3 failing',
		metricName: 'Failure', dimensions: [{Name: 'RuleName', Value: 'telemetry_to_s3'}, {Name: 'ActionType', Value: 'S3'}],
		period: 300, evaluationPeriods: 1, datapointsToAlarm: 1,
		threshold: 25, comparison: 'GreaterThanThreshold', treatMissingData: 'notBreaching',
	},
];

export const COMPOSITE_ALARMS: readonly CompositeAlarmDef[] = [
	{
		name: 'iot-fleet-health',
		description: 'Any fleet-wide IoT alarm (publish drop, connect storm, auth errors)',
		children: ['iot-publish-drop', 'iot-connect-storm', 'iot-auth-errors'],
	},
];

/** A state and the times it held: `since` is when the alarm entered it (epoch ms). */
export type Evaluation = {
	readonly state: AlarmState;
	readonly since: number;
	/** The evaluated datapoints, newest first (null = missing). */
	readonly datapoints: ReadonlyArray<{readonly t: number; readonly v: number | null}>;
	/** Every state change in the searched history, oldest first, for composite alarms. */
	readonly timeline: ReadonlyArray<{readonly at: number; readonly state: AlarmState}>;
};

function judge(def: MetricAlarmDef, window: ReadonlyArray<number | null>): AlarmState {
	let breaching = 0;
	let present = 0;
	for (const v of window) {
		if (v === null) {
			if (def.treatMissingData === 'breaching') breaching++;
			if (def.treatMissingData !== 'missing') present++;
			continue;
		}
		present++;
		if (def.comparison === 'GreaterThanThreshold' ? v > def.threshold : v < def.threshold) breaching++;
	}
	if (present === 0) return 'INSUFFICIENT_DATA';
	return breaching >= def.datapointsToAlarm ? 'ALARM' : 'OK';
}

/** Evaluates a metric alarm at `now` from settled data, and finds when its current state began. */
export function evaluateMetricAlarm(fleet: Fleet, def: MetricAlarmDef, now: number): Evaluation {
	const period = def.period * 1000;
	// A bucket counts once its last minute is complete.
	const completeAt = (bucket: number) => bucket + period - MINUTE + SIM_COMPLETE_AFTER_MS;
	const latest = Math.floor((now - period + MINUTE - SIM_COMPLETE_AFTER_MS) / period) * period;
	const series = fleet.find(def.metricName, def.dimensions);
	const count = Math.ceil(HISTORY_MS / period) + def.evaluationPeriods;
	const horizon = fleet.horizon(now);
	const values: Array<number | null> = [];
	for (let i = count - 1; i >= 0; i--) {
		const bucket = latest - i * period;
		let sum: number | null = null;
		for (let t = bucket; series && t < bucket + period; t += MINUTE) {
			const sample = t >= horizon ? fleet.minute(series, t) : null;
			if (sample) sum = (sum ?? 0) + sample.sum;
		}
		values.push(sum);
	}
	const timeline: Array<{at: number; state: AlarmState}> = [];
	for (let end = def.evaluationPeriods; end <= values.length; end++) {
		const state = judge(def, values.slice(end - def.evaluationPeriods, end));
		const at = completeAt(latest - (values.length - end) * period);
		if (timeline.at(-1)?.state !== state) timeline.push({at, state});
	}
	const current = timeline.at(-1) ?? {at: now, state: 'INSUFFICIENT_DATA' as const};
	const datapoints = values
		.slice(-def.evaluationPeriods)
		.map((v, i) => ({t: latest - (def.evaluationPeriods - 1 - i) * period, v}))
		.reverse();
	return {state: current.state, since: current.at, datapoints, timeline};
}

/** A composite alarm is in ALARM while any child is; it changed state at the last child change that flipped it. */
export function evaluateComposite(children: readonly Evaluation[], now: number): Evaluation {
	const stateAt = (time: number) =>
		children.some(child => {
			let state: AlarmState = 'INSUFFICIENT_DATA';
			for (const step of child.timeline) if (step.at <= time) state = step.state;
			return state === 'ALARM';
		})
			? 'ALARM'
			: 'OK';
	const changes = [...new Set(children.flatMap(child => child.timeline.map(step => step.at)))].sort((a, b) => a - b);
	const state = stateAt(now);
	let since = changes[0] ?? now;
	for (let i = changes.length - 1; i >= 0; i--) {
		const at = changes[i] ?? now;
		if (stateAt(at - 1) !== state) {
			since = at;
			break;
		}
	}
	return {state, since, datapoints: [], timeline: [{at: since, state}]};
}
