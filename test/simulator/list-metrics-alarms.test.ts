process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import assert from 'node:assert/strict';
import {afterEach, describe, test} from 'node:test';
import {
	DescribeAlarmsCommand,
	type DescribeAlarmsCommandInput,
	GetMetricDataCommand,
	ListMetricsCommand,
	type ListMetricsCommandInput,
	type Metric,
} from '@aws-sdk/client-cloudwatch';
import {CATALOG} from '../../source/iot/catalog.js';
import {type Simulator, type SimulatorOptions, startSimulator} from '../../source/simulator/server.js';
import {MINUTE, NOW, cloudWatch, rejection, statQuery} from './helpers.js';

const describeKey = (metric: Metric) =>
	`${metric.MetricName}|${(metric.Dimensions ?? []).map(d => `${d.Name}=${d.Value}`).join(',')}`;

describe('ListMetrics and DescribeAlarms', () => {
	let sims: Simulator[] = [];
	afterEach(async () => {
		await Promise.all(sims.map(sim => sim.close()));
		sims = [];
	});
	async function start(options: SimulatorOptions = {}) {
		const sim = await startSimulator({now: () => NOW, ...options});
		sims.push(sim);
		return {sim, cw: cloudWatch(sim)};
	}

	async function listAll(cw: ReturnType<typeof cloudWatch>, input: ListMetricsCommandInput) {
		const metrics: Metric[] = [];
		let pages = 0;
		let token: string | undefined;
		do {
			const output = await cw.send(new ListMetricsCommand({...input, NextToken: token}));
			metrics.push(...(output.Metrics ?? []));
			token = output.NextToken;
			pages++;
		} while (token && pages < 100);
		return {metrics, pages};
	}

	test('ListMetrics pages with a small page size and lists every series once', async () => {
		const {cw} = await start({listMetricsPageSize: 5});
		const {metrics, pages} = await listAll(cw, {Namespace: 'AWS/IoT'});
		const keys = metrics.map(describeKey);
		assert.equal(new Set(keys).size, keys.length, 'no duplicates across pages');
		assert.equal(pages, Math.ceil(metrics.length / 5));
		assert.ok(metrics.length > 25);
		const names = new Set(metrics.map(metric => metric.MetricName));
		for (const entry of CATALOG) {
			assert.equal(names.has(entry.name), entry.name !== 'PublishOut.Throttle', entry.name);
		}
		assert.ok(keys.includes('RulesExecuted|'), 'RulesExecuted has no dimensions');
		assert.ok(keys.includes('Success|RuleName=telemetry_to_s3,ActionType=S3'));
		assert.ok(metrics.every(metric => metric.Namespace === 'AWS/IoT'));
	});

	test('ListMetrics filters by MetricName, dimension name and dimension value', async () => {
		const {cw} = await start();
		const publish = await listAll(cw, {Namespace: 'AWS/IoT', MetricName: 'PublishIn.Success'});
		assert.deepEqual(publish.metrics.map(describeKey).sort(), ['PublishIn.Success|Protocol=HTTP', 'PublishIn.Success|Protocol=MQTT']);
		const http = await listAll(cw, {Dimensions: [{Name: 'Protocol', Value: 'HTTP'}]});
		const httpNames = new Set(http.metrics.map(metric => metric.MetricName));
		assert.ok(httpNames.has('PublishIn.Success') && httpNames.has('UpdateThingShadow.Accepted'));
		for (const mqttOnly of ['Ping.Success', 'Subscribe.Success', 'Connect.Success']) assert.ok(!httpNames.has(mqttOnly), mqttOnly);
		const rules = await listAll(cw, {Dimensions: [{Name: 'RuleName'}]});
		assert.ok(rules.metrics.length > 8);
		assert.ok(rules.metrics.every(metric => metric.Dimensions?.some(d => d.Name === 'RuleName')));
		const actions = await listAll(cw, {MetricName: 'Failure', Dimensions: [{Name: 'ActionType', Value: 'S3'}]});
		assert.deepEqual(actions.metrics.map(describeKey), ['Failure|RuleName=telemetry_to_s3,ActionType=S3']);
		const recent = await listAll(cw, {Namespace: 'AWS/IoT', MetricName: 'PublishIn.Success', RecentlyActive: 'PT3H'});
		assert.equal(recent.metrics.length, 2);
		assert.deepEqual((await listAll(cw, {Namespace: 'AWS/EC2'})).metrics, []);
		assert.deepEqual((await listAll(cw, {MetricName: 'PublishOut.Throttle'})).metrics, []);
	});

	test('ListMetrics rejects a bad or foreign NextToken', async () => {
		const {cw} = await start({listMetricsPageSize: 3});
		const first = await cw.send(new ListMetricsCommand({Namespace: 'AWS/IoT'}));
		assert.ok(first.NextToken);
		assert.equal((await rejection(cw.send(new ListMetricsCommand({NextToken: 'bogus'})))).name, 'InvalidNextToken');
		const foreign = await rejection(cw.send(new ListMetricsCommand({MetricName: 'Ping.Success', NextToken: first.NextToken})));
		assert.equal(foreign.name, 'InvalidNextToken');
	});

	async function alarms(cw: ReturnType<typeof cloudWatch>, input: DescribeAlarmsCommandInput = {}) {
		const output = await cw.send(new DescribeAlarmsCommand(input));
		return output;
	}

	test('DescribeAlarms pages with MaxRecords and filters by type, prefix and state', async () => {
		const {cw} = await start({quiet: true});
		const names: string[] = [];
		let token: string | undefined;
		let pages = 0;
		do {
			const output = await alarms(cw, {MaxRecords: 2, NextToken: token});
			assert.deepEqual(output.CompositeAlarms, [], 'composites only when asked for');
			names.push(...(output.MetricAlarms ?? []).map(alarm => alarm.AlarmName ?? ''));
			token = output.NextToken;
			pages++;
		} while (token && pages < 10);
		assert.equal(pages, 3);
		assert.equal(new Set(names).size, 5);
		assert.deepEqual(names, [...names].sort());

		const both = await alarms(cw, {AlarmTypes: ['MetricAlarm', 'CompositeAlarm']});
		assert.equal(both.MetricAlarms?.length, 5);
		assert.equal(both.CompositeAlarms?.[0]?.AlarmName, 'iot-fleet-health');
		assert.match(both.CompositeAlarms?.[0]?.AlarmRule ?? '', /ALARM\("iot-publish-drop"\)/);

		const prefixed = await alarms(cw, {AlarmNamePrefix: 'iot-publish'});
		assert.deepEqual(prefixed.MetricAlarms?.map(alarm => alarm.AlarmName), ['iot-publish-drop', 'iot-publish-out-throttle']);
		const drop = prefixed.MetricAlarms?.[0];
		assert.equal(drop?.Namespace, 'AWS/IoT');
		assert.equal(drop?.MetricName, 'PublishIn.Success');
		assert.deepEqual(drop?.Dimensions, [{Name: 'Protocol', Value: 'MQTT'}]);
		assert.equal(drop?.Statistic, 'Sum');
		assert.equal(drop?.ComparisonOperator, 'LessThanThreshold');
		assert.ok(drop?.StateUpdatedTimestamp instanceof Date && drop.StateUpdatedTimestamp.getTime() <= NOW);
		assert.match(drop?.StateReason ?? '', /Threshold Crossed/);

		const insufficient = await alarms(cw, {StateValue: 'INSUFFICIENT_DATA'});
		assert.deepEqual(insufficient.MetricAlarms?.map(alarm => alarm.AlarmName), ['iot-publish-out-throttle']);
		const combined = await rejection(alarms(cw, {AlarmNames: ['x'], AlarmNamePrefix: 'iot'}));
		assert.equal(combined.name, 'InvalidParameterCombinationException');
		assert.equal((await rejection(alarms(cw, {NextToken: 'nope'}))).name, 'InvalidNextToken');
	});

	test('quiet mode has no demo incidents: publish-drop alarm OK and publishes normal at start', async () => {
		const quiet = await start({quiet: true});
		const demo = await start();
		const state = async (cw: ReturnType<typeof cloudWatch>) => {
			const output = await alarms(cw, {AlarmNames: ['iot-publish-drop', 'iot-fleet-health'], AlarmTypes: ['MetricAlarm', 'CompositeAlarm']});
			return [output.MetricAlarms?.[0]?.StateValue, output.CompositeAlarms?.[0]?.StateValue];
		};
		assert.deepEqual(await state(quiet.cw), ['OK', 'OK']);
		// The demo's first publish drop began 6 minutes before startedAt, so it is already in ALARM.
		assert.deepEqual(await state(demo.cw), ['ALARM', 'ALARM']);
		const publishes = async (cw: ReturnType<typeof cloudWatch>) => {
			const output = await cw.send(
				new GetMetricDataCommand({
					StartTime: new Date(NOW - 30 * MINUTE),
					EndTime: new Date(NOW - 3 * MINUTE),
					MetricDataQueries: [statQuery('m', 'PublishIn.Success')],
				}),
			);
			const values = output.MetricDataResults?.[0]?.Values ?? [];
			return (values[0] ?? 0) / (values.at(-1) ?? 1); // newest settled minute / 30 minutes ago
		};
		assert.ok((await publishes(quiet.cw)) > 0.8);
		assert.ok((await publishes(demo.cw)) < 0.2);
	});

	test('an injected publish drop sends iot-publish-drop to ALARM, with its start time', async () => {
		const {sim, cw} = await start({quiet: true});
		sim.injectIncident({kind: 'publish-drop', start: NOW - 10 * MINUTE, end: NOW + 10 * MINUTE});
		const output = await alarms(cw, {AlarmNames: ['iot-publish-drop', 'iot-connect-storm', 'iot-fleet-health'], AlarmTypes: ['MetricAlarm', 'CompositeAlarm']});
		const byName = Object.fromEntries((output.MetricAlarms ?? []).map(alarm => [alarm.AlarmName, alarm]));
		assert.equal(byName['iot-publish-drop']?.StateValue, 'ALARM');
		assert.equal(byName['iot-connect-storm']?.StateValue, 'OK');
		assert.equal(output.CompositeAlarms?.[0]?.StateValue, 'ALARM');
		// Three dropped buckets (NOW-10..NOW-8 min) are settled 3 minutes after the last one starts.
		assert.equal(byName['iot-publish-drop']?.StateUpdatedTimestamp?.getTime(), NOW - 8 * MINUTE + 3 * MINUTE);
		assert.match(byName['iot-publish-drop']?.StateReason ?? '', /were less than the threshold/);
	});

	test('the demo cycle runs a connect storm and an auth-error burst after the drop', async () => {
		let clock = NOW;
		const {cw} = await start({now: () => clock});
		const state = async () => {
			const output = await alarms(cw, {AlarmNames: ['iot-publish-drop', 'iot-connect-storm', 'iot-auth-errors']});
			return Object.fromEntries((output.MetricAlarms ?? []).map(alarm => [alarm.AlarmName, alarm.StateValue]));
		};
		clock = NOW + 9 * MINUTE; // storm runs startedAt+4..+7 min
		assert.deepEqual(await state(), {'iot-auth-errors': 'OK', 'iot-connect-storm': 'ALARM', 'iot-publish-drop': 'OK'});
		clock = NOW + 14 * MINUTE; // auth burst runs startedAt+9..+12 min
		assert.deepEqual(await state(), {'iot-auth-errors': 'ALARM', 'iot-connect-storm': 'OK', 'iot-publish-drop': 'OK'});
		clock = NOW + 20 * MINUTE; // the next drop started at startedAt+14 min
		assert.deepEqual(await state(), {'iot-auth-errors': 'OK', 'iot-connect-storm': 'OK', 'iot-publish-drop': 'ALARM'});
	});
});
