import {test} from 'node:test';
import assert from 'node:assert/strict';
import {BaselineEngine} from '../../source/monitor/baseline-engine.js';
import {buildSeries, lastSettledBucket} from '../../source/monitor/series.js';
import {DEFAULT_RULES} from '../../source/baseline/severity.js';
import type {MetricSeries} from '../../source/types.js';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const START = Date.UTC(2026, 10, 2); // a Monday

/** Deterministic fleet-like counts: daily rhythm, quieter weekends, Poisson-ish noise. */
function normal(t: number, peak = 2000): number {
	const hour = (t % DAY) / 3600_000;
	const day = new Date(t).getUTCDay();
	const rhythm = 0.7 + 0.3 * Math.sin(((hour - 8) / 24) * 2 * Math.PI);
	const weekend = day === 0 || day === 6 ? 0.7 : 1;
	const mean = peak * rhythm * weekend;
	const noise = Math.sin(t / 7919) * Math.sqrt(mean) * 0.8;
	return Math.max(0, Math.round(mean + noise));
}

function history(days: number, value: (t: number) => number = normal): Map<number, number> {
	const values = new Map<number, number>();
	for (let t = START; t < START + days * DAY; t += MINUTE) values.set(t, value(t));
	return values;
}

/** The series the poller builds when bucket `t` has just settled, from a map of values. */
function seriesAt(name: string, values: Map<number, number>, t: number): MetricSeries {
	return buildSeries(name, {values, error: null}, 2, {now: t + MINUTE + 150_000, historyBuckets: 10});
}

test('before its history is learned a metric is learning, never judged', () => {
	const engine = new BaselineEngine(['PublishIn.Success'], DEFAULT_RULES);
	const values = history(1);
	const series = engine.observe(seriesAt('PublishIn.Success', values, START + DAY - MINUTE));
	assert.equal(series.judgement, 'learning');
	assert.equal(series.deviation, null);
	assert.equal(series.baseline, null);
});

test('too little history stays learning even after loading it', () => {
	const engine = new BaselineEngine(['PublishIn.Success'], DEFAULT_RULES);
	const values = history(1);
	engine.learnHistory('PublishIn.Success', values, START, START + 20 * MINUTE);
	const series = engine.observe(seriesAt('PublishIn.Success', values, START + 21 * MINUTE));
	assert.equal(series.judgement, 'learning');
});

test('a metric without data is no-data, never a deviation', () => {
	const engine = new BaselineEngine(['DeleteThingShadow.Accepted'], DEFAULT_RULES);
	engine.learnHistory('DeleteThingShadow.Accepted', new Map(), START, START + 14 * DAY);
	const series = engine.observe(
		buildSeries('DeleteThingShadow.Accepted', {values: new Map(), error: null}, 0, {now: START + 14 * DAY}),
	);
	assert.equal(series.judgement, 'no-data');
	assert.equal(series.deviation, null);
});

test('the newest judged bucket is always a settled one', () => {
	const engine = new BaselineEngine(['PublishIn.Success'], DEFAULT_RULES);
	const values = history(15);
	const learnedUntil = START + 14 * DAY;
	engine.learnHistory('PublishIn.Success', values, START, learnedUntil);
	const now = learnedUntil + 5 * MINUTE;
	const series = engine.observe(buildSeries('PublishIn.Success', {values, error: null}, 2, {now}));
	assert.equal(series.judgement, 'judged');
	assert.equal(series.latest!.t, lastSettledBucket(now));
	assert.ok(series.band.every(point => point.t <= lastSettledBucket(now)));
});

function replay(name: string, change: (t: number, v: number) => number): string[] {
	const engine = new BaselineEngine([name], DEFAULT_RULES);
	const incidentAt = START + 14 * DAY + 14 * 3600_000; // a Monday afternoon
	const values = history(15, t => (t >= incidentAt ? change(t, normal(t)) : normal(t)));
	engine.learnHistory(name, values, START, incidentAt - 30 * MINUTE);
	const flags: string[] = [];
	for (let t = incidentAt - 30 * MINUTE; t < incidentAt + 5 * MINUTE; t += MINUTE) {
		const series = engine.observe(seriesAt(name, values, t));
		if (t >= incidentAt) flags.push(`${series.deviation?.severity}/${series.deviation?.direction}`);
		else assert.equal(series.deviation?.severity, 'ok', `before the incident at ${new Date(t).toISOString()}`);
	}
	return flags;
}

test('a sharp drop in publishes is CRIT/down within two settled buckets', () => {
	const flags = replay('PublishIn.Success', (_t, v) => Math.round(v * 0.15));
	assert.ok(flags.slice(0, 2).includes('crit/down'), flags.join(' '));
});

test('a spike in auth errors is flagged up within two settled buckets; the same spike in a metric where only drops matter is not', () => {
	const flags = replay('Connect.AuthError', (_t, v) => v * 5);
	assert.ok(flags.slice(0, 2).some(flag => flag.endsWith('/up') && !flag.startsWith('ok')), flags.join(' '));
	const ping = replay('Ping.Success', (_t, v) => v * 5);
	assert.ok(ping.every(flag => flag.startsWith('ok')), ping.join(' '));
});
