/**
 * The synthetic fleet's series: which AWS/IoT metric and dimension sets exist, and how busy each one is.
 * A fleet of ~5,000 MQTT devices plus a few HTTP-only publishers; four IoT rules and one deleted rule
 * that devices still hit. PublishOut.Throttle deliberately has no series (a catalog metric with no data).
 */
import type {IncidentKind} from './incidents.js';

export type Dimension = {readonly Name: string; readonly Value: string};

/** What an incident of magnitude 1 does to a series: multiply its normal rate, and/or add events per minute. */
export type IncidentEffect = {readonly mult?: number; readonly add?: number};

export type SeriesSpec = {
	readonly metricName: string;
	readonly dimensions: readonly Dimension[];
	/** Mean events per minute at the weekday daily peak (14:00 UTC). */
	readonly peak: number;
	/** Fraction lost at the night trough: 0.6 means the trough is 40% of the peak. */
	readonly dailyDepth: number;
	/** Fraction lost on weekends. */
	readonly weeklyDepth: number;
	readonly effects: Partial<Record<IncidentKind, IncidentEffect>>;
};

const mqtt: readonly Dimension[] = [{Name: 'Protocol', Value: 'MQTT'}];
const http: readonly Dimension[] = [{Name: 'Protocol', Value: 'HTTP'}];

/** The rules engine: rule name, its action type and the share of publishes that match its topic. */
export const SIM_RULES = [
	{rule: 'telemetry_to_s3', action: 'S3', topicMatch: 11_500, failure: 0.4, parseError: 1.2, throttled: 0.05},
	{rule: 'alerts_to_sns', action: 'SNS', topicMatch: 280, failure: 0.05, parseError: 0, throttled: 0},
	{rule: 'shadow_audit', action: 'DynamoDBv2', topicMatch: 1_050, failure: 0.6, parseError: 0.1, throttled: 0},
	{rule: 'device_lifecycle', action: 'Lambda', topicMatch: 12, failure: 0.1, parseError: 0, throttled: 0},
] as const;

const drop: IncidentEffect = {mult: 0.12};

function s(
	metricName: string,
	dimensions: readonly Dimension[],
	peak: number,
	dailyDepth: number,
	weeklyDepth: number,
	effects: SeriesSpec['effects'] = {},
): SeriesSpec {
	return {metricName, dimensions, peak, dailyDepth, weeklyDepth, effects};
}

function ruleSeries(): SeriesSpec[] {
	const specs: SeriesSpec[] = [];
	for (const r of SIM_RULES) {
		const rule: Dimension[] = [{Name: 'RuleName', Value: r.rule}];
		const ruleAction: Dimension[] = [...rule, {Name: 'ActionType', Value: r.action}];
		// device_lifecycle listens to connect/disconnect events, so it follows connects, not publishes.
		const effects: SeriesSpec['effects'] =
			r.rule === 'device_lifecycle' ? {'connect-storm': {mult: 8}} : {'publish-drop': drop};
		specs.push(s('TopicMatch', rule, r.topicMatch, 0.6, 0.3, effects));
		specs.push(s('Success', ruleAction, r.topicMatch * 0.9995, 0.6, 0.3, effects));
		specs.push(s('Failure', ruleAction, r.failure, 0.4, 0.2));
		if (r.parseError > 0) specs.push(s('ParseError', rule, r.parseError, 0.5, 0.2));
		if (r.throttled > 0) specs.push(s('RuleMessageThrottled', rule, r.throttled, 0.8, 0.3));
	}
	// A rule deleted last month that a firmware still publishes to.
	specs.push(s('RuleNotFound', [{Name: 'RuleName', Value: 'legacy_forwarder'}], 0.3, 0.5, 0.2));
	return specs;
}

/** Every series the simulator has data for. */
export const SERIES_SPECS: readonly SeriesSpec[] = [
	s('PublishIn.Success', mqtt, 20_000, 0.6, 0.3, {'publish-drop': drop}),
	s('PublishIn.Success', http, 500, 0.6, 0.3, {'publish-drop': drop}),
	s('PublishOut.Success', mqtt, 8_000, 0.6, 0.3, {'publish-drop': drop}),
	// HTTP clients cannot subscribe, ping or hold a connection: those metrics are MQTT only.
	s('Subscribe.Success', mqtt, 45, 0.5, 0.2, {'connect-storm': {mult: 5}}),
	s('Ping.Success', mqtt, 1_100, 0.1, 0.05),
	s('Connect.Success', mqtt, 18, 0.5, 0.2, {'connect-storm': {mult: 8}}),
	s('GetThingShadow.Accepted', mqtt, 140, 0.5, 0.25, {'connect-storm': {mult: 3}}),
	s('GetThingShadow.Accepted', http, 35, 0.6, 0.3),
	s('UpdateThingShadow.Accepted', mqtt, 900, 0.6, 0.3),
	s('UpdateThingShadow.Accepted', http, 110, 0.6, 0.3),
	s('DeleteThingShadow.Accepted', mqtt, 0.25, 0.3, 0.3),
	s('DeleteThingShadow.Accepted', http, 0.08, 0.3, 0.3),
	s('RulesExecuted', [], 12_850, 0.6, 0.3, {'publish-drop': drop}),
	// Internet scanners keep a trickle of auth errors going day and night.
	s('Connect.AuthError', mqtt, 0.9, 0.1, 0, {'auth-error-burst': {add: 320}}),
	s('Connect.ClientError', mqtt, 0.25, 0.4, 0.2),
	s('Connect.Throttle', mqtt, 0.04, 0.5, 0.2, {'connect-storm': {add: 35}}),
	s('PublishIn.AuthError', mqtt, 0.6, 0.3, 0.1, {'auth-error-burst': {add: 220}}),
	s('PublishIn.AuthError', http, 0.25, 0.3, 0.1, {'auth-error-burst': {add: 25}}),
	s('PublishIn.Throttle', mqtt, 0.3, 0.6, 0.3),
	s('PublishIn.Throttle', http, 0.03, 0.6, 0.3),
	s('Subscribe.AuthError', mqtt, 0.12, 0.3, 0.1, {'auth-error-burst': {add: 40}}),
	...ruleSeries(),
];
