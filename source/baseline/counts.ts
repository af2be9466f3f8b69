/**
 * Count-aware significance: how surprising a count is under a Poisson law with the seasonal expectation
 * as its mean, as a one-sided z (the normal deviate with the same tail probability). 0 -> 3 against an
 * expectation of 0.2 has a tail of 1e-3 (z ~ 3), 0 -> 40 one below 1e-40. Pure, cheap: only small
 * expectations are summed term by term; larger ones are left to the detector's Anscombe z.
 */

/** Expectations at or above this are judged by the detector's own z alone. */
export const POISSON_LIMIT = 50;

/** Below this expectation a change is shown as an absolute number, not a percent of almost nothing. */
export const PERCENT_BASE_MIN = 10;

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln P(X = k) for X ~ Poisson(lambda), lambda > 0. */
function logPmf(k: number, lambda: number, logFactorial: number): number {
	return k * Math.log(lambda) - lambda - logFactorial;
}

/** ln k! by summation for small k, Stirling beyond. */
function logFactorial(k: number): number {
	if (k < 30) {
		let s = 0;
		for (let i = 2; i <= k; i++) s += Math.log(i);
		return s;
	}
	return k * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI * k) + 1 / (12 * k);
}

/** ln of the one-sided tail: P(X >= k) when k is above lambda, P(X <= k) when below. */
export function poissonLogTail(k: number, lambda: number): number {
	const count = Math.max(0, Math.round(k));
	const mean = Math.max(lambda, 1e-3);
	if (count === Math.round(mean)) return 0;
	let lf = logFactorial(count);
	const first = logPmf(count, mean, lf);
	let sum = 1;
	let term = 1;
	if (count > mean) {
		// Upper tail: terms shrink by lambda / (i + 1) each step.
		for (let i = count; i < count + 200; i++) {
			term *= mean / (i + 1);
			sum += term;
			if (term < 1e-12 * sum) break;
		}
	} else {
		for (let i = count; i > 0; i--) {
			term *= i / mean;
			sum += term;
			if (term < 1e-12 * sum) break;
		}
	}
	lf = first + Math.log(sum);
	return Math.min(0, lf);
}

/** The normal deviate whose one-sided tail has ln probability `logP` (<= 0); 0 for unsurprising tails. */
export function zForLogTail(logP: number): number {
	if (logP > -0.7) return 0;
	// Asymptotic inverse of the normal tail, accurate to a few hundredths beyond p = 0.01.
	const a = -2 * logP;
	return Math.sqrt(Math.max(0, a - Math.log(a) - 2 * LN_SQRT_2PI));
}

/** Poisson z of a count against its expectation, or Infinity when the expectation is large enough for the detector's z. */
export function poissonZ(value: number, expected: number): number {
	if (expected >= POISSON_LIMIT) return Infinity;
	return zForLogTail(poissonLogTail(value, expected));
}
