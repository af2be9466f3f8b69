import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Monitor} from '../../source/monitor/monitor.js';
import {overallStatus} from '../../source/monitor/snapshot-status.js';
import {AlarmsPoller, sameAlarms} from '../../source/monitor/alarms-poller.js';
import {snapshotToJson} from '../../source/monitor/snapshot-json.js';
import {DEFAULT_METRICS} from '../../source/iot/catalog.js';
import type {Alarm} from '../../source/types.js';
import {startRig} from '../aws/helpers.js';
import {judged} from '../ui/helpers.js';

const MINUTE = 60_000;

test('the snapshot carries the IoT alarms; one in ALARM is in --once JSON and makes the status CRIT', async () => {
	// A quiet fleet, then a publish drop over the last 20 minutes: the account's publish-drop alarm fires.
	const rig = await startRig({quiet: true});
	try {
		rig.sim.injectIncident({kind: 'publish-drop', start: rig.now() - 20 * MINUTE, end: rig.now() + 60 * MINUTE});
		const monitor = new Monitor({
			cloudwatch: rig.clients.cloudwatch,
			cloudtrail: rig.clients.cloudtrail,
			region: 'us-east-1',
			profile: null,
			demo: true,
			metrics: DEFAULT_METRICS,
			now: rig.now,
			lookbackMs: 10 * MINUTE,
			trailRatePerSecond: 1.5,
		});
		const snapshot = await monitor.pollOnce();
		const drop = snapshot.alarms.find(alarm => alarm.name === 'iot-publish-drop');
		assert.equal(drop?.state, 'ALARM');
		assert.equal(snapshot.alarms[0]?.state, 'ALARM', 'ALARM first');
		assert.equal(snapshot.alarmsError, null);
		assert.equal(snapshot.status, 'CRIT');
		const json = snapshotToJson(snapshot);
		const listed = json.alarms.find(alarm => alarm.name === 'iot-publish-drop');
		assert.deepEqual(Object.keys(listed ?? {}), ['name', 'kind', 'state', 'since', 'reason', 'metrics', 'children']);
		assert.match(listed?.since ?? '', /^\d{4}-\d\d-\d\dT/);
		assert.deepEqual(listed?.metrics, ['PublishIn.Success']);
		assert.equal(json.errors.alarms, null);
		monitor.stop();
	} finally {
		await rig.close();
	}
});

test('an alarm in ALARM alone makes the status CRIT; OK and INSUFFICIENT_DATA do not', () => {
	const calm = [judged('PublishIn.Success', () => 1000, {expected: 1000, low: 900, high: 1100}, 'ok')];
	const alarm = (state: Alarm['state']): Alarm => ({name: 'a', kind: 'metric', state, since: null, reason: null, description: null, metrics: [], children: []});
	assert.equal(overallStatus(calm, false, []), 'OK');
	assert.equal(overallStatus(calm, false, [alarm('OK'), alarm('INSUFFICIENT_DATA')]), 'OK');
	assert.equal(overallStatus(calm, false, [alarm('ALARM')]), 'CRIT');
});

test('AlarmsPoller: a refresh that finds the same alarms keeps the same list (no news for the screen); a change is a new list', async () => {
	const rig = await startRig({quiet: true});
	try {
		const poller = new AlarmsPoller({client: rig.clients.cloudwatch, now: rig.now, onCall: () => {}});
		await poller.poll(new AbortController().signal);
		const first = poller.getState().alarms;
		assert.ok(first.length > 0);
		await poller.poll(new AbortController().signal);
		assert.equal(poller.getState().alarms, first);
	} finally {
		await rig.close();
	}
});

test('sameAlarms: field for field, in order', () => {
	const alarm: Alarm = {name: 'a', kind: 'metric', state: 'OK', since: 1, reason: null, description: null} as Alarm;
	assert.equal(sameAlarms([alarm], [{...alarm}]), true);
	assert.equal(sameAlarms([alarm], [{...alarm, state: 'ALARM'}]), false);
	assert.equal(sameAlarms([alarm, {...alarm, name: 'b'}], [{...alarm, name: 'b'}, alarm]), false);
	assert.equal(sameAlarms([alarm], []), false);
});
