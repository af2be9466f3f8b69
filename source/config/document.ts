/**
 * The settings file's text, checked: JSON, one object, known keys, each value through its key's validator.
 * Every problem is ONE line naming the file, the key and the fix. Pure: the caller reads and writes.
 */
import {safeJsonStringify} from '../text/json.js';
import {findJsonError} from './json-error.js';
import {SETTING_KEYS, SPECS, type JsonValue, type SettingKey, type SettingValues} from './keys.js';

/** Which settings file, and whether it is the default one (a custom one needs --config in fix hints). */
export type SettingsFileRef = {readonly path: string; readonly custom: boolean};

/** A broken settings file or environment value: one line, exit code 2 (like a usage error). */
export class SettingsError extends Error {
	override name = 'SettingsError';
}

type Document = Readonly<Record<string, unknown>>;

/** Quotes a word for a POSIX shell when it needs it. */
export function shellQuote(word: string): string {
	return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The command that sets `key` to a valid example: the fix offered in every message about the key. */
export function fixCommand(ref: SettingsFileRef, key: SettingKey): string {
	const config = ref.custom ? ` --config ${shellQuote(ref.path)}` : '';
	return `iot-monitor config set ${key} ${shellQuote(SPECS[key].example)}${config}`;
}

function keyProblem(ref: SettingsFileRef, key: SettingKey, problem?: string): SettingsError {
	const spec = SPECS[key];
	return new SettingsError(
		`${ref.path}: "${key}" ${problem ?? spec.rule}, e.g. ${spec.exampleJson}; fix or remove it (${fixCommand(ref, key)})`,
	);
}

const squash = (key: string) => key.toLowerCase().replaceAll(/[-_.\s]/g, '');

function unknownKey(ref: SettingsFileRef, key: string, known: readonly string[]): SettingsError {
	const near = known.find(candidate => squash(candidate) === squash(key) || editDistance(candidate, key) <= 2);
	const hint = near === undefined ? `; the keys are ${known.join(', ')}` : ` (did you mean "${near}"?)`;
	return new SettingsError(`${ref.path}: unknown key ${safeJsonStringify(key)}${hint}; rename or remove it`);
}

function editDistance(a: string, b: string): number {
	let previous = Array.from({length: b.length + 1}, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const row = [i];
		for (let j = 1; j <= b.length; j++) {
			row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
		}
		previous = row;
	}
	return previous[b.length]!;
}

const isObject = (value: unknown): value is Document =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses the file's text into a JSON object; the message says where the JSON breaks. */
export function parseDocument(text: string, ref: SettingsFileRef): Document {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		const where = findJsonError(text);
		const at = where ? ` at line ${where.line} column ${where.column} (${where.problem})` : '';
		throw new SettingsError(`${ref.path}: not valid JSON${at}; fix it or remove the file`);
	}
	if (!isObject(parsed)) {
		throw new SettingsError(`${ref.path}: must hold one JSON object, e.g. {"region": "eu-west-1"}; fix it or remove the file`);
	}
	return parsed;
}

const TOP_KEYS = [...SETTING_KEYS.filter(key => !key.startsWith('notify.')), 'notify'];
const NOTIFY_KEYS = SETTING_KEYS.filter(key => key.startsWith('notify.'));

/** Validates every key of the document (in file order) and returns the values it sets. */
export function documentValues(document: Document, ref: SettingsFileRef): Partial<SettingValues> {
	const values: Partial<Record<SettingKey, unknown>> = {};
	const take = (key: SettingKey, raw: unknown) => {
		const checked = SPECS[key].fromJson(raw);
		if (!checked.ok) throw keyProblem(ref, key, checked.problem);
		values[key] = checked.value;
	};
	for (const [name, raw] of Object.entries(document)) {
		if (name === 'notify') {
			if (!isObject(raw)) {
				throw new SettingsError(
					`${ref.path}: "notify" must be an object, e.g. {"bell": true, "command": null}; fix or remove it (${fixCommand(ref, 'notify.bell')})`,
				);
			}
			for (const [sub, subRaw] of Object.entries(raw)) {
				const key = `notify.${sub}`;
				if (!(NOTIFY_KEYS as readonly string[]).includes(key)) throw unknownKey(ref, key, NOTIFY_KEYS);
				take(key as SettingKey, subRaw);
			}
		} else if (TOP_KEYS.includes(name)) {
			take(name as SettingKey, raw);
		} else {
			throw unknownKey(ref, name, TOP_KEYS);
		}
	}
	return values as Partial<SettingValues>;
}

/** The settings a file's text sets; throws a one-line SettingsError when the file is broken. */
export function parseSettingsText(text: string, ref: SettingsFileRef): Partial<SettingValues> {
	return documentValues(parseDocument(text, ref), ref);
}

/**
 * The document with one key replaced: the top-level key and its new JSON value (for `notify.*`, the
 * notify object with one member replaced; a notify that is not an object is replaced whole).
 */
export function withSetting(document: Document, key: SettingKey, json: JsonValue): {top: string; value: JsonValue; document: Document} {
	if (!key.startsWith('notify.')) return {top: key, value: json, document: {...document, [key]: json}};
	const notify = isObject(document['notify']) ? (document['notify'] as Record<string, JsonValue>) : {};
	const value = {...notify, [key.slice('notify.'.length)]: json};
	return {top: 'notify', value, document: {...document, notify: value}};
}
