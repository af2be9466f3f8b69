/**
 * Malformed answers end to end through the monitor: hostile values in every CloudWatch and CloudTrail
 * answer (the endpoint's `hostile-values` fault, seeded) cost only the items they spoil; the count is in
 * the snapshot, the status line and `errors.skipped` of `--once --json`; nothing printed is unsafe.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Monitor} from '../../source/monitor/monitor.js';
import {snapshotToJson} from '../../source/monitor/snapshot-json.js';
import {DEFAULT_METRICS} from '../../source/iot/catalog.js';
import {safeJsonStringify} from '../../source/text/json.js';
import {statusLineSegments} from '../../source/ui/frame/source-status.js';
import {startRig} from '../aws/helpers.js';

const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029]/;

test('hostile values in every answer: the monitor keeps going, counts what it skipped and says so', async () => {
	const rig = await startRig({lookupEventsTps: 1000});
	try {
		rig.sim.injectFault({service: 'cloudtrail', kind: 'hostile-values', seed: 11, times: Infinity});
		rig.sim.injectFault({service: 'cloudwatch', kind: 'hostile-values', seed: 12, rate: 0.2, times: Infinity});
		const monitor = new Monitor({
			cloudwatch: rig.clients.cloudwatch,
			cloudtrail: rig.clients.cloudtrail,
			region: 'us-east-1',
			profile: null,
			demo: true,
			metrics: DEFAULT_METRICS,
			now: rig.now,
			lookbackMs: 30 * 60_000,
			trailRatePerSecond: 50,
			historyDays: 1,
		});
		const snapshot = await monitor.pollOnce();
		monitor.stop();
		assert.ok(snapshot.events.length > 0, 'the good events of each page are kept');
		assert.equal(snapshot.health.trail.error, null, 'no page lost');
		const trailSkipped = snapshot.health.trail.skipped ?? 0;
		const metricsSkipped = snapshot.health.metrics.skipped ?? 0;
		assert.ok(trailSkipped > 0, 'spoiled events counted');
		assert.ok(metricsSkipped > 0, 'spoiled CloudWatch items counted');
		for (const event of snapshot.events) assert.ok(Number.isFinite(event.eventTime) && event.eventTime > 0);
		const json = snapshotToJson(snapshot);
		assert.deepEqual(json.errors.skipped, {
			metrics: metricsSkipped - (snapshot.alarmsSkipped ?? 0),
			trail: trailSkipped,
			alarms: snapshot.alarmsSkipped ?? 0,
		});
		const text = safeJsonStringify(json);
		assert.doesNotMatch(text, /[\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029]/);
		assert.ok(JSON.parse(text));
		const line = statusLineSegments(snapshot, rig.now(), 200).map(s => s.text).join('');
		assert.match(line, /trail.*⚠ [\d\u2009]+ malformed/);
		assert.doesNotMatch(line, UNSAFE);
	} finally {
		await rig.close();
	}
});

test('the status line says nothing about malformed answers when there were none', async () => {
	const rig = await startRig({lookupEventsTps: 1000});
	try {
		const monitor = new Monitor({
			cloudwatch: rig.clients.cloudwatch,
			cloudtrail: rig.clients.cloudtrail,
			region: 'us-east-1',
			profile: null,
			demo: true,
			metrics: DEFAULT_METRICS,
			now: rig.now,
			lookbackMs: 10 * 60_000,
			trailRatePerSecond: 50,
			historyDays: 1,
		});
		const snapshot = await monitor.pollOnce();
		monitor.stop();
		assert.equal(snapshot.health.trail.skipped, 0);
		assert.equal(snapshot.health.metrics.skipped, 0);
		assert.deepEqual(snapshotToJson(snapshot).errors.skipped, {metrics: 0, trail: 0, alarms: 0});
		assert.doesNotMatch(statusLineSegments(snapshot, rig.now(), 200).map(s => s.text).join(''), /malformed/);
	} finally {
		await rig.close();
	}
});

test('an unreadable baseline history is not learned as silence: that metric loads again a minute later', async () => {
	let offset = 0;
	const base = Date.UTC(2026, 10, 24, 14, 0, 30);
	const started = Date.now();
	const now = () => base + (Date.now() - started) + offset;
	const rig = await startRig({lookupEventsTps: 1000, now});
	try {
		// The first GetMetricData is the 1-day history of every metric: spoil the first metric's result.
		rig.sim.injectFault({
			service: 'cloudwatch',
			operation: 'GetMetricData',
			kind: 'hostile-values',
			edits: [{path: ['MetricDataResults', 0, 'Values', 0], value: 'NaN'}],
		});
		const monitor = new Monitor({
			cloudwatch: rig.clients.cloudwatch,
			cloudtrail: rig.clients.cloudtrail,
			region: 'us-east-1',
			profile: null,
			demo: true,
			metrics: DEFAULT_METRICS,
			now,
			lookbackMs: 5 * 60_000,
			trailRatePerSecond: 50,
			historyDays: 1,
		});
		const first = await monitor.pollOnce();
		assert.deepEqual(first.learning, {done: DEFAULT_METRICS.length - 1, total: DEFAULT_METRICS.length}, 'one metric still to learn');
		assert.ok((first.health.metrics.skipped ?? 0) >= 1);
		offset += 61_000;
		const second = await monitor.pollOnce();
		monitor.stop();
		assert.equal(second.learning, null, 'learned on the next load');
	} finally {
		await rig.close();
	}
});
