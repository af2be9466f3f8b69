/** Seeded randomness for synthetic test and benchmark data: every run sees the same numbers. */

/** mulberry32: a small seeded PRNG returning numbers in [0, 1). */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

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
