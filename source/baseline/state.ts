/** The detector's serialisable state: a few scalars and the seasonal arrays, never the raw history. */
import type {Area} from './area.js';
import type {DayEffect} from './day-effect.js';
import type {DetectorParams} from './params.js';
import type {Profiles} from './profiles.js';
import type {Peaks} from './recurrence.js';
import type {Arrays} from './smoothing.js';

export type Scalars = {
	/** Anscombe scale (counts) or linear; null before the first value. */
	sqrt: boolean | null;
	/** Every value so far was >= 0: the band then never goes below 0. */
	nonNegative: boolean;
	/** The first day has been recorded and the seasonal model runs. */
	seeded: boolean;
	count: number;
	level: number;
	base: number;
	flat: number;
	/** Mean absolute (clipped) residuals of the seasonal and the level-only model. */
	madSeasonal: number;
	madFlat: number;
	/** Weighted mean of |y|, for the relative scale floor. */
	magnitude: number;
	/** Running mean of the recent (clipped) z, for sustained deviations. */
	sustained: number;
	/** Running 90th percentile of |residual| of each model (heavy tails widen the scale). */
	tailSeasonal: number;
	tailFlat: number;
	/** Running mean of the recent unclipped residual (transformed scale): the shift a new normal accepts. */
	recent: number;
	/** The last point's burst beyond what recurs at its hour (signed by direction), recorded as routine
	 * evidence at the next point unless it was flagged; newsT null: none. */
	newsT: number | null;
	newsZ: number;
};

/** Plain JSON: a few scalars and the seasonal arrays, never the raw history. */
export type DetectorState = {
	version: 1;
	stepMs: number;
	params: DetectorParams;
	scalars: Scalars;
	profiles: Arrays<Profiles>;
	days: Arrays<DayEffect>;
	peaks: Arrays<Peaks>;
	/** The area channel's hourly means (absent in states written before it). */
	area?: Arrays<Area>;
};

export const INITIAL_SCALARS: Scalars = {
	sqrt: null,
	nonNegative: true,
	seeded: false,
	count: 0,
	level: 0,
	base: 0,
	flat: 0,
	madSeasonal: 0,
	madFlat: 0,
	magnitude: 0,
	sustained: 0,
	tailSeasonal: 0,
	tailFlat: 0,
	recent: 0,
	newsT: null,
	newsZ: 0,
};

/** The state as the disk cache keeps it: the scalars as JSON, the seasonal arrays as one block of bytes. */
export type PackedDetector = {
	readonly header: {
		readonly version: 3;
		readonly stepMs: number;
		readonly params: DetectorParams;
		readonly scalars: Scalars;
		/** Byte order of `bytes` (a cache is only read back on a machine of the same order). */
		readonly littleEndian: boolean;
	};
	/** The detector's Slab: its doubles, floats, then its counters (slab.ts). */
	readonly bytes: Uint8Array;
};
