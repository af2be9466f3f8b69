import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Monitor} from '../../source/monitor/monitor.js';
import {BaselineEngine} from '../../source/monitor/baseline-engine.js';
import {loadBaselines} from '../../source/monitor/baseline-cache.js';
import {discoverSeries} from '../../source/aws/metric-discovery.js';
import {fetchWindow} from '../../source/aws/metrics.js';
import {buildSeries, lastSettledBucket} from '../../source/monitor/series.js';
import {DEFAULT_RULES} from '../../source/baseline/severity.js';
import {DEFAULT_METRICS} from '../../source/iot/catalog.js';
import type {Severity} from '../../source/types.js';
import {startRig, type Rig} from '../aws/helpers.js';

const MINUTE = 60_000;
const WATCHED = ['PublishIn.Success', 'Connect.Success', 'Connect.AuthError', 'RulesExecuted', 'Ping.Success', 'PublishOut.Success'];

function monitorFor(rig: Rig, extra: Partial<ConstructorParameters<typeof Monitor>[0]> = {}) {
	return new Monitor({
		cloudwatch: rig.clients.cloudwatch,
		cloudtrail: rig.clients.cloudtrail,
		region: 'us-east-1',
		profile: null,
		demo: true,
		metrics: WATCHED,
		now: rig.now,
		lookbackMs: 15 * MINUTE,
		trailRatePerSecond: 1.5,
		maxTrailPages: 1,
		...extra,
	});
}

test('an injected publish drop is flagged CRIT/down; the other metrics stay normal', async () => {
	const rig = await startRig({quiet: true});
	try {
		const now = rig.now();
		rig.sim.injectIncident({kind: 'publish-drop', start: now - 12 * MINUTE, end: now + 60 * MINUTE});
		const snapshot = await monitorFor(rig).pollOnce();
		const publish = snapshot.metrics.find(m => m.name === 'PublishIn.Success')!;
		assert.equal(publish.judgement, 'judged');
		assert.equal(publish.deviation?.severity, 'crit');
		assert.equal(publish.deviation?.direction, 'down');
		assert.ok((publish.deviation?.percent ?? 0) < -70, `percent ${publish.deviation?.percent}`);
		assert.ok(publish.baseline!.low > publish.latest!.v, 'the value is below the normal band');
		assert.equal(snapshot.metrics.find(m => m.name === 'Connect.Success')?.deviation?.severity, 'ok');
		assert.equal(snapshot.status, 'CRIT');
	} finally {
		await rig.close();
	}
});

test('an injected connect storm is flagged up', async () => {
	const rig = await startRig({quiet: true});
	try {
		const now = rig.now();
		rig.sim.injectIncident({kind: 'connect-storm', start: now - 10 * MINUTE, end: now + 60 * MINUTE});
		const snapshot = await monitorFor(rig).pollOnce();
		const connect = snapshot.metrics.find(m => m.name === 'Connect.Success')!;
		assert.equal(connect.deviation?.direction, 'up');
		assert.notEqual(connect.deviation?.severity, 'ok');
		assert.notEqual(snapshot.status, 'OK');
	} finally {
		await rig.close();
	}
});

test('the quiet fleet raises no flag over a whole simulated day replayed minute by minute', async () => {
	const rig = await startRig({quiet: true});
	try {
		const now = rig.now();
		const end = lastSettledBucket(now) + MINUTE;
		const dayStart = end - 1440 * MINUTE;
		const discovery = await discoverSeries(rig.clients.cloudwatch, DEFAULT_METRICS);
		// 13 days of history + the replayed day: one-minute data only goes back 15 days.
		const historyStart = dayStart - 13 * 1440 * MINUTE;
		const history = await fetchWindow(rig.clients.cloudwatch, discovery, {start: historyStart, end, periodSeconds: 60});
		const engine = new BaselineEngine(DEFAULT_METRICS, DEFAULT_RULES);
		for (const name of DEFAULT_METRICS) {
			engine.learnHistory(name, history.get(name)?.values ?? new Map(), historyStart, dayStart);
		}
		const flagged: string[] = [];
		let judged = 0;
		for (let t = dayStart; t < end; t += MINUTE) {
			// The series the poller would build at the moment bucket t has just settled.
			const at = t + MINUTE + 150_000;
			for (const name of DEFAULT_METRICS) {
				const window = history.get(name);
				const series = engine.observe(
					buildSeries(name, window, discovery.get(name)?.length ?? 0, {now: at, historyBuckets: 5}),
				);
				if (series.judgement !== 'judged') continue;
				judged++;
				const severity: Severity = series.deviation!.severity;
				if (severity !== 'ok') flagged.push(`${new Date(t).toISOString()} ${name} ${severity} ${series.deviation!.percent}`);
			}
		}
		assert.ok(judged > 1440 * 9, `judged ${judged} buckets`);
		assert.deepEqual(flagged.slice(0, 10), []);
	} finally {
		await rig.close();
	}
});

test('the baseline is cached on disk; a restart learns only the gap', async () => {
	const rig = await startRig({quiet: true});
	const path = join(mkdtempSync(join(tmpdir(), 'iotmon-cache-')), 'baselines', 'test.json');
	try {
		const cache = {path, model: 'test-model', rebaseline: false};
		await monitorFor(rig, {baselineCache: cache}).pollOnce();
		const saved = loadBaselines(path, 'test-model');
		assert.deepEqual(Object.keys(saved ?? {}).sort(), [...WATCHED].sort());
		assert.equal(loadBaselines(path, 'other-model'), null, 'a cache of another model is not used');
		const before = rig.sim.requestLog().length;
		const snapshot = await monitorFor(rig, {baselineCache: cache}).pollOnce();
		assert.equal(snapshot.metrics.find(m => m.name === 'PublishIn.Success')?.judgement, 'judged');
		// ListMetrics + a gap of a few minutes + the live window, not 14 days in 100,800-point pages.
		const gmd = rig.sim.requestLog().slice(before).filter(r => r.operation === 'GetMetricData').length;
		assert.ok(gmd <= 2, `${gmd} GetMetricData requests`);
		// --rebaseline: the cache is ignored and 14 days are fetched again (more than one 100,800-point page).
		const again = rig.sim.requestLog().length;
		await monitorFor(rig, {baselineCache: {...cache, rebaseline: true}}).pollOnce();
		const refetched = rig.sim.requestLog().slice(again).filter(r => r.operation === 'GetMetricData').length;
		assert.ok(refetched >= 3, `${refetched} GetMetricData requests with rebaseline`);
	} finally {
		await rig.close();
	}
});
