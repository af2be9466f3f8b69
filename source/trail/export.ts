/**
 * Events as files for a ticket or a spreadsheet: JSON Lines and CSV with the `--once --json` event
 * fields plus what the screen shows beside them: the caller in words (role and session, not just the
 * session name), the resources acted on, the risk mark (⚠) and whether an error was a denial, and
 * `late`. Pure: the bytes only; source/trail/export-file.ts writes them.
 */
import {safeJsonStringify} from '../text/json.js';
import {sanitize} from '../text/sanitize.js';
import type {TrailEvent} from '../types.js';
import {eventToJsonWithLate} from './event-json.js';
import {classifyEvent} from './highlight.js';
import {identityLabel} from './identity.js';
import {eventResources, resourceText} from './resources.js';

/** One exported event: the `--once --json` event fields, then the screen's judgement of it. */
export type ExportedEvent = {
	readonly eventId: string;
	readonly eventTime: string | null;
	readonly eventName: string;
	readonly eventSource: string;
	readonly username: string | null;
	readonly identityType: string;
	readonly readOnly: boolean | null;
	readonly errorCode: string | null;
	readonly sourceIp: string | null;
	/** The caller as the list shows it: "role deploy-role/gh-actions-8743752257", "user alice", "root". */
	readonly identity: string;
	/** What the call acted on: "AWS::IoT::Policy device-policy" (trail/resources.ts). */
	readonly resources: readonly string[];
	/** Why the list marks it ⚠ (a destructive or security-relevant call), null for a routine call. */
	readonly risk: string | null;
	/** The error code means the caller lacked permission (AccessDenied and its relatives). */
	readonly denied: boolean;
	readonly late: boolean;
};

/** Column order of both formats. */
export const EXPORT_FIELDS = [
	'eventId',
	'eventTime',
	'eventName',
	'eventSource',
	'username',
	'identityType',
	'readOnly',
	'errorCode',
	'sourceIp',
	'identity',
	'resources',
	'risk',
	'denied',
	'late',
] as const satisfies ReadonlyArray<keyof ExportedEvent>;

/** The exported shape of one event (values as received; the formats make them safe). */
export function exportedEvent(event: TrailEvent): ExportedEvent {
	const {late, ...fields} = eventToJsonWithLate(event);
	const highlight = classifyEvent(event);
	return {
		...fields,
		identity: identityLabel(event),
		resources: eventResources(event).map(resourceText),
		risk: highlight.risky,
		denied: highlight.denied,
		late,
	};
}

/** One CSV cell's value: lists joined by "; " (the cell is then quoted). */
const csvValue = (value: ExportedEvent[keyof ExportedEvent]): unknown => (Array.isArray(value) ? value.join('; ') : value);

/**
 * One JSON object per line. safeJsonStringify escapes what JSON.stringify leaves raw (DEL, C1 controls,
 * bidi overrides, U+2028/9), so `cat`-ing the file cannot drive the terminal, and every line parses.
 */
export function toJsonLines(events: readonly TrailEvent[]): string {
	return events.map(event => safeJsonStringify(exportedEvent(event)) + '\n').join('');
}

/** Cells a spreadsheet would run as a formula (CSV injection) start with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: controls and bidi characters made visible (sanitize), a leading apostrophe when the
 * value could start a formula, then RFC 4180 quoting (doubled quotes) when the cell needs it.
 */
export function csvCell(value: unknown): string {
	if (value === null || value === undefined) return '';
	const raw = String(value);
	let text = sanitize(raw);
	if (FORMULA_START.test(raw) || FORMULA_START.test(text)) text = `'${text}`;
	// ';' too: spreadsheets in many locales split on it.
	return /[",;\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV: a header row, then one row per event, CRLF line ends. */
export function toCsv(events: readonly TrailEvent[]): string {
	const rows = [EXPORT_FIELDS.join(',')];
	for (const event of events) {
		const record = exportedEvent(event);
		rows.push(EXPORT_FIELDS.map(name => csvCell(csvValue(record[name]))).join(','));
	}
	return rows.join('\r\n') + '\r\n';
}
