/**
 * Effective settings: built-in default < settings file < environment (AWS_REGION, AWS_DEFAULT_REGION,
 * AWS_PROFILE, NO_COLOR) < command-line flags, with where each value came from. Pure.
 */
import type {Sensitivity} from '../baseline/severity.js';
import {safeJsonStringify} from '../text/json.js';
import {SettingsError} from './document.js';
import {DEFAULT_VALUES, SETTING_KEYS, SPECS, type ColorMode, type SettingKey, type SettingValues} from './keys.js';

export type Origin = 'default' | 'file' | 'env' | 'flag';

export type Origins = {readonly [K in SettingKey]: Origin};

/** What the rest of the program runs with. */
export type Settings = {
	readonly region: string | null;
	readonly profile: string | null;
	readonly metrics: readonly string[];
	/** CloudWatch poll interval. */
	readonly pollIntervalMs: number;
	readonly tailIntervalMs: number;
	readonly lookbackMs: number;
	/** Days of one-minute history the baselines learn from (1-15). */
	readonly baselineDays: number;
	readonly sensitivity: Sensitivity;
	readonly maxEvents: number;
	readonly trailRate: number;
	/** On every new CRIT: ring the bell, run the command with the deviation JSON on stdin. */
	readonly notify: {readonly bell: boolean; readonly command: string | null};
	readonly color: ColorMode;
	readonly ascii: boolean;
	/** Fleet mode: regions watched at once (null: the one region). */
	readonly regions: readonly string[] | null;
	/** Fleet mode: OAM linked accounts (null: only the caller's own). */
	readonly accounts: 'all' | readonly string[] | null;
	/** Fleet mode: the organization trail's log group, name or ARN. */
	readonly trailLogGroup: string | null;
	readonly accountNames: Readonly<Record<string, string>> | null;
};

export type Resolved = {
	readonly settings: Settings;
	/** The same values, flat and keyed as in the file (durations in ms), for `config`. */
	readonly values: SettingValues;
	readonly origins: Origins;
};

export type EnvSettings = {
	readonly values: Partial<SettingValues>;
	/** The variable each value came from, e.g. region: 'AWS_DEFAULT_REGION'. */
	readonly names: Partial<Record<SettingKey, string>>;
};

type Env = Readonly<Record<string, string | undefined>>;

/** The settings the environment sets: AWS_REGION (else AWS_DEFAULT_REGION), AWS_PROFILE, NO_COLOR. */
export function envSettings(env: Env): EnvSettings {
	const values: Partial<Record<SettingKey, unknown>> = {};
	const names: Partial<Record<SettingKey, string>> = {};
	const take = (key: 'region' | 'profile', name: string): boolean => {
		const text = env[name];
		if (!text) return false;
		const checked = SPECS[key].fromText(text);
		if (!checked.ok) throw new SettingsError(`${name} ${safeJsonStringify(text)} ${checked.problem ?? SPECS[key].rule}, e.g. ${SPECS[key].example}`);
		values[key] = checked.value;
		names[key] = name;
		return true;
	};
	if (!take('region', 'AWS_REGION')) take('region', 'AWS_DEFAULT_REGION');
	take('profile', 'AWS_PROFILE');
	// https://no-color.org: any non-empty value.
	if (env['NO_COLOR']) {
		values.color = 'never';
		names.color = 'NO_COLOR';
	}
	return {values: values as Partial<SettingValues>, names};
}

/** Each key from the highest level that sets it. */
export function resolveSettings(levels: {
	readonly flags: Partial<SettingValues>;
	readonly env: Partial<SettingValues>;
	readonly file: Partial<SettingValues>;
}): Resolved {
	const values: Partial<Record<SettingKey, unknown>> = {};
	const origins: Partial<Record<SettingKey, Origin>> = {};
	for (const key of SETTING_KEYS) {
		const [origin, value] =
			levels.flags[key] !== undefined
				? (['flag', levels.flags[key]] as const)
				: levels.env[key] !== undefined
					? (['env', levels.env[key]] as const)
					: levels.file[key] !== undefined
						? (['file', levels.file[key]] as const)
						: (['default', DEFAULT_VALUES[key]] as const);
		values[key] = value;
		origins[key] = origin;
	}
	const flat = values as SettingValues;
	return {settings: toSettings(flat), values: flat, origins: origins as Origins};
}

export function toSettings(values: SettingValues): Settings {
	return {
		region: values.region,
		profile: values.profile,
		metrics: values.metrics,
		pollIntervalMs: values.pollInterval,
		tailIntervalMs: values.tailInterval,
		lookbackMs: values.lookback,
		baselineDays: values.baselineDays,
		sensitivity: values.sensitivity,
		maxEvents: values.maxEvents,
		trailRate: values.trailRate,
		notify: {bell: values['notify.bell'], command: values['notify.command']},
		color: values.color,
		ascii: values.ascii,
		regions: values.regions,
		accounts: values.accounts,
		trailLogGroup: values.trailLogGroup,
		accountNames: values.accountNames,
	};
}
