/**
 * The monitor under AWS errors, against the embedded endpoint: each panel degrades on its own, transient
 * failures are retried with backoff until the polls succeed again (no restart), and throttled requests
 * are counted for both sources.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Monitor, type MonitorOptions} from '../../source/monitor/monitor.js';
import type {Snapshot, SourceHealth} from '../../source/types.js';
import {DEFAULT_METRICS} from '../../source/iot/catalog.js';
import {startRig, type Rig} from '../aws/helpers.js';

function monitorFor(rig: Rig, extra: Partial<MonitorOptions> = {}): Monitor {
	return new Monitor({
		cloudwatch: rig.clients.cloudwatch,
		cloudtrail: rig.clients.cloudtrail,
		region: 'us-east-1',
		profile: null,
		demo: false,
		metrics: DEFAULT_METRICS,
		now: rig.now,
		lookbackMs: 20 * 60_000,
		trailRatePerSecond: 1.5,
		...extra,
	});
}

/** Resolves with the first snapshot that satisfies `check` (checked on every change), or fails after `ms`. */
function waitFor(monitor: Monitor, check: (s: Snapshot) => boolean, what: string, ms = 20_000): Promise<Snapshot> {
	if (check(monitor.getSnapshot())) return Promise.resolve(monitor.getSnapshot());
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			unsubscribe();
			reject(new Error(`timed out waiting for: ${what}; last health ${JSON.stringify(monitor.getSnapshot().health)}`));
		}, ms);
		const unsubscribe = monitor.subscribe(s => {
			if (!check(s)) return;
			clearTimeout(timer);
			unsubscribe();
			resolve(s);
		});
	});
}

test('LookupEvents denied: fresh metrics, and the trail error names cloudtrail:LookupEvents', async () => {
	for (const kind of ['access-denied', 'access-denied-no-action'] as const) {
		const rig = await startRig({quiet: true});
		try {
			rig.sim.injectFault({service: 'cloudtrail', operation: 'LookupEvents', kind, times: Infinity});
			const snapshot = await monitorFor(rig, {historyDays: 0}).pollOnce();
			assert.equal(
				snapshot.health.trail.error,
				'CloudTrail: access denied for cloudtrail:LookupEvents: add it to your IAM policy (see README)',
				kind,
			);
			assert.equal(snapshot.health.metrics.error, null);
			assert.ok((snapshot.health.metrics.lastSuccess ?? 0) >= snapshot.generatedAt - 30_000, 'fresh');
			assert.ok(snapshot.metrics.some(m => m.state === 'ok' && m.latest !== null), 'metrics arrived');
			assert.equal(snapshot.events.length, 0);
			assert.equal(snapshot.status, 'UNKNOWN', 'a failed source is not OK');
		} finally {
			await rig.close();
		}
	}
});

test('GetMetricData or ListMetrics denied: the events still arrive, and the error names the action', async () => {
	for (const operation of ['GetMetricData', 'ListMetrics'] as const) {
		const rig = await startRig({quiet: true});
		try {
			rig.sim.injectFault({service: 'cloudwatch', operation, kind: 'access-denied-no-action', times: Infinity});
			const snapshot = await monitorFor(rig, {historyDays: 0}).pollOnce();
			assert.equal(snapshot.health.metrics.error, `CloudWatch: access denied for cloudwatch:${operation}: add it to your IAM policy (see README)`);
			assert.equal(snapshot.health.trail.error, null);
			assert.ok(snapshot.events.length > 0, 'events arrived');
			assert.ok(snapshot.health.trail.lastSuccess !== null);
			// Nothing was ever fetched: each metric says error (not "no data"), with the reason.
			assert.ok(snapshot.metrics.every(m => m.state === 'error' && m.judgement === 'error' && m.error === snapshot.health.metrics.error));
		} finally {
			await rig.close();
		}
	}
});

/** Waits for a first success of `source`, injects failures, and waits until the running monitor has recovered by itself. */
async function recovers(
	rig: Rig,
	monitor: Monitor,
	source: 'metrics' | 'trail',
	inject: () => void,
): Promise<{failed: SourceHealth; recovered: SourceHealth}> {
	const first = await waitFor(monitor, s => s.health[source].lastSuccess !== null, `first ${source} success`);
	const before = first.health[source].lastSuccess!;
	inject();
	monitor.refreshNow();
	const failed = (await waitFor(monitor, s => s.health[source].error !== null, `${source} error`)).health[source];
	const recovered = (
		await waitFor(monitor, s => s.health[source].error === null && (s.health[source].lastSuccess ?? 0) > before, `${source} recovery`)
	).health[source];
	return {failed, recovered};
}

test('transient failures are retried with backoff until the polls succeed again, without a restart', async () => {
	const rig = await startRig({quiet: true});
	// Short backoff steps so the test is quick; the loop is the real one.
	const monitor = monitorFor(rig, {historyDays: 0, errorRetryMs: [50, 100, 200], pollIntervalMs: 1000, tailIntervalMs: 200});
	monitor.start();
	try {
		// CloudWatch: the SDK's three attempts fail in each of two polls; the third poll works.
		for (const kind of ['internal-error', 'unavailable', 'connection-reset'] as const) {
			const {failed} = await recovers(rig, monitor, 'metrics', () =>
				rig.sim.injectFault({service: 'cloudwatch', operation: 'GetMetricData', kind, times: 6}),
			);
			assert.match(failed.error ?? '', /retrying/, kind);
		}
		// CloudTrail (one attempt per request, paced by the tail): three failed polls, then success.
		for (const kind of ['internal-error', 'unavailable', 'connection-reset'] as const) {
			const {failed} = await recovers(rig, monitor, 'trail', () =>
				rig.sim.injectFault({service: 'cloudtrail', operation: 'LookupEvents', kind, times: 3}),
			);
			assert.match(failed.error ?? '', /^CloudTrail: /, kind);
		}
		// Throttling: CloudWatch's retries run out once; CloudTrail backs off inside the poll and goes on.
		const cw = await recovers(rig, monitor, 'metrics', () =>
			rig.sim.injectFault({service: 'cloudwatch', operation: 'GetMetricData', kind: 'throttle', times: 3}),
		);
		assert.equal(cw.failed.throttled, true);
		assert.equal(cw.recovered.throttled, false);
		const ct = await recovers(rig, monitor, 'trail', () =>
			rig.sim.injectFault({service: 'cloudtrail', operation: 'LookupEvents', kind: 'throttle'}),
		);
		assert.equal(ct.failed.throttled, true);
		assert.equal(ct.recovered.throttled, false);
		const snapshot = monitor.getSnapshot();
		assert.equal(snapshot.health.metrics.error, null);
		assert.equal(snapshot.health.trail.error, null);
	} finally {
		monitor.stop();
		await rig.close();
	}
});

test('throttled requests are counted in throttlesLastMinute for both sources, SDK retries included', async () => {
	// No rate limit of its own: only the injected throttles count.
	const rig = await startRig({quiet: true, lookupEventsTps: 100});
	try {
		rig.sim.injectFault({service: 'cloudwatch', operation: 'GetMetricData', kind: 'throttle', times: 2});
		rig.sim.injectFault({service: 'cloudtrail', operation: 'LookupEvents', kind: 'throttle'});
		const monitor = monitorFor(rig, {historyDays: 0});
		const snapshot = await monitor.pollOnce();
		// CloudWatch's SDK retried twice and then got the data; the tail backed off and then got its page.
		assert.equal(snapshot.health.metrics.throttlesLastMinute, 2);
		assert.equal(snapshot.health.trail.throttlesLastMinute, 1);
		for (const health of [snapshot.health.metrics, snapshot.health.trail]) {
			assert.equal(health.error, null);
			assert.equal(health.throttled, false);
		}
		monitor.stop();
		// A stopped monitor no longer watches the client it was given.
		rig.sim.injectFault({service: 'cloudwatch', operation: 'GetMetricData', kind: 'throttle'});
		const other = monitorFor(rig, {historyDays: 0});
		assert.equal((await other.pollOnce()).health.metrics.throttlesLastMinute, 1);
		other.stop();
	} finally {
		await rig.close();
	}
});
