/**
 * FleetMonitor.whenSettled: start-up is over (when its garbage is collected) only once every region has
 * answered, no scope is still learning its baselines and the organization trail's first fill is done.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {DEFAULT_METRICS} from '../../source/iot/catalog.js';
import {fleetMonitor, GROUP, startOrg} from './helpers.js';

test('whenSettled resolves after the first answers, the baselines and the trail first fill, not before', async () => {
	const rig = await startOrg();
	const fleet = fleetMonitor(rig, {trailLogGroup: GROUP, metrics: DEFAULT_METRICS.slice(0, 3), tailIntervalMs: 200, pollIntervalMs: 60_000});
	try {
		assert.equal(await Promise.race([fleet.whenSettled(60_000).then(() => 'settled'), Promise.resolve('pending')]), 'pending', 'nothing has answered yet');
		fleet.start();
		await fleet.whenSettled(60_000);
		const snapshot = fleet.getSnapshot();
		assert.ok(snapshot.scopes.length > 0);
		for (const view of snapshot.scopes) {
			assert.equal(view.snapshot.learning, null, `${view.summary.account} ${view.summary.region} still learning`);
			assert.ok(view.snapshot.health.metrics.lastSuccess !== null, 'metrics answered');
		}
		assert.notEqual(snapshot.eventsCoverage.unread?.reason, 'reading');
	} finally {
		fleet.stop();
		await rig.close();
	}
});

test('on a cold start each scope is judged as soon as its own baselines are in: none says "nothing could be judged yet"', async () => {
	const rig = await startOrg();
	const fleet = fleetMonitor(rig, {pollIntervalMs: 60_000});
	const seen = new Set<string>();
	const unsubscribe = fleet.subscribe(snapshot => {
		for (const view of snapshot.scopes) seen.add(view.summary.statusText);
	});
	try {
		fleet.start();
		await fleet.whenSettled(60_000);
		await new Promise(resolve => setTimeout(resolve, 100));
		assert.ok([...seen].some(text => text.startsWith('learning baselines')), 'it did learn from scratch');
		assert.ok(!seen.has('nothing could be judged yet'), [...seen].join(' | '));
		assert.ok(fleet.getSnapshot().scopes.every(view => view.summary.status !== 'UNKNOWN'));
	} finally {
		unsubscribe();
		fleet.stop();
		await rig.close();
	}
});
