/**
 * Every setting iot-monitor has: its default, its rule, and ONE validator that flags, the settings file and
 * `config set` all go through, so the three can never disagree. Pure: no I/O.
 */
import {SENSITIVITY, type Sensitivity} from '../baseline/severity.js';
import {CATALOG, DEFAULT_METRICS, findMetric} from '../iot/catalog.js';
import {parseDuration} from './duration.js';
import {safeJsonStringify} from '../text/json.js';
import {accountNames, accounts, regions, trailLogGroup} from './fleet-keys.js';
import {bad, ok, type Checked, type KeySpec} from './spec.js';

export type ColorMode = 'auto' | 'always' | 'never';

/** The keys as `config` lists them and `config set` takes them; `notify.*` are nested in the file. */
export const SETTING_KEYS = [
	'region',
	'profile',
	'metrics',
	'pollInterval',
	'tailInterval',
	'lookback',
	'baselineDays',
	'sensitivity',
	'maxEvents',
	'trailRate',
	'notify.bell',
	'notify.command',
	'color',
	'ascii',
	'regions',
	'accounts',
	'trailLogGroup',
	'accountNames',
] as const;

export type SettingKey = (typeof SETTING_KEYS)[number];

/** The value of each key once validated (durations in milliseconds). */
export type SettingTypes = {
	region: string | null;
	profile: string | null;
	metrics: readonly string[];
	pollInterval: number;
	tailInterval: number;
	lookback: number;
	baselineDays: number;
	sensitivity: Sensitivity;
	maxEvents: number;
	trailRate: number;
	'notify.bell': boolean;
	'notify.command': string | null;
	color: ColorMode;
	ascii: boolean;
	/** Regions watched at once (null: the one region, as resolved by region / the AWS SDK). */
	regions: readonly string[] | null;
	/** OAM linked accounts watched: all of them, these, or (null) only the caller's own account. */
	accounts: 'all' | readonly string[] | null;
	/** The organization trail's CloudWatch Logs log group, by name or ARN (null: LookupEvents). */
	trailLogGroup: string | null;
	/** Names shown for account ids. */
	accountNames: Readonly<Record<string, string>> | null;
};

/** One value per key, flat. */
export type SettingValues = {readonly [K in SettingKey]: SettingTypes[K]};

export type {Checked, JsonValue, KeySpec} from './spec.js';

/** Numbers typed on the command line; '' and '  ' are not 0. */
function textNumber(text: string): number {
	return text.trim() === '' ? Number.NaN : Number(text);
}

const DAY = 86_400_000;

/** Formats milliseconds in the largest unit that divides them exactly: 3h, 90m, 5s. */
export function formatDuration(ms: number): string {
	for (const [unit, size] of [['d', DAY], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
		if (ms % size === 0) return `${ms / size}${unit}`;
	}
	return `${ms}ms`;
}

const DURATION_PATTERN = String.raw`^\s*\d+(\.\d+)?\s*([mM][sS]|[sSmMhHdD])?\s*$`;

function duration(options: {default: number; min?: number; max?: number; rule: string; example: string}): KeySpec<number> {
	const check = (ms: number | null): Checked<number> =>
		ms !== null && ms >= (options.min ?? 0) && ms <= (options.max ?? Number.POSITIVE_INFINITY) ? ok(ms) : bad();
	return {
		default: options.default,
		rule: options.rule,
		example: options.example,
		exampleJson: JSON.stringify(options.example),
		fromText: text => check(parseDuration(text)),
		fromJson: value => (typeof value === 'string' ? check(parseDuration(value)) : bad()),
		toJson: (_ms, text) => text.trim(),
		show: formatDuration,
		schema: {type: 'string', pattern: DURATION_PATTERN},
	};
}

function numberIn(options: {
	default: number;
	integer: boolean;
	above?: number;
	min?: number;
	max: number;
	rule: string;
	example: string;
}): KeySpec<number> {
	const check = (n: unknown): Checked<number> =>
		typeof n === 'number' &&
		Number.isFinite(n) &&
		(!options.integer || Number.isInteger(n)) &&
		(options.above === undefined || n > options.above) &&
		(options.min === undefined || n >= options.min) &&
		n <= options.max
			? ok(n)
			: bad();
	return {
		default: options.default,
		rule: options.rule,
		example: options.example,
		exampleJson: options.example,
		fromText: text => check(textNumber(text)),
		fromJson: check,
		toJson: n => n,
		show: String,
		schema: {
			type: options.integer ? 'integer' : 'number',
			...(options.above === undefined ? {} : {exclusiveMinimum: options.above}),
			...(options.min === undefined ? {} : {minimum: options.min}),
			maximum: options.max,
		},
	};
}

function oneOf<T extends string>(values: readonly T[], fallback: T, example: T): KeySpec<T> {
	const check = (value: unknown): Checked<T> => (values.includes(value as T) ? ok(value as T) : bad());
	return {
		default: fallback,
		rule: `must be one of ${values.join(', ')}`,
		example,
		exampleJson: JSON.stringify(example),
		fromText: text => check(text.trim()),
		fromJson: check,
		toJson: value => value,
		show: String,
		schema: {enum: [...values]},
	};
}

function flag(fallback: boolean, example: boolean): KeySpec<boolean> {
	const words: Record<string, boolean> = {true: true, false: false};
	return {
		default: fallback,
		rule: 'must be true or false',
		example: String(example),
		exampleJson: String(example),
		fromText: text => {
			const value = words[text.trim()];
			return value === undefined ? bad() : ok(value);
		},
		fromJson: value => (typeof value === 'boolean' ? ok(value) : bad()),
		toJson: value => value,
		show: String,
		schema: {type: 'boolean'},
	};
}

/** A region or profile name: one word, as the AWS CLI takes it; unset means the SDK decides. */
function awsName(rule: string, example: string, unset: string): KeySpec<string | null> {
	const check = (value: unknown): Checked<string | null> =>
		typeof value === 'string' && /^[^\s\p{Cc}]+$/u.test(value) ? ok(value) : bad();
	return {
		default: null,
		rule,
		example,
		exampleJson: JSON.stringify(example),
		fromText: text => check(text.trim()),
		fromJson: check,
		toJson: value => value,
		show: value => value ?? unset,
		schema: {type: 'string', pattern: String.raw`^[^\s\p{Cc}]+$`},
	};
}

function checkMetrics(names: readonly string[]): Checked<readonly string[]> {
	if (names.length === 0) return bad('must list at least one metric');
	const unknown = names.find(name => !findMetric(name));
	return unknown === undefined ? ok(names) : bad(`names an unknown metric ${safeJsonStringify(unknown)} (see the README for the catalog)`);
}

const metrics: KeySpec<readonly string[]> = {
	default: DEFAULT_METRICS,
	rule: 'must list metric names from the catalog',
	example: 'PublishIn.Success,Connect.AuthError',
	exampleJson: '["PublishIn.Success", "Connect.AuthError"]',
	fromText: text =>
		checkMetrics(
			text
				.split(',')
				.map(name => name.trim())
				.filter(Boolean),
		),
	fromJson: value =>
		Array.isArray(value) && value.every(name => typeof name === 'string') ? checkMetrics(value as string[]) : bad(),
	toJson: names => [...names],
	show: names => `${names.length} metric${names.length === 1 ? '' : 's'}: ${names.join(',')}`,
	schema: {type: 'array', minItems: 1, items: {enum: CATALOG.map(metric => metric.name)}},
};

const notifyCommand: KeySpec<string | null> = {
	default: null,
	rule: 'must be a shell command (a string) or null',
	example: 'logger -t iot-monitor',
	exampleJson: '"logger -t iot-monitor"',
	// On the command line an empty value (or the word null) turns a configured command off.
	fromText: text => (text.trim() === '' || text.trim() === 'null' ? ok(null) : ok(text)),
	fromJson: value => (value === null ? ok(null) : typeof value === 'string' && value.trim() !== '' ? ok(value) : bad()),
	toJson: value => value,
	show: value => value ?? '(none)',
	schema: {oneOf: [{type: 'string', pattern: String.raw`\S`}, {type: 'null'}]},
};

/** The table: one spec per key. */
export const SPECS: {readonly [K in SettingKey]: KeySpec<SettingTypes[K]>} = {
	region: awsName('must be an AWS region name', 'eu-west-1', '(AWS SDK default)'),
	profile: awsName('must be a profile name from ~/.aws/config', 'prod', '(AWS SDK default)'),
	metrics,
	pollInterval: duration({default: 60_000, min: 10_000, rule: 'must be a duration of at least 10s', example: '60s'}),
	tailInterval: duration({default: 5000, min: 1000, rule: 'must be a duration of at least 1s', example: '5s'}),
	lookback: duration({default: 3 * 3_600_000, max: 90 * DAY, rule: 'must be a duration up to 90d', example: '3h'}),
	baselineDays: numberIn({
		default: 14,
		integer: true,
		min: 1,
		max: 15,
		// CloudWatch keeps one-minute datapoints for 15 days.
		rule: 'must be a whole number of days from 1 to 15 (CloudWatch keeps one-minute data 15 days)',
		example: '14',
	}),
	sensitivity: oneOf(Object.keys(SENSITIVITY) as Sensitivity[], 'normal', 'normal'),
	maxEvents: numberIn({
		default: 10_000,
		integer: true,
		min: 100,
		max: 1_000_000,
		rule: 'must be a whole number from 100 to 1000000',
		example: '10000',
	}),
	trailRate: numberIn({
		default: 1,
		integer: false,
		above: 0,
		max: 2,
		rule: 'must be above 0 and at most 2 (the LookupEvents quota)',
		example: '1',
	}),
	'notify.bell': flag(false, false),
	'notify.command': notifyCommand,
	color: oneOf(['auto', 'always', 'never'], 'auto', 'auto'),
	ascii: flag(false, true),
	regions,
	accounts,
	trailLogGroup,
	accountNames,
};

export const DEFAULT_VALUES = Object.fromEntries(SETTING_KEYS.map(key => [key, SPECS[key].default])) as SettingValues;

export function isSettingKey(key: string): key is SettingKey {
	return (SETTING_KEYS as readonly string[]).includes(key);
}

/** Checks a text value for a key (flags and `config set`). */
export function checkText<K extends SettingKey>(key: K, text: string): Checked<SettingTypes[K]> {
	return SPECS[key].fromText(text) as Checked<SettingTypes[K]>;
}

/** JSON Schema of the whole settings file, built from the same table. */
export const SETTINGS_SCHEMA = {
	$schema: 'https://json-schema.org/draft/2020-12/schema',
	type: 'object',
	additionalProperties: false,
	properties: {
		...Object.fromEntries(SETTING_KEYS.filter(key => !key.includes('.')).map(key => [key, SPECS[key].schema])),
		notify: {
			type: 'object',
			additionalProperties: false,
			properties: {bell: SPECS['notify.bell'].schema, command: SPECS['notify.command'].schema},
		},
	},
} as const;
