import {test} from 'node:test';
import assert from 'node:assert/strict';
import {flagCounts, flagSegment, formatBaseline, formatDelta, metricDelta} from '../../source/render/judgement.js';
import {incidentMetrics, judged, metric, noData, step} from '../ui/helpers.js';

test('formatDelta: signed, rounded, at most 6 columns, — when unknown', () => {
	const cases: ReadonlyArray<readonly [number | null, string]> = [
		[-84.2, '-84%'],
		[327.1, '+327%'],
		[0.3, '0%'],
		[-100, '-100%'],
		[9999, '+9999%'],
		[15_500, '+16k%'],
		[2_400_000, '+2M%'],
		[null, '—'],
		[Number.NaN, '—'],
	];
	for (const [percent, expected] of cases) assert.equal(formatDelta(percent), expected, String(percent));
});

test('formatBaseline: one rule for every row, compact from 1000 on or when too wide', () => {
	assert.equal(formatBaseline({expected: 1150, low: 1020, high: 1290}, 19), '1.1k (1k–1.3k)');
	assert.equal(formatBaseline({expected: 950, low: 880, high: 1020}, 19), '950 (880–1k)');
	assert.equal(formatBaseline({expected: 1150, low: 1020, high: 1290}, 16), '1.1k (1k–1.3k)');
	assert.equal(formatBaseline({expected: 18_204, low: 16_110, high: 20_320}, 19), '18.2k (16.1k–20.3k)');
	assert.equal(formatBaseline({expected: 96.4, low: 80.2, high: 115.3}, 19), '96 (80–115)');
	assert.equal(formatBaseline({expected: 2.4, low: 0, high: 6.1}, 19), '2.4 (0–6.1)');
});

test('flagSegment: glyph and colour for every judgement', () => {
	const crit = judged('PublishIn.Success', step(1150, 182), {expected: 1150, low: 1020, high: 1290}, 'crit');
	const warn = judged('Connect.Success', step(96, 130), {expected: 96, low: 80, high: 115}, 'warn');
	const ok = judged('Ping.Success', () => 100, {expected: 100, low: 80, high: 120});
	assert.deepEqual(flagSegment(crit), {text: '▼ CRIT', color: 'red', bold: true});
	assert.deepEqual(flagSegment(warn), {text: '▲ WARN', color: 'yellow', bold: true});
	assert.deepEqual(flagSegment(ok), {text: '·', dim: true});
	assert.equal(flagSegment(metric('GetThingShadow.Accepted')).text, 'learning');
	assert.equal(flagSegment(noData('RulesExecuted')).text, 'no data');
	assert.equal(flagSegment(metric('Ping.Success', () => 1, {state: 'error', error: 'x', latest: null})).text, '✗ error');
	assert.equal(metricDelta(crit), '-84%');
	assert.equal(metricDelta(metric('GetThingShadow.Accepted')), '—', 'learning has no delta');
	assert.equal(metricDelta(noData('RulesExecuted')), '—');
});

test('flagCounts counts judged warn and crit, and their directions', () => {
	assert.deepEqual(flagCounts(incidentMetrics()), {crit: 3, warn: 1, up: true, down: true});
	assert.deepEqual(flagCounts([noData('a'), metric('b')]), {crit: 0, warn: 0, up: false, down: false});
});
