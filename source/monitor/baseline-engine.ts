/**
 * One Judge (source/baseline/judge.ts: seasonal detector + flag life) per metric, the same class and
 * defaults the NAB benchmark scores. History is learned first (from CloudWatch or the disk
 * cache); after that every newly settled bucket is judged against what was learned before it, then
 * learned. Until a metric's history is in, it is `learning`: live buckets are not learned either, so the
 * history (older) can still be fed in order.
 */
import type {DetectorParams, Estimate, PackedDetector} from '../baseline/detector.js';
import {Judge, NO_FLAG, type FlagLife} from '../baseline/judge.js';
import {deviationReason} from '../baseline/reason.js';
import {shownPercent, type SeverityRules} from '../baseline/severity.js';
import {findMetric} from '../iot/catalog.js';
import type {BandPoint, Deviation, MetricPoint, MetricSeries} from '../types.js';
import {BandRing} from './band-ring.js';

const STEP_MS = 60_000;
/** Band points kept per metric: the sparkline's 90 minutes and a little more. */
const BAND_KEEP = 120;

type Entry = {
	/** Made on the metric's first bucket (or restored from the cache): a metric without data costs no detector. */
	judge: Judge | null;
	/** Start of the newest bucket learned (epoch ms), -Infinity before any. */
	lastT: number;
	ready: boolean;
	band: BandRing;
	last: {t: number; value: number; estimate: Estimate} | null;
	readonly name: string;
};

/** What the disk cache keeps per metric: the detector, and the last judgement, flag and band. */
export type CachedBaseline = {
	readonly lastT: number;
	readonly state: PackedDetector;
	readonly last?: Entry['last'];
	readonly flag?: FlagLife;
	/** The band points, oldest first, as [t, low, high] triples. */
	readonly band?: Float64Array;
};

export class BaselineEngine {
	private readonly entries = new Map<string, Entry>();

	constructor(
		metrics: readonly string[],
		private readonly rules: SeverityRules,
		private readonly params?: Partial<DetectorParams>,
	) {
		for (const name of metrics) this.entries.set(name, this.fresh(name));
	}

	private options(name: string) {
		return {stepMs: STEP_MS, bad: findMetric(name)?.bad ?? 'both', rules: this.rules, ...(this.params ? {params: this.params} : {})};
	}

	private fresh(name: string): Entry {
		return {judge: null, lastT: -Infinity, ready: false, band: new BandRing(BAND_KEEP), last: null, name};
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
		// A flag cached by an older version (without a phase) is dropped: it is judged again from here.
		const flag = cached.flag && typeof cached.flag.phase === 'string' ? cached.flag : NO_FLAG;
		entry.judge = new Judge(this.options(name), {detector: cached.state, flag});
		entry.lastT = cached.lastT;
		entry.last = cached.last ?? null;
		entry.band = BandRing.fromTriples(BAND_KEEP, cached.band ?? new Float64Array(0), cached.lastT);
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
			for (let t = from; t < end; t += STEP_MS) this.learn(entry, t, values.get(t) ?? 0);
		}
		entry.ready = true;
	}

	/** The band each of these points was judged with (points older than the kept band have none). */
	bandFor(name: string, points: readonly MetricPoint[]): BandPoint[] {
		const entry = this.entries.get(name);
		return entry ? bandOf(entry, points) : [];
	}

	/**
	 * Judges and learns the buckets of a freshly polled series, and returns it with its judgement. Without
	 * `withBand` the band is left empty: the fleet keeps no band between polls (bandFor gives it back).
	 */
	observe(series: MetricSeries, withBand = true): MetricSeries {
		const entry = this.entries.get(series.name);
		if (!entry || series.state !== 'ok') return series;
		if (entry.ready) {
			for (const point of series.points) if (point.t > entry.lastT) this.learn(entry, point.t, point.v);
		}
		const band = withBand ? bandOf(entry, series.points) : [];
		const last = entry.last;
		if (!entry.ready || !last || last.t !== series.latest?.t || last.estimate.learning) {
			return {...series, judgement: 'learning', baseline: null, deviation: null, band};
		}
		const {expected, low, high} = last.estimate;
		return {
			...series,
			judgement: 'judged',
			baseline: {expected, low, high},
			deviation: this.deviation(entry, last),
			band,
		};
	}

	/** The judgement of the newest learned bucket and the life of its flag, in our own type. */
	private deviation(entry: Entry, last: NonNullable<Entry['last']>): Deviation {
		const judge = this.judgeOf(entry);
		const flag = judge.flag;
		const {expected, low, high, score, z} = last.estimate;
		const counts = judge.detector.counts;
		const percent = shownPercent(last.value, expected, counts);
		const change = last.value - expected;
		const calmNeeded = this.rules.calmBuckets;
		const peak = flag.peak ? {t: flag.peak.t, value: flag.peak.value, expected: flag.peak.expected, percent: shownPercent(flag.peak.value, flag.peak.expected, counts)} : null;
		const reason = deviationReason({t: last.t, stepMs: STEP_MS, severity: flag.severity, phase: flag.phase, since: flag.since, percent, change, baseline: {expected, low, high}, calm: flag.calm, calmNeeded, newNormalSince: flag.newNormalSince});
		return {
			severity: flag.severity,
			direction: flag.direction ?? (z >= 0 ? 'up' : 'down'),
			score,
			percent,
			change,
			phase: flag.phase,
			since: flag.since,
			peak,
			calm: flag.calm,
			calmNeeded,
			newNormalSince: flag.newNormalSince,
			reason,
		};
	}

	/** What the disk cache should keep (ready metrics only); the detectors' bytes are views: write them out at once. */
	toCache(): Record<string, CachedBaseline> {
		const out: Record<string, CachedBaseline> = {};
		for (const [name, entry] of this.entries) {
			if (!entry.ready || !Number.isFinite(entry.lastT) || entry.judge === null) continue;
			out[name] = {
				lastT: entry.lastT,
				state: entry.judge.detector.toPacked(),
				last: entry.last,
				flag: entry.judge.flag,
				band: entry.band.toTriples(),
			};
		}
		return out;
	}

	/**
	 * Judges one bucket against the past, moves the flag (history too, so an incident already under way at
	 * start-up is flagged as soon as the history is in), then learns the bucket.
	 */
	private learn(entry: Entry, t: number, value: number): void {
		this.remember(entry, t, value, this.judgeOf(entry).update(t, value).estimate);
	}

	private judgeOf(entry: Entry): Judge {
		entry.judge ??= new Judge(this.options(entry.name));
		return entry.judge;
	}

	private remember(entry: Entry, t: number, value: number, estimate: Estimate): void {
		entry.lastT = t;
		entry.last = {t, value, estimate};
		entry.band.push(t, estimate.low, estimate.high);
	}
}

function bandOf(entry: Entry, points: readonly MetricPoint[]): BandPoint[] {
	return points.flatMap(point => entry.band.get(point.t) ?? []);
}
