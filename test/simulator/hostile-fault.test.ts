process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import assert from 'node:assert/strict';
import {test} from 'node:test';
import {checkFault} from '../../source/simulator/faults.js';
import {HOSTILE_VALUES, corruptAnswer, hostileRng} from '../../source/simulator/hostile.js';
import {startSimulator} from '../../source/simulator/server.js';
import {NOW, post} from './helpers.js';

const LOOKUP = 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents';
const body = JSON.stringify({StartTime: (NOW - 3600_000) / 1000, EndTime: NOW / 1000, MaxResults: 50});

test('hostile-values: the same seed spoils the same answer the same way; the next clean answer is untouched', async () => {
	const sim = await startSimulator({now: () => NOW, quiet: true, lookupEventsTps: 1000});
	try {
		const clean = await post(sim, LOOKUP, body);
		const answers = [];
		for (let run = 0; run < 2; run++) {
			await fetch(`${sim.url}/_sim/faults`, {method: 'POST', body: JSON.stringify({service: 'cloudtrail', kind: 'hostile-values', seed: 42})});
			answers.push(await post(sim, LOOKUP, body));
		}
		assert.equal(answers[0]!.status, 200);
		assert.deepEqual(answers[0]!.json, answers[1]!.json, 'seeded');
		assert.notDeepEqual(answers[0]!.json, clean.json, 'something was changed');
		const reports = sim.hostileReports();
		assert.equal(reports.length, 2);
		assert.deepEqual(reports[0], reports[1]);
		assert.equal(reports[0]!.operation, 'LookupEvents');
		const touched = new Set(reports[0]!.touched['Events'] ?? []);
		assert.ok(touched.size > 0);
		// Items not listed as touched are exactly as in the clean answer.
		const events = (answers[0]!.json['Events'] ?? []) as unknown[];
		const cleanEvents = clean.json['Events'] as unknown[];
		if (reports[0]!.topLevel.length === 0) cleanEvents.forEach((event, i) => touched.has(i) || assert.deepEqual(events[i], event));
		assert.deepEqual((await post(sim, LOOKUP, body)).json, clean.json, 'the fault was used up; the store was not changed');
	} finally {
		await sim.close();
	}
});

test('hostile-values: exact edits, and the control path refuses bad fault settings', async () => {
	const sim = await startSimulator({now: () => NOW, quiet: true, lookupEventsTps: 1000});
	try {
		sim.injectFault({service: 'cloudtrail', kind: 'hostile-values', edits: [{path: ['Events', 0], value: null}, {path: ['NextToken'], value: {x: 1}}]});
		const edited = await post(sim, LOOKUP, body);
		assert.equal((edited.json['Events'] as unknown[])[0], null);
		assert.deepEqual(edited.json['NextToken'], {x: 1});
		assert.deepEqual(sim.hostileReports().at(-1), {operation: 'LookupEvents', touched: {Events: [0]}, topLevel: ['NextToken']});
		for (const bad of [
			{service: 'cloudtrail', kind: 'hostile-values', rate: 2},
			{service: 'cloudtrail', kind: 'hostile-values', seed: 'x'},
			{service: 'cloudtrail', kind: 'hostile-values', edits: [{path: []}]},
			{service: 'cloudtrail', kind: 'hostile-values', edits: 'Events'},
		]) {
			const response = await fetch(`${sim.url}/_sim/faults`, {method: 'POST', body: JSON.stringify(bad)});
			assert.equal(response.status, 400, JSON.stringify(bad));
		}
		assert.deepEqual(checkFault({service: 'cloudwatch', kind: 'hostile-values', times: 'Infinity', seed: 3, rate: 0.5}), {
			service: 'cloudwatch',
			kind: 'hostile-values',
			times: Number.POSITIVE_INFINITY,
			seed: 3,
			rate: 0.5,
		});
	} finally {
		await sim.close();
	}
});

test('corruptAnswer: touches about `rate` of the items, with values from the hostile list', () => {
	const items = () => Array.from({length: 1000}, (_, i) => ({Id: `m${i}`, Values: [1, 2], Timestamps: [60, 120]}));
	const answer = {MetricDataResults: items()};
	const report = corruptAnswer(answer, 'GetMetricData', hostileRng(7), 0.2);
	const touched = report.touched['MetricDataResults'] ?? [];
	assert.ok(touched.length > 150 && touched.length < 250, `${touched.length} of 1000 at rate 0.2`);
	const untouched = items();
	answer.MetricDataResults.forEach((item, i) => {
		if (!touched.includes(i)) assert.deepEqual(item, untouched[i]);
		else assert.notDeepEqual(item, untouched[i], `item ${i} was changed`);
	});
	assert.ok(HOSTILE_VALUES.length >= 20);
});

test('trailDeliveryDelayMs: every event shows up exactly that long after its EventTime', async () => {
	let now = NOW;
	const sim = await startSimulator({now: () => now, quiet: true, lookupEventsTps: 1000, trailDeliveryDelayMs: 25_000});
	try {
		const query = (start: number, end: number) => JSON.stringify({StartTime: start / 1000, EndTime: end / 1000, MaxResults: 50});
		const times = async () =>
			((await post(sim, LOOKUP, query(NOW - 120_000, now))).json['Events'] as Array<{EventTime: number}>).map(e => e.EventTime * 1000);
		const seen = await times();
		assert.ok(seen.length > 0);
		assert.ok(seen.every(t => t <= now - 25_000), 'nothing younger than 25 s');
		now += 10_000;
		const later = await times();
		const arrived = later.filter(t => !seen.includes(t));
		assert.ok(arrived.every(t => t > NOW - 25_000 && t <= now - 25_000), 'the next 10 s of events, in order');
	} finally {
		await sim.close();
	}
});
