/** Shared test helpers for the UI: condition polling, a fake monitor and hand-written snapshots. */
import {BASELINE_METRICS, ERROR_METRICS} from '../../source/iot/catalog.js';
import type {MonitorHandle} from '../../source/monitor/types.js';
import type {Alarm, Baseline, MetricSeries, Severity, Snapshot, SourceHealth, TrailEvent} from '../../source/types.js';

/**
 * Polls `predicate` until it returns true (or a truthy value); rejects after `timeoutMs`, but never
 * sooner than 10 s: a passing test returns at once, and a loaded CI machine can take seconds for a frame.
 */
export async function waitFor(predicate: () => unknown, timeoutMs = 2000, what = 'condition'): Promise<void> {
	const limit = Math.max(timeoutMs, 10_000);
	const deadline = Date.now() + limit;
	for (;;) {
		if (predicate()) return;
		if (Date.now() > deadline) throw new Error(`timed out after ${limit} ms waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 5));
	}
}

/** 2024-05-01 12:03:08 UTC: the fixed "now" of these tests. */
export const NOW = Date.UTC(2024, 4, 1, 12, 3, 8);
export const fixedClock = (): number => NOW;
const MINUTE = 60_000;

export function health(overrides: Partial<SourceHealth> = {}): SourceHealth {
	return {lastSuccess: NOW - 8000, lastAttempt: NOW - 8000, error: null, throttled: false, callsLastMinute: 1, throttlesLastMinute: 0, intervalMs: 60_000, ...overrides};
}

/** A metric with 90 one-minute points ending 3 minutes before NOW, values from `value(i)`. */
export function metric(name: string, value: (index: number) => number = () => 100, overrides: Partial<MetricSeries> = {}): MetricSeries {
	const end = NOW - 3 * MINUTE - (NOW % MINUTE);
	const points = Array.from({length: 90}, (_, i) => ({t: end - (89 - i) * MINUTE, v: value(i)}));
	return {
		name,
		state: 'ok',
		period: 60,
		stat: 'Sum',
		points,
		latest: points.at(-1) ?? null,
		dimensionSets: 2,
		error: null,
		judgement: 'learning',
		baseline: null,
		deviation: null,
		band: [],
		...overrides,
	};
}

export function noData(name: string): MetricSeries {
	return metric(name, () => 0, {state: 'no-data', points: [], latest: null, dimensionSets: 0, judgement: 'no-data'});
}

/**
 * A judged metric: `metric(name, value)` with `baseline` (and the same band on every point), the latest
 * value's direction and percent against the expected value, and `severity` as the flag.
 */
export function judged(
	name: string,
	value: (index: number) => number,
	baseline: Baseline,
	severity: Severity = 'ok',
	overrides: Partial<MetricSeries> = {},
): MetricSeries {
	const base = metric(name, value);
	const latest = base.latest?.v ?? 0;
	return {
		...base,
		judgement: 'judged',
		baseline,
		deviation: {
			severity,
			direction: latest >= baseline.expected ? 'up' : 'down',
			score: severity === 'crit' ? 0.99 : severity === 'warn' ? 0.9 : 0.1,
			percent: baseline.expected === 0 ? null : ((latest - baseline.expected) / baseline.expected) * 100,
			change: latest - baseline.expected,
			phase: severity === 'ok' ? 'ok' : 'holding',
			since: null,
			peak: null,
			calm: 0,
			calmNeeded: 3,
			newNormalSince: null,
			reason: null,
		},
		band: base.points.map(point => ({t: point.t, low: baseline.low, high: baseline.high})),
		...overrides,
	};
}

/** Last `n` of 90 points at `after`, the rest at `before`: a step change at the end of the window. */
export const step = (before: number, after: number, n = 3) => (index: number): number => (index >= 90 - n ? after : before);

/**
 * An incident at 3 a.m.: publishes down 84 % (CRIT), a connect storm (+327 %, CRIT), subscribes up
 * (WARN), one metric still learning, one with no data, the rest judged normal; Connect.AuthError CRIT
 * in the error group.
 */
export function incidentMetrics(): MetricSeries[] {
	const ok = (name: string, level: number) =>
		judged(name, i => level + (i % 5), {expected: level + 2, low: level * 0.8, high: level * 1.2});
	const byName: Record<string, MetricSeries> = {
		'PublishIn.Success': judged('PublishIn.Success', step(1150, 182), {expected: 1150, low: 1020, high: 1290}, 'crit'),
		'PublishOut.Success': ok('PublishOut.Success', 2300),
		'Subscribe.Success': judged('Subscribe.Success', step(50, 80, 2), {expected: 50, low: 40, high: 62}, 'warn'),
		'Ping.Success': ok('Ping.Success', 18_204),
		'Connect.Success': judged('Connect.Success', step(96, 410, 4), {expected: 96, low: 80, high: 115}, 'crit'),
		'GetThingShadow.Accepted': metric('GetThingShadow.Accepted', i => 30 + (i % 3)),
		'UpdateThingShadow.Accepted': ok('UpdateThingShadow.Accepted', 640),
		'DeleteThingShadow.Accepted': noData('DeleteThingShadow.Accepted'),
		RulesExecuted: judged('RulesExecuted', () => 0, {expected: 0, low: 0, high: 0}),
		'Connect.AuthError': judged('Connect.AuthError', step(2, 312), {expected: 2, low: 0, high: 6}, 'crit'),
		'PublishIn.AuthError': metric('PublishIn.AuthError', () => 40),
	};
	return [...BASELINE_METRICS, ...ERROR_METRICS].map(name => byName[name] ?? noData(name));
}

/** Newest first, one a minute back from NOW: ids "e0" (newest) .. "e<n-1>". */
export function makeEvents(count: number, prefix = 'e', newest = NOW): TrailEvent[] {
	return Array.from({length: count}, (_, i) => event({eventId: `${prefix}${i}`, eventTime: newest - i * 1000, eventName: `Event${prefix}${i}`}));
}

export function event(overrides: Partial<TrailEvent> = {}): TrailEvent {
	return {
		eventId: 'x',
		eventTime: NOW,
		eventName: 'AttachPolicy',
		eventSource: 'iot.amazonaws.com',
		username: 'alice',
		identityType: 'IAMUser',
		readOnly: false,
		errorCode: null,
		sourceIp: '198.51.100.4',
		awsRegion: 'us-east-1',
		resources: [],
		raw: '',
		late: false,
		...overrides,
	};
}

export function snapshot(overrides: Partial<Snapshot> = {}): Snapshot {
	return {
		generatedAt: NOW,
		region: 'us-east-1',
		profile: 'prod',
		demo: false,
		paused: false,
		metrics: [...BASELINE_METRICS.map(name => metric(name)), ...ERROR_METRICS.map(name => noData(name))],
		events: makeEvents(20),
		eventsSince: NOW - 60 * MINUTE,
		eventsDropped: 0,
		health: {metrics: health(), trail: health({lastSuccess: NOW - 3000})},
		status: 'OK',
		learning: null,
		alarms: [],
		alarmsError: null,
		...overrides,
	};
}

export type FakeMonitor = MonitorHandle & {
	/** Replaces the snapshot and notifies subscribers. */
	emit(next: Snapshot): void;
	readonly calls: {paused: boolean[]; refresh: number};
};

/** A handle (monitor or fleet) over hand-written snapshots, recording the commands it receives. */
export function fakeHandle<S>(initial: S): {
	getSnapshot(): S;
	subscribe(listener: (snapshot: S) => void): () => void;
	refreshNow(): void;
	setPaused(paused: boolean): void;
	emit(next: S): void;
	readonly calls: {paused: boolean[]; refresh: number};
} {
	let current = initial;
	const listeners = new Set<(s: S) => void>();
	const calls = {paused: [] as boolean[], refresh: 0};
	return {
		calls,
		getSnapshot: () => current,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		refreshNow() {
			calls.refresh++;
		},
		setPaused(paused) {
			calls.paused.push(paused);
		},
		emit(next) {
			current = next;
			for (const listener of listeners) listener(next);
		},
	};
}

/** A MonitorHandle over hand-written snapshots, recording the commands it receives. */
export function fakeMonitor(initial: Snapshot = snapshot()): FakeMonitor {
	return fakeHandle(initial);
}

/** Key sequences as a terminal sends them. */
export const KEYS = {up: '\u001B[A', down: '\u001B[B', pageUp: '\u001B[5~', pageDown: '\u001B[6~', escape: '\u001B', ctrlC: '\u0003'};

/** A CloudTrail record as real ones look (camelCase, eventVersion 1.11), for events with `raw`. */
export function cloudTrailRecord(fields: {
	eventId: string;
	eventTime: number;
	eventName: string;
	userIdentity: Record<string, unknown>;
	sourceIp?: string;
	errorCode?: string;
	errorMessage?: string;
	requestParameters?: Record<string, unknown> | null;
	readOnly?: boolean;
}): string {
	return JSON.stringify({
		eventVersion: '1.11',
		userIdentity: fields.userIdentity,
		eventTime: new Date(fields.eventTime).toISOString().replace('.000Z', 'Z'),
		eventSource: 'iot.amazonaws.com',
		eventName: fields.eventName,
		awsRegion: 'us-east-1',
		sourceIPAddress: fields.sourceIp ?? '203.0.113.7',
		userAgent: 'aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#6.5.0',
		...(fields.errorCode ? {errorCode: fields.errorCode, errorMessage: fields.errorMessage ?? ''} : {}),
		requestParameters: fields.requestParameters ?? null,
		responseElements: null,
		requestID: `req-${fields.eventId}`,
		eventID: fields.eventId,
		readOnly: fields.readOnly ?? false,
		eventType: 'AwsApiCall',
		managementEvent: true,
		recipientAccountId: '123456789012',
		eventCategory: 'Management',
	});
}

/** The temporary credentials of role deploy-role, session ci-1234, without MFA. */
export const ROLE_IDENTITY = {
	type: 'AssumedRole',
	principalId: 'AROAEXAMPLEROLEID:ci-1234',
	arn: 'arn:aws:sts::123456789012:assumed-role/deploy-role/ci-1234',
	accountId: '123456789012',
	accessKeyId: 'ASIAEXAMPLEKEY000001',
	sessionContext: {
		sessionIssuer: {type: 'Role', principalId: 'AROAEXAMPLEROLEID', arn: 'arn:aws:iam::123456789012:role/deploy-role', accountId: '123456789012', userName: 'deploy-role'},
		attributes: {creationDate: '2024-05-01T11:58:00Z', mfaAuthenticated: 'false'},
	},
};

/**
 * A mixed log, newest first: every third event failed (AccessDenied), callers alternate between
 * alice (IAM user) and the deploy-role session, event 5 is a late DeleteThing by root.
 */
export function mixedEvents(count: number, newest = NOW): TrailEvent[] {
	return Array.from({length: count}, (_, i) => {
		const eventId = `m${i}`;
		const eventTime = newest - i * 1000;
		const failed = i % 3 === 1;
		const root = i === 5;
		const eventName = root ? 'DeleteThing' : failed ? 'UpdateThing' : `Create${i}`;
		const role = i % 2 === 0;
		const userIdentity = root
			? {type: 'Root', principalId: '123456789012', arn: 'arn:aws:iam::123456789012:root', accountId: '123456789012'}
			: role
				? ROLE_IDENTITY
				: {type: 'IAMUser', principalId: 'AIDAALICE', arn: 'arn:aws:iam::123456789012:user/alice', accountId: '123456789012', userName: 'alice', accessKeyId: 'AKIAALICE00000000001'};
		return event({
			eventId,
			eventTime,
			eventName,
			username: root ? null : role ? 'ci-1234' : 'alice',
			identityType: root ? 'Root' : role ? 'AssumedRole' : 'IAMUser',
			errorCode: failed ? 'AccessDenied' : null,
			readOnly: false,
			late: root,
			raw: cloudTrailRecord({eventId, eventTime, eventName, userIdentity, errorCode: failed ? 'AccessDenied' : undefined, errorMessage: 'User is not authorized to perform: iot:UpdateThing'}),
		});
	});
}

/** A metric alarm in ALARM on Connect.AuthError that fired 12 minutes before NOW, unless overridden. */
export function alarm(overrides: Partial<Alarm> = {}): Alarm {
	return {
		name: 'iot-connect-autherror-high',
		kind: 'metric',
		state: 'ALARM',
		since: NOW - 12 * MINUTE,
		reason: 'Threshold Crossed: 1 datapoint [312.0] was greater than the threshold (50.0).',
		description: null,
		metrics: ['Connect.AuthError'],
		children: [],
		...overrides,
	};
}
