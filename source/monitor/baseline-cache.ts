/**
 * The derived baselines on disk, one file per account and region under the user's cache directory, so a
 * restart learns only the minutes it missed instead of refetching two weeks. It is our own cache: an
 * unreadable or outdated file is ignored and replaced, and writes are atomic (temp file + rename).
 */
import {createHash} from 'node:crypto';
import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {dirname, join} from 'node:path';
import type {CachedBaseline} from './baseline-engine.js';

/** Bump when the detector's state format or meaning changes: older files are then ignored. */
export const CACHE_FORMAT = 1;

type CacheFile = {
	readonly format: number;
	readonly model: string;
	readonly savedAt: string;
	readonly metrics: Record<string, CachedBaseline>;
};

/** Identifies the detector's parameters: a cache learned with other parameters is not reused. */
export function modelId(params: unknown): string {
	return createHash('sha256').update(JSON.stringify(params)).digest('hex').slice(0, 16);
}

/** `$XDG_CACHE_HOME/iot-monitor` (default ~/.cache/iot-monitor). */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
	return join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'iot-monitor');
}

/** One file per account/region (and endpoint, so a simulator never mixes with a real account). */
export function baselineCachePath(dir: string, parts: readonly string[]): string {
	const key = parts
		.filter(Boolean)
		.map(part => part.replace(/[^\w.-]+/g, '_'))
		.join('--');
	return join(dir, 'baselines', `${key || 'default'}.json`);
}

/** The cached baselines, or null if there is no usable file (missing, unreadable, other model). */
export function loadBaselines(path: string, model: string): Record<string, CachedBaseline> | null {
	try {
		const file = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheFile>;
		if (file.format !== CACHE_FORMAT || file.model !== model || typeof file.metrics !== 'object' || !file.metrics) {
			return null;
		}
		return file.metrics;
	} catch {
		return null;
	}
}

/** Writes the baselines atomically; failures are returned, never thrown (a cache must not break the app). */
export function saveBaselines(path: string, model: string, metrics: Record<string, CachedBaseline>): string | null {
	try {
		mkdirSync(dirname(path), {recursive: true});
		const temp = `${path}.${process.pid}.tmp`;
		const file: CacheFile = {format: CACHE_FORMAT, model, savedAt: new Date().toISOString(), metrics};
		writeFileSync(temp, JSON.stringify(file));
		renameSync(temp, path);
		return null;
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	}
}
