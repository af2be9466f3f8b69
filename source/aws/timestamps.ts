/**
 * The SDK checks exactly one kind of field in the answers we read: timestamps. A string, object, list or
 * boolean where AWS promises an epoch-seconds number (EventTime, a GetMetricData timestamp, an alarm's
 * StateUpdatedTimestamp) makes it throw a deserialization error for the WHOLE answer: one bad event would
 * lose its page, on every poll. This middleware, inside the deserializer, turns such values into null
 * before the SDK reads them, so the decoders (trail.ts, metrics.ts, alarms.ts) see a missing time and skip
 * and count only the item it spoils. Everything else the SDK passes through unchecked, and the decoders
 * check it. The body is rewritten only when a value had to change.
 */
import {randomUUID} from 'node:crypto';
import type {DeserializeMiddleware, MetadataBearer, MiddlewareStack} from '@smithy/types';

/** Largest answer looked at (a GetMetricData page is a few MB); bigger ones go to the SDK untouched. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Is this key a timestamp (or a list of them) in CloudWatch or CloudTrail answers? */
export function isTimestampKey(key: string): boolean {
	return key === 'EventTime' || key === 'Timestamps' || key.endsWith('Timestamp');
}

const isTime = (value: unknown): boolean => value === null || (typeof value === 'number' && Number.isFinite(value));

/**
 * Replaces, in place, every timestamp value the SDK would refuse with null (a number out of range stays: the
 * SDK makes it an Invalid Date, which the decoders refuse). Returns how many values it replaced.
 */
export function nullBadTimestamps(value: unknown, depth = 0): number {
	if (typeof value !== 'object' || value === null || depth > 64) return 0;
	let fixed = 0;
	if (Array.isArray(value)) {
		for (const item of value) fixed += nullBadTimestamps(item, depth + 1);
		return fixed;
	}
	const record = value as Record<string, unknown>;
	for (const key of Object.keys(record)) {
		const child = record[key];
		if (isTimestampKey(key)) {
			// Only GetMetricData's Timestamps is a list; a list anywhere else is as bad as a string.
			if (key === 'Timestamps' && Array.isArray(child)) {
				for (let i = 0; i < child.length; i++) {
					if (!isTime(child[i])) {
						child[i] = null;
						fixed++;
					}
				}
			} else if (!isTime(child) && !(typeof child === 'string' && /^-?\d+(\.\d+)?$/.test(child))) {
				record[key] = null;
				fixed++;
			}
			continue;
		}
		fixed += nullBadTimestamps(child, depth + 1);
	}
	return fixed;
}

/** A JSON number that is always finite: at most 20 digits each side of the point, an exponent of 2 digits at most. */
const FINITE = String.raw`-?\d{1,20}(?:\.\d{1,20})?(?:[eE][-+]?\d{1,2})?`;
const TIME = `(?:${FINITE}|null)`;
/** A key that is, or ends like, a timestamp key, and its colon (only a key is followed by a colon). */
const TIMESTAMP_KEY = /(EventTime|Timestamps?)"\s*:\s*/g;
const TIME_VALUE = new RegExp(`${TIME}(?=\\s*[,}\\]])`, 'y');
const TIME_LIST = new RegExp(`\\[\\s*(?:${TIME}\\s*(?:,\\s*${TIME}\\s*)*)?\\](?=\\s*[,}\\]])`, 'y');

/**
 * Whether a timestamp in this JSON text may need replacing, told from the text alone: false when every
 * timestamp key in it is followed by a finite number or null (Timestamps: or a list of them), as in every
 * answer AWS sends; then the text need not be parsed here (the SDK parses it anyway). True for anything
 * else (a string, an object, a huge number), and for any text with a \u escape (a key could be spelled
 * with one): then it is parsed and walked. Only a key can be followed by a colon, and a key's own closing
 * quote is never escaped, so every timestamp key is found.
 */
export function timestampsMayNeedFixing(text: string): boolean {
	if (text.includes('\\u')) return true;
	TIMESTAMP_KEY.lastIndex = 0;
	for (let match = TIMESTAMP_KEY.exec(text); match !== null; match = TIMESTAMP_KEY.exec(text)) {
		const at = TIMESTAMP_KEY.lastIndex;
		TIME_VALUE.lastIndex = at;
		if (TIME_VALUE.test(text)) continue;
		TIME_LIST.lastIndex = at;
		if (match[1] === 'Timestamps' && TIME_LIST.test(text)) continue;
		return true;
	}
	return false;
}

type RawResponse = {statusCode?: number; body?: unknown};

async function bytesOf(body: unknown): Promise<Uint8Array | null> {
	if (body instanceof Uint8Array) return body;
	if (typeof body === 'string') return Buffer.from(body);
	if (!body || typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function') return null;
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
		const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
		size += buffer.length;
		chunks.push(buffer);
		if (size > MAX_BODY_BYTES) break;
	}
	return Buffer.concat(chunks);
}

/** Adds the timestamp guard to a client (once per client). */
export function guardTimestamps<Input extends object, Output extends MetadataBearer>(client: {
	readonly middlewareStack: MiddlewareStack<Input, Output>;
}): void {
	const middleware: DeserializeMiddleware<Input, Output> = next => async args => {
		const result = await next(args);
		const response = result.response as RawResponse;
		const status = response?.statusCode ?? 0;
		if (status < 200 || status >= 300) return result;
		const bytes = await bytesOf(response.body);
		if (bytes === null) return result;
		// The stream is read: from here on the body is these bytes, changed or not.
		response.body = bytes;
		if (bytes.length > MAX_BODY_BYTES) return result;
		const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
		// Parsed (and walked) only when a value may need replacing: every answer is otherwise parsed twice.
		if (!timestampsMayNeedFixing(text)) return result;
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch {
			return result; // not JSON: the SDK says so in its own words
		}
		if (nullBadTimestamps(parsed) > 0) response.body = Buffer.from(JSON.stringify(parsed));
		return result;
	};
	// Low priority puts this inside the deserializer: it sees the raw response before the SDK parses it.
	client.middlewareStack.add(middleware, {step: 'deserialize', priority: 'low', name: `iot-monitor-timestamps-${randomUUID()}`});
}
