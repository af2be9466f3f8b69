/**
 * Hash-based randomness for the CloudTrail stream: every value is a pure function of the seed and a
 * few integers (slot, index, tag), so any time range can be regenerated cheaply and identically.
 */

import {fmix, makeRng, type Rng} from '../random.js';

/** Small integer tags that keep independent random decisions apart. */
export const TAG = {
	slot: 1,
	event: 2,
	detail: 3,
	cert: 4,
	key: 5,
	session: 6,
	inject: 7,
	story: 8,
	token: 9,
	principal: 10,
	id: 11,
	names: 12,
	fleet: 13,
} as const;

/** Mixes numbers (any size, negative allowed) into one unsigned 32-bit hash. */
export function hash32(...parts: readonly number[]): number {
	let h = 0x9e3779b9 ^ parts.length;
	for (const part of parts) {
		const value = Number.isFinite(part) ? Math.trunc(part) : 0;
		const lo = value >>> 0;
		const hi = Math.floor(value / 0x1_0000_0000) >>> 0;
		h = fmix(Math.imul(h ^ lo, 0xcc9e2d51) + 0x6b43a9b5);
		h = fmix(Math.imul(h ^ hi, 0x1b873593) + 0x2f9be6cc);
	}
	return h;
}

/** FNV-1a over a string, folded into hash32 with a seed (used to sign NextTokens). */
export function hashString(text: string, seed: number): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return hash32(seed, h >>> 0, text.length);
}

export {makeRng, type Rng};

/** An integer in [min, max], inclusive. */
export function intBetween(rng: Rng, min: number, max: number): number {
	return min + Math.floor(rng() * (max - min + 1));
}

export function pickOne<T>(rng: Rng, items: readonly T[]): T {
	const item = items[Math.floor(rng() * items.length)];
	if (item === undefined) throw new Error('pickOne: empty list');
	return item;
}

/** Picks by weight; `weights` must be non-empty and positive. */
export function pickWeighted<T extends {readonly weight: number}>(rng: Rng, items: readonly T[]): T {
	let total = 0;
	for (const item of items) total += item.weight;
	let u = rng() * total;
	for (const item of items) {
		u -= item.weight;
		if (u < 0) return item;
	}
	const last = items[items.length - 1];
	if (last === undefined) throw new Error('pickWeighted: empty list');
	return last;
}

const HEX_BYTES = Array.from({length: 256}, (_, i) => i.toString(16).padStart(2, '0'));

function hex8(rng: Rng): string {
	const n = Math.floor(rng() * 0x1_0000_0000);
	return (
		(HEX_BYTES[n >>> 24] ?? '00') +
		(HEX_BYTES[(n >>> 16) & 0xff] ?? '00') +
		(HEX_BYTES[(n >>> 8) & 0xff] ?? '00') +
		(HEX_BYTES[n & 0xff] ?? '00')
	);
}

/** `length` lowercase hex digits. */
export function hexString(rng: Rng, length: number): string {
	let out = '';
	while (out.length < length) out += hex8(rng);
	return out.slice(0, length);
}

/** A version-4-shaped UUID. */
export function uuid(rng: Rng): string {
	const a = hex8(rng);
	const b = hex8(rng);
	const c = hex8(rng);
	const d = hex8(rng);
	const variant = '89ab'[Math.floor(rng() * 4)] ?? '8';
	return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** An AWS-shaped key or id: `prefix` plus base32 characters (e.g. AKIA + 16). */
export function awsId(rng: Rng, prefix: string, length = 16): string {
	let out = prefix;
	for (let i = 0; i < length; i++) out += BASE32[Math.floor(rng() * 32)] ?? 'A';
	return out;
}
