process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import assert from 'node:assert/strict';
import {afterEach, describe, test} from 'node:test';
import {GetMetricDataCommand, type MetricDataQuery} from '@aws-sdk/client-cloudwatch';
import {historicalIncidents} from '../../source/simulator/incidents.js';
import {type Simulator, type SimulatorOptions, startSimulator} from '../../source/simulator/server.js';
import {DAY, HOUR, HTTP, MINUTE, MQTT, NOW, cloudWatch, statQuery} from './helpers.js';

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

describe('synthetic fleet', () => {
	let sims: Simulator[] = [];
	afterEach(async () => {
		await Promise.all(sims.map(sim => sim.close()));
		sims = [];
	});
	async function fetchSeries(options: SimulatorOptions, queries: MetricDataQuery[], from: number, to: number) {
		const sim = await startSimulator({now: () => NOW, ...options});
		sims.push(sim);
		const output = await cloudWatch(sim).send(
			new GetMetricDataCommand({StartTime: new Date(from), EndTime: new Date(to), ScanBy: 'TimestampAscending', MetricDataQueries: queries}),
		);
		return (output.MetricDataResults ?? []).map(result => ({
			times: (result.Timestamps ?? []).map(date => date.getTime()),
			values: result.Values ?? [],
		}));
	}

	test('daily rhythm: the 14:00 UTC peak is far above the night, weekends are quieter', async () => {
		// Monday 2025-11-10 00:00 to Monday 2025-11-17 00:00, hourly sums.
		const start = Date.UTC(2025, 10, 10);
		const [hourly] = await fetchSeries({quiet: true}, [statQuery('m', 'PublishIn.Success', MQTT, 'Sum', 3600)], start, start + 7 * DAY);
		assert.equal(hourly?.values.length, 168);
		const perMinute = (predicate: (hour: number, weekday: number) => boolean) =>
			mean(
				(hourly?.values ?? []).filter((_, i) => {
					const date = new Date(hourly?.times[i] ?? 0);
					return predicate(date.getUTCHours(), date.getUTCDay());
				}),
			) / 60;
		const weekday = (day: number) => day >= 1 && day <= 5;
		const peak = perMinute((hour, day) => hour >= 13 && hour <= 14 && weekday(day));
		const night = perMinute((hour, day) => hour >= 1 && hour <= 2 && weekday(day));
		const weekendPeak = perMinute((hour, day) => hour >= 13 && hour <= 14 && !weekday(day));
		assert.ok(peak > 15_000 && peak < 25_000, `weekday peak ${peak}/min`);
		assert.ok(night / peak > 0.3 && night / peak < 0.5, `night is ~40% of peak (${night / peak})`);
		assert.ok(weekendPeak / peak > 0.6 && weekendPeak / peak < 0.8, `weekend ~30% lower (${weekendPeak / peak})`);
	});

	test('noise is roughly Poisson: minute-to-minute spread near sqrt(mean), never constant', async () => {
		const [minutes] = await fetchSeries({quiet: true}, [statQuery('m', 'UpdateThingShadow.Accepted', HTTP)], NOW - HOUR, NOW - 3 * MINUTE);
		const values = minutes?.values ?? [];
		const diffs = values.slice(1).map((v, i) => v - (values[i] ?? 0));
		const sd = Math.sqrt(mean(diffs.map(d => d * d)) / 2);
		const expected = Math.sqrt(mean(values));
		assert.ok(sd > expected * 0.7 && sd < expected * 2.5, `sd ${sd} vs sqrt(mean) ${expected}`);
	});

	test('error metrics are sparse; PublishOut.Throttle has no data at all', async () => {
		const [auth, throttle, deletes] = await fetchSeries(
			{quiet: true},
			[statQuery('a', 'Connect.AuthError'), statQuery('t', 'PublishOut.Throttle'), statQuery('d', 'DeleteThingShadow.Accepted', HTTP)],
			NOW - 6 * HOUR,
			NOW - 3 * MINUTE,
		);
		const minutes = 6 * 60 - 3;
		assert.ok((auth?.values.length ?? 0) > 60 && (auth?.values.length ?? 0) < minutes * 0.9, `auth errors in ${auth?.values.length} of ${minutes} minutes`);
		assert.ok((auth?.values ?? []).every(v => v <= 8));
		assert.deepEqual(throttle?.values, []);
		assert.ok((deletes?.values.length ?? 0) < 60, 'DeleteThingShadow over HTTP is rare');
	});

	test('an auth-error burst turns a trickle into hundreds per minute', async () => {
		const [auth] = await fetchSeries(
			{quiet: true, incidents: [{kind: 'auth-error-burst', start: NOW - 20 * MINUTE, end: NOW - 10 * MINUTE}]},
			[statQuery('a', 'Connect.AuthError')],
			NOW - 20 * MINUTE,
			NOW - 10 * MINUTE,
		);
		assert.equal(auth?.values.length, 10);
		assert.ok((auth?.values ?? []).every(v => v > 200), `${auth?.values}`);
	});

	test('deterministic: the same seed gives the same numbers, another seed does not', async () => {
		const queries = [statQuery('p', 'PublishIn.Success'), statQuery('c', 'Connect.Success'), statQuery('r', 'RulesExecuted', [])];
		const range = [NOW - 3 * DAY, NOW - 3 * DAY + 2 * HOUR] as const;
		const first = await fetchSeries({seed: 7}, queries, ...range);
		const again = await fetchSeries({seed: 7}, queries, ...range);
		const other = await fetchSeries({seed: 8}, queries, ...range);
		assert.deepEqual(again, first);
		assert.notDeepEqual(other, first);
		assert.equal(first[0]?.values.length, 120);
	});

	test('historical incidents: a handful over the last 15 days, deterministic from the seed', () => {
		const incidents = historicalIncidents(1, NOW);
		assert.ok(incidents.length >= 5 && incidents.length <= 7);
		assert.deepEqual(historicalIncidents(1, NOW), incidents);
		assert.notDeepEqual(historicalIncidents(2, NOW), incidents);
		for (const incident of incidents) {
			assert.ok(incident.start >= NOW - 15 * DAY && incident.end <= NOW - 2 * HOUR);
			assert.ok(incident.end - incident.start >= 8 * MINUTE);
		}
	});
});
