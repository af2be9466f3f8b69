/**
 * The `hostile-values` fault: a 200 answer whose JSON is well formed but whose contents are not what the
 * API promises. Seeded: in the item lists of the answer (Events, MetricDataResults, Metrics, MetricAlarms,
 * CompositeAlarms) some items are replaced whole by a hostile JSON value, or get one field (at any depth:
 * a resource name, a dimension, one timestamp or value) replaced by one; now and then a top-level field
 * (the list itself, NextToken) is. Hostile values: null, booleans, numbers out of range (1e300), strings
 * where numbers belong and numbers where strings belong, terminal escapes, bidi overrides, 100 KB strings,
 * empty and nested lists and objects. What was touched is recorded, so a test can tell the items that were
 * left alone (which a decoder must keep, unchanged) from the spoiled ones (which it may skip).
 */

import {makeRng, type Rng} from './random.js';

/** What one corrupted answer had touched. */
export type HostileReport = {
	readonly operation: string;
	/** Per list field, the indexes of the items that were replaced or had a field replaced. */
	readonly touched: Readonly<Record<string, readonly number[]>>;
	/** Top-level fields that were replaced (the list fields included). */
	readonly topLevel: readonly string[];
};

/** Share of the items touched when a fault does not say (`rate`). */
export const DEFAULT_HOSTILE_RATE = 0.3;

/** The list fields of the answers the endpoint gives. */
export const ITEM_LISTS = ['Events', 'MetricDataResults', 'Metrics', 'MetricAlarms', 'CompositeAlarms'] as const;

function nested(depth: number): unknown {
	let value: unknown = 'bottom';
	for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : {deeper: value};
	return value;
}

/** JSON values no field of an AWS answer should hold. */
export const HOSTILE_VALUES: readonly unknown[] = [
	null,
	true,
	false,
	0,
	-1,
	1.5,
	1e300,
	-1e300,
	2 ** 53 + 2,
	'',
	' ',
	'NaN',
	'Infinity',
	'-0',
	'2026-11-24T14:00:00Z',
	'1e300',
	'\u001b]0;pwned\u0007\u001b[2J\u001b[31mred',
	'\u202Eevil\u2066 \u200B\u0000\r\n\u0085\u2028',
	'\uD800 lone surrogate',
	'x'.repeat(100_000),
	[],
	[null],
	[1, 'two', {three: 3}],
	{},
	JSON.parse('{"__proto__": {"polluted": true}, "constructor": "x", "toString": 1}'),
	{Value: '\u001b[31m', Name: null},
	nested(64),
	Array.from({length: 500}, () => null),
];

/** The generator hostile edits draw from (seeded: a failing run can be replayed). */
export const hostileRng = (seed: number): Rng => makeRng(seed);

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

/** A deep copy of a hostile value (answers must not share mutable parts). */
function hostileValue(rng: Rng): unknown {
	const value = pick(rng, HOSTILE_VALUES);
	return typeof value === 'object' && value !== null ? JSON.parse(JSON.stringify(value)) : value;
}

const isContainer = (value: unknown): value is Record<string, unknown> | unknown[] => typeof value === 'object' && value !== null;

/** Replaces one value somewhere inside `item` (any depth); false when it holds nothing to replace. */
function replaceInside(item: Record<string, unknown> | unknown[], rng: Rng): boolean {
	let container: Record<string, unknown> | unknown[] = item;
	for (let depth = 0; depth < 6; depth++) {
		const keys = Array.isArray(container) ? container.map((_, i) => i) : Object.keys(container);
		if (keys.length === 0) return false;
		const key = pick<string | number>(rng, keys);
		const child: unknown = (container as Record<string | number, unknown>)[key];
		// Go deeper half the time when there is somewhere to go; else replace here.
		if (isContainer(child) && rng() < 0.5) {
			container = child;
			continue;
		}
		(container as Record<string | number, unknown>)[key] = hostileValue(rng);
		return true;
	}
	return false;
}

/** One chosen replacement: the path from the answer's top (keys and list indexes) and the new value. */
export type HostileEdit = {readonly path: ReadonlyArray<string | number>; readonly value: unknown};

/**
 * Applies chosen edits in place (for tests that need one exact shape: `Events: [null]`, `Resources` as a
 * string...). A path that does not exist in this answer is skipped; the last key is set even if new.
 */
export function editAnswer(answer: unknown, operation: string, edits: readonly HostileEdit[]): HostileReport {
	const touched: Record<string, number[]> = {};
	const topLevel: string[] = [];
	for (const {path, value} of edits) {
		if (path.length === 0) continue;
		let container: unknown = answer;
		for (const key of path.slice(0, -1)) container = isContainer(container) ? (container as Record<string | number, unknown>)[key] : undefined;
		if (!isContainer(container)) continue;
		(container as Record<string | number, unknown>)[path[path.length - 1]!] = JSON.parse(JSON.stringify(value ?? null));
		const [list, index] = path;
		if (path.length === 1) topLevel.push(String(list));
		else if (typeof index === 'number') (touched[String(list)] ??= []).push(index);
	}
	return {operation, touched, topLevel};
}

/**
 * Corrupts an answer in place (it is a fresh object per request) and says what was touched. `rate` is the
 * share of items touched; a top-level field is replaced in one answer in ten.
 */
export function corruptAnswer(answer: unknown, operation: string, rng: Rng, rate = DEFAULT_HOSTILE_RATE): HostileReport {
	const touched: Record<string, number[]> = {};
	const topLevel: string[] = [];
	if (!isContainer(answer) || Array.isArray(answer)) return {operation, touched, topLevel};
	for (const list of ITEM_LISTS) {
		const items = answer[list];
		if (!Array.isArray(items)) continue;
		const hit: number[] = [];
		for (let i = 0; i < items.length; i++) {
			if (rng() >= rate) continue;
			const item: unknown = items[i];
			if (rng() < 0.25 || !isContainer(item) || !replaceInside(item, rng)) items[i] = hostileValue(rng);
			hit.push(i);
		}
		if (hit.length > 0) touched[list] = hit;
	}
	if (rng() < 0.1) {
		const keys = Object.keys(answer);
		const key = keys.length > 0 && rng() < 0.8 ? pick(rng, keys) : 'NextToken';
		answer[key] = hostileValue(rng);
		topLevel.push(key);
	}
	return {operation, touched, topLevel};
}
