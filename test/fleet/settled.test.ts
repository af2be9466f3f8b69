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
