/**
 * CloudWatch alarms on AWS/IoT metrics: DescribeAlarms for metric and composite alarms, every page,
 * decoded into our own Alarm type. A metric alarm is ours when it watches an AWS/IoT metric (directly or
 * inside a metric-math alarm); a composite alarm is ours when its rule refers to one of ours.
 */
import {DescribeAlarmsCommand, type CloudWatchClient, type CompositeAlarm, type MetricAlarm} from '@aws-sdk/client-cloudwatch';
import {ALARM_STATE_RANK} from '../iot/alarm-states.js';
import type {Alarm, AlarmState} from '../types.js';
import {isObject, nonEmpty} from './answer-shape.js';

const NAMESPACE = 'AWS/IoT';
/** CloudWatch's largest page; DescribeAlarms allows 9 requests per second, we make a handful per minute. */
const PAGE_SIZE = 100;
/** 5,000 alarms: beyond that the account has a bigger problem than this list. */
const MAX_PAGES = 50;

const STATES: readonly AlarmState[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];

function state(value: unknown): AlarmState {
	return STATES.find(s => s === value) ?? 'INSUFFICIENT_DATA';
}

function time(value: unknown): number | null {
	const ms = value instanceof Date ? value.getTime() : Number.NaN;
	return Number.isFinite(ms) ? ms : null;
}

/** The AWS/IoT metric names a metric alarm watches (parts of the wrong type are ignored). */
function iotMetrics(alarm: MetricAlarm): string[] {
	const names = new Set<string>();
	const metricName = nonEmpty(alarm.MetricName);
	if (alarm.Namespace === NAMESPACE && metricName) names.add(metricName);
	const queries: unknown = alarm.Metrics;
	for (const query of Array.isArray(queries) ? queries : []) {
		const stat = isObject(query) ? query['MetricStat'] : undefined;
		const metric = isObject(stat) ? stat['Metric'] : undefined;
		const name = isObject(metric) ? nonEmpty(metric['MetricName']) : null;
		if (isObject(metric) && metric['Namespace'] === NAMESPACE && name) names.add(name);
	}
	return [...names];
}

/** Alarm names an AlarmRule refers to: ALARM("name"), OK(name), INSUFFICIENT_DATA('name'), or an ARN. */
export function ruleChildren(rule: unknown): string[] {
	const out = new Set<string>();
	if (typeof rule !== 'string') return [];
	const reference = /\b(?:ALARM|OK|INSUFFICIENT_DATA)\s*\(\s*(?:"([^"]*)"|'([^']*)'|([^\s)]+))\s*\)/g;
	for (const match of rule.matchAll(reference)) {
		const name = (match[1] ?? match[2] ?? match[3] ?? '').trim();
		const bare = /^arn:aws[\w-]*:cloudwatch:[^:]*:\d*:alarm:(.+)$/.exec(name)?.[1] ?? name;
		if (bare) out.add(bare);
	}
	return [...out];
}

/**
 * The accounts whose IoT metrics a cross-account alarm watches (a monitoring account's alarm on a linked
 * account's metrics carries `AccountId` on its metric queries); empty: the alarm's own account.
 */
function metricAccounts(alarm: MetricAlarm): string[] {
	const accounts = new Set<string>();
	const queries: unknown = alarm.Metrics;
	for (const query of Array.isArray(queries) ? queries : []) {
		if (!isObject(query)) continue;
		const stat = query['MetricStat'];
		const metric = isObject(stat) ? stat['Metric'] : undefined;
		const account = query['AccountId'];
		if (isObject(metric) && metric['Namespace'] === NAMESPACE && typeof account === 'string' && /^\d{12}$/.test(account)) accounts.add(account);
	}
	return [...accounts];
}

function fromMetricAlarm(alarm: MetricAlarm, metrics: readonly string[]): Alarm {
	const accounts = metricAccounts(alarm);
	return {
		name: nonEmpty(alarm.AlarmName) ?? '(unnamed alarm)',
		arn: nonEmpty(alarm.AlarmArn),
		kind: 'metric',
		state: state(alarm.StateValue),
		since: time(alarm.StateTransitionedTimestamp) ?? time(alarm.StateUpdatedTimestamp),
		reason: nonEmpty(alarm.StateReason),
		description: nonEmpty(alarm.AlarmDescription),
		metrics,
		children: [],
		...(accounts.length > 0 ? {accounts} : {}),
	};
}

function fromCompositeAlarm(alarm: CompositeAlarm, children: readonly string[]): Alarm {
	return {
		name: nonEmpty(alarm.AlarmName) ?? '(unnamed alarm)',
		arn: nonEmpty(alarm.AlarmArn),
		kind: 'composite',
		state: state(alarm.StateValue),
		since: time(alarm.StateTransitionedTimestamp) ?? time(alarm.StateUpdatedTimestamp),
		reason: nonEmpty(alarm.StateReason),
		description: nonEmpty(alarm.AlarmDescription),
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
export async function describeIotAlarms(client: CloudWatchClient, query: AlarmQuery = {}): Promise<Alarm[]> {
	return (await describeIotAlarmsCounted(client, query)).alarms;
}

/** The list items that are objects; anything else in it (or a list that is not one) is counted. */
function objects<T>(value: unknown, count: (n: number) => void): T[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) {
		count(1);
		return [];
	}
	const out = value.filter(isObject);
	count(value.length - out.length);
	return out as T[];
}

/**
 * As describeIotAlarms, also counting the parts of the answers that could not be used: items that are
 * not alarms, an alarm list that is not a list, a NextToken that is not text. Fields of the wrong type
 * in an alarm read as absent. Never throws on any answer the SDK hands over.
 */
export async function describeIotAlarmsCounted(
	client: CloudWatchClient,
	{signal, onCall = () => {}, pageSize = PAGE_SIZE}: AlarmQuery = {},
): Promise<{alarms: Alarm[]; skipped: number}> {
	const metricAlarms: MetricAlarm[] = [];
	const composites: CompositeAlarm[] = [];
	let skipped = 0;
	const count = (n: number) => (skipped += n);
	let token: string | undefined;
	const tokens = new Set<string>();
	for (let page = 0; page < MAX_PAGES; page++) {
		onCall();
		const answer: unknown = await client.send(
			new DescribeAlarmsCommand({AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], MaxRecords: pageSize, NextToken: token}),
			{abortSignal: signal},
		);
		const top = isObject(answer) ? answer : {};
		metricAlarms.push(...objects<MetricAlarm>(top['MetricAlarms'], count));
		composites.push(...objects<CompositeAlarm>(top['CompositeAlarms'], count));
		const next = top['NextToken'];
		token = typeof next === 'string' && next !== '' && !tokens.has(next) ? next : undefined;
		if (token === undefined && next !== undefined && next !== null && next !== '') skipped++;
		if (!token) break;
		tokens.add(token);
	}
	const ours: Alarm[] = [];
	const names = new Set<string>();
	for (const alarm of metricAlarms) {
		const metrics = iotMetrics(alarm);
		if (metrics.length === 0) continue;
		ours.push(fromMetricAlarm(alarm, metrics));
		names.add(nonEmpty(alarm.AlarmName) ?? '');
	}
	// Composites over composites: repeat until no new one joins.
	const pending = composites.map(alarm => ({alarm, children: ruleChildren(alarm.AlarmRule)}));
	for (let added = true; added; ) {
		added = false;
		for (const [index, {alarm, children}] of pending.entries()) {
			if (!children.some(child => names.has(child))) continue;
			ours.push(fromCompositeAlarm(alarm, children));
			names.add(nonEmpty(alarm.AlarmName) ?? '');
			pending.splice(index, 1);
			added = true;
			break;
		}
	}
	const alarms = ours.sort((a, b) => ALARM_STATE_RANK[a.state] - ALARM_STATE_RANK[b.state] || a.name.localeCompare(b.name));
	return {alarms, skipped};
}
