process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {type CloudWatchClient, GetMetricDataCommand, type GetMetricDataCommandInput} from '@aws-sdk/client-cloudwatch';
import {type Simulator, startSimulator} from '../../source/simulator/server.js';
import {DAY, HOUR, HTTP, MINUTE, MQTT, NOW, cloudWatch, rejection, statQuery} from './helpers.js';

const range = (from: number, to: number) => ({StartTime: new Date(from), EndTime: new Date(to)});
const seconds = (dates: Date[] | undefined) => (dates ?? []).map(date => date.getTime());

describe('GetMetricData', () => {
	let sim: Simulator;
	let cw: CloudWatchClient;
	before(async () => {
		sim = await startSimulator({now: () => NOW, quiet: true});
		cw = cloudWatch(sim);
	});
	after(() => sim.close());

	async function one(input: GetMetricDataCommandInput) {
		const output = await cw.send(new GetMetricDataCommand(input));
		return output.MetricDataResults ?? [];
	}

	for (const period of [60, 300, 3600]) {
		test(`every statistic is consistent at period ${period}`, async () => {
			const stats = ['Sum', 'Average', 'SampleCount', 'Minimum', 'Maximum'];
			const results = await one({
				...range(NOW - 6 * HOUR, NOW - 5 * MINUTE),
				MetricDataQueries: stats.map(stat => statQuery(stat.toLowerCase(), 'PublishIn.Success', MQTT, stat, period)),
			});
			const [sum, avg, count, min, max] = results.map(result => result.Values ?? []);
			assert.ok(sum && avg && count && min && max);
			assert.ok(sum.length > 0);
			for (const result of results) {
				assert.deepEqual(seconds(result.Timestamps), seconds(results[0]?.Timestamps));
				assert.equal(result.StatusCode, 'Complete');
				assert.deepEqual(result.Messages, []);
			}
			for (let i = 0; i < sum.length; i++) {
				const [s, a, c, lo, hi] = [sum[i], avg[i], count[i], min[i], max[i]].map(Number) as [number, number, number, number, number];
				assert.ok(Math.abs(a * c - s) < 1e-6 * s, `Average*SampleCount == Sum at ${i}`);
				assert.ok(lo <= a && a <= hi, `Min <= Avg <= Max at ${i}`);
				assert.ok(c >= period / 60 && c <= (4 * period) / 60, `SampleCount ${c} is 1-4 reports per minute`);
			}
		});
	}

	test('larger periods aggregate the 1-minute data exactly', async () => {
		const [minutes, fives] = await Promise.all([
			one({...range(NOW - HOUR, NOW - 30 * MINUTE), ScanBy: 'TimestampAscending', MetricDataQueries: [statQuery('m', 'PublishOut.Success', MQTT, 'Sum', 60), statQuery('x', 'PublishOut.Success', MQTT, 'Maximum', 60)]}),
			one({...range(NOW - HOUR, NOW - 30 * MINUTE), ScanBy: 'TimestampAscending', MetricDataQueries: [statQuery('m', 'PublishOut.Success', MQTT, 'Sum', 300), statQuery('x', 'PublishOut.Success', MQTT, 'Maximum', 300)]}),
		]);
		const oneMinute = minutes[0]?.Values ?? [];
		const fiveMinute = fives[0]?.Values ?? [];
		assert.equal(oneMinute.length, 30);
		assert.equal(fiveMinute.length, 6);
		for (let b = 0; b < 6; b++) {
			const slice = oneMinute.slice(b * 5, b * 5 + 5);
			assert.equal(fiveMinute[b], slice.reduce((x, y) => x + y, 0));
			assert.equal(fives[1]?.Values?.[b], Math.max(...(minutes[1]?.Values ?? []).slice(b * 5, b * 5 + 5)));
		}
	});

	test('buckets are aligned to epoch multiples of the period, StartTime inclusive, EndTime exclusive', async () => {
		for (const period of [60, 300, 3600, 86_400]) {
			const [result] = await one({...range(NOW - 3 * DAY, NOW - 2 * HOUR), MetricDataQueries: [statQuery('m', 'PublishIn.Success', MQTT, 'Sum', period)]});
			const times = seconds(result?.Timestamps);
			assert.ok(times.length > 0);
			for (const t of times) {
				assert.equal(t % (period * 1000), 0, `period ${period}: ${new Date(t).toISOString()} aligned`);
				assert.ok(t >= NOW - 3 * DAY && t < NOW - 2 * HOUR);
			}
		}
		const [hourly] = await one({...range(NOW - 6 * HOUR, NOW), MetricDataQueries: [statQuery('m', 'PublishIn.Success', MQTT, 'Sum', 3600)]});
		assert.deepEqual(seconds(hourly?.Timestamps), [1, 2, 3, 4, 5, 6].map(h => NOW - h * HOUR));
	});

	test('ScanBy orders timestamps descending by default and ascending on request', async () => {
		const query = {...range(NOW - 2 * HOUR, NOW), MetricDataQueries: [statQuery('m', 'Ping.Success')]};
		const [down] = await one(query);
		const [up] = await one({...query, ScanBy: 'TimestampAscending'});
		const downTimes = seconds(down?.Timestamps);
		assert.equal(downTimes.length, 120);
		assert.ok(downTimes.every((t, i) => i === 0 || t < (downTimes[i - 1] ?? 0)));
		assert.deepEqual(seconds(up?.Timestamps), [...downTimes].reverse());
		assert.deepEqual(up?.Values, [...(down?.Values ?? [])].reverse());
	});

	test('pages past 100,800 datapoints with PartialData, then Complete, no gaps or duplicates', async () => {
		const queries = [
			statQuery('a', 'PublishIn.Success', MQTT),
			statQuery('b', 'PublishIn.Success', HTTP),
			statQuery('c', 'PublishOut.Success', MQTT),
			statQuery('d', 'Ping.Success', MQTT),
			statQuery('e', 'UpdateThingShadow.Accepted', MQTT),
			statQuery('f', 'UpdateThingShadow.Accepted', HTTP),
			statQuery('g', 'GetThingShadow.Accepted', MQTT),
			statQuery('h', 'RulesExecuted', []),
		];
		const seen = new Map<string, number[]>();
		let token: string | undefined;
		const pages: Array<{points: number; statuses: string[]}> = [];
		do {
			const output = await cw.send(new GetMetricDataCommand({...range(NOW - 15 * DAY, NOW), MetricDataQueries: queries, NextToken: token}));
			token = output.NextToken;
			let points = 0;
			for (const result of output.MetricDataResults ?? []) {
				const list = seen.get(result.Id ?? '') ?? [];
				list.push(...seconds(result.Timestamps));
				seen.set(result.Id ?? '', list);
				points += result.Values?.length ?? 0;
			}
			pages.push({points, statuses: (output.MetricDataResults ?? []).map(result => result.StatusCode ?? '')});
		} while (token && pages.length < 5);
		assert.equal(pages.length, 2);
		assert.equal(pages[0]?.points, 100_800);
		assert.ok(pages[0]?.statuses.includes('PartialData'));
		assert.deepEqual(pages[1]?.statuses, Array(8).fill('Complete'));
		for (const [id, times] of seen) {
			assert.equal(times.length, 21_600, `${id}: every minute of 15 days`);
			assert.equal(new Set(times).size, times.length, `${id}: no duplicates`);
			assert.equal(Math.max(...times), NOW - MINUTE);
			assert.equal(Math.min(...times), NOW - 15 * DAY);
		}
	});

	test('retention: StartTime older than 15 days needs a period that is a multiple of 300', async () => {
		const window = range(NOW - 16 * DAY, NOW - 14 * DAY);
		const [sixty] = await one({...window, MetricDataQueries: [statQuery('m', 'PublishIn.Success', MQTT, 'Sum', 60)]});
		const [oneTwenty] = await one({...window, MetricDataQueries: [statQuery('m', 'PublishIn.Success', MQTT, 'Sum', 120)]});
		const [fiveMin] = await one({...window, MetricDataQueries: [statQuery('m', 'PublishIn.Success', MQTT, 'Sum', 300)]});
		assert.deepEqual(sixty?.Values, []);
		assert.deepEqual(oneTwenty?.Values, []);
		// Data only exists for the last 15 days: one day of 5-minute buckets.
		assert.equal(fiveMin?.Values?.length, 288);
	});

	test('an expression fails alone while the other queries succeed', async () => {
		const output = await cw.send(
			new GetMetricDataCommand({
				...range(NOW - HOUR, NOW),
				MetricDataQueries: [statQuery('m1', 'PublishIn.Success'), {Id: 'e1', Expression: 'SUM(METRICS())', Label: 'total'}],
			}),
		);
		const [m1, e1] = output.MetricDataResults ?? [];
		assert.equal(m1?.StatusCode, 'Complete');
		assert.equal(m1?.Values?.length, 60);
		assert.equal(m1?.Label, 'PublishIn.Success');
		assert.equal(e1?.StatusCode, 'InternalError');
		assert.deepEqual(e1?.Messages, [{Code: 'Unsupported', Value: 'expression not supported by the iot-monitor simulator'}]);
		assert.equal(output.NextToken, undefined);
	});

	test('dimensions must match a series exactly; ReturnData false is omitted; units other than Count/None match nothing', async () => {
		const results = await one({
			...range(NOW - HOUR, NOW),
			MetricDataQueries: [
				statQuery('none', 'PublishIn.Success', []),
				statQuery('mqtt', 'PublishIn.Success', MQTT),
				statQuery('extra', 'PublishIn.Success', [...MQTT, {Name: 'RuleName', Value: 'x'}]),
				statQuery('rules', 'RulesExecuted', []),
				statQuery('rulesmqtt', 'RulesExecuted', MQTT),
				{...statQuery('hidden', 'Ping.Success'), ReturnData: false},
				{Id: 'sec', MetricStat: {Metric: {Namespace: 'AWS/IoT', MetricName: 'Ping.Success', Dimensions: MQTT}, Period: 60, Stat: 'Sum', Unit: 'Seconds'}},
				{Id: 'cnt', MetricStat: {Metric: {Namespace: 'AWS/IoT', MetricName: 'Ping.Success', Dimensions: MQTT}, Period: 60, Stat: 'Sum', Unit: 'Count'}},
			],
		});
		const count = Object.fromEntries(results.map(result => [result.Id, result.Values?.length]));
		assert.deepEqual(count, {none: 0, mqtt: 60, extra: 0, rules: 60, rulesmqtt: 0, sec: 0, cnt: 60});
	});

	test('lag: the newest buckets are partial until 3 minutes after they start', async () => {
		let clock = NOW;
		const lagging = await startSimulator({now: () => clock, quiet: true});
		try {
			const client = cloudWatch(lagging);
			const read = async () => {
				const output = await client.send(new GetMetricDataCommand({...range(NOW - 10 * MINUTE, NOW + 10 * MINUTE), ScanBy: 'TimestampAscending', MetricDataQueries: [statQuery('m', 'PublishIn.Success')]}));
				const result = output.MetricDataResults?.[0];
				return new Map(seconds(result?.Timestamps).map((t, i) => [t, result?.Values?.[i] ?? Number.NaN]));
			};
			const early = await read();
			assert.equal(Math.max(...early.keys()), NOW, 'no bucket starts after now');
			clock = NOW + 10 * MINUTE;
			const settled = await read();
			const at = (minutesAgo: number): [number, number] => [early.get(NOW - minutesAgo * MINUTE) ?? 0, settled.get(NOW - minutesAgo * MINUTE) ?? 0];
			const [oneEarly, oneFinal] = at(1);
			assert.ok(oneEarly < oneFinal * 0.5, `1 minute ago is partial (${oneEarly} of ${oneFinal})`);
			const [twoEarly, twoFinal] = at(2);
			assert.ok(twoEarly < twoFinal * 0.8 && twoEarly > twoFinal * 0.5, '2 minutes ago is about two thirds');
			assert.equal(at(3)[0], at(3)[1], '3 minutes ago is complete');
			assert.equal(at(4)[0], at(4)[1], '4 minutes ago is complete');
		} finally {
			await lagging.close();
		}
	});

	test('validation errors surface as the SDK error names', async () => {
		const good = statQuery('m', 'PublishIn.Success');
		const cases: Array<[string, Partial<GetMetricDataCommandInput>, string]> = [
			['bad Id', {MetricDataQueries: [{...good, Id: 'M1'}]}, 'ValidationException'],
			['duplicate Id', {MetricDataQueries: [good, {...good}]}, 'ValidationException'],
			['period 30', {MetricDataQueries: [statQuery('m', 'Ping.Success', MQTT, 'Sum', 30)]}, 'InvalidParameterValueException'],
			['period 90', {MetricDataQueries: [statQuery('m', 'Ping.Success', MQTT, 'Sum', 90)]}, 'InvalidParameterValueException'],
			['period too long', {MetricDataQueries: [statQuery('m', 'Ping.Success', MQTT, 'Sum', 86_460)]}, 'InvalidParameterValueException'],
			['percentile stat', {MetricDataQueries: [statQuery('m', 'Ping.Success', MQTT, 'p99')]}, 'InvalidParameterValueException'],
			['StartTime == EndTime', {...range(NOW - HOUR, NOW - HOUR)}, 'ValidationException'],
			['StartTime > EndTime', {...range(NOW, NOW - HOUR)}, 'ValidationException'],
			['501 queries', {MetricDataQueries: Array.from({length: 501}, (_, i) => ({...good, Id: `q${i}`}))}, 'ValidationException'],
			['no queries', {MetricDataQueries: []}, 'ValidationException'],
		];
		for (const [label, patch, name] of cases) {
			const error = await rejection(cw.send(new GetMetricDataCommand({...range(NOW - HOUR, NOW), MetricDataQueries: [good], ...patch})));
			assert.equal(error.name, name, label);
			assert.equal((error['$metadata'] as {httpStatusCode?: number}).httpStatusCode, 400, label);
		}
	});

	test('a NextToken is only valid for the request that produced it', async () => {
		const input = {...range(NOW - DAY, NOW), MaxDatapoints: 100, MetricDataQueries: [statQuery('m', 'Ping.Success')]};
		const first = await cw.send(new GetMetricDataCommand(input));
		assert.ok(first.NextToken);
		assert.equal(first.MetricDataResults?.[0]?.StatusCode, 'PartialData');
		const second = await cw.send(new GetMetricDataCommand({...input, NextToken: first.NextToken}));
		assert.equal(second.MetricDataResults?.[0]?.Values?.length, 100);
		assert.ok(Math.max(...seconds(second.MetricDataResults?.[0]?.Timestamps)) < Math.min(...seconds(first.MetricDataResults?.[0]?.Timestamps)));
		const garbage = await rejection(cw.send(new GetMetricDataCommand({...input, NextToken: 'not-a-token'})));
		assert.equal(garbage.name, 'InvalidNextToken');
		const moved = await rejection(cw.send(new GetMetricDataCommand({...input, ...range(NOW - 2 * DAY, NOW), NextToken: first.NextToken})));
		assert.equal(moved.name, 'InvalidNextToken');
		const other = await rejection(cw.send(new GetMetricDataCommand({...input, MetricDataQueries: [statQuery('m', 'Connect.Success')], NextToken: first.NextToken})));
		assert.equal(other.name, 'InvalidNextToken');
	});
});
