/**
 * Parsing and validating GetMetricData's MetricDataQueries the way CloudWatch does: Id pattern and
 * uniqueness, exactly one of MetricStat or Expression, standard-resolution periods, known statistics.
 */
import {
	type Json,
	invalidParameter,
	isObject,
	missingParameter,
	optionalArray,
	optionalString,
	validationError,
} from './cloudwatch-input.js';
import type {Dimension} from './fleet.js';

export type Stat = 'Sum' | 'Average' | 'Minimum' | 'Maximum' | 'SampleCount';

export const STATS: readonly Stat[] = ['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount'];

export type StatQuery = {
	readonly kind: 'stat';
	readonly id: string;
	readonly label: string;
	readonly returnData: boolean;
	readonly namespace: string;
	readonly metricName: string;
	readonly dimensions: readonly Dimension[];
	/** Seconds. */
	readonly period: number;
	readonly stat: Stat;
	readonly unit: string | undefined;
	/** OAM: the linked account to read (absent: the monitoring account itself). */
	readonly accountId: string | undefined;
};

export type ExpressionQuery = {
	readonly kind: 'expression';
	readonly id: string;
	readonly label: string;
	readonly returnData: boolean;
	readonly expression: string;
};

export type MetricDataQuery = StatQuery | ExpressionQuery;

const ID_PATTERN = /^[a-z][a-zA-Z0-9_]*$/;
const MAX_QUERIES = 500;
const MAX_PERIOD = 86_400;

function parseDimensions(metric: Json, path: string): Dimension[] {
	const list = optionalArray(metric, 'Dimensions', 30, `${path}.Dimensions`) ?? [];
	return list.map((entry, index) => {
		const where = `${path}.Dimensions.member.${index + 1}`;
		if (!isObject(entry)) throw validationError(`The parameter ${where} must be a structure.`);
		const name = optionalString(entry, 'Name', `${where}.Name`);
		const value = optionalString(entry, 'Value', `${where}.Value`);
		if (name === undefined) throw missingParameter(`${where}.Name`);
		if (value === undefined) throw missingParameter(`${where}.Value`);
		return {Name: name, Value: value};
	});
}

function parseMetricStat(stat: Json, path: string): Omit<StatQuery, 'kind' | 'id' | 'label' | 'returnData' | 'accountId'> {
	const metric = stat['Metric'];
	if (!isObject(metric)) throw missingParameter(`${path}.Metric`);
	const namespace = optionalString(metric, 'Namespace', `${path}.Metric.Namespace`);
	const metricName = optionalString(metric, 'MetricName', `${path}.Metric.MetricName`);
	if (namespace === undefined) throw missingParameter(`${path}.Metric.Namespace`);
	if (metricName === undefined) throw missingParameter(`${path}.Metric.MetricName`);
	const period = stat['Period'];
	if (period === undefined || period === null) throw missingParameter(`${path}.Period`);
	if (typeof period !== 'number' || !Number.isInteger(period) || period < 1) {
		throw invalidParameter(`The parameter ${path}.Period must be a positive integer.`);
	}
	// AWS/IoT metrics are standard resolution: only whole minutes make sense.
	if (period < 60 || period % 60 !== 0) {
		throw invalidParameter(`The parameter ${path}.Period must be a multiple of 60 for standard resolution metrics.`);
	}
	if (period > MAX_PERIOD) {
		throw invalidParameter(`The parameter ${path}.Period must be less than or equal to ${MAX_PERIOD}.`);
	}
	const statName = optionalString(stat, 'Stat', `${path}.Stat`);
	if (statName === undefined) throw missingParameter(`${path}.Stat`);
	if (!(STATS as readonly string[]).includes(statName)) {
		throw invalidParameter(
			`The value ${statName} for parameter ${path}.Stat is not supported by the simulator (use ${STATS.join(', ')}).`,
		);
	}
	return {
		namespace,
		metricName,
		dimensions: parseDimensions(metric, `${path}.Metric`),
		period,
		stat: statName as Stat,
		unit: optionalString(stat, 'Unit', `${path}.Unit`),
	};
}

/** Validates MetricDataQueries; throws the SimError CloudWatch would answer with. */
export function parseQueries(input: Json): MetricDataQuery[] {
	if (input['MetricDataQueries'] === undefined || input['MetricDataQueries'] === null) {
		throw missingParameter('MetricDataQueries');
	}
	const list = optionalArray(input, 'MetricDataQueries', MAX_QUERIES) ?? [];
	if (list.length === 0) {
		throw validationError(
			"1 validation error detected: Value '[]' at 'metricDataQueries' failed to satisfy constraint: Member must have length greater than or equal to 1",
		);
	}
	const seen = new Set<string>();
	return list.map((entry, index): MetricDataQuery => {
		const path = `MetricDataQueries.member.${index + 1}`;
		if (!isObject(entry)) throw validationError(`The parameter ${path} must be a structure.`);
		const id = optionalString(entry, 'Id', `${path}.Id`);
		if (id === undefined) throw missingParameter(`${path}.Id`);
		if (!ID_PATTERN.test(id) || id.length > 255) {
			throw validationError(
				`The value ${id} for parameter ${path}.Id is not valid: it must start with a lowercase letter and contain only letters, numbers and underscores.`,
			);
		}
		if (seen.has(id)) throw validationError('The values for parameter id in MetricDataQueries are not unique.');
		seen.add(id);
		const returnData = entry['ReturnData'] === undefined || entry['ReturnData'] === null ? true : entry['ReturnData'];
		if (typeof returnData !== 'boolean') throw validationError(`The parameter ${path}.ReturnData must be a boolean.`);
		const label = optionalString(entry, 'Label', `${path}.Label`);
		const expression = optionalString(entry, 'Expression', `${path}.Expression`);
		const metricStat = entry['MetricStat'];
		if ((expression === undefined) === (metricStat === undefined || metricStat === null)) {
			throw validationError(`Exactly one of MetricStat and Expression must be set in ${path}.`);
		}
		if (expression !== undefined) {
			if (expression.length === 0 || expression.length > 2048) {
				throw validationError(`The parameter ${path}.Expression must be 1 to 2048 characters long.`);
			}
			return {kind: 'expression', id, label: label ?? id, returnData, expression};
		}
		if (!isObject(metricStat)) throw validationError(`The parameter ${path}.MetricStat must be a structure.`);
		const stat = parseMetricStat(metricStat, `${path}.MetricStat`);
		const accountId = optionalString(entry, 'AccountId', `${path}.AccountId`);
		return {kind: 'stat', id, label: label ?? stat.metricName, returnData, ...stat, accountId};
	});
}
