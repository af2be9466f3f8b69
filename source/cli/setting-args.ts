/** Setting values given on the command line (a flag, or `config set KEY VALUE`), checked by the key's own validator. */
import type {SettingsFileRef} from '../config/document.js';
import {isSettingKey, SETTING_KEYS, SPECS, type JsonValue, type SettingKey, type SettingTypes} from '../config/keys.js';
import {safeJsonStringify} from '../text/json.js';
import type {Command} from './command.js';
import {suggest} from './suggest.js';
import {UsageError} from './usage-error.js';

/** Validates one setting's text with its key's validator; the message names where the text came from. */
export function settingFromText<K extends SettingKey>(key: K, text: string, source: string, example: string): SettingTypes[K] {
	const checked = SPECS[key].fromText(text);
	if (!checked.ok) throw new UsageError(`${source} ${safeJsonStringify(text)} ${checked.problem ?? SPECS[key].rule}, e.g. ${example}`);
	return checked.value as SettingTypes[K];
}

/** `config set KEY VALUE`: the key must exist and the value pass the key's validator. */
export function parseConfigSet(args: readonly string[], file: SettingsFileRef): Command {
	const [key, text, ...extra] = args;
	const keys = SETTING_KEYS.join(', ');
	if (key === undefined || text === undefined || extra.length > 0) {
		throw new UsageError(`usage: iot-monitor config set KEY VALUE (one value; quote it if it has spaces); keys: ${keys}`);
	}
	if (!isSettingKey(key)) {
		const guess = suggest(key, SETTING_KEYS);
		throw new UsageError(`config set: unknown key ${safeJsonStringify(key)}${guess ? `: did you mean ${guess}?` : `; the keys are ${keys}`}`);
	}
	const value = settingFromText(key, text, `config set ${key}`, `iot-monitor config set ${key} ${SPECS[key].example}`);
	const spec = SPECS[key] as {toJson: (value: unknown, text: string) => JsonValue};
	return {kind: 'config-set', file, key, value: spec.toJson(value, text)};
}
