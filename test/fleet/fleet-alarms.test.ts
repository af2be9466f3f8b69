/**
 * Fleet mode's CloudWatch alarms through the real client against the embedded endpoint: the caller's
 * (monitoring) account alarms land in its own scopes, an alarm on a linked account's metrics (AccountId
 * on its metric query) in that account's scope, a linked scope says which alarms it can show, and an
 * alarm in ALARM makes its scope CRIT with words saying so.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {DEFAULT_METRICS} from '../../source/iot/catalog.js';
import {fleetSnapshotToJson} from '../../source/monitor/fleet/fleet-json.js';
import {alarmListLines} from '../../source/ui/alarms/alarm-lines.js';
import type {FleetSnapshot, ScopeView} from '../../source/types.js';
import {BASE} from '../aws/helpers.js';
import {fleetMonitor, PROD, SELF, STAGING, startOrg, type OrgRig} from './helpers.js';

const fleetOf = (rig: OrgRig) => fleetMonitor(rig, {metrics: DEFAULT_METRICS.slice(0, 3)});

const view = (snapshot: FleetSnapshot, account: string, region: string): ScopeView => {
	const found = snapshot.scopes.find(v => v.summary.account === account && v.summary.region === region);
	assert.ok(found, `no scope ${account} ${region}`);
	return found;
};

test('the monitoring account alarms land in its own scopes; linked scopes hold none and say which alarms they could show', async () => {
	const rig = await startOrg();
	const fleet = fleetOf(rig);
	try {
		const snapshot = await fleet.pollOnce();
		assert.equal(rig.sim.requestCounts()['DescribeAlarms'], 2, 'one DescribeAlarms per region');
		for (const region of ['us-east-1', 'eu-west-1']) {
			const own = view(snapshot, SELF, region).snapshot;
			assert.ok(own.alarms.length > 0, `${region}: the simulated account's alarms`);
			assert.equal(own.alarmsError, null);
			assert.equal(own.alarmsNote, undefined);
			for (const linked of [PROD, STAGING]) {
				const scope = view(snapshot, linked, region).snapshot;
				assert.deepEqual(scope.alarms, []);
				assert.match(scope.alarmsNote ?? '', /not shared through OAM/);
				// The `a` view says which alarms could be here before it says there are none.
				const text = alarmListLines(scope.alarms, scope.alarmsError, rig.now(), 80, undefined, scope.alarmsNote).map(line => line.map(s => s.text).join(''));
				assert.match(text.join('\n'), /not shared through OAM[\s\S]*No such alarm watches AWS\/IoT metrics/);
			}
		}
	} finally {
		fleet.stop();
		await rig.close();
	}
});

test("an alarm on a linked account's metrics belongs to that account's scope, and its ALARM makes that scope CRIT", async () => {
	const rig = await startOrg();
	// The monitoring account's first alarm becomes a cross-account alarm on PROD's PublishIn.Success, in ALARM.
	const crossAccount = [
		{Id: 'm1', AccountId: PROD, ReturnData: true, MetricStat: {Metric: {Namespace: 'AWS/IoT', MetricName: 'PublishIn.Success', Dimensions: [{Name: 'Protocol', Value: 'MQTT'}]}, Period: 60, Stat: 'Sum'}},
	];
	rig.sim.injectFault({
		service: 'cloudwatch',
		operation: 'DescribeAlarms',
		kind: 'hostile-values',
		times: 2,
		edits: [
			{path: ['MetricAlarms', 0, 'AlarmName'], value: 'prod-publish-drop'},
			{path: ['MetricAlarms', 0, 'Namespace'], value: null},
			{path: ['MetricAlarms', 0, 'MetricName'], value: null},
			{path: ['MetricAlarms', 0, 'Metrics'], value: crossAccount},
			{path: ['MetricAlarms', 0, 'StateValue'], value: 'ALARM'},
		],
	});
	const fleet = fleetOf(rig);
	try {
		const snapshot = await fleet.pollOnce();
		for (const region of ['us-east-1', 'eu-west-1']) {
			const prod = view(snapshot, PROD, region);
			assert.deepEqual(prod.snapshot.alarms.map(a => a.name), ['prod-publish-drop']);
			assert.equal(prod.summary.status, 'CRIT');
			assert.match(prod.summary.statusText, /^CRIT: alarm prod-publish-drop in ALARM$/);
			assert.ok(!view(snapshot, SELF, region).snapshot.alarms.some(a => a.name === 'prod-publish-drop'), 'not in the caller scope');
			assert.deepEqual(view(snapshot, STAGING, region).snapshot.alarms, []);
		}
		assert.equal(snapshot.scopes[0]?.summary.account, PROD, 'the alarmed scope sorts first');
		const json = fleetSnapshotToJson(snapshot);
		assert.deepEqual(
			json.alarms.filter(a => a.name === 'prod-publish-drop').map(a => `${a.account}/${a.region}/${a.state}`).sort(),
			[`${PROD}/eu-west-1/ALARM`, `${PROD}/us-east-1/ALARM`],
		);
	} finally {
		fleet.stop();
		await rig.close();
	}
});

test('a denied DescribeAlarms stays a note of its region: the alarms error is on its scopes, metrics go on', async () => {
	const rig = await startOrg();
	rig.sim.injectFault({service: 'cloudwatch', operation: 'DescribeAlarms', kind: 'access-denied', times: Number.POSITIVE_INFINITY});
	const fleet = fleetOf(rig);
	try {
		const snapshot = await fleet.pollOnce();
		const own = view(snapshot, SELF, 'us-east-1');
		assert.match(own.snapshot.alarmsError ?? '', /cloudwatch:DescribeAlarms/);
		assert.equal(own.snapshot.health.metrics.error, null);
		assert.deepEqual(own.summary.errors, [], 'an alarms denial is a note, not a failing scope');
	} finally {
		fleet.stop();
		await rig.close();
	}
});

test("the endpoint's own cross-account alarm on a linked account fires in the scope whose incident it watches", async () => {
	const rig = await startOrg({org: {linkLabels: {[PROD]: 'prod-eu'}}});
	rig.sim.injectIncident({kind: 'publish-drop', start: BASE - 25 * 60_000, end: BASE + 30 * 60_000, magnitude: 1}, {account: PROD, region: 'eu-west-1'});
	const fleet = fleetOf(rig);
	try {
		const snapshot = await fleet.pollOnce();
		const state = (account: string, region: string) => view(snapshot, account, region).snapshot.alarms.find(a => a.name === 'prod-eu-publish-drop')?.state ?? null;
		assert.equal(state(PROD, 'eu-west-1'), 'ALARM');
		assert.equal(state(PROD, 'us-east-1'), 'OK');
		assert.equal(state(SELF, 'eu-west-1'), null);
		assert.equal(state(STAGING, 'eu-west-1'), null, 'no label, no alarm made for it');
		assert.deepEqual(view(snapshot, PROD, 'eu-west-1').snapshot.alarms[0]?.metrics, ['PublishIn.Success']);
	} finally {
		fleet.stop();
		await rig.close();
	}
});
