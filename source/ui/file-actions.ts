/**
 * The two keys that write files, `x` (the listed events as JSON Lines and CSV) and `s` (the incident
 * hand-off as Markdown): each writes in the background and reports the outcome in the status line,
 * the path on success, the reason (sanitized: it may quote a path or an SDK message) on failure.
 */
import type {Dispatch} from 'react';
import type {MonitorHandle} from '../monitor/types.js';
import {incidentMarkdown} from '../report/markdown.js';
import {sanitize} from '../text/sanitize.js';
import {writeEventExport, writeIncidentSnapshot, type ExportResult} from '../trail/export-file.js';
import type {TrailEvent} from '../types.js';
import {formatCount} from '../render/format.js';
import type {Glyphs} from '../render/glyphs.js';
import type {StatusMessage, UiAction} from './state/ui-reducer.js';

/** Writes the events of the list (JSON Lines + CSV); the default writes new files in the export directory. */
export type ExportEvents = (events: readonly TrailEvent[], now: number) => Promise<ExportResult>;

/** Writes the incident snapshot's Markdown and returns the path; the default writes a new .md file. */
export type WriteSnapshot = (markdown: string, now: number) => Promise<string>;

export type FileActionOptions = {
	readonly monitor: MonitorHandle;
	readonly dispatch: Dispatch<UiAction>;
	readonly clock: () => number;
	readonly glyphs: Glyphs;
	/** Where the files go; the current working directory by default. */
	readonly exportDir?: string | undefined;
	readonly exportEvents?: ExportEvents | undefined;
	readonly writeSnapshot?: WriteSnapshot | undefined;
};

const reason = (error: unknown): string => sanitize(error instanceof Error ? error.message : String(error));

/** The `x` and `s` actions of the App. */
export function fileActions({monitor, dispatch, clock, glyphs, exportDir, exportEvents, writeSnapshot}: FileActionOptions) {
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
			const write: WriteSnapshot = writeSnapshot ?? ((text, time) => writeIncidentSnapshot(text, {dir: exportDir, now: time}));
			report(
				() => write(incidentMarkdown({snapshot: monitor.getSnapshot()}), at),
				path => ({text: 'incident snapshot written to', path: sanitize(path)}),
				'snapshot failed',
			);
		},
	};
}
