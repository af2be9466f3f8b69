import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Monitor} from '../../source/monitor/monitor.js';
import {snapshotToJson} from '../../source/monitor/snapshot-json.js';
import {DEFAULT_METRICS} from '../../source/iot/catalog.js';
import {BASE, startRig} from '../aws/helpers.js';
import type {Snapshot} from '../../source/types.js';

function monitorFor(rig: Awaited<ReturnType<typeof startRig>>, extra: Partial<ConstructorParameters<typeof Monitor>[0]> = {}) {
	return new Monitor({
		cloudwatch: rig.clients.cloudwatch,
		cloudtrail: rig.clients.cloudtrail,
		region: 'us-east-1',
		profile: null,
		demo: true,
		metrics: DEFAULT_METRICS,
		now: rig.now,
		lookbackMs: 20 * 60_000,
		trailRatePerSecond: 1.5,
		...extra,
	});
}

test('pollOnce: every metric and the IoT events, as the stable --once JSON shape', async () => {
	const rig = await startRig();
	try {
		const snapshot = await monitorFor(rig).pollOnce();
		const json = snapshotToJson(snapshot);
		assert.deepEqual(Object.keys(json).slice(0, 5), ['generatedAt', 'region', 'eventsSince', 'metrics', 'events']);
		assert.equal(json.metrics.length, DEFAULT_METRICS.length);
		const publish = json.metrics.find(m => m.name === 'PublishIn.Success')!;
		assert.ok(publish.state === 'current' || publish.state === 'learning', publish.state);
		assert.equal(publish.severity, publish.judgement === 'judged' ? publish.deviation!.severity : null);
		assert.equal(typeof publish.value, 'number');
		assert.equal(publish.period, 60);
		assert.equal(publish.stat, 'Sum');
		assert.ok(Date.parse(publish.timestamp!) <= rig.now() - 210_000, 'only a settled bucket is reported');
		assert.ok(json.metrics.some(m => m.state === 'no-data' && m.value === null));
		assert.ok(json.events.length > 0);
		assert.ok(json.events.every(e => e.eventSource === 'iot.amazonaws.com'));
		assert.deepEqual(Object.keys(json.events[0]!), [
			'eventId',
			'eventTime',
			'eventName',
			'eventSource',
			'username',
			'identityType',
			'readOnly',
			'errorCode',
			'sourceIp',
			'late',
		]);
		assert.ok(json.events.every(e => e.late === false), 'one refresh is all backlog: never late');
		assert.equal(new Set(json.events.map(e => e.eventId)).size, json.events.length, 'no duplicates');
	} finally {
		await rig.close();
	}
});

test('each source degrades on its own: CloudWatch denied, events still flow', async () => {
	const rig = await startRig();
	try {
		rig.sim.injectFault({service: 'cloudwatch', kind: 'access-denied', times: Infinity});
		const snapshot = await monitorFor(rig).pollOnce();
		assert.match(snapshot.health.metrics.error ?? '', /access denied for cloudwatch:/i);
		assert.equal(snapshot.health.trail.error, null);
		assert.ok(snapshot.events.length > 0);
	} finally {
		await rig.close();
	}
});

test('the tail survives a throttle: it is surfaced, backed off, and the poll completes', async () => {
	const rig = await startRig();
	try {
		rig.sim.injectFault({service: 'cloudtrail', kind: 'throttle', times: 1});
		const monitor = monitorFor(rig);
		let sawThrottle = false;
		monitor.subscribe(s => {
			if (s.health.trail.throttled) sawThrottle = true;
		});
		const snapshot = await monitor.pollOnce();
		assert.ok(sawThrottle, 'throttled state was shown');
		assert.equal(snapshot.health.trail.throttled, false);
		assert.equal(snapshot.health.trail.error, null);
		assert.ok(snapshot.events.length > 0);
	} finally {
		await rig.close();
	}
});

test('a trail page that brings nothing new makes no snapshot; the poll ends with one', async () => {
	// A still clock: the second poll re-reads the same window, so every page it reads is known already.
	// (The endpoint counts its request rate on that clock: it must not take the pages for a burst.)
	const rig = await startRig({now: () => BASE, lookupEventsTps: 1000});
	try {
		// Pages of events within the last 5 minutes, which every poll re-reads (LOOKUP_OVERLAP.quickOverlapMs).
		rig.sim.injectEvents(Array.from({length: 120}, (_, i) => ({eventId: `recent-${i}`, eventTime: BASE - 4 * 60_000 + i * 1000, eventName: 'UpdateThing'})));
		const monitor = monitorFor(rig, {lookbackMs: 60 * 60_000, trailRatePerSecond: 50});
		const first = await monitor.pollOnce();
		assert.ok(first.events.length > 50, `more than one page of events (${first.events.length})`);
		const snapshots: Snapshot[] = [];
		monitor.subscribe(s => snapshots.push(s));
		const calls = rig.sim.requestLog().filter(entry => entry.operation === 'LookupEvents').length;
		const second = await monitor.pollOnce();
		const pages = rig.sim.requestLog().filter(entry => entry.operation === 'LookupEvents').length - calls;
		assert.ok(pages >= 2, `the second poll read ${pages} pages`);
		assert.equal(second.events, first.events, 'nothing new');
		assert.equal(snapshots.length, 1, 'only the end of the poll');
	} finally {
		await rig.close();
	}
});
