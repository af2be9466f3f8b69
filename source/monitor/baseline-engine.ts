/**
 * One seasonal detector and one flag per metric. History is learned first (from CloudWatch or the disk
 * cache); after that every newly settled bucket is judged against what was learned before it, then
 * learned. Until a metric's history is in, it is `learning`: live buckets are not learned either, so the
 * history (older) can still be fed in order.
 */
import {SeasonalDetector, type DetectorParams, type DetectorState, type Estimate} from '../baseline/detector.js';
import {INITIAL_FLAG, nextFlag, percentChange, type FlagState, type SeverityRules} from '../baseline/severity.js';
import {findMetric} from '../iot/catalog.js';
import type {BandPoint, MetricSeries} from '../types.js';

const STEP_MS = 60_000;
/** Band points kept per metric: the sparkline's 90 minutes and a little more. */
const BAND_KEEP = 120;

type Entry = {
	detector: SeasonalDetector;
	/** Start of the newest bucket learned (epoch ms), -Infinity before any. */
	lastT: number;
	ready: boolean;
	flag: FlagState;
	band: Map<number, BandPoint>;
	last: {t: number; value: number; estimate: Estimate} | null;
};

/** What the disk cache keeps per metric: the detector, and the last judgement, flag and band. */
export type CachedBaseline = {
	readonly lastT: number;
	readonly state: DetectorState;
	readonly last?: Entry['last'];
	readonly flag?: FlagState;
	readonly band?: readonly BandPoint[];
};

export class BaselineEngine {
	private readonly entries = new Map<string, Entry>();

	constructor(
		metrics: readonly string[],
		private readonly rules: SeverityRules,
		private readonly params?: Partial<DetectorParams>,
	) {
		for (const name of metrics) this.entries.set(name, this.fresh());
	}

	private fresh(): Entry {
		const detector = new SeasonalDetector({stepMs: STEP_MS, ...(this.params ? {params: this.params} : {})});
		return {detector, lastT: -Infinity, ready: false, flag: INITIAL_FLAG, band: new Map(), last: null};
	}

	/** Metrics whose history is learned. */
	readyCount(): number {
		let n = 0;
		for (const entry of this.entries.values()) if (entry.ready) n++;
		return n;
	}

	get size(): number {
		return this.entries.size;
	}

	/** Restores a metric from the disk cache; it still needs learnHistory() for the gap since `lastT`. */
	restore(name: string, cached: CachedBaseline): void {
		const entry = this.entries.get(name);
		if (!entry) return;
		entry.detector = SeasonalDetector.fromJSON(cached.state);
		entry.lastT = cached.lastT;
		entry.last = cached.last ?? null;
		entry.flag = cached.flag ?? INITIAL_FLAG;
		entry.band = new Map((cached.band ?? []).map(point => [point.t, point]));
	}

	/** Newest learned bucket of a metric (for choosing how much history to fetch). */
	lastLearned(name: string): number {
		return this.entries.get(name)?.lastT ?? -Infinity;
	}

	/**
	 * Learns every bucket of [start, end) newer than what the metric already learned, in time order.
	 * Buckets without a datapoint are 0 once the metric has any data in the range (as in the live series);
	 * a range without any data teaches nothing. Marks the metric ready.
	 */
	learnHistory(name: string, values: ReadonlyMap<number, number>, start: number, end: number): void {
		const entry = this.entries.get(name);
		if (!entry) return;
		if (values.size > 0) {
			const from = Math.max(start, entry.lastT + STEP_MS);
			for (let t = from; t < end; t += STEP_MS) this.learn(entry, name, t, values.get(t) ?? 0);
		}
		entry.ready = true;
	}

	/** Judges and learns the buckets of a freshly polled series, and returns it with its judgement. */
	observe(series: MetricSeries): MetricSeries {
		const entry = this.entries.get(series.name);
		if (!entry || series.state !== 'ok') return series;
		if (entry.ready) {
			for (const point of series.points) if (point.t > entry.lastT) this.learn(entry, series.name, point.t, point.v);
		}
		const band = series.points.flatMap(point => entry.band.get(point.t) ?? []);
		const last = entry.last;
		if (!entry.ready || !last || last.t !== series.latest?.t || last.estimate.learning) {
			return {...series, judgement: 'learning', baseline: null, deviation: null, band};
		}
		const {expected, low, high, score, z} = last.estimate;
		return {
			...series,
			judgement: 'judged',
			baseline: {expected, low, high},
			deviation: {
				severity: entry.flag.severity,
				direction: entry.flag.direction ?? (z >= 0 ? 'up' : 'down'),
				score,
				percent: percentChange(last.value, expected),
			},
			band,
		};
	}

	/** What the disk cache should keep (ready metrics only). */
	toCache(): Record<string, CachedBaseline> {
		const out: Record<string, CachedBaseline> = {};
		for (const [name, entry] of this.entries) {
			if (!entry.ready || !Number.isFinite(entry.lastT)) continue;
			out[name] = {
				lastT: entry.lastT,
				state: entry.detector.toJSON(),
				last: entry.last,
				flag: entry.flag,
				band: [...entry.band.values()],
			};
		}
		return out;
	}

	/**
	 * Judges one bucket against the past, moves the flag (history too, so an incident already under way at
	 * start-up is flagged as soon as the history is in), then learns the bucket.
	 */
	private learn(entry: Entry, name: string, t: number, value: number): void {
		const estimate = entry.detector.update(t, value);
		if (!estimate.learning) {
			const bad = findMetric(name)?.bad ?? 'both';
			entry.flag = nextFlag(entry.flag, {value, expected: estimate.expected, z: estimate.z}, bad, this.rules);
		}
		this.remember(entry, t, value, estimate);
	}

	private remember(entry: Entry, t: number, value: number, estimate: Estimate): void {
		entry.lastT = t;
		entry.last = {t, value, estimate};
		entry.band.set(t, {t, low: estimate.low, high: estimate.high});
		if (entry.band.size > BAND_KEEP) {
			const oldest = entry.band.keys().next().value;
			if (oldest !== undefined) entry.band.delete(oldest);
		}
	}
}
