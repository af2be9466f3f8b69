/**
 * The one I/O module of source/trail/: writes an export as a .jsonl and a .csv file side by side, and
 * the incident snapshot (Markdown) the UI's `s` key asks for. Files are created exclusively (O_EXCL),
 * so an existing file is never overwritten, not even by a second iot-monitor writing in the same
 * second: the name gets a -1, -2, ... suffix instead.
 */
import {open, unlink} from 'node:fs/promises';
import {join, resolve} from 'node:path';
import type {TrailEvent} from '../types.js';
import {toCsv, toJsonLines} from './export.js';

export type ExportResult = {readonly count: number; readonly paths: readonly string[]};

const two = (value: number): string => String(value).padStart(2, '0');

/** "iot-monitor-events-20261124-081500" for a UTC time (the screen's clock is UTC too). */
export function exportStem(now: number, kind: 'events' | 'incident' = 'events'): string {
	const d = new Date(now);
	const date = `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}`;
	const time = `${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
	return `iot-monitor-${kind}-${date}-${time}`;
}

/** Tries this many suffixes before giving up (a directory full of our exports from one second). */
const MAX_ATTEMPTS = 100;

function isExists(error: unknown): boolean {
	return error instanceof Error && (error as NodeJS.ErrnoException).code === 'EEXIST';
}

/** Creates a new file with `data`; false when the name is taken. Owner-only: exports name people and IPs. */
async function createNew(path: string, data: string): Promise<boolean> {
	let handle;
	try {
		handle = await open(path, 'wx', 0o600);
	} catch (error) {
		if (isExists(error)) return false;
		throw error;
	}
	try {
		await handle.writeFile(data, 'utf8');
	} finally {
		await handle.close();
	}
	return true;
}

/**
 * Writes `events` to `<dir>/<stem>.jsonl` and `<dir>/<stem>.csv` and returns the absolute paths. Both
 * files share one stem: if either name is taken, both move to the next suffix. Rejects on I/O errors
 * (no permission, disk full) with the system's message.
 */
export async function writeEventExport(
	events: readonly TrailEvent[],
	options: {readonly dir?: string; readonly now?: number} = {},
): Promise<ExportResult> {
	const dir = resolve(options.dir ?? process.cwd());
	const stem = exportStem(options.now ?? Date.now());
	const jsonl = toJsonLines(events);
	const csv = toCsv(events);
	for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
		const base = join(dir, attempt === 0 ? stem : `${stem}-${attempt}`);
		const paths = [`${base}.jsonl`, `${base}.csv`] as const;
		if (!(await createNew(paths[0], jsonl))) continue;
		let created: boolean;
		try {
			created = await createNew(paths[1], csv);
		} catch (error) {
			await unlink(paths[0]).catch(() => {});
			throw error;
		}
		if (!created) {
			await unlink(paths[0]); // ours, just created: keep the pair together under the next suffix
			continue;
		}
		return {count: events.length, paths};
	}
	throw new Error(`no free file name for ${stem} in ${dir}`);
}

/**
 * Writes an incident snapshot (Markdown) to `<dir>/iot-monitor-incident-<UTC time>.md`, owner-only like
 * the exports (it names people, IPs and records), and returns its absolute path. Never overwrites: a
 * taken name moves to the next suffix. Rejects on I/O errors with the system's message.
 */
export async function writeIncidentSnapshot(markdown: string, options: {readonly dir?: string; readonly now?: number} = {}): Promise<string> {
	const dir = resolve(options.dir ?? process.cwd());
	const stem = exportStem(options.now ?? Date.now(), 'incident');
	for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
		const path = join(dir, `${attempt === 0 ? stem : `${stem}-${attempt}`}.md`);
		if (await createNew(path, markdown)) return path;
	}
	throw new Error(`no free file name for ${stem} in ${dir}`);
}
