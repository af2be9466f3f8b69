/**
 * One detector's memory as ONE ArrayBuffer: its seasonal arrays are views into it, doubles first, then
 * 32-bit counters. One allocation per detector instead of a dozen, and its whole state is one block of
 * bytes that the disk cache writes and reads back with a single copy.
 */
export class Slab {
	readonly buffer: ArrayBuffer;
	private f64At = 0;
	private u32At: number;

	/** Room for `f64` doubles and `u32` counters. */
	constructor(
		private readonly f64: number,
		u32: number,
	) {
		this.buffer = new ArrayBuffer(8 * f64 + 4 * u32);
		this.u32At = 8 * f64;
	}

	float64(length: number): Float64Array {
		if (this.f64At + 8 * length > 8 * this.f64) throw new RangeError('slab: out of doubles');
		const view = new Float64Array(this.buffer, this.f64At, length);
		this.f64At += 8 * length;
		return view;
	}

	/** Counters: whole numbers below 2^32, held exactly (as they would be in a double). */
	uint32(length: number): Uint32Array {
		if (this.u32At + 4 * length > this.buffer.byteLength) throw new RangeError('slab: out of counters');
		const view = new Uint32Array(this.buffer, this.u32At, length);
		this.u32At += 4 * length;
		return view;
	}
}
