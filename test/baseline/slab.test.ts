import assert from 'node:assert/strict';
import {test} from 'node:test';
import {SeasonalDetector} from '../../source/baseline/detector.js';
import {addSizes, bump, Slab} from '../../source/baseline/slab.js';

test('a slab lays out doubles, floats, 32- and 16-bit counters in one buffer, each view aligned and apart', () => {
	const slab = new Slab(addSizes({f64: 3, f32: 5}, {f64: 1, u32: 3, u16: 3}));
	assert.equal(slab.buffer.byteLength, 8 * 4 + 4 * 5 + 4 * 3 + 2 * 3);
	const d = slab.float64(4);
	const f = slab.float32(5);
	const u = slab.uint32(3);
	const h = slab.uint16(3);
	d.fill(1.5);
	f.fill(2.5);
	u.fill(7);
	h.fill(9);
	assert.deepEqual([...d, ...f, ...u, ...h], [1.5, 1.5, 1.5, 1.5, 2.5, 2.5, 2.5, 2.5, 2.5, 7, 7, 7, 9, 9, 9]);
	assert.throws(() => slab.float32(1), /out of f32/);
	assert.throws(() => slab.uint16(1), /out of u16/);
});

test('a 16-bit counter stops at 65,535 instead of wrapping to 0', () => {
	const counters = new Uint16Array(1);
	counters[0] = 65_534;
	assert.equal(bump(counters, 0), 65_535);
	assert.equal(bump(counters, 0), 65_535);
	assert.equal(counters[0], 65_535);
});

test('a one-minute detector keeps its whole seasonal memory in about 8.4 KB (7.1 KB + the area channel)', () => {
	const packed = new SeasonalDetector({stepMs: 60_000}).toPacked();
	assert.ok(packed.bytes.byteLength < 9_000, `${packed.bytes.byteLength} bytes`);
	assert.ok(packed.bytes.byteLength > 7_500, `${packed.bytes.byteLength} bytes`);
});
