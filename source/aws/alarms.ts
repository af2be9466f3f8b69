/**
 * CloudWatch alarms on AWS/IoT metrics: DescribeAlarms for metric and composite alarms, every page,
 * decoded into our own Alarm type. A metric alarm is ours when it watches an AWS/IoT metric (directly or
 * inside a metric-math alarm); a composite alarm is ours when its rule refers to one of ours.
 */
import {DescribeAlarmsCommand, type CloudWatchClient, type CompositeAlarm, type MetricAlarm} from '@aws-sdk/client-cloudwatch';
import {ALARM_STATE_RANK} from '../iot/alarm-states.js';
import type {Alarm, AlarmState} from '../types.js';

const NAMESPACE = 'AWS/IoT';
/** CloudWatch's largest page; DescribeAlarms allows 9 requests per second, we make a handful per minute. */
const PAGE_SIZE = 100;
/** 5,000 alarms: beyond that the account has a bigger problem than this list. */
const MAX_PAGES = 50;

const STATES: readonly AlarmState[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];

function state(value: unknown): AlarmState {
	return STATES.find(s => s === value) ?? 'INSUFFICIENT_DATA';
}

function time(value: Date | undefined): number | null {
	const ms = value?.getTime();
	return ms !== undefined && Number.isFinite(ms) ? ms : null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The AWS/IoT metric names a metric alarm watches. */
function iotMetrics(alarm: MetricAlarm): string[] {
	const names = new Set<string>();
	if (alarm.Namespace === NAMESPACE && alarm.MetricName) names.add(alarm.MetricName);
	for (const query of alarm.Metrics ?? []) {
		const metric = query.MetricStat?.Metric;
		if (metric?.Namespace === NAMESPACE && metric.MetricName) names.add(metric.MetricName);
	}
	return [...names];
}

/** Alarm names an AlarmRule refers to: ALARM("name"), OK(name), INSUFFICIENT_DATA('name'), or an ARN. */
export function ruleChildren(rule: string | undefined): string[] {
	const out = new Set<string>();
	const reference = /\b(?:ALARM|OK|INSUFFICIENT_DATA)\s*\(\s*(?:"([^"]*)"|'([^']*)'|([^\s)]+))\s*\)/g;
	for (const match of (rule ?? '').matchAll(reference)) {
		const name = (match[1] ?? match[2] ?? match[3] ?? '').trim();
		const bare = /^arn:aws[\w-]*:cloudwatch:[^:]*:\d*:alarm:(.+)$/.exec(name)?.[1] ?? name;
		if (bare) out.add(bare);
	}
	return [...out];
}

function fromMetricAlarm(alarm: MetricAlarm, metrics: readonly string[]): Alarm {
	return {
		name: alarm.AlarmName ?? '(unnamed alarm)',
		arn: text(alarm.AlarmArn),
		kind: 'metric',
		state: state(alarm.StateValue),
		since: time(alarm.StateTransitionedTimestamp ?? alarm.StateUpdatedTimestamp),
		reason: text(alarm.StateReason),
		description: text(alarm.AlarmDescription),
		metrics,
		children: [],
	};
}

function fromCompositeAlarm(alarm: CompositeAlarm, children: readonly string[]): Alarm {
	return {
		name: alarm.AlarmName ?? '(unnamed alarm)',
		arn: text(alarm.AlarmArn),
		kind: 'composite',
		state: state(alarm.StateValue),
		since: time(alarm.StateTransitionedTimestamp ?? alarm.StateUpdatedTimestamp),
		reason: text(alarm.StateReason),
		description: text(alarm.AlarmDescription),
		metrics: [],
		children,
	};
}

export type AlarmQuery = {
	readonly signal?: AbortSignal;
	/** Called before each request (for the calls-per-minute count). */
	readonly onCall?: () => void;
	/** MaxRecords per page (tests use small pages to see paging). */
	readonly pageSize?: number;
};

/** Every IoT alarm of the account and region: ALARM first, then by name. */
export async function describeIotAlarms(client: CloudWatchClient, {signal, onCall = () => {}, pageSize = PAGE_SIZE}: AlarmQuery = {}): Promise<Alarm[]> {
	const metricAlarms: MetricAlarm[] = [];
	const composites: CompositeAlarm[] = [];
	let token: string | undefined;
	for (let page = 0; page < MAX_PAGES; page++) {
		onCall();
		const answer = await client.send(
			new DescribeAlarmsCommand({AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], MaxRecords: pageSize, NextToken: token}),
			{abortSignal: signal},
		);
		metricAlarms.push(...(answer.MetricAlarms ?? []));
		composites.push(...(answer.CompositeAlarms ?? []));
		token = answer.NextToken || undefined;
		if (!token) break;
	}
	const ours: Alarm[] = [];
	const names = new Set<string>();
	for (const alarm of metricAlarms) {
		const metrics = iotMetrics(alarm);
		if (metrics.length === 0) continue;
		ours.push(fromMetricAlarm(alarm, metrics));
		names.add(alarm.AlarmName ?? '');
	}
	// Composites over composites: repeat until no new one joins.
	const pending = composites.map(alarm => ({alarm, children: ruleChildren(alarm.AlarmRule)}));
	for (let added = true; added; ) {
		added = false;
		for (const [index, {alarm, children}] of pending.entries()) {
			if (!children.some(child => names.has(child))) continue;
			ours.push(fromCompositeAlarm(alarm, children));
			names.add(alarm.AlarmName ?? '');
			pending.splice(index, 1);
			added = true;
			break;
		}
	}
	return ours.sort((a, b) => ALARM_STATE_RANK[a.state] - ALARM_STATE_RANK[b.state] || a.name.localeCompare(b.name));
}
