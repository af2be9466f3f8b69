/**
 * From a robust deviation to an anomaly score in [0, 1], and the score levels the app flags at.
 * score = z^2 / (z^2 + Z_HALF^2): 0.5 at |z| = 6, 0.69 at 9, 0.92 at 20; it never saturates, so very
 * large deviations still rank above large ones.
 */
export const Z_HALF = 6;

/**
 * Reference levels of the score alone (|z| 6 and ~9.2). Flags are not raised from these: the judge
 * (judge.ts) turns the score back into a z with zForScore and applies the flag rules of severity.ts.
 */
export const SCORE_WARN = 0.5;
export const SCORE_CRIT = 0.7;

export function anomalyScore(z: number): number {
	const z2 = z * z;
	return z2 / (z2 + Z_HALF * Z_HALF);
}

/** The |z| at which anomalyScore reaches `score` (inverse of anomalyScore for score in [0, 1)). */
export function zForScore(score: number): number {
	return Z_HALF * Math.sqrt(score / (1 - score));
}
