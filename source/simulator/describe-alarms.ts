/**
 * DescribeAlarms for the simulated account: name / prefix / state / type / action filters, the
 * children-of and parents-of lookups, and MaxRecords paging over metric alarms then composite alarms.
 */
import {
	COMPOSITE_ALARMS,
	type CompositeAlarmDef,
	type Evaluation,
	METRIC_ALARMS,
	type MetricAlarmDef,
	SIM_ACCOUNT,
	SIM_REGION,
	evaluateComposite,
	evaluateMetricAlarm,
} from './alarms.js';
import {
	type Json,
	decodeOffset,
	encodeToken,
	fingerprint,
	invalidCombination,
	optionalArray,
	optionalEnum,
	optionalInteger,
	optionalString,
	validationError,
} from './cloudwatch-input.js';
import type {Fleet} from './fleet.js';

type AlarmType = 'MetricAlarm' | 'CompositeAlarm' | 'LogAlarm';
/** A linked account the monitoring account watches with its own (cross-account) publish-drop alarm. */
export type CrossAccountTarget = {readonly account: string; readonly label: string; readonly fleet: Fleet};

type Entry =
	| {type: 'MetricAlarm'; def: MetricAlarmDef; target?: CrossAccountTarget}
	| {type: 'CompositeAlarm'; def: CompositeAlarmDef; target?: undefined};

/** The alarm a monitoring account keeps on a linked account's inbound publishes (its metric query names the AccountId). */
function crossAccountDef(target: CrossAccountTarget): MetricAlarmDef {
	const base = METRIC_ALARMS.find(def => def.name === 'iot-publish-drop');
	if (!base) throw new Error('iot-publish-drop is missing from METRIC_ALARMS');
	return {...base, name: `${target.label}-publish-drop`, description: `Inbound MQTT publishes of ${target.label} (${target.account}) well below the nightly low`};
}

const TOPIC = `arn:aws:sns:${SIM_REGION}:${SIM_ACCOUNT}:iot-oncall`;
/** When the alarms were "created": a fixed date, so it never depends on the wall clock. */
const CONFIGURED_AT = Date.UTC(2025, 0, 15, 9, 30) / 1000;

const arn = (name: string) => `arn:aws:cloudwatch:${SIM_REGION}:${SIM_ACCOUNT}:alarm:${name}`;

function stamp(ms: number): string {
	const d = new Date(ms);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCFullYear() % 100)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:00`;
}

function reason(def: MetricAlarmDef, evaluation: Evaluation): string {
	const present = evaluation.datapoints.filter(point => point.v !== null);
	if (evaluation.state === 'INSUFFICIENT_DATA') {
		return `Insufficient Data: ${evaluation.datapoints.length} datapoint${evaluation.datapoints.length === 1 ? ' was' : 's were'} unknown.`;
	}
	if (present.length === 0) {
		const n = evaluation.datapoints.length;
		const treated = def.treatMissingData === 'breaching' ? 'Breaching' : 'NonBreaching';
		return `Threshold Crossed: no datapoints were received for ${n} period${n === 1 ? '' : 's'} and ${n} missing datapoint${n === 1 ? ' was' : 's were'} treated as [${treated}].`;
	}
	const listed = present.map(point => `${(point.v ?? 0).toFixed(1)} (${stamp(point.t)})`).join(', ');
	const verb = def.comparison === 'GreaterThanThreshold' ? 'greater than' : 'less than';
	const outcome = evaluation.state === 'ALARM' ? `were ${verb}` : `were not ${verb}`;
	return `Threshold Crossed: ${present.length} datapoint${present.length === 1 ? '' : 's'} [${listed}] ${outcome} the threshold (${def.threshold.toFixed(1)}).`;
}

function metricAlarm(def: MetricAlarmDef, evaluation: Evaluation, now: number, target?: CrossAccountTarget): Json {
	// A cross-account alarm carries its metric as a query naming the source account (no MetricName at the top).
	const metric = target
		? {
				Metrics: [
					{
						Id: 'm1',
						AccountId: target.account,
						ReturnData: true,
						MetricStat: {
							Metric: {Namespace: 'AWS/IoT', MetricName: def.metricName, Dimensions: def.dimensions.map(d => ({Name: d.Name, Value: d.Value}))},
							Period: def.period,
							Stat: 'Sum',
						},
					},
				],
			}
		: {
				MetricName: def.metricName,
				Namespace: 'AWS/IoT',
				Statistic: 'Sum',
				Dimensions: def.dimensions.map(d => ({Name: d.Name, Value: d.Value})),
				Period: def.period,
			};
	return {
		AlarmName: def.name,
		AlarmArn: arn(def.name),
		AlarmDescription: def.description,
		AlarmConfigurationUpdatedTimestamp: CONFIGURED_AT,
		ActionsEnabled: true,
		OKActions: [TOPIC],
		AlarmActions: [TOPIC],
		InsufficientDataActions: [],
		StateValue: evaluation.state,
		StateReason: reason(def, evaluation),
		StateReasonData: JSON.stringify({
			version: '1.0',
			queryDate: new Date(now).toISOString(),
			statistic: 'Sum',
			period: def.period,
			recentDatapoints: evaluation.datapoints.filter(point => point.v !== null).map(point => point.v),
			threshold: def.threshold,
		}),
		StateUpdatedTimestamp: evaluation.since / 1000,
		StateTransitionedTimestamp: evaluation.since / 1000,
		...metric,
		EvaluationPeriods: def.evaluationPeriods,
		DatapointsToAlarm: def.datapointsToAlarm,
		Threshold: def.threshold,
		ComparisonOperator: def.comparison,
		TreatMissingData: def.treatMissingData,
	};
}

function compositeAlarm(def: CompositeAlarmDef, evaluation: Evaluation, children: ReadonlyMap<string, Evaluation>): Json {
	const firing = def.children.filter(name => children.get(name)?.state === 'ALARM');
	return {
		AlarmName: def.name,
		AlarmArn: arn(def.name),
		AlarmDescription: def.description,
		AlarmRule: def.children.map(name => `ALARM("${name}")`).join(' OR '),
		AlarmConfigurationUpdatedTimestamp: CONFIGURED_AT,
		ActionsEnabled: true,
		OKActions: [TOPIC],
		AlarmActions: [TOPIC],
		InsufficientDataActions: [],
		StateValue: evaluation.state,
		StateReason:
			firing.length > 0
				? `${arn(firing[0] ?? '')} transitioned to ALARM at ${new Date(evaluation.since).toUTCString()}`
				: 'No child alarm is in ALARM',
		StateUpdatedTimestamp: evaluation.since / 1000,
		StateTransitionedTimestamp: evaluation.since / 1000,
	};
}

/** Handles one DescribeAlarms call at the simulated `now`. */
export function describeAlarms(fleet: Fleet, input: Json, now: number, defaultPageSize: number, crossAccount: readonly CrossAccountTarget[] = []): unknown {
	const names = optionalArray(input, 'AlarmNames', 100);
	if (names?.some(name => typeof name !== 'string')) throw validationError('AlarmNames must be a list of strings.');
	const prefix = optionalString(input, 'AlarmNamePrefix');
	if (names !== undefined && prefix !== undefined) {
		throw invalidCombination('AlarmNames and AlarmNamePrefix cannot be used together.');
	}
	const typeList = optionalArray(input, 'AlarmTypes', 3);
	const types = (typeList ?? ['MetricAlarm']).map(type => {
		if (type !== 'MetricAlarm' && type !== 'CompositeAlarm' && type !== 'LogAlarm') {
			throw validationError(`AlarmTypes members must be MetricAlarm, CompositeAlarm or LogAlarm, not ${String(type)}.`);
		}
		return type as AlarmType;
	});
	const state = optionalEnum(input, 'StateValue', ['OK', 'ALARM', 'INSUFFICIENT_DATA'] as const);
	const actionPrefix = optionalString(input, 'ActionPrefix');
	const children = optionalString(input, 'ChildrenOfAlarmName');
	const parents = optionalString(input, 'ParentsOfAlarmName');
	const pageSize = optionalInteger(input, 'MaxRecords', 1, 100) ?? defaultPageSize;
	const related = children ?? parents;
	if (related !== undefined && (names || prefix || typeList || state || actionPrefix || (children && parents))) {
		throw invalidCombination('ChildrenOfAlarmName and ParentsOfAlarmName allow only MaxRecords and NextToken besides.');
	}

	const evaluations = new Map<string, Evaluation>();
	for (const def of METRIC_ALARMS) evaluations.set(def.name, evaluateMetricAlarm(fleet, def, now));
	const targeted = crossAccount.map(target => ({target, def: crossAccountDef(target)}));
	for (const {target, def} of targeted) evaluations.set(def.name, evaluateMetricAlarm(target.fleet, def, now));
	for (const def of COMPOSITE_ALARMS) {
		const kids = def.children.map(name => evaluations.get(name)).filter((e): e is Evaluation => e !== undefined);
		evaluations.set(def.name, evaluateComposite(kids, now));
	}

	const all: Entry[] = [
		...METRIC_ALARMS.map((def): Entry => ({type: 'MetricAlarm', def})),
		...targeted.map(({target, def}): Entry => ({type: 'MetricAlarm', def, target})),
		...COMPOSITE_ALARMS.map((def): Entry => ({type: 'CompositeAlarm', def})),
	].sort((a, b) => (a.type === b.type ? a.def.name.localeCompare(b.def.name) : a.type === 'MetricAlarm' ? -1 : 1));
	const selected = all.filter(entry => {
		if (children !== undefined) {
			const parent = COMPOSITE_ALARMS.find(def => def.name === children);
			return parent?.children.includes(entry.def.name) ?? false;
		}
		if (parents !== undefined) return entry.type === 'CompositeAlarm' && entry.def.children.includes(parents);
		if (!types.includes(entry.type)) return false;
		if (names && !names.includes(entry.def.name)) return false;
		if (prefix !== undefined && !entry.def.name.startsWith(prefix)) return false;
		if (state !== undefined && evaluations.get(entry.def.name)?.state !== state) return false;
		return actionPrefix === undefined || TOPIC.startsWith(actionPrefix);
	});

	const print = fingerprint({names, prefix, types, state, actionPrefix, children, parents});
	const offset = decodeOffset(optionalString(input, 'NextToken'), print, selected.length);
	const page = selected.slice(offset, offset + pageSize);
	const metricAlarms: Json[] = [];
	const compositeAlarms: Json[] = [];
	for (const entry of page) {
		const evaluation = evaluations.get(entry.def.name);
		if (!evaluation) continue;
		if (entry.type === 'MetricAlarm') metricAlarms.push(metricAlarm(entry.def, evaluation, now, entry.target));
		else compositeAlarms.push(compositeAlarm(entry.def, evaluation, evaluations));
	}
	const nextOffset = offset + page.length;
	return {
		MetricAlarms: metricAlarms,
		CompositeAlarms: compositeAlarms,
		...(nextOffset < selected.length ? {NextToken: encodeToken(print, nextOffset)} : {}),
	};
}
