/**
 * One detector's memory as ONE ArrayBuffer: its seasonal arrays are views into it, doubles first, then
 * 32-bit floats, 32-bit counters and 16-bit counters. One allocation per detector instead of a dozen, and
 * its whole state is one block of bytes that the disk cache writes and reads back with a single copy.
 *
 * The long per-slot arrays (the daily profile, the weekly terms, the recurring peaks) are 32-bit floats:
 * they hold offsets and |z| values that need 7 significant digits, not 16, and at one-minute steps they
 * are most of a detector's bytes (a fleet holds thousands of detectors).
 */
export type SlabSize = {f64: number; f32?: number; u32?: number; u16?: number};

/** The sum of slab sizes, for one Slab that holds several parts. */
export function addSizes(...sizes: SlabSize[]): Required<SlabSize> {
	const total = {f64: 0, f32: 0, u32: 0, u16: 0};
	for (const s of sizes) {
		total.f64 += s.f64;
		total.f32 += s.f32 ?? 0;
		total.u32 += s.u32 ?? 0;
		total.u16 += s.u16 ?? 0;
	}
	return total;
}

export class Slab {
	readonly buffer: ArrayBuffer;
	private readonly at: Required<SlabSize>;
	private readonly end: Required<SlabSize>;

	/** Room for the given number of doubles, floats and counters. */
	constructor(size: SlabSize) {
		const {f64, f32 = 0, u32 = 0, u16 = 0} = size;
		// Widest first, so every view is aligned to its element size.
		this.at = {f64: 0, f32: 8 * f64, u32: 8 * f64 + 4 * f32, u16: 8 * f64 + 4 * f32 + 4 * u32};
		this.end = {f64: this.at.f32, f32: this.at.u32, u32: this.at.u16, u16: this.at.u16 + 2 * u16};
		this.buffer = new ArrayBuffer(this.end.u16);
	}

	float64(length: number): Float64Array {
		return new Float64Array(this.buffer, this.take('f64', 8, length), length);
	}

	float32(length: number): Float32Array {
		return new Float32Array(this.buffer, this.take('f32', 4, length), length);
	}

	/** Counters: whole numbers below 2^32, held exactly (as they would be in a double). */
	uint32(length: number): Uint32Array {
		return new Uint32Array(this.buffer, this.take('u32', 4, length), length);
	}

	/** Small counters: whole numbers below 2^16 (callers saturate with `bump`). */
	uint16(length: number): Uint16Array {
		return new Uint16Array(this.buffer, this.take('u16', 2, length), length);
	}

	private take(kind: keyof SlabSize, bytes: number, length: number): number {
		const offset = this.at[kind];
		if (offset + bytes * length > this.end[kind]) throw new RangeError(`slab: out of ${kind}`);
		this.at[kind] = offset + bytes * length;
		return offset;
	}
}

/** counters[i] + 1, held at 65,535 instead of wrapping to 0; returns the new count. */
export function bump(counters: Uint16Array, i: number): number {
	const count = Math.min(65_535, counters[i]! + 1);
	counters[i] = count;
	return count;
}
