/**
 * Defensive access to the CloudTrail record inside a TrailEvent (`raw`, the CloudTrailEvent JSON
 * string). Records are untrusted: fields may be missing, null, oddly cased, of the wrong type or huge,
 * and the string may not be JSON at all. Nothing here throws.
 */
import type {TrailEvent} from '../types.js';
import {recentMemo} from './memo.js';
import {recordText} from './packed-record.js';

/** A JSON object as parsed. */
export type Json = Readonly<Record<string, unknown>>;

/**
 * Larger records are not parsed: LookupEvents records are a few KB (CloudTrail caps them far below
 * this), so anything bigger is hostile or broken and would cost a frame to parse.
 */
export const MAX_PARSE_CHARS = 2_000_000;

/** Any value we take out of a record is cut to this many characters before it is used. */
export const MAX_FIELD_CHARS = 256;

/** The value as a JSON object, or undefined (null, arrays and primitives are not objects). */
export function asObject(value: unknown): Json | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

/** `record[key]`, trying an exact match first and then any casing ("recipientAccountID"). */
export function field(record: Json | undefined, key: string): unknown {
	if (!record) return undefined;
	if (Object.hasOwn(record, key)) return record[key];
	const lower = key.toLowerCase();
	for (const k of Object.keys(record)) if (k.toLowerCase() === lower) return record[k];
	return undefined;
}

/** A nested object by path, each step case-insensitive. */
export function objectAt(record: Json | undefined, ...path: string[]): Json | undefined {
	let current = record;
	for (const key of path) current = asObject(field(current, key));
	return current;
}

/** A non-empty string (numbers and booleans as text), cut to `max` characters (ending '…'); null otherwise. */
export function textOf(value: unknown, max = MAX_FIELD_CHARS): string | null {
	let out: string | null = null;
	if (typeof value === 'string') out = value.trim();
	else if (typeof value === 'number' || typeof value === 'boolean') out = String(value);
	if (!out) return null;
	return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

/** A string field by path (case-insensitive), or null. */
export function textAt(record: Json | undefined, ...path: string[]): string | null {
	const last = path.at(-1);
	if (last === undefined) return null;
	return textOf(field(objectAt(record, ...path.slice(0, -1)), last));
}

/** "true"/"false" in any casing, or a real boolean; null for anything else. */
export function booleanOf(value: unknown): boolean | null {
	if (typeof value === 'boolean') return value;
	if (typeof value !== 'string') return null;
	const lower = value.trim().toLowerCase();
	return lower === 'true' ? true : lower === 'false' ? false : null;
}

/** Parses a record string; undefined when empty, too large, not JSON, or not an object. */
export function parseRecordText(raw: string): Json | undefined {
	if (!raw || raw.length > MAX_PARSE_CHARS) return undefined;
	try {
		return asObject(JSON.parse(raw));
	} catch {
		return undefined; // not JSON, or nested deeper than the parser's stack
	}
}

// The last few records parsed: the list asks for the same screenful on every frame, the detail view for
// one record many times. Bounded, not one per event: a parsed record costs several times its text, and a
// filter over 50,000 events would otherwise keep every one of them parsed.
const parsedRecord = recentMemo(256, (event: TrailEvent) => parseRecordText(recordText(event.raw)));

/** The event's parsed record (the last few are memoised), or undefined. */
export function recordOf(event: TrailEvent): Json | undefined {
	return parsedRecord(event);
}
