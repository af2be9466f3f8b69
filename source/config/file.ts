/**
 * The settings file on disk: where it is, reading it (never writing while reading), and `config set`,
 * which writes one key through conf (atomic). A broken file is never touched.
 */
import {readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {basename, dirname, extname, join, resolve} from 'node:path';
import {parseDocument, parseSettingsText, documentValues, withSetting, SettingsError, type SettingsFileRef} from './document.js';
import type {JsonValue, SettingKey, SettingValues} from './keys.js';

/** `$XDG_CONFIG_HOME/iot-monitor/config.json` (default `~/.config/...`), or the --config path. */
export function settingsFile(env: Readonly<Record<string, string | undefined>>, configFlag?: string): SettingsFileRef {
	if (configFlag !== undefined) return {path: resolve(configFlag), custom: true};
	return {path: join(env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), 'iot-monitor', 'config.json'), custom: false};
}

/** The file's text, or null when there is none. */
function readText(ref: SettingsFileRef): string | null {
	try {
		return readFileSync(ref.path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return null;
		throw new SettingsError(`${ref.path}: cannot be read (${code ?? String(error)}); fix its permissions or pass --config <path>`);
	}
}

export type SettingsFileContents = {readonly exists: boolean; readonly values: Partial<SettingValues>};

/** Reads and validates the settings file; a missing file sets nothing. Throws a one-line SettingsError. */
export function readSettingsFile(ref: SettingsFileRef): SettingsFileContents {
	const text = readText(ref);
	return text === null ? {exists: false, values: {}} : {exists: true, values: parseSettingsText(text, ref)};
}

/**
 * Writes one key (value already validated) through conf, creating the folder and file when missing. Refuses,
 * with the same message as a read, when the file is not JSON or a key other than this one is broken: the
 * file stays byte for byte as it was. A broken value of this very key is what the fix hints say to do.
 */
export async function writeSetting(ref: SettingsFileRef, key: SettingKey, json: JsonValue): Promise<void> {
	const text = readText(ref);
	const document = text === null ? {} : parseDocument(text, ref);
	const change = withSetting(document, key, json);
	documentValues(change.document, ref);
	// Loaded on demand: nothing else needs conf (or the JSON Schema compiler it brings) at start-up.
	const {default: Conf} = await import('conf');
	const extension = extname(ref.path);
	// No defaults and no schema: conf would write defaults into the file on construction, and it would
	// refuse to load the very file this command is fixing. The checks above are the schema's.
	try {
		const conf = new Conf<Record<string, unknown>>({
			projectName: 'iot-monitor',
			projectSuffix: '',
			cwd: dirname(ref.path),
			configName: basename(ref.path, extension),
			fileExtension: extension.slice(1),
		});
		if (conf.path !== ref.path) throw new Error(`conf resolved ${conf.path} instead`);
		conf.set(change.top, change.value);
	} catch (error) {
		throw new Error(`cannot write ${ref.path}: ${error instanceof Error ? error.message : String(error)}`);
	}
}
