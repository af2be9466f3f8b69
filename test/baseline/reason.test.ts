import {test} from 'node:test';
import assert from 'node:assert/strict';
import {compactNumber, deviationReason} from '../../source/baseline/reason.js';
import {snapshotToJson} from '../../source/monitor/snapshot-json.js';
import {flagText, metricDelta} from '../../source/render/judgement.js';
import {judged} from '../ui/helpers.js';

const T = Date.UTC(2026, 10, 3, 14, 0); // a Tuesday

test('reason: readable at 3 a.m., with the usual weekday and time, band and duration', () => {
	const reason = deviationReason({t: T, stepMs: 60_000, severity: 'crit', phase: 'holding', since: T - 3 * 60_000, percent: -87.2, change: -11_900, baseline: {expected: 13_640, low: 11_700, high: 15_700}, calm: 0, calmNeeded: 3, newNormalSince: null});
	assert.equal(reason, '-87 % vs the usual Tuesday 14:00 (13.6k, normal 11.7k-15.7k), 4 min running');
	const counts = deviationReason({t: T, stepMs: 60_000, severity: 'warn', phase: 'recovering', since: T - 60_000, percent: null, change: 39.8, baseline: {expected: 0.2, low: 0, high: 6}, calm: 2, calmNeeded: 3, newNormalSince: null});
	assert.equal(counts, '+40 vs the usual Tuesday 14:00 (0.2, normal 0-6), 2 min running, recovering 2/3');
	assert.equal(compactNumber(1_234_567), '1.2M');
});

test('screen, text and JSON agree on the phase, the onset and the change', () => {
	const base = judged('PublishIn.Success', () => 1500, {expected: 13_600, low: 11_700, high: 15_700}, 'crit');
	const since = base.latest!.t - 4 * 60_000;
	const series = {...base, deviation: {...base.deviation!, phase: 'recovering' as const, calm: 2, since, reason: 'r'}};
	assert.equal(flagText(series), '▼ CRIT recovering 2/3');
	const json = snapshotToJson({metrics: [series], events: [], alarms: [], generatedAt: T, region: 'us-east-1', eventsSince: T, status: 'CRIT', health: {metrics: {error: null}, trail: {error: null}}, alarmsError: null} as never);
	const d = json.metrics[0]!.deviation!;
	assert.equal(d.phase, 'recovering');
	assert.equal(d.since, new Date(since).toISOString());
	assert.equal(d.reason, 'r');
	const tiny = judged('Subscribe.AuthError', () => 3, {expected: 0.2, low: 0, high: 6});
	assert.equal(metricDelta({...tiny, deviation: {...tiny.deviation!, percent: null, change: 2.8}}), '+2.8');
});
