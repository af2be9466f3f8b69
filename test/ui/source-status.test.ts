import {test} from 'node:test';
import assert from 'node:assert/strict';
import {textWidth} from '../../source/text/width.js';
import {ASCII} from '../../source/render/glyphs.js';
import type {Segment} from '../../source/render/segments.js';
import {costPerDay, costText, formatUsd, isStale, metricsPerRefresh, statusLineSegments} from '../../source/ui/frame/source-status.js';
import {health, metric, noData, NOW, snapshot} from './helpers.js';

const text = (segments: readonly Segment[]): string => segments.map(segment => segment.text).join('');
const MINUTE = 60_000;

test('metrics per refresh: one query per dimension set; unseen metrics cost nothing', () => {
	assert.equal(metricsPerRefresh([metric('a', () => 1, {dimensionSets: 3}), metric('b'), noData('c')]), 3 + 2 + 0);
	assert.equal(metricsPerRefresh([]), 0);
});

test('cost per day: metrics x refreshes a day x $0.01 per 1,000', () => {
	const cases: ReadonlyArray<readonly [number, number, number | null, string]> = [
		[40, MINUTE, 0.576, 'README: ~40 series once a minute is about $0.58'],
		[20, MINUTE, 0.288, 'aws-facts: 20 metrics a minute, $8.64 a month'],
		[40, 5 * MINUTE, 0.1152, 'every 5 minutes'],
		[0, MINUTE, 0, 'nothing requested'],
		[40, 0, null, 'unknown interval'],
		[40, Number.NaN, null, 'unknown interval'],
	];
	for (const [metrics, interval, expected, what] of cases) {
		const got = costPerDay(metrics, interval);
		if (expected === null) assert.equal(got, null, what);
		else assert.ok(got !== null && Math.abs(got - expected) < 1e-9, `${what}: ${got}`);
	}
});

test('dollars: two decimals below $10, one below $100, whole above; tiny and unknown amounts say so', () => {
	const cases: ReadonlyArray<readonly [number | null, string]> = [
		[0.576, '$0.58'],
		[0.2304, '$0.23'],
		[0.004, '<$0.01'],
		[0, '$0'],
		[9.994, '$9.99'],
		[12.34, '$12.3'],
		[1234.5, '$1235'],
		[null, '—'],
		[Number.NaN, '—'],
	];
	for (const [usd, expected] of cases) assert.equal(formatUsd(usd), expected, String(usd));
	assert.equal(formatUsd(1234.5, ASCII), '$1235');
	assert.equal(formatUsd(null, ASCII), '-');
});

test('the cost line reads "≈ $0.23/day" (ASCII "~ $0.23/day")', () => {
	// 8 series x 2 dimension sets once a minute: 16 x 1 440 x 0.01 / 1 000.
	const s = snapshot({metrics: Array.from({length: 8}, (_, i) => metric(`m${i}`))});
	assert.equal(costText(s), '≈ $0.23/day');
	assert.equal(costText(s, ASCII), '~ $0.23/day');
});

test('stale: only beyond two refresh intervals; never-refreshed data is missing, not stale', () => {
	const cases: ReadonlyArray<readonly [number | null, number, boolean]> = [
		[NOW - 8000, MINUTE, false],
		[NOW - 2 * MINUTE, MINUTE, false],
		[NOW - 2 * MINUTE - 1, MINUTE, true],
		[NOW - 11_000, 5000, true],
		[null, MINUTE, false],
		[NOW - 10 * MINUTE, 0, false],
	];
	for (const [lastSuccess, intervalMs, expected] of cases) {
		assert.equal(isStale(health({lastSuccess, intervalMs}), NOW), expected, `${lastSuccess} / ${intervalMs}`);
	}
});

const busy = snapshot({
	health: {
		metrics: health({callsLastMinute: 2}),
		trail: health({lastSuccess: NOW - 3000, intervalMs: 5000, callsLastMinute: 58, throttlesLastMinute: 0}),
	},
});

test('200 columns: both sources with clock, age, calls, throttles and the cost', () => {
	const line = text(statusLineSegments(busy, NOW, 200));
	assert.match(line, /metrics 12:03:00 UTC \(now\) · 2 calls\/min · 0 throttles\/min · ≈ \$0\.\d\d\/day/);
	assert.match(line, /trail 12:03:05 UTC \(now\) · 58 calls\/min · 0 throttles\/min/);
});

test('80 columns: clock times and zero throttle counts go first; ages, calls and cost stay', () => {
	const line = text(statusLineSegments(busy, NOW, 80));
	assert.ok(textWidth(line) <= 80, line);
	// 9 metrics x 2 dimension sets, once a minute: 18 x 1 440 x $0.01 / 1 000.
	assert.equal(line, ' metrics now · 2 calls/min · ≈ $0.26/day   trail now · 58 calls/min');
	const throttled = snapshot({health: {metrics: health(), trail: health({throttlesLastMinute: 3, callsLastMinute: 61})}});
	// Too long with calls: they go before throttles and the cost.
	assert.equal(text(statusLineSegments(throttled, NOW, 80)), ' metrics now · ≈ $0.26/day   trail now · 3 throttles/min');
	assert.match(text(statusLineSegments(throttled, NOW, 100)), /trail now · 61 calls\/min · 3 throttles\/min/);
	for (const width of [60, 50, 40]) assert.ok(textWidth(text(statusLineSegments(busy, NOW, width))) <= width, `${width}`);
});

test('stale data: glyph, colour and the word; not while paused', () => {
	const old = snapshot({health: {metrics: health({lastSuccess: NOW - 5 * MINUTE}), trail: health()}});
	const segments = statusLineSegments(old, NOW, 80);
	const stale = segments.find(segment => segment.text.includes('stale'));
	assert.equal(stale?.text, ' ⚠ stale 5m ago');
	assert.equal(stale?.color, 'yellow');
	assert.match(text(statusLineSegments(old, NOW, 80, ASCII)), /metrics ! stale 5m ago/);
	assert.doesNotMatch(text(statusLineSegments({...old, paused: true}, NOW, 80)), /stale/);
});

test('an error shows its one line and the age of the data; two errors share 80 columns', () => {
	const failing = snapshot({
		health: {
			metrics: health({error: 'AccessDenied: not authorized to perform cloudwatch:GetMetricData\u001b[2J', lastSuccess: NOW - 10 * MINUTE}),
			trail: health({error: 'ExpiredToken: the security token included in the request is expired', lastSuccess: null}),
		},
	});
	const wide = text(statusLineSegments(failing, NOW, 200));
	assert.match(wide, /metrics ✗ AccessDenied: not authorized to perform cloudwatch:GetMetricData␛\[2J · ⚠ data 10m ago/);
	assert.match(wide, /trail ✗ ExpiredToken: the security token included in the request is expired · no data yet/);
	const narrow = text(statusLineSegments(failing, NOW, 80));
	assert.ok(textWidth(narrow) <= 80, narrow);
	assert.match(narrow, /metrics ✗ Access\S*… · ⚠ data 10m ago {3}trail ✗ Expired\S*… · no data yet/);
});

test('malformed items skipped: counted per source, kept at 80 columns, absent when none', () => {
	const spoiled = snapshot({health: {metrics: health({skipped: 2}), trail: health({skipped: 1234})}});
	const line = text(statusLineSegments(spoiled, NOW, 80));
	assert.ok(textWidth(line) <= 80, line);
	assert.equal(line, ' metrics now · ⚠ 2 malformed · ≈ $0.26/day   trail now · ⚠ 1234 malformed');
	const segment = statusLineSegments(spoiled, NOW, 80).find(s => s.text.includes('malformed') && s.text.includes('234'));
	assert.equal(segment?.color, 'yellow');
	assert.match(text(statusLineSegments(spoiled, NOW, 80, ASCII)), /! 1234 malformed/);
	assert.doesNotMatch(text(statusLineSegments(busy, NOW, 200)), /malformed/);
	assert.doesNotMatch(text(statusLineSegments(snapshot({health: {metrics: health({skipped: 0}), trail: health()}}), NOW, 200)), /malformed/);
});
