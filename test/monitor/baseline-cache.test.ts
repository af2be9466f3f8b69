import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {BaselineEngine} from '../../source/monitor/baseline-engine.js';
import {BandRing} from '../../source/monitor/band-ring.js';
import {baselineCachePath, loadBaselines, saveBaselines} from '../../source/monitor/baseline-cache.js';
import {buildSeries} from '../../source/monitor/series.js';
import {DEFAULT_RULES} from '../../source/baseline/severity.js';
import {SeasonalDetector} from '../../source/baseline/detector.js';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const START = Date.UTC(2026, 10, 2);
const NAMES = ['PublishIn.Success', 'Connect.AuthError'];

function value(name: string, t: number): number {
	const hour = (t % DAY) / 3600_000;
	const base = name === 'PublishIn.Success' ? 900 * (0.7 + 0.3 * Math.sin(((hour - 8) / 24) * 2 * Math.PI)) : 3;
	// An incident on the last day, so flags and their life are in the cache too.
	const incident = t >= START + 3 * DAY + 600 * MINUTE && t < START + 3 * DAY + 700 * MINUTE ? 0.2 : 1;
	return Math.max(0, Math.round(base * incident + Math.sin(t / 7919) * Math.sqrt(base)));
}

function values(name: string, from: number, to: number): Map<number, number> {
	const out = new Map<number, number>();
	for (let t = from; t < to; t += MINUTE) out.set(t, value(name, t));
	return out;
}

const seriesAt = (name: string, t: number) =>
	buildSeries(name, {values: values(name, t - 120 * MINUTE, t + MINUTE), error: null}, 1, {now: t + MINUTE + 150_000});

test('a restored engine judges every later bucket exactly as the one that never stopped', () => {
	const dir = mkdtempSync(join(tmpdir(), 'iotmon-cache-'));
	const path = baselineCachePath(dir, ['123456789012', 'eu-west-1']);
	assert.ok(path.endsWith('.bin'));
	const cut = START + 3 * DAY + 650 * MINUTE; // in the middle of the incident
	const original = new BaselineEngine(NAMES, DEFAULT_RULES);
	for (const name of NAMES) original.learnHistory(name, values(name, START, cut), START, cut);
	// An outdated JSON file of format 1 beside it is replaced.
	mkdirSync(join(dir, 'baselines'));
	writeFileSync(path.replace(/\.bin$/, '.json'), '{"format":1}');
	assert.equal(saveBaselines(path, 'm1', original.toCache()), null);
	assert.ok(!existsSync(path.replace(/\.bin$/, '.json')));
	const cached = loadBaselines(path, 'm1');
	assert.ok(cached);
	const restored = new BaselineEngine(NAMES, DEFAULT_RULES);
	for (const [name, entry] of Object.entries(cached)) restored.restore(name, entry);
	for (const name of NAMES) {
		restored.learnHistory(name, new Map(), cut, cut);
		original.learnHistory(name, new Map(), cut, cut);
	}
	let flagged = 0;
	for (let t = cut; t < cut + 300 * MINUTE; t += MINUTE) {
		for (const name of NAMES) {
			const a = original.observe(seriesAt(name, t));
			const b = restored.observe(seriesAt(name, t));
			assert.deepEqual(b, a, `${name} at ${new Date(t).toISOString()}`);
			if (a.deviation && a.deviation.severity !== 'ok') flagged++;
		}
	}
	assert.ok(flagged > 0, 'the incident is flagged, before and after the restart');
	// Saved again, the state is the same: nothing is lost or moved by a round trip.
	const again = join(dir, 'again.bin');
	saveBaselines(again, 'm1', restored.toCache());
	saveBaselines(path, 'm1', original.toCache());
	assert.deepEqual(loadBaselines(again, 'm1'), loadBaselines(path, 'm1'));
	assert.equal(readFileSync(again).length, readFileSync(path).length);
});

test('a cache that is missing, of another model, truncated or not ours is not used', () => {
	const dir = mkdtempSync(join(tmpdir(), 'iotmon-cache-'));
	const path = join(dir, 'scope.bin');
	assert.equal(loadBaselines(path, 'm1'), null);
	const engine = new BaselineEngine(NAMES, DEFAULT_RULES);
	for (const name of NAMES) engine.learnHistory(name, values(name, START, START + DAY), START, START + DAY);
	saveBaselines(path, 'm1', engine.toCache());
	assert.equal(Object.keys(loadBaselines(path, 'm1') ?? {}).length, 2);
	assert.equal(loadBaselines(path, 'm2'), null);
	const bytes = readFileSync(path);
	writeFileSync(path, bytes.subarray(0, bytes.length - 100));
	assert.equal(loadBaselines(path, 'm1'), null);
	writeFileSync(path, JSON.stringify({format: 1, model: 'm1', metrics: {}}));
	assert.equal(loadBaselines(path, 'm1'), null);
});

test('packed detector state round-trips and refuses bytes of another layout', () => {
	const detector = new SeasonalDetector({stepMs: MINUTE});
	for (let t = START; t < START + 3 * DAY; t += MINUTE) detector.update(t, value('PublishIn.Success', t));
	const packed = detector.toPacked();
	const copy = SeasonalDetector.fromPacked({header: packed.header, bytes: packed.bytes.slice()});
	const fromJson = SeasonalDetector.fromJSON(JSON.parse(JSON.stringify(detector.toJSON())));
	for (let t = START + 3 * DAY; t < START + 4 * DAY; t += MINUTE) {
		const v = value('PublishIn.Success', t);
		const expected = detector.update(t, v);
		assert.deepEqual(copy.update(t, v), expected);
		assert.deepEqual(fromJson.update(t, v), expected);
	}
	assert.throws(() => SeasonalDetector.fromPacked({header: packed.header, bytes: packed.bytes.subarray(8)}), /wrong length/);
	const hourly = new SeasonalDetector({stepMs: 3_600_000}).toPacked();
	assert.throws(() => SeasonalDetector.fromPacked({header: packed.header, bytes: hourly.bytes}), /wrong length/);
});

test('the band ring keeps the newest points in time order, like the Map it replaces', () => {
	const ring = new BandRing(4);
	const map = new Map<number, {t: number; low: number; high: number}>();
	for (let i = 0; i < 10; i++) {
		const t = START + i * MINUTE;
		ring.push(t, i, i + 1);
		map.set(t, {t, low: i, high: i + 1});
		if (map.size > 4) map.delete(map.keys().next().value!);
		for (let j = 0; j < 10; j++) assert.deepEqual(ring.get(START + j * MINUTE), map.get(START + j * MINUTE));
	}
	assert.equal(ring.size, 4);
	// A point for a bucket already held replaces it; the order stays.
	ring.push(START + 8 * MINUTE, -1, -2);
	assert.deepEqual(ring.get(START + 8 * MINUTE), {t: START + 8 * MINUTE, low: -1, high: -2});
	const copy = BandRing.fromTriples(4, ring.toTriples(), START + 9 * MINUTE);
	for (let j = 0; j < 10; j++) assert.deepEqual(copy.get(START + j * MINUTE), ring.get(START + j * MINUTE));
	// Cached points newer than the newest learned bucket cannot be right: they are dropped.
	assert.equal(BandRing.fromTriples(4, ring.toTriples(), START + 7 * MINUTE).size, 2);
});
