/** What `iot-monitor config` prints: the file, then every effective setting, its value and its origin. Pure. */
import {sanitize} from '../text/sanitize.js';
import type {SettingsFileRef} from './document.js';
import {SETTING_KEYS, SPECS, type SettingKey} from './keys.js';
import type {Resolved} from './resolve.js';

export type SettingsReport = {
	readonly file: SettingsFileRef;
	readonly exists: boolean;
	readonly resolved: Resolved;
	/** The environment variable behind each `env` origin. */
	readonly envNames: Partial<Record<SettingKey, string>>;
};

const WIDTH = 80;
const KEY_WIDTH = 16;

function fit(text: string, width: number): string {
	return text.length <= width ? text : `${text.slice(0, width - 3)}...`;
}

/** One line per setting, aligned, at most 80 columns (long values are shortened with "..."). */
export function formatSettingsReport(report: SettingsReport): string {
	const {values, origins} = report.resolved;
	const rows = SETTING_KEYS.map(key => {
		const origin = origins[key];
		const label = origin === 'env' && report.envNames[key] ? `env ${report.envNames[key]}` : origin;
		const spec = SPECS[key] as {show: (value: unknown) => string};
		// Values from a file or the environment may hold controls: never print them raw.
		return {key, value: sanitize(spec.show(values[key])), label};
	});
	const labelWidth = Math.max(...rows.map(row => row.label.length));
	const valueWidth = WIDTH - KEY_WIDTH - 2 - labelWidth;
	const state = report.exists ? 'exists' : 'does not exist yet; config set creates it';
	return [
		`settings file: ${report.file.path} (${state})`,
		'each setting comes from: default < file < env < flag',
		'',
		...rows.map(row => `${row.key.padEnd(KEY_WIDTH)}${fit(row.value, valueWidth).padEnd(valueWidth)}  ${row.label}`.trimEnd()),
		'',
	].join('\n');
}
