import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {DescribeAlarmsCommand} from '@aws-sdk/client-cloudwatch';
import {describeIotAlarms, ruleChildren} from '../../source/aws/alarms.js';
import {startRig, type Rig} from './helpers.js';

let rig: Rig;
before(async () => {
	rig = await startRig();
});
after(async () => {
	await rig.close();
});

const describeCalls = () => rig.sim.requestLog().filter(entry => entry.operation === 'DescribeAlarms').length;

test('every page is read: metric and composite IoT alarms, each once', async () => {
	const before = describeCalls();
	let calls = 0;
	const alarms = await describeIotAlarms(rig.clients.cloudwatch, {pageSize: 2, onCall: () => calls++});
	assert.equal(describeCalls() - before, 3, '5 metric + 1 composite alarm in pages of 2');
	assert.equal(calls, 3);
	const names = alarms.map(alarm => alarm.name);
	assert.equal(new Set(names).size, names.length, 'no duplicates across pages');
	assert.deepEqual([...names].sort(), [
		'iot-auth-errors',
		'iot-connect-storm',
		'iot-fleet-health',
		'iot-publish-drop',
		'iot-publish-out-throttle',
		'iot-rule-telemetry-to-s3-failures',
	]);
});

test('states, times and reasons are CloudWatch\'s own; ALARM sorts first', async () => {
	const alarms = await describeIotAlarms(rig.clients.cloudwatch);
	const raw = await rig.clients.cloudwatch.send(new DescribeAlarmsCommand({AlarmTypes: ['MetricAlarm', 'CompositeAlarm']}));
	for (const wire of [...(raw.MetricAlarms ?? []), ...(raw.CompositeAlarms ?? [])]) {
		const ours = alarms.find(alarm => alarm.name === wire.AlarmName);
		assert.ok(ours, wire.AlarmName);
		assert.equal(ours.state, wire.StateValue);
		assert.equal(ours.since, wire.StateTransitionedTimestamp?.getTime());
		assert.equal(ours.reason, wire.StateReason);
		assert.equal(ours.arn, wire.AlarmArn, 'the ARN is kept: it names the account for the hand-off');
	}
	const drop = alarms.find(alarm => alarm.name === 'iot-publish-drop');
	assert.deepEqual(drop?.metrics, ['PublishIn.Success']);
	assert.equal(drop?.kind, 'metric');
	assert.equal(alarms.find(alarm => alarm.name === 'iot-publish-out-throttle')?.state, 'INSUFFICIENT_DATA', 'a metric that never reported');
	const fleet = alarms.find(alarm => alarm.name === 'iot-fleet-health');
	assert.equal(fleet?.kind, 'composite');
	assert.deepEqual(fleet?.children, ['iot-publish-drop', 'iot-connect-storm', 'iot-auth-errors']);
	const anyChildFiring = alarms.some(alarm => fleet?.children.includes(alarm.name) && alarm.state === 'ALARM');
	assert.equal(fleet?.state === 'ALARM', anyChildFiring);
	const rank = (state: string) => (state === 'ALARM' ? 0 : state === 'INSUFFICIENT_DATA' ? 1 : 2);
	assert.deepEqual(alarms.map(a => rank(a.state)), alarms.map(a => rank(a.state)).sort((x, y) => x - y));
});

test('alarm rules: every reference form, ARNs reduced to names', () => {
	assert.deepEqual(ruleChildren('ALARM("a") OR (OK(b) AND NOT INSUFFICIENT_DATA(\'c d\'))'), ['a', 'b', 'c d']);
	assert.deepEqual(ruleChildren('ALARM(arn:aws:cloudwatch:us-east-1:123456789012:alarm:iot-x) OR TRUE'), ['iot-x']);
	assert.deepEqual(ruleChildren(undefined), []);
});
