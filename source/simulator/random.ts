/**
 * Stateless, hash-based randomness for the simulator: every draw is a pure function of its inputs, so
 * any minute of any series can be recomputed on demand and two runs with the same seed agree.
 */

/** MurmurHash3's 32-bit finaliser: spreads the bits of one integer. */
export function fmix(input: number): number {
	let h = input;
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/** FNV-1a hash of a string (32-bit, unsigned). */
export function hashString(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** Mixes up to four integers into one well-spread unsigned 32-bit hash. */
export function hash(a: number, b: number, c = 0, d = 0): number {
	let h = fmix((a ^ 0x9e3779b9) >>> 0);
	h = fmix((h ^ Math.imul(b | 0, 0x27d4eb2f)) >>> 0);
	h = fmix((h ^ Math.imul(c | 0, 0x165667b1)) >>> 0);
	return fmix((h ^ Math.imul(d | 0, 0x61c88647)) >>> 0);
}

/** Maps a hash to a uniform number in [0, 1). */
export function unit(h: number): number {
	return h / 4294967296;
}

/** A standard normal deviate from two hashes (Box-Muller). */
export function gaussian(h1: number, h2: number): number {
	const u1 = (h1 + 1) / 4294967297; // (0, 1]: log never sees 0
	return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * unit(h2));
}

/**
 * A Poisson-like count with the given mean: exact inversion for small means (so sparse error metrics
 * have honest zero minutes), a rounded normal with sd = sqrt(mean) above that.
 */
export function poisson(mean: number, h1: number, h2: number): number {
	if (mean <= 0) return 0;
	if (mean < 40) {
		const u = unit(h1);
		let p = Math.exp(-mean);
		let cumulative = p;
		let k = 0;
		while (u > cumulative && k < 200) {
			k++;
			p *= mean / k;
			cumulative += p;
		}
		return k;
	}
	return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(h1, h2)));
}

/** A uniform [0, 1) generator. */
export type Rng = () => number;

/** mulberry32: a small seeded generator, the same on every platform (the simulator's only sequential one). */
export function makeRng(state: number): Rng {
	let a = state >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
	};
}
