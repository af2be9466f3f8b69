/**
 * Hostile answers through the real SDK clients: the embedded endpoint's `hostile-values` fault rewrites
 * well-formed answers with wrong JSON values (seeded), and every decoder must keep the items it left
 * alone exactly as a clean answer gives them, skip and count what it cannot read, never throw, and let
 * nothing unsanitised reach a terminal.
 */
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {LookupEventsCommand} from '@aws-sdk/client-cloudtrail';
import {DescribeAlarmsCommand, GetMetricDataCommand, ListMetricsCommand} from '@aws-sdk/client-cloudwatch';
import {decodePage, lookupIotPage, IOT_EVENT_SOURCE} from '../../source/aws/trail.js';
import {decodeListedMetric, discoverSeries, discoverSeriesCounted} from '../../source/aws/metric-discovery.js';
import {decodeMetricResult, fetchWindowCounted} from '../../source/aws/metrics.js';
import {describeIotAlarmsCounted} from '../../source/aws/alarms.js';
import {describeAwsError} from '../../source/aws/errors.js';
import {DEFAULT_METRICS} from '../../source/iot/catalog.js';
import {settledWindow} from '../../source/monitor/series.js';
import {eventToJsonWithLate} from '../../source/trail/event-json.js';
import {recordText} from '../../source/trail/packed-record.js';
import {safeJsonStringify} from '../../source/text/json.js';
import {tailLayout, tailRow} from '../../source/cli/tail-line.js';
import {ASCII, UNICODE} from '../../source/render/glyphs.js';
import type {Fault, HostileReport} from '../../source/simulator/server.js';
import type {TrailEvent} from '../../source/types.js';
import {BASE, startRig, type Rig} from './helpers.js';

let rig: Rig;
before(async () => {
	// A clock that stands still, so the same request gives the same answer; no LookupEvents quota to wait on.
	rig = await startRig({now: () => BASE, lookupEventsTps: 100_000});
});
after(async () => rig.close());

const WINDOW = {start: BASE - 3600_000, end: BASE};
/** Terminal controls, C1, bidi overrides, line separators: none may be printed raw. */
const UNSAFE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

function lookup() {
	return new LookupEventsCommand({
		LookupAttributes: [{AttributeKey: 'EventSource', AttributeValue: IOT_EVENT_SOURCE}],
		StartTime: new Date(WINDOW.start),
		EndTime: new Date(WINDOW.end),
		MaxResults: 50,
	});
}

const lastReport = (): HostileReport => rig.sim.hostileReports().at(-1)!;

/** An event without its packed record (compared by text). */
const plain = (event: TrailEvent) => ({...event, raw: recordText(event.raw)});

/** What a user can see of an event: the text row and the JSON line. */
function assertPrintable(event: TrailEvent): void {
	for (const g of [UNICODE, ASCII]) {
		const row = tailRow(event, BASE, tailLayout(132, 14), g);
		assert.doesNotMatch(row, UNSAFE, `text row: ${JSON.stringify(row).slice(0, 200)}`);
	}
	const json = safeJsonStringify(eventToJsonWithLate(event));
	assert.doesNotMatch(json, /[\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029]/, 'JSON line');
	assert.ok(JSON.parse(json), 'valid JSON');
}

/**
 * The SDK itself refuses a string where a timestamp belongs (the whole answer); the clients' timestamp
 * guard (source/aws/timestamps.ts) prevents that, so no answer may be refused.
 */
function assertNoRefusal(error: unknown, service: string, operation: string): never {
	assert.fail(`${service} ${operation} refused: ${describeAwsError(error, service, operation).message}`);
}

async function hostile<T>(fault: Omit<Fault, 'service' | 'kind'> & Pick<Fault, 'service'>, call: () => Promise<T>) {
	rig.sim.injectFault({kind: 'hostile-values', ...fault});
	try {
		return {ok: true as const, value: await call(), report: lastReport()};
	} catch (error) {
		return {ok: false as const, error, report: lastReport()};
	}
}

test('LookupEvents: the known spoilers cost only their own event', async () => {
	const clean = decodePage(await rig.clients.cloudtrail.send(lookup()), WINDOW);
	assert.equal(clean.skipped, 0);
	assert.ok(clean.events.length >= 10);
	const record = JSON.parse(recordText(clean.events[4]!.raw)) as Record<string, unknown>;
	const edits = [
		{path: ['Events', 0], value: null},
		{path: ['Events', 1, 'Resources'], value: [null]},
		{path: ['Events', 2, 'Resources'], value: 'arn:aws:iot:us-east-1:123456789012:thing/x'},
		{path: ['Events', 3, 'CloudTrailEvent'], value: {eventID: 'x', userIdentity: {type: 'Root'}}},
		// EventTime 1e300 is an Invalid Date from the SDK: the record's eventTime is used.
		{path: ['Events', 4, 'EventTime'], value: 1e300},
		// Neither time is usable: skipped (counted), it cannot be placed.
		{path: ['Events', 5, 'EventTime'], value: 1e300},
		{path: ['Events', 5, 'CloudTrailEvent'], value: '{"eventTime": "not a time"}'},
		{path: ['Events', 6, 'EventId'], value: {}},
		{path: ['Events', 6, 'CloudTrailEvent'], value: 7},
		{path: ['Events', 7, 'Username'], value: '\u001b]0;owned\u0007\u202Eevil'},
	];
	const page = await lookupIotPage(rig.clients.cloudtrail, WINDOW).catch(() => null);
	assert.ok(page, 'clean request works');
	const result = await hostile({service: 'cloudtrail', edits}, () => lookupIotPage(rig.clients.cloudtrail, WINDOW));
	assert.ok(result.ok, 'no throw');
	const {events, skipped} = result.value;
	assert.equal(skipped, 3, 'the null, the one without a time, the one without an id');
	assert.equal(events.length, clean.events.length - 3);
	const byId = new Map(events.map(e => [e.eventId, e]));
	for (const i of [1, 2]) assert.deepEqual(byId.get(clean.events[i]!.eventId)?.resources, [], `event ${i}: resources unreadable, event kept`);
	const objectRecord = byId.get(clean.events[3]!.eventId)!;
	assert.equal(objectRecord.eventName, clean.events[3]!.eventName, 'shown from the top-level fields');
	assert.equal(recordText(objectRecord.raw), '');
	assert.equal(byId.get(clean.events[4]!.eventId)?.eventTime, Date.parse(String(record['eventTime'])));
	assert.ok(!byId.has(clean.events[5]!.eventId));
	assertPrintable(byId.get(clean.events[7]!.eventId)!);
	for (const i of [8, 9, 10]) assert.deepEqual(plain(byId.get(clean.events[i]!.eventId)!), plain(clean.events[i]!), `untouched event ${i}`);
});

test('LookupEvents fuzz: untouched events kept exactly, spoiled ones skipped and counted, nothing unsafe printable', async () => {
	const clean = decodePage(await rig.clients.cloudtrail.send(lookup()), WINDOW);
	assert.equal(clean.skipped, 0);
	let skippedTotal = 0;
	const RUNS = 80;
	for (let seed = 1; seed <= RUNS; seed++) {
		const raw = await hostile({service: 'cloudtrail', seed}, () => rig.clients.cloudtrail.send(lookup()));
		if (!raw.ok) assertNoRefusal(raw.error, 'CloudTrail', 'LookupEvents');
		const page = decodePage(raw.value, WINDOW);
		const touched = new Set(raw.report.touched['Events'] ?? []);
		skippedTotal += page.skipped;
		for (const event of page.events) {
			assert.ok(Number.isFinite(event.eventTime) && event.eventTime >= WINDOW.start - 60_000 && event.eventTime <= WINDOW.end + 60_000);
			assert.equal(typeof event.eventId, 'string');
			assert.equal(typeof event.eventName, 'string');
			assert.ok(Array.isArray(event.resources) && event.resources.every(r => typeof r === 'object' && r !== null));
			assertPrintable(event);
		}
		if (raw.report.topLevel.length === 0) {
			assert.equal(page.events.length + page.skipped, clean.events.length, `seed ${seed}: every item kept or counted`);
			assert.ok(page.skipped <= touched.size, `seed ${seed}: only spoiled items skipped`);
			const kept = new Map(page.events.map(e => [e.eventId, e]));
			clean.events.forEach((event, i) => {
				if (!touched.has(i)) assert.deepEqual(plain(kept.get(event.eventId)!), plain(event), `seed ${seed}: untouched event ${i}`);
			});
		}
		// The same seeded answer through lookupIotPage (the SDK call and the decoder together) never throws.
		const again = await hostile({service: 'cloudtrail', seed}, () => lookupIotPage(rig.clients.cloudtrail, WINDOW));
		assert.ok(again.ok, `seed ${seed}: lookupIotPage threw ${String(!again.ok && again.error)}`);
		assert.equal(again.value.events.length, page.events.length);
	}
	assert.ok(skippedTotal > 0, 'the fault did spoil events');
});

test('GetMetricData fuzz: results left alone are used, spoiled ones make their metric an error, never a wrong sum', async () => {
	const discovery = await discoverSeries(rig.clients.cloudwatch, DEFAULT_METRICS);
	const window = settledWindow(BASE, 30);
	const clean = await fetchWindowCounted(rig.clients.cloudwatch, discovery, window);
	assert.equal(clean.skipped, 0);
	// The same queries fetchWindow sends (ids m0, m1, ... in discovery order).
	const queries = [...discovery].flatMap(([, series]) => series).map((ref, i) => ({
		Id: `m${i}`,
		ReturnData: true,
		MetricStat: {
			Metric: {Namespace: 'AWS/IoT', MetricName: ref.metric, Dimensions: ref.dimensions.map(d => ({Name: d.name, Value: d.value}))},
			Period: 60,
			Stat: 'Sum',
		},
	}));
	const command = () =>
		new GetMetricDataCommand({MetricDataQueries: queries, StartTime: new Date(window.start), EndTime: new Date(window.end), ScanBy: 'TimestampAscending'});
	const cleanRaw = (await rig.clients.cloudwatch.send(command())).MetricDataResults ?? [];
	const owner = new Map<string, string>();
	let n = 0;
	for (const [name, series] of discovery) for (const _ of series) owner.set(`m${n++}`, name);
	const RUNS = 40;
	for (let seed = 1; seed <= RUNS; seed++) {
		const raw = await hostile({service: 'cloudwatch', operation: 'GetMetricData', seed}, () => rig.clients.cloudwatch.send(command()));
		if (!raw.ok) assertNoRefusal(raw.error, 'CloudWatch', 'GetMetricData');
		const results: unknown = (raw.value as unknown as Record<string, unknown>)['MetricDataResults'];
		const touched = new Set(raw.report.touched['MetricDataResults'] ?? []);
		if (Array.isArray(results) && raw.report.topLevel.length === 0) {
			results.forEach((item, i) => {
				const decoded = decodeMetricResult(item);
				if (!touched.has(i)) assert.deepEqual(decoded, decodeMetricResult(cleanRaw[i]), `seed ${seed}: untouched result ${i}`);
			});
		}
		const counted = await hostile({service: 'cloudwatch', operation: 'GetMetricData', seed}, () =>
			fetchWindowCounted(rig.clients.cloudwatch, discovery, window),
		);
		assert.ok(counted.ok, `seed ${seed}: fetchWindow threw`);
		const spoiledMetrics = new Set([...touched].map(i => owner.get(`m${i}`)));
		for (const [name, got] of counted.value.windows) {
			for (const v of got.values.values()) assert.ok(Number.isFinite(v));
			if (raw.report.topLevel.length === 0 && !spoiledMetrics.has(name)) {
				// Left alone: exactly the clean numbers, unless an unreadable item elsewhere cannot be placed.
				if (got.error === null) assert.deepEqual(got.values, clean.windows.get(name)!.values, `seed ${seed}: ${name}`);
				else assert.match(got.error, /unreadable/);
			}
		}
	}
});

test('ListMetrics and DescribeAlarms fuzz: untouched items decode as in a clean answer; never a throw', async () => {
	const listClean = (await rig.clients.cloudwatch.send(new ListMetricsCommand({Namespace: 'AWS/IoT'}))).Metrics ?? [];
	const alarmsCommand = () => new DescribeAlarmsCommand({AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], MaxRecords: 100});
	const alarmsClean = await describeIotAlarmsCounted(rig.clients.cloudwatch);
	const alarmsRawClean = (await rig.clients.cloudwatch.send(alarmsCommand())).MetricAlarms ?? [];
	let skipped = 0;
	for (let seed = 1; seed <= 40; seed++) {
		const raw = await hostile({service: 'cloudwatch', operation: 'ListMetrics', seed}, () =>
			rig.clients.cloudwatch.send(new ListMetricsCommand({Namespace: 'AWS/IoT'})),
		);
		if (!raw.ok) assertNoRefusal(raw.error, 'CloudWatch', 'ListMetrics');
		if (raw.report.topLevel.length === 0) {
			const touched = new Set(raw.report.touched['Metrics'] ?? []);
			(raw.value.Metrics as unknown[]).forEach((item, i) => {
				const decoded = decodeListedMetric(item);
				if (!touched.has(i)) assert.deepEqual(decoded, decodeListedMetric(listClean[i]), `seed ${seed}: metric ${i}`);
			});
		}
		const discovered = await hostile({service: 'cloudwatch', operation: 'ListMetrics', seed}, () =>
			discoverSeriesCounted(rig.clients.cloudwatch, DEFAULT_METRICS),
		);
		if (!discovered.ok) assertNoRefusal(discovered.error, 'CloudWatch', 'ListMetrics');
		skipped += discovered.value.skipped;

		const alarmsRaw = await hostile({service: 'cloudwatch', operation: 'DescribeAlarms', seed}, () =>
			rig.clients.cloudwatch.send(alarmsCommand()),
		);
		const alarms = await hostile({service: 'cloudwatch', operation: 'DescribeAlarms', seed}, () => describeIotAlarmsCounted(rig.clients.cloudwatch));
		if (!alarms.ok) assertNoRefusal(alarms.error, 'CloudWatch', 'DescribeAlarms');
		skipped += alarms.value.skipped;
		for (const alarm of alarms.value.alarms) {
			assert.equal(typeof alarm.name, 'string');
			assert.ok(alarm.since === null || Number.isFinite(alarm.since));
			assert.ok(alarm.metrics.every(m => typeof m === 'string'));
		}
		if (!alarmsRaw.ok) assertNoRefusal(alarmsRaw.error, 'CloudWatch', 'DescribeAlarms');
		if (alarmsRaw.report.topLevel.length === 0) {
			// Metric alarms left alone are listed as in the clean answer.
			const touched = new Set(alarmsRaw.report.touched['MetricAlarms'] ?? []);
			alarmsRawClean.forEach((raw, i) => {
				if (touched.has(i)) return;
				const want = alarmsClean.alarms.find(a => a.name === raw.AlarmName && a.kind === 'metric');
				if (want) assert.deepEqual(alarms.value.alarms.find(a => a.name === want.name && a.kind === 'metric'), want, `seed ${seed}: ${want.name}`);
			});
		}
	}
	assert.ok(skipped > 0, 'the fault spoiled some items');
});

test('GetMetricData: values that do not pair with their timestamps, nulls, strings and times going back spoil only their metric', async () => {
	const discovery = await discoverSeries(rig.clients.cloudwatch, DEFAULT_METRICS);
	const window = settledWindow(BASE, 30);
	const clean = await fetchWindowCounted(rig.clients.cloudwatch, discovery, window);
	const names = [...discovery].flatMap(([name, series]) => series.map(() => name));
	const edits = [
		{path: ['MetricDataResults', 0, 'Values'], value: [1, 2, 3]},
		{path: ['MetricDataResults', 1, 'Values', 0], value: null},
		{path: ['MetricDataResults', 2, 'Timestamps', 3], value: 'yesterday'},
		{path: ['MetricDataResults', 3, 'Values', 0], value: 'NaN'},
		// A time going back (or repeated) would be summed twice.
		{path: ['MetricDataResults', 4, 'Timestamps', 1], value: 0},
	];
	const result = await hostile({service: 'cloudwatch', operation: 'GetMetricData', edits}, () =>
		fetchWindowCounted(rig.clients.cloudwatch, discovery, window),
	);
	assert.ok(result.ok, 'no throw');
	assert.equal(result.value.skipped, 5);
	const spoiled = new Set(names.slice(0, 5));
	for (const [name, got] of result.value.windows) {
		if (spoiled.has(name)) {
			assert.match(got.error ?? '', /unreadable answer/, name);
			assert.equal(got.values.size, 0, `${name}: no partial sum that would read as a drop`);
		} else assert.deepEqual(got, clean.windows.get(name), name);
	}
	// An item that cannot be placed: the metrics whose result it may have been say so rather than under-count.
	const lost = await hostile({service: 'cloudwatch', operation: 'GetMetricData', edits: [{path: ['MetricDataResults', 5], value: null}]}, () =>
		fetchWindowCounted(rig.clients.cloudwatch, discovery, window),
	);
	assert.ok(lost.ok);
	assert.equal(lost.value.skipped, 1);
	assert.match(lost.value.windows.get(names[5]!)?.error ?? '', /unreadable answer/);
	assert.equal([...lost.value.windows.values()].filter(w => w.error !== null).length, 1, 'only that one metric');
});

test('ListMetrics and DescribeAlarms: known spoilers are skipped and counted, the rest is used', async () => {
	const clean = await discoverSeriesCounted(rig.clients.cloudwatch, DEFAULT_METRICS);
	const listEdits = [
		{path: ['Metrics', 0], value: null},
		{path: ['Metrics', 1, 'Dimensions'], value: 'Protocol=MQTT'},
		{path: ['Metrics', 2, 'Dimensions', 0], value: null},
		{path: ['Metrics', 3, 'MetricName'], value: {}},
		{path: ['NextToken'], value: {page: 2}},
	];
	const listed = await hostile({service: 'cloudwatch', operation: 'ListMetrics', edits: listEdits}, () =>
		discoverSeriesCounted(rig.clients.cloudwatch, DEFAULT_METRICS),
	);
	assert.ok(listed.ok, 'no throw');
	assert.equal(listed.value.skipped, 5);
	const total = (d: typeof clean.discovery) => [...d.values()].reduce((n, s) => n + s.length, 0);
	assert.ok(total(listed.value.discovery) > 0 && total(listed.value.discovery) <= total(clean.discovery));

	const alarmsClean = await describeIotAlarmsCounted(rig.clients.cloudwatch);
	const alarmEdits = [
		{path: ['MetricAlarms', 0], value: null},
		{path: ['MetricAlarms', 1, 'AlarmName'], value: {}},
		{path: ['MetricAlarms', 2, 'StateUpdatedTimestamp'], value: 'yesterday'},
		{path: ['MetricAlarms', 2, 'StateTransitionedTimestamp'], value: 1e300},
		{path: ['MetricAlarms', 3, 'Metrics'], value: 'x'},
		{path: ['CompositeAlarms', 0, 'AlarmRule'], value: {rule: 'ALARM(x)'}},
	];
	const alarms = await hostile({service: 'cloudwatch', operation: 'DescribeAlarms', edits: alarmEdits}, () =>
		describeIotAlarmsCounted(rig.clients.cloudwatch),
	);
	assert.ok(alarms.ok, 'no throw');
	assert.equal(alarms.value.skipped, 1, 'the null');
	assert.ok(alarms.value.alarms.some(a => a.name === '(unnamed alarm)'));
	assert.ok(alarms.value.alarms.every(a => a.since === null || Number.isFinite(a.since)));
	assert.ok(alarms.value.alarms.length >= alarmsClean.alarms.length - 3);
	assert.ok(!alarms.value.alarms.some(a => a.kind === 'composite'), 'a rule that is not text refers to nothing');
});
