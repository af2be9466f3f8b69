/**
 * The AWS IoT metric catalog: every metric iot-monitor knows, how CloudWatch stores it and which
 * direction of change is bad. Pure data, no I/O.
 */

export type MetricGroup = 'traffic' | 'shadow' | 'rules' | 'errors';

/** Which way a deviation hurts: a drop in publishes, a rise in auth errors, or both (connect storms). */
export type BadDirection = 'down' | 'up' | 'both';

export type CatalogMetric = {
	readonly name: string;
	readonly group: MetricGroup;
	/** Dimension names AWS documents for this metric; [] means account-level (no dimensions). */
	readonly dimensions: readonly string[];
	readonly bad: BadDirection;
	/** One line for help and detail views. */
	readonly meaning: string;
	/** One of the nine AWS IoT baseline metrics monitored by default. */
	readonly baseline: boolean;
	/** For an error metric: the success metric it is a share of (its error rate is errors per success). */
	readonly per: string | null;
};

export const NAMESPACE = 'AWS/IoT';

const m = (
	name: string,
	group: MetricGroup,
	dimensions: readonly string[],
	bad: BadDirection,
	meaning: string,
	baseline = false,
	per: string | null = null,
): CatalogMetric => ({name, group, dimensions, bad, meaning, baseline, per});
const error = (name: string, dimensions: readonly string[], meaning: string, per: string | null): CatalogMetric =>
	m(name, 'errors', dimensions, 'up', meaning, false, per);

const protocol = ['Protocol'] as const;
const rule = ['RuleName'] as const;
const ruleAction = ['RuleName', 'ActionType'] as const;

export const CATALOG: readonly CatalogMetric[] = [
	m('PublishIn.Success', 'traffic', protocol, 'down', 'publishes the broker accepted from devices', true),
	m('PublishOut.Success', 'traffic', protocol, 'down', 'publishes the broker delivered to subscribers', true),
	m('Subscribe.Success', 'traffic', protocol, 'both', 'subscribe requests processed', true),
	m('Ping.Success', 'traffic', protocol, 'down', 'MQTT keep-alive pings received', true),
	m('Connect.Success', 'traffic', protocol, 'both', 'successful connections (a rise is a connect storm)', true),
	m('GetThingShadow.Accepted', 'shadow', protocol, 'both', 'GetThingShadow requests accepted', true),
	m('UpdateThingShadow.Accepted', 'shadow', protocol, 'both', 'UpdateThingShadow requests accepted', true),
	m('DeleteThingShadow.Accepted', 'shadow', protocol, 'up', 'DeleteThingShadow requests accepted', true),
	m('RulesExecuted', 'rules', [], 'down', 'rule executions', true),
	error('Connect.AuthError', protocol, 'CONNECT requests the broker could not authorize', 'Connect.Success'),
	error('Connect.ClientError', protocol, 'CONNECT requests rejected for breaking quota rules', 'Connect.Success'),
	error('Connect.Throttle', protocol, 'CONNECT requests throttled (account connect rate)', 'Connect.Success'),
	error('PublishIn.AuthError', protocol, 'inbound publishes that were not authorized', 'PublishIn.Success'),
	error('PublishIn.Throttle', protocol, 'inbound publishes throttled', 'PublishIn.Success'),
	error('PublishOut.Throttle', protocol, 'outbound publishes throttled', 'PublishOut.Success'),
	error('Subscribe.AuthError', protocol, 'subscribe requests that were not authorized', 'Subscribe.Success'),
	// Rule errors are counted per rule execution: the rules engine has no per-message success metric.
	error('RuleMessageThrottled', rule, 'messages the rules engine throttled', 'RulesExecuted'),
	error('RuleNotFound', rule, 'rule to trigger could not be found', 'RulesExecuted'),
	error('ParseError', rule, 'JSON parse errors on messages for a rule', 'RulesExecuted'),
	error('Failure', ruleAction, 'rule actions that failed (per rule and action type)', 'RulesExecuted'),
];

/** The nine AWS IoT baseline metrics, in display order. */
export const BASELINE_METRICS: readonly string[] = CATALOG.filter(metric => metric.baseline).map(
	metric => metric.name,
);

/** The error and throttle group, in display order. */
export const ERROR_METRICS: readonly string[] = CATALOG.filter(metric => metric.group === 'errors').map(
	metric => metric.name,
);

/** Metrics monitored when the user does not choose: the baseline nine plus the error group. */
export const DEFAULT_METRICS: readonly string[] = [...BASELINE_METRICS, ...ERROR_METRICS];

export function findMetric(name: string): CatalogMetric | undefined {
	return CATALOG.find(metric => metric.name === name);
}
