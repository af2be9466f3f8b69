/**
 * The judge: the one piece of code that decides when a flag rises, how long it is held, when it clears
 * and when a shift becomes the new normal. The monitor (screen, `--once`, notifications, the Markdown
 * hand-off) and the NAB benchmark (bench/nab.ts: a detection is the bucket a flag rises) run this class
 * with the same defaults (DEFAULT_RULES, DEFAULT_PARAMS); nothing else decides.
 *
 * A flag's life, one settled bucket at a time:
 * - `rising`: the bucket raised the flag (or made it worse: WARN to CRIT). The onset (`since`) is the
 *   bucket the flag rose at; it never moves while the flag is held.
 * - `holding`: still beyond the hold level (a fraction of the WARN thresholds) in the flag's direction.
 * - `recovering` k/N: k consecutive calm buckets so far; a bucket beyond the hold level resets k to 0.
 * - `cleared`: the N-th calm bucket (exactly N = rules.calmBuckets) ends the flag.
 * - `new-normal`: a flag held for rules.newNormalMs is accepted as the new normal: the baseline moves to
 *   the shifted level (one flag for a sustained shift, not a storm). A new level that is noisier than the
 *   detector's scale (the spread of the bucket-to-bucket changes of z while the flag was held) is then
 *   judged against that spread (`settle`, at most critZ / warnZ) until the detector's scale has caught
 *   up. Not for an outage: a metric where down is bad, fallen below rules.outageFraction of its usual
 *   value, stays flagged until it recovers.
 * - reopened: a flag that rises again the same way within rules.reopenMs of clearing is the same incident
 *   (its onset and peak are kept, nobody is paged twice): flapping is one flag, not a storm.
 * The severity is the worst the flag reached; it does not step down while held.
 */
import type {BadDirection} from '../iot/catalog.js';
import type {Severity} from '../types.js';
import {SeasonalDetector, type DetectorParams, type DetectorState, type Estimate, type PackedDetector} from './detector.js';
import {zForScore} from './score.js';
import {bucketSeverity, DEFAULT_RULES, isBadDirection, severityRank, type SeverityRules} from './severity.js';
import {stepRules} from './step-scale.js';

export type Phase = 'ok' | 'rising' | 'holding' | 'recovering' | 'cleared' | 'new-normal';

/** The worst bucket of a flag. */
export type Peak = {readonly t: number; readonly value: number; readonly expected: number; readonly z: number};

export type FlagLife = {
	readonly severity: Severity;
	/** Direction of the flag (kept while held, so ▼ CRIT does not turn ▲). */
	readonly direction: 'up' | 'down' | null;
	readonly phase: Phase;
	/** Start of the bucket the current (or just cleared) flag rose at; null without a flag. */
	readonly since: number | null;
	/** Start of the newest bucket judged under this flag (duration = last - since + one step). */
	readonly last: number | null;
	readonly peak: Peak | null;
	/** Calm settled buckets in a row so far (recovering k/N). */
	readonly calm: number;
	/** The expected value when the flag rose: the usual level the outage rule compares with. */
	readonly usual: number | null;
	/** Running mean of the point z while flagged: the shift a new normal accepts. */
	readonly shift: number;
	/**
	 * How wide the noise is while flagged, relative to the detector's scale: from the differences of
	 * successive point z (spreadStep), so the drift of z while the baseline catches up is not noise.
	 */
	readonly spread: number;
	/**
	 * After a new normal: how much noisier the new level is than the detector's scale (a ratio of spreads,
	 * 1 = not at all). Buckets are judged with z / settle until the detector's scale has caught up (the
	 * running spread of the point z is back to 1), so the new normal is one flag, not a storm.
	 */
	readonly settle: number;
	/** The point z of the bucket judged before (for the differences `spread` and `settle` are measured on). */
	readonly lastZ: number;
	/** Onset of the shift that became the new normal (shown for NEW_NORMAL_SHOWN_MS). */
	readonly newNormalSince: number | null;
	/** The flag that cleared last, while it can still be reopened (rules.reopenMs). */
	readonly closed: Closed | null;
};

/** A cleared flag: a flag rising in its direction within rules.reopenMs of `until` reopens it. */
export type Closed = {readonly since: number; readonly until: number; readonly direction: 'up' | 'down'; readonly peak: Peak | null; readonly usual: number | null};

export const NO_FLAG: FlagLife = {
	severity: 'ok',
	direction: null,
	phase: 'ok',
	since: null,
	last: null,
	peak: null,
	calm: 0,
	usual: null,
	shift: 0,
	spread: 1,
	settle: 1,
	lastZ: 0,
	newNormalSince: null,
	closed: null,
};

/** How long "new normal since 14:05" stays on screen after the baseline accepted it. */
export const NEW_NORMAL_SHOWN_MS = 6 * 3_600_000;
/** Weight of the newest bucket in the running mean of z while flagged. */
const SHIFT_RATE = 0.3;
/** Weight of the newest bucket in the running means of |z| (spread, settle): about 20 buckets. */
const SPREAD_RATE = 0.05;
/** One bucket moves those means by at most this many times their current value (a robust mean). */
const SPREAD_CLIP = 4;
/** Mean |z| of Gaussian noise: a spread of 1 is noise exactly as wide as the detector's scale says. */
const GAUSS_MEAN_ABS = Math.sqrt(2 / Math.PI);

/**
 * One step of a running spread: the mean |d| in units of GAUSS_MEAN_ABS, each |d| limited to SPREAD_CLIP
 * times the current spread; d is the change of the point z since the bucket before over sqrt 2, which
 * has the spread of z itself for independent noise but ignores a slow drift (a baseline catching up).
 * The detector's scale (its clipped mean absolute residual, or its 90th percentile if wider) keeps this
 * near or below 1 once it has caught up, whatever the tails.
 */
const spreadStep = (spread: number, d: number, rate = SPREAD_RATE): number => spread + rate * (Math.min(Math.abs(d) / GAUSS_MEAN_ABS, SPREAD_CLIP * spread) - spread);

export type JudgeOptions = {
	readonly stepMs: number;
	readonly bad?: BadDirection;
	readonly rules?: SeverityRules;
	readonly params?: Partial<DetectorParams>;
};

export type Verdict = {
	readonly estimate: Estimate;
	/** The z the flag rules judged (the detector's score as a z, signed; 0 while learning). */
	readonly z: number;
	readonly flag: FlagLife;
	/** True on the bucket a flag rose: what pages a person, and a NAB detection. */
	readonly rose: boolean;
};

/** A judge to restore: its detector as JSON (toJSON) or as cached bytes (toPacked), and its flag. */
export type JudgeState = {readonly detector: DetectorState | PackedDetector; readonly flag: FlagLife};

/** The z a score stands for, with the sign of the point's deviation. */
function signedZ(estimate: Estimate, score = estimate.score): number {
	const z = zForScore(Math.min(score, 1 - 1e-12));
	return estimate.z < 0 ? -z : z;
}

/** `z`: the z the flag rules judge; `rise`: the z a new flag rises on (also discounted by routine bursts; z if absent). */
type Bucket = {readonly t: number; readonly value: number; readonly expected: number; readonly z: number; readonly rise?: number; readonly pointZ: number; readonly counts: boolean};

/** Pure: the next flag after one more judged bucket. `counts`: the series is small integers. */
export function nextFlag(flag: FlagLife, bucket: Bucket, bad: BadDirection, rules: SeverityRules, stepMs: number): FlagLife {
	return {...step(flag, bucket, bad, rules, stepMs), lastZ: bucket.pointZ};
}

function step(flag: FlagLife, bucket: Bucket, bad: BadDirection, rules: SeverityRules, stepMs: number): FlagLife {
	// The noise in this bucket: the change of the point z since the last one, per bucket.
	const noise = (bucket.pointZ - flag.lastZ) / Math.SQRT2;
	// Never beyond critZ / warnZ: a deviation the rules call CRIT always raises a flag.
	const settle = Math.min(flag.settle > 1 ? flag.settle : 1, rules.critZ / rules.warnZ);
	const observation = {value: bucket.value, expected: bucket.expected, z: settle > 1 ? bucket.z / settle : bucket.z, counts: bucket.counts};
	const rawHeld = bucketSeverity(observation, bad, rules);
	const direction = bucket.z >= 0 ? 'up' : 'down';
	const flagged = flag.severity !== 'ok';
	if (!flagged) {
		const closed = flag.closed !== null && bucket.t - flag.closed.until <= rules.reopenMs ? flag.closed : null;
		// A new flag rises on `rise`; a reopened one (the same incident) on the same z as a held one.
		const rise = closed !== null && closed.direction === direction ? bucket.z : (bucket.rise ?? bucket.z);
		const raw = rise === bucket.z ? rawHeld : bucketSeverity({...observation, z: settle > 1 ? rise / settle : rise}, bad, rules);
		// Settling after a new normal: until the detector's scale has caught up with the new level's noise.
		const next = settle > 1 ? spreadStep(settle, noise) : 1;
		const settling = next > 1 ? next : 1;
		if (raw === 'ok') {
			const shown = flag.newNormalSince !== null && bucket.t - flag.newNormalSince < NEW_NORMAL_SHOWN_MS;
			if (shown) return {...NO_FLAG, phase: 'new-normal', newNormalSince: flag.newNormalSince, closed, settle: settling};
			return closed || settling > 1 ? {...NO_FLAG, closed, settle: settling} : NO_FLAG;
		}
		const peak = {t: bucket.t, value: bucket.value, expected: bucket.expected, z: bucket.z};
		if (closed !== null && closed.direction === direction) {
			// Back within reopenMs of clearing, the same way: the same incident, with its onset and peak.
			const worst = closed.peak !== null && Math.abs(closed.peak.z) >= Math.abs(bucket.z) ? closed.peak : peak;
			return {...NO_FLAG, severity: raw, direction, phase: 'rising', since: closed.since, last: bucket.t, peak: worst, usual: closed.usual, shift: bucket.pointZ, settle};
		}
		return {...NO_FLAG, severity: raw, direction, phase: 'rising', since: bucket.t, last: bucket.t, peak, usual: bucket.expected, shift: bucket.pointZ, settle};
	}
	const along = direction === flag.direction;
	// A plain mean over the flag's first buckets, then a running one.
	const spread = spreadStep(flag.spread, noise, Math.max(SPREAD_RATE, stepMs / (bucket.t - (flag.since ?? bucket.t) + stepMs)));
	const shift = flag.shift + SHIFT_RATE * (bucket.pointZ - flag.shift);
	const severity = along && severityRank(rawHeld) > severityRank(flag.severity) ? rawHeld : flag.severity;
	const newPeak = along && flag.peak !== null && Math.abs(bucket.z) > Math.abs(flag.peak.z);
	const peak = newPeak ? {t: bucket.t, value: bucket.value, expected: bucket.expected, z: bucket.z} : flag.peak;
	const held = along && bucketSeverity(observation, bad, rules, rules.holdFraction) !== 'ok';
	const base = {...flag, severity, peak, last: bucket.t, shift, spread};
	if (held) {
		if (rules.newNormalMs > 0 && bucket.t + stepMs - (flag.since ?? bucket.t) >= rules.newNormalMs && !isOutage(flag, bucket.value, bad, rules)) {
			return {...NO_FLAG, phase: 'new-normal', since: flag.since, last: bucket.t, peak, shift, spread, settle: spread > 1 ? spread : 1, newNormalSince: flag.since};
		}
		return {...base, phase: severity !== flag.severity ? 'rising' : 'holding', calm: 0};
	}
	const calm = flag.calm + 1;
	if (calm >= rules.calmBuckets) {
		const closed = flag.since !== null && flag.direction !== null ? {since: flag.since, until: bucket.t, direction: flag.direction, peak, usual: flag.usual} : null;
		return {...NO_FLAG, phase: 'cleared', since: flag.since, last: bucket.t, peak, direction: flag.direction, calm, closed, settle};
	}
	return {...base, phase: 'recovering', calm};
}

/** An outage: a metric where down is bad, fallen below outageFraction of its usual value. */
function isOutage(flag: FlagLife, value: number, bad: BadDirection, rules: SeverityRules): boolean {
	if (flag.direction !== 'down' || bad === 'both' || !isBadDirection('down', bad) || flag.usual === null) return false;
	return value < rules.outageFraction * flag.usual;
}

/** One metric's detector and flag; see the module comment. */
export class Judge {
	readonly stepMs: number;
	readonly bad: BadDirection;
	readonly rules: SeverityRules;
	readonly detector: SeasonalDetector;
	/** `rules` with their times in points on coarse data (step-scale.ts); `rules` itself at 1-minute steps. */
	private readonly stepped: SeverityRules;
	private life: FlagLife = NO_FLAG;

	constructor(options: JudgeOptions, state?: JudgeState) {
		this.stepMs = options.stepMs;
		this.bad = options.bad ?? 'both';
		this.rules = options.rules ?? DEFAULT_RULES;
		this.detector = state
			? 'bytes' in state.detector
				? SeasonalDetector.fromPacked(state.detector)
				: SeasonalDetector.fromJSON(state.detector)
			: new SeasonalDetector({stepMs: options.stepMs, ...(options.params ? {params: options.params} : {})});
		if (state) this.life = {...NO_FLAG, ...state.flag};
		this.stepped = stepRules(this.rules, this.detector.params, this.stepMs);
	}

	get flag(): FlagLife {
		return this.life;
	}

	/** Judge the bucket starting at t against the past, move the flag, then learn the bucket. */
	update(t: number, value: number): Verdict {
		const estimate = this.detector.update(t, value);
		if (estimate.learning || !Number.isFinite(value)) return {estimate, z: 0, flag: this.life, rose: false};
		const z = signedZ(estimate);
		const before = this.life;
		const rise = estimate.riseScore === estimate.score ? z : signedZ(estimate, estimate.riseScore);
		const after = nextFlag(before, {t, value, expected: estimate.expected, z, rise, pointZ: estimate.z, counts: this.detector.counts}, this.bad, this.stepped, this.stepMs);
		if (after.phase === 'new-normal' && after.newNormalSince !== null && before.severity !== 'ok') this.detector.rebase();
		if (after.severity !== 'ok') this.detector.flagged();
		this.life = after;
		return {estimate, z, flag: after, rose: before.severity === 'ok' && after.severity !== 'ok' && after.since === t};
	}

	toJSON(): JudgeState {
		return {detector: this.detector.toJSON(), flag: this.life};
	}
}
