/** Small numeric helpers of the detector: exponential rates, clipping, a running quantile. */

/** Per-step weight of an exponential average with the given half-life. */
export const rate = (halfLifeMs: number, stepMs: number): number => 1 - Math.pow(0.5, stepMs / Math.max(halfLifeMs, stepMs));

/** r limited to +/- limit. */
export const clamp = (r: number, limit: number): number => (r > limit ? limit : r < -limit ? -limit : r);

/** One step of a multiplicative running 90th percentile: up 9 steps per exceedance, down 1 otherwise. */
export function tail(q: number, r: number, step: number): number {
	if (q <= 0) return r;
	return q * (r > q ? 1 + 0.9 * step : 1 - 0.1 * step);
}

type TypedNumbers = Float64Array | Float32Array | Uint32Array | Uint16Array;

/** A record of typed arrays as plain JSON arrays, and back. */
export type Arrays<T> = {[K in keyof T]: number[]};

export function toArrays<T extends Record<string, TypedNumbers>>(typed: T): Arrays<T> {
	return Object.fromEntries(Object.entries(typed).map(([key, values]) => [key, [...values]])) as Arrays<T>;
}

export function fromArrays<T extends Record<string, TypedNumbers>>(target: T, plain: Arrays<T>): void {
	for (const key of Object.keys(target) as Array<keyof T>) {
		const values = target[key]!;
		if (plain[key].length !== values.length) throw new RangeError(`detector state: ${String(key)} has the wrong length`);
		values.set(plain[key]);
	}
}
