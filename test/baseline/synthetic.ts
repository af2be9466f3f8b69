/** Seeded randomness for synthetic test and benchmark data: every run sees the same numbers. */

import {makeRng} from '../../source/simulator/random.js';

/** The simulator's seeded generator (mulberry32), so tests and the endpoint draw the same way. */
export const prng = (seed: number): (() => number) => makeRng(seed);

/** A Poisson count with this mean (normal approximation above 50, Knuth's method below). */
export function poisson(random: () => number, mean: number): number {
	if (mean > 50) {
		const gauss = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
		return Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss));
	}
	const limit = Math.exp(-mean);
	let k = 0;
	for (let p = random(); p > limit; p *= random()) k++;
	return k;
}
