/**
 * The derived baselines on disk, one file per account and region under the user's cache directory, so a
 * restart learns only the minutes it missed instead of refetching two weeks. It is our own cache: an
 * unreadable or outdated file is ignored and replaced, and writes are atomic (temp file + rename).
 *
 * Since format 2 the file is binary, so a fleet of thousands of metrics loads in milliseconds rather than parsing
 * megabytes of JSON numbers: MAGIC, the length of a small JSON header (uint32, little-endian), the header
 * (model, and per metric its scalars, flag, last judgement and where its bytes are), zero padding to a
 * multiple of 8, then the bytes: each detector's one buffer (slab.ts: doubles, floats, counters) and its
 * band as [t, low, high] doubles, in the byte order of the machine that wrote it (the header says which; another is ignored).
 */
import {createHash} from 'node:crypto';
import {mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {homedir} from 'node:os';
import {dirname, join} from 'node:path';
import {DEFAULT_PARAMS, type PackedDetector} from '../baseline/detector.js';
import type {CachedBaseline} from './baseline-engine.js';

/** Bump when the detector's state format or meaning changes: older files are then ignored (4: the area channel's hourly means, area.ts). */
export const CACHE_FORMAT = 4;

const MAGIC = Buffer.from('IOTMON\x00B', 'latin1');
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type MetricHeader = Omit<CachedBaseline, 'state' | 'band'> & {
	readonly detector: PackedDetector['header'];
	/** Byte offsets (from the start of the body) and lengths of the detector's bytes and of its band. */
	readonly detectorAt: number;
	readonly detectorBytes: number;
	readonly bandAt: number;
	readonly bandBytes: number;
};

type CacheHeader = {
	readonly format: number;
	readonly model: string;
	readonly savedAt: string;
	readonly littleEndian: boolean;
	readonly metrics: Record<string, MetricHeader>;
};

const align8 = (n: number) => Math.ceil(n / 8) * 8;

/** Identifies the detector's parameters: a cache learned with other parameters is not reused. */
export function modelId(params: unknown): string {
	return createHash('sha256').update(JSON.stringify(params)).digest('hex').slice(0, 16);
}

/** The model id of the shipped detector (DEFAULT_PARAMS). */
export const shippedModel = (): string => modelId(DEFAULT_PARAMS);

/**
 * The cache file of one account and region as both modes name it (single-scope and fleet share it):
 * account, region and the CloudWatch endpoint's host when one is set (--endpoint-url or the SDK's
 * environment variables), so a simulator never mixes with AWS.
 */
export function scopeCachePath(account: string, region: string, endpointUrl: string | null | undefined, env: NodeJS.ProcessEnv = process.env): string {
	return baselineCachePath(defaultCacheDir(env), [account, region, endpointHost(endpointUrl ?? env['AWS_ENDPOINT_URL_CLOUDWATCH'] ?? env['AWS_ENDPOINT_URL'])]);
}

/** The host of an endpoint URL for a cache file's name ('' for AWS itself): a simulator's never mixes with a real account's. */
export function endpointHost(endpoint: string | undefined): string {
	try {
		return endpoint ? new URL(endpoint).host : '';
	} catch {
		return 'unparsed-endpoint';
	}
}

/** Writes a cache file atomically: a temporary file beside it, renamed over it. Throws on failure. */
export function writeCacheFile(path: string, data: string | Uint8Array, mode?: number): void {
	mkdirSync(dirname(path), {recursive: true});
	const temp = `${path}.${process.pid}.tmp`;
	writeFileSync(temp, data, mode === undefined ? undefined : {mode});
	renameSync(temp, path);
}

/** `$XDG_CACHE_HOME/iot-monitor` (default ~/.cache/iot-monitor). */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
	return join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'iot-monitor');
}

/** One file per account/region (and endpoint, so a simulator never mixes with a real account). */
export function baselineCachePath(dir: string, parts: readonly string[]): string {
	return join(dir, 'baselines', `${cacheKey(parts)}.bin`);
}

/** A file name from its parts (account, region, endpoint host...): safe characters only, '--' between. */
export function cacheKey(parts: readonly string[]): string {
	const key = parts
		.filter(Boolean)
		.map(part => part.replace(/[^\w.-]+/g, '_'))
		.join('--');
	return key || 'default';
}

/** The cached baselines, or null if there is no usable file (missing, unreadable, other model or format). */
export function loadBaselines(path: string, model: string): Record<string, CachedBaseline> | null {
	try {
		return parseBaselines(readFileSync(path), model);
	} catch {
		return null;
	}
}

/** loadBaselines without blocking: a fleet reads a file per scope while its first requests are out. */
export async function readBaselines(path: string, model: string): Promise<Record<string, CachedBaseline> | null> {
	try {
		return parseBaselines(await readFile(path), model);
	} catch {
		return null;
	}
}

function parseBaselines(file: Buffer, model: string): Record<string, CachedBaseline> | null {
	try {
		if (file.length < MAGIC.length + 4 || !file.subarray(0, MAGIC.length).equals(MAGIC)) return null;
		const headerLength = file.readUInt32LE(MAGIC.length);
		const headerEnd = MAGIC.length + 4 + headerLength;
		const header = JSON.parse(file.toString('utf8', MAGIC.length + 4, headerEnd)) as Partial<CacheHeader>;
		if (header.format !== CACHE_FORMAT || header.model !== model || header.littleEndian !== LITTLE_ENDIAN || typeof header.metrics !== 'object' || !header.metrics) {
			return null;
		}
		const body = align8(headerEnd);
		const out: Record<string, CachedBaseline> = {};
		for (const [name, metric] of Object.entries(header.metrics)) {
			const {detector, detectorAt, detectorBytes, bandAt, bandBytes, ...rest} = metric;
			const bytesEnd = body + detectorAt + detectorBytes;
			const bandEnd = body + bandAt + bandBytes;
			if (bytesEnd > file.length || bandEnd > file.length || bandBytes % 24 !== 0) return null;
			// The band is copied into its own (aligned) array; the detector copies its bytes into its own buffer.
			const band = new Float64Array(bandBytes / 8);
			new Uint8Array(band.buffer).set(file.subarray(body + bandAt, bandEnd));
			out[name] = {...rest, state: {header: detector, bytes: file.subarray(body + detectorAt, bytesEnd)}, band};
		}
		return out;
	} catch {
		return null;
	}
}

/** Writes the baselines atomically; failures are returned, never thrown (a cache must not break the app). */
export function saveBaselines(path: string, model: string, metrics: Record<string, CachedBaseline>): string | null {
	try {
		const headers: Record<string, MetricHeader> = {};
		const parts: Uint8Array[] = [];
		let at = 0;
		for (const [name, {state, band, ...rest}] of Object.entries(metrics)) {
			const bandBytes = band ? new Uint8Array(band.buffer, band.byteOffset, band.byteLength) : new Uint8Array(0);
			const detectorAt = at;
			const bandAt = align8(detectorAt + state.bytes.byteLength);
			headers[name] = {...rest, detector: state.header, detectorAt, detectorBytes: state.bytes.byteLength, bandAt, bandBytes: bandBytes.byteLength};
			at = align8(bandAt + bandBytes.byteLength);
			parts.push(state.bytes, new Uint8Array(bandAt - detectorAt - state.bytes.byteLength), bandBytes, new Uint8Array(at - bandAt - bandBytes.byteLength));
		}
		const header: CacheHeader = {format: CACHE_FORMAT, model, savedAt: new Date().toISOString(), littleEndian: LITTLE_ENDIAN, metrics: headers};
		const json = Buffer.from(JSON.stringify(header), 'utf8');
		const length = Buffer.alloc(4);
		length.writeUInt32LE(json.length);
		const headerEnd = MAGIC.length + 4 + json.length;
		writeCacheFile(path, Buffer.concat([MAGIC, length, json, new Uint8Array(align8(headerEnd) - headerEnd), ...parts]));
		// The JSON file of format 1 beside it is outdated: ours to remove.
		if (path.endsWith('.bin')) rmSync(`${path.slice(0, -'.bin'.length)}.json`, {force: true});
		return null;
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	}
}
