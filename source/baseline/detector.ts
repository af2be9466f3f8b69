/**
 * Streaming seasonal anomaly detector: robust double-seasonal exponential smoothing (Holt-Winters in the
 * style of Taylor 2003, with the clipped-residual updates of Gelper, Fried & Croux 2010).
 *
 * Values are first put on a noise-stabilising scale: counts (non-negative integers) through the Anscombe
 * transform y = 2 sqrt(x + 3/8), where Poisson noise has unit variance at any level, so a scale floor of
 * 1 is exactly "never narrower than count noise allows"; other series stay linear. On that scale
 *
 *   expected = level + daily[slot of the day] + weekly[hour of the week]
 *
 * The first day is only recorded: it seeds `daily` (one slot per sampling step). `weekly` is the robust
 * weekday-and-hour effect (profiles.ts, day-effect.ts): one sighting of a weekday sets its day level
 * (median of 24 hourly means), hour detail needs two agreeing weeks. A level-only model runs beside it;
 * the seasonal one is used after two days and only while its residual scale is clearly smaller (while it
 * really explains the data). Everything learns from residuals clipped to +/- `clip` robust units, so an
 * incident in the history moves the baseline by a fraction of a band. The scale is the larger of a mean
 * absolute residual, a running 90th percentile (heavy tails) and a floor (Poisson for counts, a small
 * fraction of the magnitude otherwise), so it cannot collapse on flat or quantised series.
 *
 * The score judges the larger of the point's z and the z of the last few points together (sustained
 * shifts), minus what recurs at this time of day or what bursts at some hour on most days (recurrence.ts);
 * the hourly allowance is waived where the last few hours as a whole are unusual the same way (area.ts).
 * `z` in the Estimate is the point's own.
 * Cost: about 1.5 us per update (`npm run bench:detector`), no allocation beyond the returned Estimate; memory is
 * O(slots per day): one buffer of about 8.4 KB at one-minute or five-minute steps (slab.ts), about 50 KB as JSON.
 */
import {AREA_SIZE, areaZ, createArea, muteArea, recordArea, type Area} from './area.js';
import {addDayEffect, createDayEffect, DAY_EFFECT_F64, readDayEffect, type DayEffect} from './day-effect.js';
import {DEFAULT_PARAMS, type DetectorParams} from './params.js';
import {addDaily, addWeekly, centreDaily, createProfiles, dailyRate, profileSize, readDaily, readWeekly, recordDaily, slotsPerDay, type Profiles} from './profiles.js';
import {createPeaks, discount, PEAKS_SIZE, type Peaks} from './recurrence.js';
import {anomalyScore} from './score.js';
import {addSizes, Slab} from './slab.js';
import {INITIAL_SCALARS, type DetectorState, type PackedDetector, type Scalars} from './state.js';
import {clamp, fromArrays, rate, tail, toArrays} from './smoothing.js';

export {DEFAULT_PARAMS, type DetectorParams} from './params.js';
export type {DetectorState, PackedDetector} from './state.js';

export type Estimate = {
	/** The normal band for this point, computed from earlier points only. */
	expected: number;
	low: number;
	high: number;
	/** Anomaly score in [0, 1] (score.ts); the judge (judge.ts) decides flags from it. */
	score: number;
	/** Signed deviation in robust units (+ above expected, - below). */
	z: number;
	/**
	 * The score a new flag rises on: `score`, also discounted by the series' routine bursts (recurrence.ts;
	 * the bursts of buckets the judge flagged are not evidence: flagged()).
	 */
	riseScore: number;
	/** True while there is too little history to judge; score is then 0. */
	learning: boolean;
};

export type Band = {expected: number; low: number; high: number; learning: boolean};

const DAY_MS = 86_400_000;
const MAD_TO_SIGMA = 1.2533; // mean absolute deviation -> standard deviation for Gaussian noise
const MIN_POINTS = 8;
const SUSTAINED_CLIP = 6;
const TAIL_TO_SIGMA = 1 / 1.645;
/** The recent level a new normal accepts: about the last 10 points, or the last hour where that is shorter. */
const RECENT_RATE = 0.1;
const RECENT_HALF_LIFE_MS = 3_600_000;

const isCount = (v: number): boolean => Number.isInteger(v) && v >= 0;

/** The seasonal arrays of one detector, all views into one Slab. */
function createMemory(slots: number): {slab: Slab; profiles: Profiles; days: DayEffect; peaks: Peaks; area: Area} {
	const slab = new Slab(addSizes(profileSize(slots), {f64: DAY_EFFECT_F64}, PEAKS_SIZE, AREA_SIZE));
	return {slab, profiles: createProfiles(slots, slab), days: createDayEffect(slab), peaks: createPeaks(slab), area: createArea(slab)};
}

/** Whether this machine stores numbers little-endian (packed state is only read back where it was written). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Seasonal robust detector; see the module comment. */
export class SeasonalDetector {
	readonly stepMs: number;
	readonly params: DetectorParams;
	private s: Scalars = {...INITIAL_SCALARS};
	private slab: Slab;
	private profiles: Profiles;
	private days: DayEffect;
	private peaks: Peaks;
	private area: Area;
	private readonly rates: {level: number; base: number; flat: number; scale: number; daily: number; tail: number; recent: number};

	constructor(options: {stepMs: number; params?: Partial<DetectorParams>}) {
		if (!(options.stepMs > 0)) throw new RangeError('stepMs must be positive');
		this.stepMs = options.stepMs;
		const p = (this.params = {...DEFAULT_PARAMS, ...options.params});
		const slots = slotsPerDay(this.stepMs);
		const memory = createMemory(slots);
		this.slab = memory.slab;
		this.profiles = memory.profiles;
		this.days = memory.days;
		this.peaks = memory.peaks;
		this.area = memory.area;
		const step = this.stepMs;
		this.rates = {
			level: rate(p.levelHalfLifeMs, step),
			base: rate(p.baseHalfLifeMs, step),
			flat: rate(p.flatHalfLifeMs, step),
			scale: rate(p.scaleHalfLifeMs, step),
			daily: dailyRate(p.dailyMemoryDays, DAY_MS / this.stepMs / slots),
			tail: p.tailGain * rate(p.scaleHalfLifeMs, step),
			// Hourly points: ten of them would lag a new normal accepted after a few hours.
			recent: Math.max(RECENT_RATE, rate(RECENT_HALF_LIFE_MS, step)),
		};
	}

	/**
	 * The point just judged raised or held a flag: its burst is not evidence of what is routine (a burst
	 * that paged someone stays news until someone says otherwise).
	 */
	flagged(): void {
		this.s.newsT = null;
	}

	/** Points learned so far. */
	get count(): number {
		return this.s.count;
	}

	/** Whether the series is judged as counts (Anscombe scale). */
	get counts(): boolean {
		return this.s.sqrt === true;
	}

	/**
	 * Accept a new normal: move every level by the recent mean residual (the shift the judge's flag was
	 * held for, on the transformed scale) and forget the sustained run, so the shifted series is judged
	 * against itself from now on.
	 */
	rebase(): void {
		const s = this.s;
		const delta = s.recent;
		if (!Number.isFinite(delta) || s.count === 0) return;
		s.level += delta;
		s.base += delta;
		s.flat += delta;
		s.sustained = 0;
		s.recent = 0;
		muteArea(this.area);
	}

	/** Judge v at epoch-ms t against the past, then learn from it. Non-finite values are skipped. */
	update(t: number, v: number): Estimate {
		if (!Number.isFinite(v)) return {...this.expect(t), score: 0, riseScore: 0, z: 0};
		const s = this.s;
		const auto = this.params.transform === 'auto';
		if (s.sqrt === null) s.sqrt = this.params.transform === 'sqrt' || (auto && isCount(v));
		else if (s.sqrt && auto && !isCount(v)) this.restartLinear(); // not a count after all
		if (v < 0) s.nonNegative = false;
		const y = this.forward(v);
		const daily = s.seeded ? readDaily(this.profiles, t) : 0;
		const weekly = s.seeded ? this.weekly(t) : 0;
		const seasonal = this.useSeasonal();
		const fit = seasonal ? s.level + daily + weekly : s.flat;
		const sigma = seasonal ? this.sigma(s.madSeasonal, s.tailSeasonal) : this.sigma(s.madFlat, s.tailFlat);
		const learning = this.isLearning();
		const z = learning ? 0 : (y - fit) / sigma;
		let score = 0;
		let riseScore = 0;
		const area = this.lastHours(t, y, learning);
		if (!learning) {
			const span = this.params.recurrenceSpanHours;
			const judged = this.sustained(z);
			if (span >= 0) {
				// Relief: no hourly discount where the amount of the last hours is unusual the same way (area.ts).
				const relief = this.params.areaRelief > 0 && area * judged > 0 && Math.abs(area) >= this.params.areaRelief;
				const left = discount(this.peaks, s, t, judged, relief, this.params);
				score = anomalyScore(left[0]!);
				riseScore = left[1] === left[0] ? score : anomalyScore(left[1]!);
			} else riseScore = score = anomalyScore(judged);
		}
		// The recent level: what a new normal accepts (rebase).
		if (!learning) s.recent += this.rates.recent * (y - fit - s.recent);
		const estimate = this.band(fit, sigma, learning) as Estimate;
		estimate.score = score;
		estimate.riseScore = riseScore;
		estimate.z = z;
		this.learn(t, y, daily, weekly);
		return estimate;
	}

	/** The area channel (area.ts), when params.areaHours > 0: records the point, judges the last hours (signed z, 0: nothing unusual). */
	private lastHours(t: number, y: number, learning: boolean): number {
		const hours = this.params.areaHours;
		if (hours <= 0) return 0;
		recordArea(this.area, t, y);
		return learning ? 0 : areaZ(this.area, t, hours, this.sigma(0, 0));
	}

	/** The band at time t from what has been learned so far; learns nothing. */
	expect(t: number): Band {
		const s = this.s;
		const seasonal = this.useSeasonal();
		const fit = seasonal ? s.level + readDaily(this.profiles, t) + this.weekly(t) : s.flat;
		const sigma = seasonal ? this.sigma(s.madSeasonal, s.tailSeasonal) : this.sigma(s.madFlat, s.tailFlat);
		return this.band(fit, sigma, this.isLearning());
	}

	toJSON(): DetectorState {
		return {
			version: 1,
			stepMs: this.stepMs,
			params: this.params,
			scalars: {...this.s},
			profiles: toArrays(this.profiles),
			days: toArrays(this.days),
			peaks: toArrays(this.peaks),
			area: toArrays(this.area),
		};
	}

	static fromJSON(state: DetectorState): SeasonalDetector {
		const detector = new SeasonalDetector({stepMs: state.stepMs, params: state.params});
		detector.s = {...state.scalars};
		fromArrays(detector.profiles, state.profiles);
		fromArrays(detector.days, state.days);
		fromArrays(detector.peaks, state.peaks);
		if (state.area) fromArrays(detector.area, state.area);
		return detector;
	}

	/**
	 * The same state as toJSON, for the disk cache: the scalars as JSON, the seasonal arrays as the bytes
	 * of the detector's one buffer (a view, not a copy: write it out before the next update).
	 */
	toPacked(): PackedDetector {
		return {
			header: {version: 3, stepMs: this.stepMs, params: this.params, scalars: {...this.s}, littleEndian: LITTLE_ENDIAN},
			bytes: new Uint8Array(this.slab.buffer),
		};
	}

	/** Back from toPacked(); throws on a state of another layout (slots per day, byte order, length). */
	static fromPacked(packed: PackedDetector): SeasonalDetector {
		const {header, bytes} = packed;
		if (header.version !== 3 || header.littleEndian !== LITTLE_ENDIAN) throw new RangeError('detector state: other version or byte order');
		const detector = new SeasonalDetector({stepMs: header.stepMs, params: header.params});
		const target = new Uint8Array(detector.slab.buffer);
		if (bytes.byteLength !== target.byteLength) throw new RangeError('detector state: the arrays have the wrong length');
		target.set(bytes);
		detector.s = {...header.scalars};
		return detector;
	}

	/**
	 * The z the score judges: the point's own, or that of the last few points together when they say more
	 * (a shift of 3 sigma held for several points is as telling as one 6-sigma point). The running mean
	 * of z (each clipped, so one spike cannot carry it) is scaled to unit variance for independent noise.
	 */
	private sustained(z: number): number {
		const a = this.params.sustainedRate;
		const s = this.s;
		s.sustained += a * (clamp(z, SUSTAINED_CLIP) - s.sustained);
		const together = (s.sustained / Math.sqrt(a / (2 - a))) * this.params.sustainedGain;
		return Math.abs(together) > Math.abs(z) && together * z > 0 ? together : z;
	}

	private isLearning(): boolean {
		return this.s.count < MIN_POINTS || this.s.count * this.stepMs < this.params.learnMs;
	}

	private useSeasonal(): boolean {
		const s = this.s;
		return s.seeded && s.count * this.stepMs >= this.params.seasonalAfterMs && s.madSeasonal < this.params.seasonalGain * s.madFlat;
	}

	private weekly(t: number): number {
		return readWeekly(this.profiles, t, readDayEffect(this.days, t, this.params.dayEaseHours * 3_600_000), this.params.clip * this.sigma(this.s.madSeasonal, this.s.tailSeasonal));
	}

	private learn(t: number, y: number, daily: number, weekly: number): void {
		const s = this.s;
		const clip = this.params.clip;
		s.count++;
		if (s.count === 1) s.flat = s.magnitude = y;
		// Start-up: plain running means until the exponential rates take over.
		const warm = 1 / s.count;
		const scaleRate = Math.max(warm, this.rates.scale);
		s.magnitude += scaleRate * (Math.abs(y) - s.magnitude);
		const rf = y - s.flat;
		const cf = clamp(rf, clip * this.sigma(s.madFlat, s.tailFlat));
		s.tailFlat = tail(s.tailFlat, Math.abs(rf), this.rates.tail);
		const clipped = s.flat + cf;
		s.madFlat += scaleRate * (Math.abs(cf) - s.madFlat);
		s.flat += Math.max(warm, this.rates.flat) * cf;
		if (!s.seeded) {
			// The first day only records the day's shape (clipped against the level-only model).
			if (s.count > MIN_POINTS) recordDaily(this.profiles, t, clipped);
			if (s.count * this.stepMs >= DAY_MS) {
				s.level = s.base = centreDaily(this.profiles);
				s.madSeasonal = s.madFlat;
				s.tailSeasonal = s.tailFlat;
				s.seeded = true;
			}
			return;
		}
		const limit = clip * this.sigma(s.madSeasonal, s.tailSeasonal);
		const rs = y - (s.level + daily + weekly);
		const cs = clamp(rs, limit);
		s.tailSeasonal = tail(s.tailSeasonal, Math.abs(rs), this.rates.tail);
		s.madSeasonal += this.rates.scale * (Math.abs(cs) - s.madSeasonal);
		s.level += this.rates.level * cs;
		addDaily(this.profiles, t, cs, this.rates.daily);
		// Weekday terms are measured against the slow base, which does not chase a quiet Saturday.
		s.base += this.rates.base * clamp(y - (s.base + daily + weekly), limit);
		addDayEffect(this.days, t, y - s.base - daily);
		addWeekly(this.profiles, t, y - s.base - daily);
	}

	/** Robust sigma on the transformed scale, never below the noise floor. */
	private sigma(mad: number, tail: number): number {
		// Counts: Poisson noise, 1 on the Anscombe scale. Otherwise a small fraction of the magnitude.
		const floor = this.s.sqrt ? 1 : Math.max(this.params.relativeFloor * this.s.magnitude, 1e-9);
		return Math.max(MAD_TO_SIGMA * mad, TAIL_TO_SIGMA * tail, floor);
	}

	private band(fit: number, sigma: number, learning: boolean): Band {
		const half = this.params.bandZ * sigma;
		const low = this.backward(fit - half);
		return {expected: this.backward(fit), low: this.s.nonNegative ? Math.max(low, 0) : low, high: this.backward(fit + half), learning};
	}

	private forward(v: number): number {
		return this.s.sqrt ? 2 * Math.sqrt(Math.max(v, 0) + 0.375) : v;
	}

	private backward(y: number): number {
		if (!this.s.sqrt) return y;
		const root = Math.max(y, 0) / 2;
		return Math.max(root * root - 0.375, 0);
	}

	/** A series first seen as counts turned out not to be: start again on the linear scale. */
	private restartLinear(): void {
		const fresh = new SeasonalDetector({stepMs: this.stepMs, params: this.params});
		this.s = {...fresh.s, sqrt: false, nonNegative: this.s.nonNegative};
		this.slab = fresh.slab;
		this.profiles = fresh.profiles;
		this.days = fresh.days;
		this.peaks = fresh.peaks;
		this.area = fresh.area;
	}
}
