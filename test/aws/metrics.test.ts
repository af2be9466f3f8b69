import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {GetMetricDataCommand} from '@aws-sdk/client-cloudwatch';
import {discoverSeries} from '../../source/aws/metric-discovery.js';
import {fetchWindow} from '../../source/aws/metrics.js';
import {BASELINE_METRICS, DEFAULT_METRICS} from '../../source/iot/catalog.js';
import {buildSeries, lastSettledBucket, settledWindow} from '../../source/monitor/series.js';
import {startRig, type Rig} from './helpers.js';

let rig: Rig;
before(async () => {
	rig = await startRig({quiet: true});
});
after(async () => rig.close());

test('discovery finds Protocol series for broker metrics and a dimensionless RulesExecuted', async () => {
	const discovery = await discoverSeries(rig.clients.cloudwatch, DEFAULT_METRICS);
	const publish = discovery.get('PublishIn.Success') ?? [];
	assert.deepEqual(publish.map(s => s.dimensions.map(d => `${d.name}=${d.value}`).join()).sort(), [
		'Protocol=HTTP',
		'Protocol=MQTT',
	]);
	assert.deepEqual(discovery.get('RulesExecuted')?.map(s => s.dimensions.length), [0]);
	for (const name of BASELINE_METRICS) assert.ok((discovery.get(name)?.length ?? 0) > 0, name);
});

test('one GetMetricData for every series; values are summed across Protocol', async () => {
	const discovery = await discoverSeries(rig.clients.cloudwatch, DEFAULT_METRICS);
	const before = rig.sim.requestCounts()['GetMetricData'] ?? 0;
	const window = settledWindow(rig.now(), 90);
	const windows = await fetchWindow(rig.clients.cloudwatch, discovery, window);
	assert.equal((rig.sim.requestCounts()['GetMetricData'] ?? 0) - before, 1, 'exactly one request');
	const bucket = window.end - 60_000;
	const direct = await rig.clients.cloudwatch.send(
		new GetMetricDataCommand({
			StartTime: new Date(bucket),
			EndTime: new Date(bucket + 60_000),
			MetricDataQueries: ['MQTT', 'HTTP'].map((protocol, i) => ({
				Id: `p${i}`,
				MetricStat: {
					Metric: {Namespace: 'AWS/IoT', MetricName: 'PublishIn.Success', Dimensions: [{Name: 'Protocol', Value: protocol}]},
					Period: 60,
					Stat: 'Sum',
				},
			})),
		}),
	);
	const expected = (direct.MetricDataResults ?? []).reduce((sum, r) => sum + (r.Values?.[0] ?? 0), 0);
	assert.ok(expected > 0);
	assert.equal(windows.get('PublishIn.Success')?.values.get(bucket), expected);
});

test('a metric CloudWatch has no data for is no-data, never 0', async () => {
	const discovery = await discoverSeries(rig.clients.cloudwatch, DEFAULT_METRICS);
	const empty = DEFAULT_METRICS.filter(name => (discovery.get(name)?.length ?? 0) === 0);
	assert.ok(empty.length > 0, 'the simulated fleet has at least one metric without data');
	const windows = await fetchWindow(rig.clients.cloudwatch, discovery, settledWindow(rig.now(), 90));
	for (const name of empty) {
		const series = buildSeries(name, windows.get(name), 0, {now: rig.now()});
		assert.equal(series.state, 'no-data', name);
		assert.equal(series.latest, null);
	}
});

test('unfinished minutes are never shown: the newest buckets read low in CloudWatch, our value does not', async () => {
	const discovery = await discoverSeries(rig.clients.cloudwatch, ['PublishIn.Success']);
	const now = rig.now();
	// Read straight through the newest (still filling) buckets, as a naive client would.
	const start = lastSettledBucket(now) - 10 * 60_000;
	const raw = await fetchWindow(rig.clients.cloudwatch, discovery, {
		start,
		end: Math.ceil(now / 60_000) * 60_000,
		periodSeconds: 60,
	});
	const values = raw.get('PublishIn.Success')!.values;
	const newest = Math.max(...values.keys());
	const settled = buildSeries('PublishIn.Success', raw.get('PublishIn.Success'), 2, {now});
	assert.ok(newest > settled.latest!.t, 'CloudWatch returned buckets newer than the settled one');
	assert.ok(values.get(newest)! < settled.latest!.v * 0.7, 'the newest bucket is partial: it looks like a drop');
	assert.equal(settled.latest!.t, lastSettledBucket(now));
	const previous = settled.points.at(-2)!.v;
	assert.ok(settled.latest!.v > previous * 0.6, `settled value ${settled.latest!.v} is not a false drop vs ${previous}`);
});

/** The real discovery plus `extra` RuleName series of ParseError that CloudWatch has no data for. */
async function discoveryWith(total: number) {
	const real = await discoverSeries(rig.clients.cloudwatch, DEFAULT_METRICS);
	const count = [...real.values()].reduce((sum, list) => sum + list.length, 0);
	const padded = new Map(real);
	const rules = Array.from({length: total - count}, (_, i) => ({
		metric: 'ParseError',
		dimensions: [{name: 'RuleName', value: `bulk_rule_${String(i).padStart(3, '0')}`}],
	}));
	padded.set('ParseError', [...(real.get('ParseError') ?? []), ...rules]);
	return padded;
}

test('500 series are still ONE GetMetricData; 501 are two, with the same sums', async () => {
	const window = settledWindow(rig.now(), 90);
	const requests = () => rig.sim.requestCounts()['GetMetricData'] ?? 0;
	let before = requests();
	const five = await fetchWindow(rig.clients.cloudwatch, await discoveryWith(500), window);
	assert.equal(requests() - before, 1, '500 series: one request');
	before = requests();
	const more = await fetchWindow(rig.clients.cloudwatch, await discoveryWith(501), window);
	assert.equal(requests() - before, 2, '501 series: split in two');
	for (const name of DEFAULT_METRICS) assert.deepEqual([...(more.get(name)?.values ?? [])], [...(five.get(name)?.values ?? [])], name);
	assert.ok((five.get('PublishIn.Success')?.values.size ?? 0) > 0);
});
