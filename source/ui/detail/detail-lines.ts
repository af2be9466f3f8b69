/**
 * Pure: the content of the detail view. Our own summary (identity in words, when, where, error,
 * resources, why it is flagged) is wrapped to the width; the record follows pretty-printed, one
 * string per line, sanitized and cut to the width only when a line is drawn, so a huge record costs
 * one stringify when opened and a screenful per frame.
 */
import {classifyEvent, highlightReasons} from '../../trail/highlight.js';
import {describeIdentity} from '../../trail/identity.js';
import {asObject, field, MAX_PARSE_CHARS, objectAt, recordOf, textAt, textOf, type Json} from '../../trail/record.js';
import {recordText} from '../../trail/packed-record.js';
import {safeJsonStringify} from '../../text/json.js';
import {sanitize} from '../../text/sanitize.js';
import {textWidth} from '../../text/width.js';
import type {TrailEvent} from '../../types.js';
import {formatAge, formatCount} from '../../render/format.js';
import {UNICODE, wrap, type Glyphs} from '../../render/glyphs.js';
import type {Segment} from '../../render/segments.js';

/** Width of the WHO/WHEN/... labels, space included. */
const LABEL_WIDTH = 8;
/** An unparsable record is shown as received, at most this much of it. */
const MAX_RAW_SHOWN = 256 * 1024;
/** Unparsable text is cut into pieces of this many UTF-16 units (one line each), so nothing hides off-screen. */
const RAW_PIECE = 64;

type Row = {readonly label: string; readonly text: string; readonly color?: Segment['color']; readonly max?: number};

/** A label and its text wrapped under it: "WHO     Temporary credentials of ..." */
function labelled(rows: readonly Row[], width: number, g: Glyphs): Segment[][] {
	const out: Segment[][] = [];
	let previous = '';
	for (const row of rows) {
		const lines = wrap(row.text, Math.max(8, width - LABEL_WIDTH - 1), row.max ?? 4, g);
		lines.forEach((line, index) => {
			const label = index === 0 && row.label !== previous ? row.label : '';
			out.push([{text: ` ${label.padEnd(LABEL_WIDTH - 1)}`, bold: true}, {text: ` ${line}`, color: row.color}]);
		});
		previous = row.label;
	}
	return out;
}

function iso(ms: number): string | null {
	return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : null;
}

/** Scalar request parameters ("newStatus=REVOKED"): what the call asked for, in one line each. */
function requestRows(record: Json | undefined): Row[] {
	const request = objectAt(record, 'requestParameters');
	if (!request) return [];
	const rows: Row[] = [];
	for (const key of Object.keys(request).slice(0, 40)) {
		const value = textOf(request[key]);
		if (value === null) continue;
		rows.push({label: 'REQUEST', text: `${sanitize(key.slice(0, 64))}=${sanitize(value.slice(0, 120))}`, max: 2});
		if (rows.length === 6) break;
	}
	return rows;
}

/** Resources as LookupEvents lists them, else the record's ARNs. */
function resourceRows(event: TrailEvent, record: Json | undefined, g: Glyphs): Row[] {
	const listed = Array.isArray(event.resources) ? event.resources : [];
	const fromEvent = listed
		.slice(0, 6)
		.map(resource => [resource?.type, resource?.name].filter(part => typeof part === 'string' && part !== '').map(sanitize).join(' '))
		.filter(text => text !== '');
	const inRecord = field(record, 'resources');
	const fromRecord = Array.isArray(inRecord)
		? inRecord.slice(0, 6).map(item => sanitize(textAt(asObject(item), 'ARN') ?? '')).filter(text => text !== '')
		: [];
	const texts = fromEvent.length > 0 ? fromEvent : fromRecord;
	const more = Math.max(listed.length, Array.isArray(inRecord) ? inRecord.length : 0) - texts.length;
	const rows = texts.map(text => ({label: 'WHAT', text, max: 2}));
	if (more > 0) rows.push({label: 'WHAT', text: `${g.ellipsis} and ${formatCount(more, g)} more (see the record)`, max: 1});
	return rows;
}

/** The summary lines at `width` columns (sanitized segments), for the event as of `now`. */
export function detailSummary(event: TrailEvent, now: number, width: number, g: Glyphs = UNICODE): Segment[][] {
	const record = recordOf(event);
	const identity = describeIdentity(event);
	const highlight = classifyEvent(event);
	const title: Segment[] = [
		{text: ' '},
		{text: sanitize(event.eventName), bold: true},
		{text: `  ${sanitize(event.eventSource)}`, dim: true},
		{text: event.readOnly === true ? '  read-only' : event.readOnly === false ? '  write' : '', dim: true},
	];
	const time = iso(event.eventTime) ?? sanitize(textAt(record, 'eventTime') ?? 'unknown time');
	const when = `${time}${event.eventTime > 0 ? ` (${formatAge(event.eventTime, now)})` : ''}${event.late ? ` ${g.sep} ${g.late} arrived late (out of order, or 10+ min after its EventTime)` : ''}`;
	const where = [event.sourceIp, event.awsRegion, textAt(record, 'vpcEndpointId')]
		.filter((part): part is string => typeof part === 'string' && part !== '')
		.map(sanitize)
		.join(` ${g.sep} `);
	const agent = textOf(field(record, 'userAgent'), 600);
	const rows: Row[] = [
		...identity.summary.map((text, index) => ({label: 'WHO', text, max: index === 0 ? 4 : 2})),
		{label: 'WHEN', text: when},
		{label: 'WHERE', text: where || 'unknown', max: 2},
		...(agent ? [{label: 'WHERE', text: `user agent ${sanitize(agent)}`, max: 2}] : []),
	];
	if (event.errorCode !== null) {
		// Denial messages quote ARNs and policy types: longer than other fields, and worth reading whole.
		const message = textOf(field(record, 'errorMessage'), 1500);
		rows.push({label: 'ERROR', text: `${sanitize(event.errorCode)}${message ? `: ${sanitize(message)}` : ''}`, color: 'red', max: 6});
	}
	rows.push(...requestRows(record), ...resourceRows(event, record, g));
	for (const reason of highlightReasons(event, highlight)) {
		rows.push({label: 'FLAGS', text: reasonText(reason, g), color: reason.startsWith(UNICODE.cross) ? 'red' : 'yellow', max: 2});
	}
	const request = textAt(record, 'requestID');
	rows.push({label: 'ID', text: `event ${sanitize(event.eventId)}${request ? ` ${g.sep} request ${sanitize(request)}` : ''}`, max: 2});
	const rule = g.rule;
	return [title, ...labelled(rows, width, g), [{text: ` ${rule.repeat(3)} record `, dim: true}, {text: rule.repeat(Math.max(0, width - 13)), dim: true}]];
}

/**
 * A highlight reason (source/trail/highlight.ts) in the glyph set: each starts with our own mark (✗, ⚠
 * or !) and a space; only that mark is swapped, the quoted error code after it is the event's.
 */
function reasonText(reason: string, g: Glyphs): string {
	if (reason.startsWith(`${UNICODE.cross} `)) return g.cross + reason.slice(UNICODE.cross.length);
	if (reason.startsWith(`${UNICODE.warn} `)) return g.warn + reason.slice(UNICODE.warn.length);
	return reason;
}

/** Splits text into pieces of RAW_PIECE units without cutting a surrogate pair. */
function pieces(line: string): string[] {
	if (line.length <= RAW_PIECE) return [line];
	const out: string[] = [];
	let start = 0;
	while (start < line.length) {
		let end = Math.min(line.length, start + RAW_PIECE);
		const last = line.charCodeAt(end - 1);
		if (end < line.length && last >= 0xd800 && last <= 0xdbff) end--;
		out.push(line.slice(start, end));
		start = end;
	}
	return out;
}

const recordCache = new WeakMap<TrailEvent, readonly string[]>();

/**
 * The record as lines, not yet sanitized: pretty JSON when it parses (C1 and bidi characters escaped
 * as \uXXXX by safeJsonStringify), else the raw text as received, in pieces. Memoised per event.
 */
/** Longest JSON-in-a-string we parse for display (policy documents are at most ~6 KB). */
const MAX_EMBEDDED_JSON = 64 * 1024;
/** The key suffix that says a string value is shown parsed. */
export const PARSED_MARK = ' (JSON string, shown parsed)';

/**
 * The record with string values that hold a JSON object or array (a policy document, a rule's SQL
 * payload) replaced by their parsed value, under the key with PARSED_MARK, so they pretty-print
 * instead of running off the screen as one escaped line.
 */
export function withJsonStringsParsed(value: unknown, depth = 0): unknown {
	if (depth > 40 || value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map(item => withJsonStringsParsed(item, depth + 1));
	const out: Record<string, unknown> = {};
	for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
		if (typeof item === 'string' && item.length <= MAX_EMBEDDED_JSON && /^\s*[{[]/.test(item)) {
			try {
				const parsed: unknown = JSON.parse(item);
				if (parsed !== null && typeof parsed === 'object') {
					out[key + PARSED_MARK] = withJsonStringsParsed(parsed, depth + 1);
					continue;
				}
			} catch {
				// not JSON after all: shown as the string it is
			}
		}
		out[key] = withJsonStringsParsed(item, depth + 1);
	}
	return out;
}

/**
 * Record lines sanitized and wrapped to `width` columns: a long line continues on the next ones,
 * indented like it, so nothing is cut off (a policy statement, a long ARN).
 */
export function wrapRecordLines(lines: readonly string[], width: number): string[] {
	const out: string[] = [];
	const room = Math.max(8, width);
	for (const raw of lines) {
		const line = sanitize(raw);
		if (textWidth(line) <= room) {
			out.push(line);
			continue;
		}
		const indent = ' '.repeat(Math.min(/^ */.exec(line)![0].length + 2, Math.floor(room / 2)));
		let rest = line;
		let first = true;
		while (rest !== '') {
			const lead = first ? '' : indent;
			const piece = takeColumns(rest, room - lead.length);
			out.push(lead + piece);
			rest = rest.slice(piece.length);
			first = false;
		}
	}
	return out;
}

/** The longest start of `text` at most `columns` wide (at least one character). */
function takeColumns(text: string, columns: number): string {
	if (/^[\x20-\x7e]*$/.test(text)) return text.slice(0, Math.max(1, columns));
	let used = 0;
	let end = 0;
	for (const char of text) {
		const w = textWidth(char);
		if (used + w > columns && end > 0) break;
		used += w;
		end += char.length;
	}
	return text.slice(0, end);
}

export function recordLines(event: TrailEvent): readonly string[] {
	const hit = recordCache.get(event);
	if (hit) return hit;
	const raw = recordText(event.raw);
	let lines: readonly string[];
	const record = recordOf(event);
	let pretty: string | null = null;
	if (record !== undefined) {
		try {
			pretty = safeJsonStringify(withJsonStringsParsed(record), 2);
		} catch {
			pretty = null; // nested too deep to print
		}
	}
	if (raw === '') lines = ['(LookupEvents returned no CloudTrailEvent record)'];
	else if (pretty !== null) lines = pretty.split('\n');
	else {
		const why =
			raw.length > MAX_PARSE_CHARS
				? `too large to parse (${formatCount(Math.round(raw.length / 1024))} KB)`
				: record !== undefined
					? 'nested too deep to pretty-print'
					: 'not valid JSON';
		const shown = raw.length > MAX_RAW_SHOWN ? `the first ${MAX_RAW_SHOWN / 1024} KB` : 'shown';
		const note = `(${why}; ${shown} as received)`;
		lines = [note, ...raw.slice(0, MAX_RAW_SHOWN).split('\n').flatMap(pieces)];
	}
	recordCache.set(event, lines);
	return lines;
}
