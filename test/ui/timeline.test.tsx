/**
 * Control-plane changes on the sparklines' time axis: a tick glyph in the slot of the minute a change
 * that can explain the metric happened (timeline.ts), computed per snapshot, drawn without a row of its
 * own, in both glyph sets.
 */
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup, render} from 'ink-testing-library';
import {areasFor, type Area} from '../../source/trail/suspects.js';
import type {TrailEvent} from '../../source/types.js';
import {App} from '../../source/ui/app.js';
import type {ResolvedDisplay} from '../../source/render/display.js';
import {ASCII, UNICODE} from '../../source/render/glyphs.js';
import type {MetricColumn} from '../../source/ui/metrics/metric-columns.js';
import {metricRowSegments} from '../../source/ui/metrics/metric-row.js';
import {tickCells} from '../../source/ui/metrics/sparkline.js';
import {changeTicks, maxTicks, sameTicks, tickSlots} from '../../source/ui/metrics/timeline.js';
import {event, fakeMonitor, fixedClock, judged, makeEvents, metric, NOW, snapshot, step, waitFor} from './helpers.js';

afterEach(cleanup);

const MINUTE = 60_000;
/** The newest settled minute of the helpers' metrics: 12:00 (NOW is 12:03:08). */
const END = NOW - 3 * MINUTE - (NOW % MINUTE);
const at = (hh: number, mm: number, ss = 0) => Date.UTC(2024, 4, 1, hh, mm, ss);

const change = (eventName: string, eventTime: number, overrides: Partial<TrailEvent> = {}) =>
	event({eventId: `${eventName}-${eventTime}`, eventName, eventTime, readOnly: false, ...overrides});

/** Flagged CRIT from 11:58 (the last three of the helpers' 90 minutes): What changed looks at 11:28-11:59. */
const flagged = (name: string) => judged(name, step(1000, 100), {expected: 1000, low: 900, high: 1100}, 'crit');

test('changeTicks: for a flagged metric, the minutes of its window with risky successful writes in the areas that can explain it, weighted', () => {
	const events = [
		change('UpdateCertificate', at(11, 50, 30)),
		change('ReplaceTopicRule', at(11, 40, 5)),
		change('CreatePolicyVersion', at(11, 30, 59), {identityType: 'Root'}),
		change('DetachPolicy', at(11, 35), {errorCode: 'AccessDenied'}),
		change('DescribeCertificate', at(11, 36), {readOnly: true}),
		change('AttachPolicy', at(11, 37)),
		change('CreateKeysAndCertificate', at(11, 38)),
		change('DeleteThing', at(11, 39)),
		change('UpdateCertificate', at(11, 0)),
		change('UpdateCertificate', at(11, 59, 30)),
	].sort((a, b) => b.eventTime - a.eventTime);
	const names = ['PublishIn.Success', 'RulesExecuted', 'UpdateThingShadow.Accepted', 'Failure'];
	const ticks = changeTicks(events, [...names.map(flagged), metric('Ping.Success')]);
	const weights = (name: string) => [...(ticks.get(name) ?? new Map<number, number>())].sort((a, b) => a[0] - b[0]);
	// Weighed like suspectsFor ranks areas (its order is its own business): 20 for the metric's most
	// direct area inside its window, one less per step down, one more by root.
	const weight = (name: string, area: Area, root = false) => 20 - areasFor(name).indexOf(area) + (root ? 1 : 0);
	// PublishIn: certificate and policy; not the failed detach, the read, the routine AttachPolicy and
	// CreateKeysAndCertificate, the topic rule, nor 11:00 and 11:59:30 (outside its window).
	assert.deepEqual(weights('PublishIn.Success'), [[at(11, 30), weight('PublishIn.Success', 'policy', true)], [at(11, 50), weight('PublishIn.Success', 'certificate')]]);
	assert.deepEqual(weights('RulesExecuted'), [[at(11, 30), weight('RulesExecuted', 'policy', true)], [at(11, 40), weight('RulesExecuted', 'rule')]], 'topic rules and policies');
	assert.deepEqual(weights('Failure'), weights('RulesExecuted'), 'rule-action failures look at rules too');
	assert.deepEqual(
		weights('UpdateThingShadow.Accepted'),
		[[at(11, 30), weight('UpdateThingShadow.Accepted', 'policy', true)], [at(11, 39), weight('UpdateThingShadow.Accepted', 'thing')], [at(11, 50), weight('UpdateThingShadow.Accepted', 'certificate')]],
		'shadows: policy, thing, certificate',
	);
	assert.deepEqual(weights('Ping.Success'), [], 'a calm metric keeps its whole curve');
	assert.ok(areasFor('PublishIn.Success').includes('certificate') && !areasFor('PublishIn.Success').includes('rule'));
	assert.equal(changeTicks(events, [metric('X', () => 1, {latest: null, points: []})]).size, 0, 'nothing drawn, nothing computed');
});

test('tickSlots puts a minute on the same grid as the values; tickCells keeps the heaviest, then the newest', () => {
	const w = (entries: Array<[number, number]>) => new Map(entries);
	assert.deepEqual(tickSlots(w([[END, 5], [END - 2 * MINUTE, 7], [END + MINUTE, 9], [END - 10 * MINUTE, 9]]), MINUTE, END, 4), [0, 7, 0, 5]);
	assert.deepEqual(tickSlots(w([[END - 4 * MINUTE, 3], [END + 4 * MINUTE, 4]]), 5 * MINUTE, END, 2), [3, 4], 'minutes inside five-minute buckets');
	assert.deepEqual(tickCells([0, 9, 0, 0, 0, 0], 3, 3), [true, false, false], 'shrinking: any slot marks its cell');
	assert.deepEqual(tickCells([5, 9, 5, 0, 5], 5, 2), [false, true, false, false, true], 'the heaviest, then the newest');
	assert.deepEqual(tickCells([0, 0, 0], 3, 2), [false, false, false]);
	assert.deepEqual([maxTicks(17), maxTicks(23), maxTicks(90), maxTicks(3)], [2, 2, 11, 1]);
});

test('a row at one cell per minute: the tick sits in the slot of its minute and nowhere else', () => {
	const columns: MetricColumn[] = [{id: 'spark', title: '', width: 90, align: 'left'}];
	const series = metric('PublishIn.Success', () => 100);
	const spark = (g = UNICODE) => metricRowSegments(series, columns, g, {ticks: new Map([[at(11, 45), 10]])}).map(s => s.text).join('').slice(1);
	// The 90 slots run 10:31 .. 12:00; 11:45 is slot 74.
	assert.equal(spark().indexOf('│'), 74);
	assert.equal([...spark()].filter(char => char === '│').length, 1);
	assert.equal(spark(ASCII).indexOf('|'), 74);
	const plain = metricRowSegments(series, columns, UNICODE, {}).map(s => s.text).join('');
	assert.doesNotMatch(plain, /│/);
});

test('a busy control plane: at most one tick per eight cells, so the curve still shows', () => {
	const columns: MetricColumn[] = [{id: 'spark', title: '', width: 23, align: 'left'}];
	const everyMinute = new Map(Array.from({length: 90}, (_, i) => [END - i * MINUTE, 10] as [number, number]));
	const text = metricRowSegments(metric('PublishIn.Success', () => 100), columns, UNICODE, {ticks: everyMinute}).map(s => s.text).join('');
	assert.equal([...text].filter(char => char === '│').length, 2);
	assert.match(text, /▄{21}││$/, 'all as heavy: the newest two');
});

test('only the changes of a flagged metric\'s suspect window (what W lists) tick', () => {
	const crit = flagged('PublishIn.Success');
	const events = [
		change('UpdateCertificate', at(12, 0, 30)),
		change('CreatePolicyVersion', at(11, 59, 10)),
		change('SetDefaultPolicyVersion', at(11, 40)),
		change('DetachPolicy', at(11, 10)),
	];
	const weights = changeTicks(events, [crit]).get('PublishIn.Success') ?? new Map<number, number>();
	assert.deepEqual([...weights.keys()], [at(11, 40)], 'inside 11:28..11:59, the onset being 11:58');
	const narrow = tickCells(tickSlots(weights, MINUTE, END, 90), 17, maxTicks(17));
	assert.equal(narrow.filter(Boolean).length, 1);
	// 11:40 is slot 69 of 90, in cell 13 of 17 (80 columns with the ALM column).
	assert.equal(narrow[13], true, 'the 11:40 change keeps its tick at 80 columns');
});

test('a tick never hides a deviating slot: the drop keeps its height and colour', () => {
	const columns: MetricColumn[] = [{id: 'spark', title: '', width: 90, align: 'left'}];
	const series = judged('PublishIn.Success', index => (index >= 88 ? 10 : 100), {expected: 100, low: 90, high: 110}, 'crit');
	const segments = metricRowSegments(series, columns, UNICODE, {ticks: new Map([[END - MINUTE, 10], [END - 30 * MINUTE, 10]])});
	const ticks = segments.filter(segment => segment.text.includes('│'));
	assert.deepEqual(ticks.map(segment => [segment.text, segment.color, segment.bold]), [['│', undefined, true]], 'only the in-band change is ticked');
	const text = segments.map(segment => segment.text).join('');
	assert.equal(text.indexOf('│'), 1 + 59, 'at 11:30 (slot 59 of 0..89)');
	assert.deepEqual(segments.at(-1), {text: '__', color: 'red'}, 'the drop at 11:59-12:00 is still drawn, below the band, in red');
});


/** The default metrics, with PublishIn, Connect and RulesExecuted flagged CRIT from 11:58. */
const incidentSnapshot = (events: TrailEvent[]) => {
	const base = snapshot({events});
	const crit = new Set(['PublishIn.Success', 'Connect.Success', 'RulesExecuted']);
	return {...base, metrics: base.metrics.map(series => (crit.has(series.name) ? flagged(series.name) : series))};
};

async function appFrame(events: TrailEvent[], display: ResolvedDisplay = {color: 'never', ascii: false}): Promise<string[]> {
	const app = render(<App monitor={fakeMonitor(incidentSnapshot(events))} onExit={() => {}} size={{columns: 80, rows: 24}} clock={fixedClock} display={display} />);
	await waitFor(() => /EVENTS/.test(app.lastFrame() ?? ''), 2000, 'the first frame');
	return (app.lastFrame() ?? '').split('\n');
}

/** At 80 columns the sparkline has 23 cells from column 47 (after name, NOW and Δ): the cell of slot 74. */
const SPARK_START = 1 + 26 + 1 + 9 + 2 + 6 + 2;
const cellOf = (slot: number, cells = 23, slots = 90) => Array.from({length: cells}, (_, c) => c).find(c => Math.floor((c * slots) / cells) <= slot && slot < Math.max(Math.floor((c * slots) / cells) + 1, Math.floor(((c + 1) * slots) / cells))) ?? -1;

test('80x24 App: an UpdateCertificate (status unknown: risky) at 11:45 ticks the flagged connect and publish sparklines at 11:45, not RulesExecuted nor the calm Ping; no row added', async () => {
	const events = [...makeEvents(20), change('UpdateCertificate', at(11, 45, 20))].sort((a, b) => b.eventTime - a.eventTime);
	const lines = await appFrame(events);
	assert.equal(lines.length, 23);
	const row = (name: string) => lines.find(line => line.startsWith(` ${name} `)) ?? '';
	for (const name of ['PublishIn.Success', 'Connect.Success']) {
		assert.equal(row(name).indexOf('│'), SPARK_START + cellOf(74), name);
		assert.equal(row(name).lastIndexOf('│'), SPARK_START + cellOf(74), `${name}: one tick`);
	}
	assert.doesNotMatch(row('RulesExecuted'), /│/, 'a certificate cannot explain the rules engine');
	assert.doesNotMatch(row('Ping.Success'), /│/, 'a calm metric gets no tick');
	cleanup();
	const ascii = await appFrame(events, {color: 'never', ascii: true});
	assert.equal((ascii.find(line => line.startsWith(' PublishIn.Success ')) ?? '').indexOf('|'), SPARK_START + cellOf(74));
});

test('80x24 App: a ReplaceTopicRule ticks RulesExecuted only', async () => {
	const lines = await appFrame([...makeEvents(5), change('ReplaceTopicRule', at(11, 32))].sort((a, b) => b.eventTime - a.eventTime));
	const row = (name: string) => lines.find(line => line.startsWith(` ${name} `)) ?? '';
	assert.equal(row('RulesExecuted').indexOf('│'), SPARK_START + cellOf(61));
	assert.doesNotMatch(row('PublishIn.Success'), /│/);
});

test('sameTicks: equal minutes and weights are the same ticks, whatever the objects', () => {
	const ticks = (entries: Array<[string, Array<[number, number]>]>) => new Map(entries.map(([name, minutes]) => [name, new Map(minutes)]));
	const a = ticks([['Connect.Success', [[60_000, 10]]], ['PublishIn.Success', []]]);
	assert.ok(sameTicks(a, a));
	assert.ok(sameTicks(a, ticks([['Connect.Success', [[60_000, 10]]], ['PublishIn.Success', []]])));
	assert.ok(!sameTicks(a, ticks([['Connect.Success', [[60_000, 11]]], ['PublishIn.Success', []]])), 'another weight');
	assert.ok(!sameTicks(a, ticks([['Connect.Success', [[120_000, 10]]], ['PublishIn.Success', []]])), 'another minute');
	assert.ok(!sameTicks(a, ticks([['Connect.Success', [[60_000, 10]]], ['PublishIn.Success', [[60_000, 1]]]])), 'one more minute');
	assert.ok(!sameTicks(a, ticks([['Connect.Success', [[60_000, 10]]]])), 'a metric fewer');
	assert.ok(!sameTicks(a, ticks([['Connect.Success', [[60_000, 10]]], ['Other', []]])), 'another metric');
});
