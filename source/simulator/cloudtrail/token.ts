/**
 * LookupEvents NextToken: an opaque, signed string that pins the paging run. It carries the query it
 * belongs to, the delivery cut-off of the first page ("as of") and the last event returned, so later
 * pages neither repeat nor skip events while new ones keep arriving.
 */

import {hashString} from './random.js';

export type PageToken = {
	/** Fingerprint of the parameters that must not change between pages. */
	readonly query: string;
	/** Delivery cut-off (epoch ms): the server time of the first page. */
	readonly asOf: number;
	/** The resolved time range of the first page (defaults are pinned too). */
	readonly start: number;
	readonly end: number;
	/** Sort key of the last event returned. */
	readonly lastTime: number;
	readonly lastId: string;
};

type Wire = {v: 1; q: string; a: number; s: number; e: number; t: number; i: string; h: number};

function body(token: PageToken): string {
	return JSON.stringify([token.query, token.asOf, token.start, token.end, token.lastTime, token.lastId]);
}

/** Encodes and signs a token with the service's seed. */
export function encodeToken(token: PageToken, seed: number): string {
	const wire: Wire = {
		v: 1,
		q: token.query,
		a: token.asOf,
		s: token.start,
		e: token.end,
		t: token.lastTime,
		i: token.lastId,
		h: hashString(body(token), seed),
	};
	return Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url');
}

const isNum = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Decodes a token, or returns null when it is not one of ours (garbage, tampered, other seed). */
export function decodeToken(text: string, seed: number): PageToken | null {
	if (text.length === 0 || text.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
	let wire: unknown;
	try {
		wire = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
	} catch {
		return null;
	}
	if (typeof wire !== 'object' || wire === null) return null;
	const w = wire as Partial<Record<keyof Wire, unknown>>;
	if (w.v !== 1 || typeof w.q !== 'string' || typeof w.i !== 'string') return null;
	if (!isNum(w.a) || !isNum(w.s) || !isNum(w.e) || !isNum(w.t) || !isNum(w.h)) return null;
	const token: PageToken = {query: w.q, asOf: w.a, start: w.s, end: w.e, lastTime: w.t, lastId: w.i};
	return hashString(body(token), seed) === w.h ? token : null;
}
