/**
 * The two keys that write files, `x` (the listed events as JSON Lines and CSV) and `s` (the incident
 * hand-off as Markdown): each writes in the background and reports the outcome in the status line,
 * the path on success, the reason (sanitized: it may quote a path or an SDK message) on failure.
 */
import type {Dispatch} from 'react';
import type {MonitorHandle} from '../monitor/types.js';
import {incidentMarkdown, incidentRecords} from '../report/markdown.js';
import {sanitize} from '../text/sanitize.js';
import {writeEventExport, writeIncidentFiles, type ExportResult, type IncidentFiles, type IncidentNames, type IncidentWritten} from '../trail/export-file.js';
import type {TrailEvent} from '../types.js';
import {formatCount} from '../render/format.js';
import type {Glyphs} from '../render/glyphs.js';
import type {StatusMessage, UiAction} from './state/ui-reducer.js';

/** Writes the events of the list (JSON Lines + CSV); the default writes new files in the export directory. */
export type ExportEvents = (events: readonly TrailEvent[], now: number) => Promise<ExportResult>;

/**
 * Writes the incident hand-off (and its records file) and returns the paths; `build` makes the texts
 * once the free file names are known. The default writes new files in the export directory.
 */
export type WriteSnapshot = (build: (names: IncidentNames) => IncidentFiles, now: number) => Promise<IncidentWritten>;

export type FileActionOptions = {
	readonly monitor: MonitorHandle;
	readonly dispatch: Dispatch<UiAction>;
	readonly clock: () => number;
	readonly glyphs: Glyphs;
	/** Where the files go; the current working directory by default. */
	readonly exportDir?: string | undefined;
	readonly exportEvents?: ExportEvents | undefined;
	readonly writeSnapshot?: WriteSnapshot | undefined;
	/** `s` puts the records inside the hand-off (--full) instead of in a file beside it. */
	readonly fullHandoff?: boolean | undefined;
};

const reason = (error: unknown): string => sanitize(error instanceof Error ? error.message : String(error));

/** The `x` and `s` actions of the App. */
export function fileActions({monitor, dispatch, clock, glyphs, exportDir, exportEvents, writeSnapshot, fullHandoff = false}: FileActionOptions) {
	const show = (status: Omit<StatusMessage, 'at'>): void => dispatch({type: 'status-shown', status: {...status, at: clock()}});
	/** Runs `write` and shows what `done` makes of its result, or `failed` with the reason. */
	const report = <T>(write: () => Promise<T>, done: (result: T) => Omit<StatusMessage, 'at' | 'tone'>, failed: string): void => {
		let pending: Promise<T>;
		try {
			pending = write();
		} catch (error) {
			pending = Promise.reject(error);
		}
		pending.then(
			result => show({...done(result), tone: 'ok'}),
			(error: unknown) => show({text: `${failed}: ${reason(error)}`, tone: 'error'}),
		);
	};

	return {
		exportEvents(list: readonly TrailEvent[]): void {
			if (list.length === 0) {
				show({text: 'nothing to export: no events in the list', tone: 'error'});
				return;
			}
			const at = clock();
			const write: ExportEvents = exportEvents ?? ((items, time) => writeEventExport(items, {dir: exportDir, now: time}));
			report(
				() => write(list, at),
				result => {
					const [first = '', second = ''] = result.paths.map(path => sanitize(path));
					const count = `${formatCount(result.count, glyphs)} event${result.count === 1 ? '' : 's'}`;
					return {text: `exported ${count} to`, path: first, suffix: second.endsWith('.csv') ? ' + .csv' : ''};
				},
				'export failed',
			);
		},
		writeSnapshot(): void {
			const at = clock();
			const snapshot = monitor.getSnapshot();
			const write: WriteSnapshot = writeSnapshot ?? ((build, time) => writeIncidentFiles(build, {dir: exportDir, now: time}));
			// Ticket-sized by default, the full records in a file beside it; --full keeps them inline.
			const build = (names: IncidentNames): IncidentFiles =>
				fullHandoff
					? {markdown: incidentMarkdown({snapshot, full: true}), records: null}
					: {markdown: incidentMarkdown({snapshot, records: {kind: 'file', name: names.records}}), records: incidentRecords(snapshot, names.handoff)};
			report(
				() => write(build, at),
				({path, recordsPath}) => ({text: 'incident snapshot written to', path: sanitize(path), suffix: recordsPath === null ? '' : ' + records'}),
				'snapshot failed',
			);
		},
	};
}
