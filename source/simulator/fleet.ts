/**
 * The deterministic synthetic fleet: every value is a pure function of (seed, series, minute, incidents),
 * so 15 days of 1-minute data cost nothing to keep. Also models CloudWatch's ingestion lag.
 */
import type {IncidentBook} from './incidents.js';
import {type Dimension, type SeriesSpec, SERIES_SPECS} from './fleet-series.js';
import {gaussian, hash, hashString, poisson, unit} from './random.js';

export type {Dimension} from './fleet-series.js';

/** A bucket starting at t is complete (final) once now >= t + this; before that CloudWatch shows a partial Sum. */
export const SIM_COMPLETE_AFTER_MS = 180_000;
/** 1-minute data exists this far back from now, nothing older. */
export const SIM_RETENTION_MS = 15 * 86_400_000;

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export type FleetSeries = SeriesSpec & {
	/** Metric name plus sorted dimensions, e.g. `PublishIn.Success|Protocol=MQTT`. */
	readonly key: string;
	readonly keyHash: number;
};

/** One minute as CloudWatch aggregates it: k sub-reports summed, counted and min/maxed. */
export type MinuteSample = {readonly sum: number; readonly count: number; readonly min: number; readonly max: number};

export type Fleet = {
	readonly series: readonly FleetSeries[];
	/** The series with exactly these dimensions (order ignored), if the fleet has it. */
	find(metricName: string, dimensions: readonly Dimension[]): FleetSeries | undefined;
	/** The final value of the minute starting at t (ms, minute-aligned); null when nothing happened. */
	minute(series: FleetSeries, t: number): MinuteSample | null;
	/** The minute as CloudWatch would show it at `now`: absent beyond retention or in the future, partial while lagging. */
	observe(series: FleetSeries, t: number, now: number): MinuteSample | null;
	/** Start of the oldest minute that still has data at `now`. */
	horizon(now: number): number;
};

/** Canonical key for a metric and a dimension set (dimension order does not matter). */
export function seriesKey(metricName: string, dimensions: readonly Dimension[]): string {
	const dims = [...dimensions]
		.map(d => `${d.Name}=${d.Value}`)
		.sort()
		.join(',');
	return `${metricName}|${dims}`;
}

function isWeekend(day: number): boolean {
	const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
	return weekday === 0 || weekday === 6;
}

function smoothstep(x: number): number {
	return x * x * (3 - 2 * x);
}

/** 0 on weekdays, 1 on weekends, easing over the first 3 hours of a day so Saturday does not arrive as a cliff. */
function weekendness(t: number): number {
	const day = Math.floor(t / DAY);
	const current = isWeekend(day) ? 1 : 0;
	const previous = isWeekend(day - 1) ? 1 : 0;
	const into = (t - day * DAY) / (3 * HOUR);
	if (into >= 1 || current === previous) return current;
	return previous + (current - previous) * smoothstep(into);
}

/** Daily shape: 1 at 14:00 UTC, (1 - depth) at 02:00 UTC, smooth in between. */
function daily(depth: number, t: number): number {
	const hour = (t % DAY) / HOUR;
	return 1 - (depth * (1 - Math.cos((2 * Math.PI * (hour - 14)) / 24))) / 2;
}

/** Splits `total` into `k` integer sub-reports with hash-chosen weights. */
function split(total: number, k: number, seed: number, keyHash: number, minute: number): number[] {
	const weights: number[] = [];
	let sum = 0;
	for (let i = 0; i < k; i++) {
		const w = 0.5 + unit(hash(seed, keyHash, minute, 100 + i));
		weights.push(w);
		sum += w;
	}
	const parts: number[] = [];
	let cumulative = 0;
	let given = 0;
	for (let i = 0; i < k; i++) {
		cumulative += weights[i] ?? 0;
		const upTo = i === k - 1 ? total : Math.floor((total * cumulative) / sum);
		parts.push(upTo - given);
		given = upTo;
	}
	return parts;
}

function sampleOf(parts: readonly number[]): MinuteSample {
	let sum = 0;
	let min = Number.POSITIVE_INFINITY;
	let max = Number.NEGATIVE_INFINITY;
	for (const part of parts) {
		sum += part;
		min = Math.min(min, part);
		max = Math.max(max, part);
	}
	return {sum, count: parts.length, min, max};
}

/** Creates the fleet for a seed; incident effects come from the book at query time. */
export function createFleet(options: {seed: number; incidents: IncidentBook}): Fleet {
	const {seed, incidents} = options;
	const series: FleetSeries[] = SERIES_SPECS.map(spec => {
		const key = seriesKey(spec.metricName, spec.dimensions);
		return {...spec, key, keyHash: hashString(key)};
	});
	const byKey = new Map(series.map(entry => [entry.key, entry]));

	/** Day-to-day level drift of a few percent, interpolated so midnight is seamless. */
	function dayLevel(keyHash: number, t: number): number {
		const position = t / DAY - 0.5;
		const day = Math.floor(position);
		const level = (d: number) => 1 + 0.03 * gaussian(hash(seed, keyHash, d, 1), hash(seed, keyHash, d, 2));
		const x = position - day;
		return level(day) * (1 - x) + level(day + 1) * x;
	}

	function total(entry: FleetSeries, t: number): {count: number; minute: number} {
		const minute = Math.floor(t / MINUTE);
		const noise = 1 + 0.03 * gaussian(hash(seed, entry.keyHash, minute, 3), hash(seed, entry.keyHash, minute, 4));
		let mean =
			entry.peak *
			daily(entry.dailyDepth, t) *
			(1 - entry.weeklyDepth * weekendness(t)) *
			dayLevel(entry.keyHash, t) *
			Math.max(0, noise);
		let added = 0;
		if (Object.keys(entry.effects).length > 0) {
			for (const hit of incidents.overlapping(t, t + MINUTE)) {
				const effect = entry.effects[hit.kind];
				if (!effect) continue;
				const mult = Math.max(0, 1 + ((effect.mult ?? 1) - 1) * hit.magnitude);
				mean *= 1 + (mult - 1) * hit.fraction;
				added += (effect.add ?? 0) * hit.magnitude * hit.fraction;
			}
		}
		const count = poisson(mean + added, hash(seed, entry.keyHash, minute, 5), hash(seed, entry.keyHash, minute, 6));
		return {count, minute};
	}

	function reports(entry: FleetSeries, t: number, fraction: number): MinuteSample | null {
		const {count, minute} = total(entry, t);
		if (count === 0) return null; // nothing happened: IoT emits no datapoint for the minute
		const k = Math.min(count, 1 + (hash(seed, entry.keyHash, minute, 7) % 4));
		const shown = fraction >= 1 ? count : Math.floor(count * fraction);
		return sampleOf(split(shown, k, seed, entry.keyHash, minute));
	}

	const horizon = (now: number) => Math.ceil((now - SIM_RETENTION_MS) / MINUTE) * MINUTE;

	return {
		series,
		find: (metricName, dimensions) => byKey.get(seriesKey(metricName, dimensions)),
		minute: (entry, t) => reports(entry, t, 1),
		observe(entry, t, now) {
			if (t > now || t < horizon(now)) return null;
			const fraction = Math.min(1, Math.max(0, (now - t) / SIM_COMPLETE_AFTER_MS));
			return reports(entry, t, fraction);
		},
		horizon,
	};
}
