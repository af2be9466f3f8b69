/**
 * Report the onset of a deviation, not every anomalous bucket of it. Two rules, both what a flag with
 * hysteresis does and what NAB rewards (only the first detection in a window counts; repeats are false
 * positives):
 * - a deviation is scored by how far it exceeds the largest one of the same direction in recent hours
 *   (a decaying peak, half-life `recentHalfLifeMs`), so the continuation of an incident, or a second
 *   burst smaller than the first, is not a new onset;
 * - after a reported score at or above `level`, further scores are held at 0 for `quietMs`.
 * The app and the NAB harness use the same classes. This is for "a new incident started" signals
 * (notifications, event-log entries); severity still comes from the detector's own score and z.
 */
import {SeasonalDetector, type DetectorParams, type Estimate} from './detector.js';
import {anomalyScore, SCORE_WARN, zForScore} from './score.js';

export type OnsetOptions = {
	/** A reported score at or above this starts a quiet period. */
	readonly level: number;
	/** Length of the quiet period after an onset. */
	readonly quietMs: number;
	/** Half-life of the recent-peak memory (0: only the previous point counts). */
	readonly recentHalfLifeMs: number;
};

export const DEFAULT_ONSET: OnsetOptions = {level: SCORE_WARN, quietMs: 18 * 3_600_000, recentHalfLifeMs: 24 * 3_600_000};

/** A time before any other (finite, so the state survives JSON). */
const NEVER = -Number.MAX_VALUE;

export type OnsetState = {quietUntil: number; up: number; down: number; lastT: number};

/** Turns a stream of estimates into onset scores (see the module comment). */
export class OnsetFilter {
	readonly options: OnsetOptions;
	private quietUntil = NEVER;
	/** Decaying peaks of the point |z| above and below the band. */
	private up = 0;
	private down = 0;
	private lastT = NEVER;

	constructor(options: Partial<OnsetOptions> = {}, state?: OnsetState) {
		this.options = {...DEFAULT_ONSET, ...options};
		if (state) Object.assign(this, state);
	}

	/** The onset score for an estimate made at time t. */
	push(t: number, estimate: Pick<Estimate, 'score' | 'z' | 'learning'>): number {
		if (estimate.learning) return 0;
		const elapsed = t > this.lastT ? t - this.lastT : 0;
		this.lastT = Math.max(t, this.lastT);
		const h = this.options.recentHalfLifeMs;
		const decay = h > 0 ? Math.pow(0.5, elapsed / h) : 0;
		const effective = zForScore(Math.min(estimate.score, 1 - 1e-12));
		const above = estimate.z >= 0;
		const z = Math.abs(estimate.z);
		const peak = (above ? this.up : this.down) * decay;
		this.up = above ? Math.max(peak, z) : this.up * decay;
		this.down = above ? this.down * decay : Math.max(peak, z);
		const score = anomalyScore(Math.max(0, Math.min(effective, z - peak)));
		if (t < this.quietUntil) return 0;
		if (score >= this.options.level) this.quietUntil = t + this.options.quietMs;
		return score;
	}

	toJSON(): OnsetState {
		return {quietUntil: this.quietUntil, up: this.up, down: this.down, lastT: this.lastT};
	}
}

export type ScoredPoint = {estimate: Estimate; onset: number};

/** A detector followed by an onset filter: what the NAB harness runs for every file. */
export class OnsetScorer {
	readonly detector: SeasonalDetector;
	readonly filter: OnsetFilter;

	constructor(options: {stepMs: number; params?: Partial<DetectorParams>; onset?: Partial<OnsetOptions>}) {
		this.detector = new SeasonalDetector(options);
		this.filter = new OnsetFilter(options.onset);
	}

	update(t: number, v: number): ScoredPoint {
		const estimate = this.detector.update(t, v);
		return {estimate, onset: this.filter.push(t, estimate)};
	}
}
