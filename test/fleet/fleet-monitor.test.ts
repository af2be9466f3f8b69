/**
 * FleetMonitor against the embedded endpoint through the real SDK clients: values land in their scope,
 * an incident in one account and region flags only that scope, the requests per refresh are as stated
 * (counted by the server), and a denied account and a disabled region stay in their rows.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {CloudWatchClient, GetMetricDataCommand} from '@aws-sdk/client-cloudwatch';
import {fleetSnapshotToJson} from '../../source/monitor/fleet/fleet-json.js';
import {DEFAULT_METRICS} from '../../source/iot/catalog.js';
import type {FleetSnapshot, MetricSeries, ScopeView} from '../../source/types.js';
import {BASE, runningClock} from '../aws/helpers.js';
import {recordText} from '../../source/trail/packed-record.js';
import {fleetMonitor, GROUP, PROD, SELF, STAGING, startOrg} from './helpers.js';

const MINUTE = 60_000;

const monitor = fleetMonitor;

const view = (snapshot: FleetSnapshot, account: string, region: string): ScopeView => {
	const found = snapshot.scopes.find(v => v.summary.account === account && v.summary.region === region);
	assert.ok(found, `no scope ${account} ${region} in ${snapshot.scopes.map(v => `${v.summary.account}/${v.summary.region}`).join(' ')}`);
	return found;
};

test('an incident in one account and region flags only that scope; values land in their own scope', async () => {
	const rig = await startOrg();
	rig.sim.injectIncident({kind: 'publish-drop', start: BASE - 25 * MINUTE, end: BASE + 30 * MINUTE, magnitude: 1}, {account: PROD, region: 'eu-west-1'});
	const fleet = monitor(rig);
	try {
		const snapshot = await fleet.pollOnce();
		assert.equal(snapshot.scopes.length, 6);
		const hit = view(snapshot, PROD, 'eu-west-1');
		assert.equal(snapshot.scopes[0], hit, 'the incident scope sorts first');
		assert.ok(hit.summary.worst !== null, hit.summary.statusText);
		assert.ok(hit.summary.flagged.some(m => m.name === 'PublishIn.Success' && m.direction === 'down'), JSON.stringify(hit.summary.flagged));
		assert.match(hit.summary.statusText, /^(CRIT|WARN): .* down \d+%/);
		assert.equal(snapshot.status, hit.summary.status);
		for (const other of snapshot.scopes.filter(v => v !== hit)) {
			assert.deepEqual(other.summary.flagged, [], `${other.summary.account} ${other.summary.region}`);
			assert.deepEqual(other.summary.errors, []);
		}
		// The numbers of a scope are that account's, in that region: compare with CloudWatch itself.
		for (const [account, region] of [[SELF, 'us-east-1'], [PROD, 'us-east-1'], [STAGING, 'eu-west-1']] as const) {
			const series = view(snapshot, account, region).snapshot.metrics.find(s => s.name === 'PublishIn.Success')!;
			assert.ok(series.latest);
			const client = new CloudWatchClient({region, endpoint: rig.sim.url, credentials: {accessKeyId: 'x', secretAccessKey: 'x'}});
			const answer = await client.send(
				new GetMetricDataCommand({
					StartTime: new Date(series.latest.t),
					EndTime: new Date(series.latest.t + MINUTE),
					MetricDataQueries: ['MQTT', 'HTTP'].map((protocol, i) => ({
						Id: `q${i}`,
						AccountId: account,
						MetricStat: {Metric: {Namespace: 'AWS/IoT', MetricName: 'PublishIn.Success', Dimensions: [{Name: 'Protocol', Value: protocol}]}, Period: 60, Stat: 'Sum'},
					})),
				}),
			);
			const sum = (answer.MetricDataResults ?? []).reduce((total, r) => total + (r.Values?.[0] ?? 0), 0);
			assert.equal(series.latest.v, sum, `${account} ${region}`);
			client.destroy();
		}
		const json = fleetSnapshotToJson(snapshot);
		assert.equal(json.scopes.length, 6);
		assert.equal(json.status, hit.summary.status);
		assert.ok(json.metrics.every(m => /^\d{12}$/.test(m.account) && (m.region === 'us-east-1' || m.region === 'eu-west-1')));
		assert.equal(json.metrics.length, 6 * DEFAULT_METRICS.length);
	} finally {
		fleet.stop();
		await rig.close();
	}
});

test('requests per refresh: per region one ListMetrics pass, GetMetricData split only at 500 queries, history within 100,800 datapoints each', async () => {
	const linked = Array.from({length: 24}, (_, i) => String(100000000000 + i));
	const rig = await startOrg({linked});
	const fleet = monitor(rig);
	try {
		const first = await fleet.pollOnce();
		assert.equal(first.scopes.length, 25 * 2);
		const log1 = rig.sim.requestLog();
		for (const region of ['us-east-1', 'eu-west-1']) {
			const mine = log1.filter(entry => entry.region === region);
			const list = mine.filter(entry => entry.operation === 'ListMetrics').length;
			const series = first.scopes.filter(v => v.summary.region === region).reduce((n, v) => n + v.snapshot.metrics.reduce((k, s) => k + s.dimensionSets, 0), 0);
			assert.ok(series > 500, `${series} series`);
			// One pass: ListMetrics pages of 500.
			assert.equal(list, Math.ceil(series / 500));
			const history = mine.filter(entry => entry.operation === 'GetMetricData' && (entry.queries ?? 0) * 1440 <= 100_800);
			assert.ok(history.length >= Math.ceil((series * 1440) / 100_800), `${history.length} history requests`);
		}
		const before = rig.sim.requestLog().length;
		await fleet.pollOnce();
		const refresh = rig.sim.requestLog().slice(before);
		for (const region of ['us-east-1', 'eu-west-1']) {
			const calls = refresh.filter(entry => entry.region === region && entry.operation === 'GetMetricData');
			const series = calls.reduce((n, entry) => n + (entry.queries ?? 0), 0);
			assert.equal(calls.length, Math.ceil(series / 500), JSON.stringify(calls));
			assert.equal(calls.length, 2);
			assert.equal(refresh.filter(entry => entry.region === region && entry.operation === 'ListMetrics').length, 0);
		}
	} finally {
		fleet.stop();
		await rig.close();
	}
});

test('a denied account and a disabled region stay in their rows, in words; the other scopes go on', async () => {
	const rig = await startOrg();
	rig.sim.denyAccount(STAGING);
	rig.sim.disableRegion('eu-west-1');
	const fleet = monitor(rig, {trailLogGroup: GROUP});
	try {
		const snapshot = await fleet.pollOnce();
		assert.equal(snapshot.scopes.length, 6);
		const denied = view(snapshot, STAGING, 'us-east-1');
		assert.equal(denied.summary.status, 'UNKNOWN');
		assert.match(denied.summary.statusText, /access denied: account 345678901234 does not share its metrics/);
		for (const account of [SELF, PROD, STAGING]) {
			const west = view(snapshot, account, 'eu-west-1');
			assert.equal(west.summary.status, 'UNKNOWN');
			assert.match(west.summary.statusText, /region eu-west-1 is not enabled for this account/);
		}
		for (const account of [SELF, PROD]) {
			const fine = view(snapshot, account, 'us-east-1');
			assert.deepEqual(fine.summary.errors, [], fine.summary.statusText);
			assert.equal(fine.summary.status, 'OK');
			assert.ok(fine.snapshot.metrics.some(s => s.judgement === 'judged'));
			assert.ok((fine.summary.eventsLast15m ?? 0) > 0);
		}
		assert.equal(fleetSnapshotToJson(snapshot).scopes.filter(s => s.errors.length > 0).length, 4);
	} finally {
		fleet.stop();
		await rig.close();
	}
});

test('organization trail: each event lands in the scope its record names; without a log group only the caller has events', async () => {
	const rig = await startOrg({quiet: false});
	const withGroup = monitor(rig, {trailLogGroup: GROUP});
	const lookup = monitor(rig);
	try {
		const snapshot = await withGroup.pollOnce();
		assert.ok(snapshot.events.length > 20);
		for (const event of snapshot.events) {
			const record = JSON.parse(recordText(event.raw)) as Record<string, unknown>;
			assert.equal(event.account, record['recipientAccountId']);
			assert.equal(event.region, record['awsRegion']);
			assert.equal(event.eventSource, 'iot.amazonaws.com');
		}
		for (const v of snapshot.scopes) {
			assert.ok((v.summary.eventsLast15m ?? 0) > 0, `${v.summary.account} ${v.summary.region}`);
			assert.ok(v.snapshot.events.every(e => (e as {account?: string}).account === v.summary.account && (e as {region?: string}).region === v.summary.region));
		}
		const json = fleetSnapshotToJson(snapshot);
		assert.ok(json.events.every(e => /^\d{12}$/.test(e.account ?? '') && typeof e.region === 'string'));
		const fallback = await lookup.pollOnce();
		for (const v of fallback.scopes) {
			if (v.summary.account === SELF) assert.ok((v.summary.eventsLast15m ?? 0) > 0);
			else assert.equal(v.summary.eventsLast15m, null);
		}
		assert.ok(fallback.events.every(e => e.account === SELF));
	} finally {
		withGroup.stop();
		lookup.stop();
		await rig.close();
	}
});

test('a live start on cached baselines learns their gap from its first refresh (no request of its own) and judges as a start that fetches it', async () => {
	// A clock that jumps: the restart comes 7 minutes after the cache was written.
	const running = runningClock();
	let later = 0;
	const rig = await startOrg({now: () => running() + later});
	const dir = mkdtempSync(join(tmpdir(), 'iotmon-fleet-cache-'));
	const baselineCache = {pathOf: (scope: {account: string; region: string}) => join(dir, `${scope.account}--${scope.region}.bin`), model: 'test', rebaseline: false};
	try {
		await monitor(rig, {baselineCache}).pollOnce();
		later = 7 * MINUTE;
		const before = rig.sim.requestLog().length;
		const live = monitor(rig, {baselineCache});
		const judged = new Promise<FleetSnapshot>(resolve =>
			live.subscribe(snapshot => {
				if (snapshot.scopes.length === 6 && snapshot.scopes.every(v => v.summary.status !== 'UNKNOWN')) resolve(snapshot);
			}),
		);
		live.start();
		const snapshot = await judged;
		live.stop();
		// Per region one GetMetricData (3 accounts' series fit in one request): the live window, nothing for the gap.
		const calls = rig.sim.requestLog().slice(before).filter(entry => entry.operation === 'GetMetricData');
		assert.deepEqual(calls.map(entry => entry.region).sort(), ['eu-west-1', 'us-east-1']);
		// --once on the same cache at the same moment fetches the gap on its own: the same judgements.
		const once = await monitor(rig, {baselineCache, now: () => snapshot.generatedAt}).pollOnce();
		const judgedMetrics = fleetSnapshotToJson(snapshot).metrics;
		assert.ok(judgedMetrics.every(metric => metric.judgement !== 'learning'));
		assert.deepEqual(judgedMetrics, fleetSnapshotToJson(once).metrics);
	} finally {
		await rig.close();
	}
});

test('a refresh asks only for the minutes since the previous answer (and a few before), and shows the same points a whole read would (the detectors are fed the same)', async () => {
	const running = runningClock();
	let later = 0;
	const rig = await startOrg({now: () => running() + later});
	// What each GetMetricData asked for, seen by the real client on its way out.
	const asked: Array<{region: string; minutes: number}> = [];
	for (const region of rig.clients.regions) {
		region.cloudwatch.middlewareStack.add(
			next => async args => {
				const input = args.input as {StartTime?: Date; EndTime?: Date};
				if (input.StartTime && input.EndTime) asked.push({region: region.region, minutes: (input.EndTime.getTime() - input.StartTime.getTime()) / MINUTE});
				return next(args);
			},
			{step: 'initialize', name: 'askedWindow'},
		);
	}
	const fleet = monitor(rig);
	try {
		await fleet.pollOnce();
		later = 7 * MINUTE;
		asked.length = 0;
		const before = rig.sim.requestLog().length;
		const second = await fleet.pollOnce();
		// The same requests as a whole read (one per region here), each for the 7 new minutes and 5 before them.
		assert.deepEqual(asked.map(a => a.region).sort(), ['eu-west-1', 'us-east-1']);
		assert.ok(asked.every(a => a.minutes === 12), JSON.stringify(asked));
		assert.equal(rig.sim.requestLog().slice(before).filter(entry => entry.operation === 'GetMetricData').length, 2);
		// A monitor that reads the whole window at that moment gets the same points: the detectors are fed
		// exactly what a whole read would feed them (their bands differ only by the history's start).
		const whole = await monitor(rig, {now: () => second.generatedAt}).pollOnce();
		assert.equal(whole.scopes.length, second.scopes.length);
		const seen = (series: readonly MetricSeries[]) => series.map(s => ({name: s.name, state: s.state, points: s.points, latest: s.latest, dimensionSets: s.dimensionSets, error: s.error}));
		for (const v of second.scopes) {
			const other = view(whole, v.summary.account, v.summary.region);
			assert.deepEqual(seen(v.snapshot.metrics), seen(other.snapshot.metrics), `${v.summary.account} ${v.summary.region}`);
			assert.ok(v.snapshot.metrics.some(s => s.points.length === 90 && s.points.some(p => p.v > 0) && s.judgement === 'judged'));
		}
	} finally {
		fleet.stop();
		await rig.close();
	}
});
