/**
 * The one I/O module of source/trail/: writes an export as a .jsonl and a .csv file side by side, and
 * the incident hand-off (Markdown) the UI's `s` key asks for, with its records file beside it. Files are created exclusively (O_EXCL),
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

/** The file names an incident hand-off gets (base names, in the same directory). */
export type IncidentNames = {readonly handoff: string; readonly records: string};

/** The hand-off's text and, when there are suspects, the records file beside it. */
export type IncidentFiles = {readonly markdown: string; readonly records: string | null};

export type IncidentWritten = {readonly path: string; readonly recordsPath: string | null};

/**
 * Writes an incident hand-off to `<dir>/iot-monitor-incident-<UTC time>.md` and, when `build` gives
 * records, those to `<same stem>-records.md` beside it, owner-only like the exports (they name people,
 * IPs and records). `build` gets the free names first, so the hand-off can name its records file. Never
 * overwrites: if either name is taken, both move to the next suffix. Rejects on I/O errors.
 */
export async function writeIncidentFiles(
	build: (names: IncidentNames) => IncidentFiles,
	options: {readonly dir?: string; readonly now?: number} = {},
): Promise<IncidentWritten> {
	const dir = resolve(options.dir ?? process.cwd());
	const stem = exportStem(options.now ?? Date.now(), 'incident');
	for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
		const base = attempt === 0 ? stem : `${stem}-${attempt}`;
		const names = {handoff: `${base}.md`, records: `${base}-records.md`};
		const files = build(names);
		const path = join(dir, names.handoff);
		if (!(await createNew(path, files.markdown))) continue;
		if (files.records === null) return {path, recordsPath: null};
		const recordsPath = join(dir, names.records);
		let created: boolean;
		try {
			created = await createNew(recordsPath, files.records);
		} catch (error) {
			await unlink(path).catch(() => {});
			throw error;
		}
		if (created) return {path, recordsPath};
		await unlink(path); // ours, just created: keep the pair together under the next suffix
	}
	throw new Error(`no free file name for ${stem} in ${dir}`);
}

/** Writes a hand-off without a records file and returns its absolute path (see writeIncidentFiles). */
export async function writeIncidentSnapshot(markdown: string, options: {readonly dir?: string; readonly now?: number} = {}): Promise<string> {
	return (await writeIncidentFiles(() => ({markdown, records: null}), options)).path;
}
