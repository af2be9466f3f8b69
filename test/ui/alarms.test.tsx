/**
 * CloudWatch alarms on screen: the ALM mark beside each watched metric's flag, the alarm line(s) under
 * the header while an IoT alarm is in ALARM, the count in the header, the `a` list, a failed
 * DescribeAlarms as a quiet note, ASCII glyphs, and hostile alarm text kept inert.
 */
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup, render} from 'ink-testing-library';
import {textWidth} from '../../source/text/width.js';
import type {Alarm, Snapshot} from '../../source/types.js';
import {App} from '../../source/ui/app.js';
import {alarmStatesByMetric} from '../../source/iot/alarm-states.js';
import {alarmBannerLines} from '../../source/ui/alarms/alarm-lines.js';
import type {ResolvedDisplay} from '../../source/render/display.js';
import type {TerminalSize} from '../../source/ui/shared/use-terminal-size.js';
import {alarm, fakeMonitor, fixedClock, incidentMetrics, KEYS, makeEvents, NOW, snapshot, waitFor} from './helpers.js';

afterEach(cleanup);

const MINUTE = 60_000;
const stripInkStyles = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');
const UNSAFE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

function renderApp(initial: Snapshot, size: TerminalSize = {columns: 80, rows: 24}, display: ResolvedDisplay = {color: 'never', ascii: false}) {
	const app = render(<App monitor={fakeMonitor(initial)} onExit={() => {}} size={size} clock={fixedClock} display={display} />);
	const frame = () => stripInkStyles(app.lastFrame() ?? '');
	return {
		frame,
		lines: () => frame().split('\n'),
		frames: () => app.frames.map(stripInkStyles),
		async press(...keys: string[]) {
			await waitFor(() => app.stdin.listenerCount('readable') > 0, 2000, 'key listener');
			for (const key of keys) {
				app.stdin.write(key);
				await new Promise(resolve => setImmediate(resolve));
			}
		},
		async until(pattern: RegExp, what = String(pattern)) {
			await waitFor(() => pattern.test(frame()), 2000, what);
		},
	};
}

function assertFits(lines: readonly string[], size: TerminalSize): void {
	assert.ok(lines.length <= size.rows - 1, `${lines.length} lines in ${size.rows} rows`);
	for (const line of lines) assert.ok(textWidth(line) <= size.columns, `wider than ${size.columns}: ${line}`);
}

const rowOf = (lines: readonly string[], name: string): string => lines.find(line => line.startsWith(` ${name} `)) ?? '';
const eventRows = (lines: readonly string[]) => lines.filter(line => /^.\d\d:\d\d:\d\d /.test(line)).length;

/** Two alarms firing (Connect.Success 3 min ago, Connect.AuthError 12 min ago), one without data, one OK, a composite. */
const ALARMS: Alarm[] = [
	alarm({name: 'iot-connect-storm', metrics: ['Connect.Success'], since: NOW - 3 * MINUTE, reason: 'Threshold Crossed: 410 > 200'}),
	alarm(),
	alarm({name: 'iot-ping-low', state: 'INSUFFICIENT_DATA', metrics: ['Ping.Success'], since: NOW - 60 * MINUTE, reason: 'Unchecked: Initial alarm creation'}),
	alarm({name: 'iot-publishout-low', state: 'OK', metrics: ['PublishOut.Success'], reason: null}),
	alarm({name: 'iot-fleet', kind: 'composite', state: 'OK', metrics: [], children: ['iot-connect-storm', 'iot-ping-low'], reason: 'No child alarm is in ALARM'}),
];

const incident = (alarms: readonly Alarm[] = ALARMS, overrides: Partial<Snapshot> = {}): Snapshot =>
	snapshot({metrics: incidentMetrics(), status: 'CRIT', events: makeEvents(50), alarms, ...overrides});

test('80x24: the ALM mark beside the flag of the watched metric only, the ALARM line, 7 events', async () => {
	const size = {columns: 80, rows: 24};
	const {until, lines} = renderApp(incident(), size);
	await until(/EVENTS/);
	assertFits(lines(), size);
	assert.equal(lines().length, 23);
	assert.match(lines().find(line => line.startsWith(' METRIC ')) ?? '', /FLAG\s+ALM$/);
	assert.match(rowOf(lines(), 'Connect.Success'), /▲ CRIT\s+◆ ALM$/);
	assert.match(rowOf(lines(), 'Ping.Success'), /·\s+◇ ins$/);
	assert.match(rowOf(lines(), 'PublishOut.Success'), /·\s+ok$/);
	assert.match(rowOf(lines(), 'PublishIn.Success'), /▼ CRIT$/, 'no alarm watches it: no mark');
	assert.match(lines()[1] ?? '', /^ ◆ 2 ALARM: iot-connect-storm 3m ago, iot-connect-autherror-high 12m ago/, 'newest first, under the header');
	assert.match(lines()[0] ?? '', /▼▲ 3 CRIT · 1 WARN · ◆ 2 ALARM/);
	assert.match(lines().find(line => /errors: 11 metrics/.test(line)) ?? '', /Connect\.AuthError 312 \(76%\) ◆ ALM/, 'the folded error line marks it too');
	assert.equal(eventRows(lines()), 7, 'the alarm line costs the event log one row');
});

test('one alarm in ALARM: its line says since when and why', async () => {
	const {until, lines} = renderApp(incident([alarm()]));
	await until(/EVENTS/);
	assert.match(lines()[1] ?? '', /^ ◆ ALARM iot-connect-autherror-high · since 11:51:08 \(12m ago\) · Threshold Cros…$/);
});

test('120x40: one line per alarm in ALARM, at most four, the last saying how many more', async () => {
	const size = {columns: 120, rows: 40};
	const many = Array.from({length: 6}, (_, i) => alarm({name: `iot-alarm-${i}`, since: NOW - (i + 1) * MINUTE, metrics: ['Connect.AuthError']}));
	const {until, lines} = renderApp(incident(many), size);
	await until(/EVENTS/);
	assertFits(lines(), size);
	assert.match(lines()[1] ?? '', /^ ◆ ALARM iot-alarm-0 · since 12:02:08 \(1m ago\) · Threshold/);
	assert.match(lines()[2] ?? '', /^ ◆ ALARM iot-alarm-1 /);
	assert.match(lines()[3] ?? '', /^ ◆ ALARM iot-alarm-2 /);
	assert.match(lines()[4] ?? '', /^ ◆ \+3 more in ALARM · a lists all$/);
	assert.match(lines()[5] ?? '', /^ METRIC /);
	assert.ok(lines().some(line => line.startsWith(' ERRORS & THROTTLES')), 'the error group still unfolds');
	assert.match(rowOf(lines(), 'Connect.AuthError'), /▲ CRIT\s+◆ ALM$/);
});

test('no alarm in ALARM: no alarm line, 8 events; no alarm at all: no ALM column either', async () => {
	const quiet = renderApp(incident([alarm({state: 'OK', metrics: ['Connect.Success']})]));
	await quiet.until(/EVENTS/);
	assert.match(quiet.lines()[1] ?? '', /^ METRIC .*FLAG\s+ALM$/);
	assert.equal(eventRows(quiet.lines()), 8);
	assert.doesNotMatch(quiet.lines()[0] ?? '', /ALARM/);
	cleanup();
	const none = renderApp(incident([]));
	await none.until(/EVENTS/);
	assert.match(none.lines()[1] ?? '', /^ METRIC .*FLAG$/);
	assert.equal(eventRows(none.lines()), 8);
});

test('alarms alone make the header say so, not a bare CRIT', async () => {
	const {until, lines} = renderApp(snapshot({status: 'CRIT', alarms: [alarm()]}));
	await until(/EVENTS/);
	assert.match(lines()[0] ?? '', /◆ 1 ALARM/);
	assert.doesNotMatch(lines()[0] ?? '', /⚠ CRIT/);
});

test('the worst state wins when several alarms watch one metric; composites watch alarms, not metrics', () => {
	const states = alarmStatesByMetric([
		alarm({state: 'OK', metrics: ['Connect.AuthError', 'Connect.Success']}),
		alarm({state: 'INSUFFICIENT_DATA', metrics: ['Connect.Success']}),
		alarm({state: 'ALARM', metrics: ['Connect.AuthError']}),
		alarm({kind: 'composite', state: 'ALARM', metrics: ['Ping.Success'], children: ['x']}),
	]);
	assert.deepEqual(Object.fromEntries(states), {'Connect.AuthError': 'ALARM', 'Connect.Success': 'INSUFFICIENT_DATA'});
	assert.deepEqual(alarmBannerLines([alarm({state: 'OK'})], NOW, 80, 4), [], 'nothing while none is in ALARM');
});

test('one banner line for many alarms: count, newest first with ages, as many names as fit, then how many more', () => {
	const many = Array.from({length: 9}, (_, i) => alarm({name: `iot-alarm-number-${i}`, since: NOW - (i + 1) * MINUTE}));
	const [line, ...rest] = alarmBannerLines(many, NOW, 80, 1);
	const text = (line ?? []).map(segment => segment.text).join('');
	assert.equal(rest.length, 0);
	assert.ok(textWidth(text) <= 80, text);
	assert.match(text, /^ ◆ 9 ALARM: iot-alarm-number-0 1m ago, iot-alarm-number-1 2m ago, \+7 more$/);
	const wide = alarmBannerLines(many.slice(0, 2), NOW, 120, 1).flat().map(segment => segment.text).join('');
	assert.equal(wide, ' ◆ 2 ALARM: iot-alarm-number-0 1m ago, iot-alarm-number-1 2m ago · a lists all');
	const unknown = alarmBannerLines([alarm({since: null}), alarm({name: 'b', since: null})], NOW, 120, 1).flat().map(segment => segment.text).join('');
	assert.match(unknown, /since \?/, 'CloudWatch did not say when');
});

test('a lists every IoT alarm: state, name, kind, since, what it watches, the reason; Esc returns', async () => {
	const size = {columns: 80, rows: 40};
	const {press, until, frame, lines} = renderApp(incident(), size);
	await until(/EVENTS/);
	await press('a');
	await until(/ALARMS · CloudWatch alarms on AWS\/IoT metrics/);
	assertFits(lines(), size);
	const text = frame();
	assert.match(text, /2 of 5 IoT alarms in ALARM/);
	assert.match(text, /◆ ALARM {2}iot-connect-storm {2}metric alarm\n since {6}2024-05-01 12:00:08 UTC \(3m ago\)\n watches {4}Connect\.Success\n reason {5}Threshold Crossed: 410 > 200/);
	assert.match(text, /◇ INSUFFICIENT_DATA {2}iot-ping-low/);
	assert.match(text, /OK {2}iot-fleet {2}composite alarm[^]*of {9}iot-connect-storm, iot-ping-low/);
	const order = ['iot-connect-storm', 'iot-connect-autherror-high', 'iot-ping-low', 'iot-fleet', 'iot-publishout-low'].map(name => text.indexOf(`  ${name}  `));
	assert.deepEqual([...order].sort((a, b) => a - b), order, 'ALARM newest first, then insufficient data, then OK by name');
	assert.match(lines().at(-1) ?? '', /Esc back/);
	await press(KEYS.escape);
	await until(/EVENTS/);
	await press('a');
	await until(/ALARMS/);
	await press('a');
	await until(/EVENTS/, 'a again closes it');
});

test('a long list scrolls with j/k and G', async () => {
	const many = Array.from({length: 12}, (_, i) => alarm({name: `iot-alarm-${String(i).padStart(2, '0')}`, since: NOW - (i + 1) * MINUTE}));
	const {press, until, frame} = renderApp(incident(many));
	await until(/EVENTS/);
	await press('a');
	await until(/ALARMS .* of \d+ · j\/k scroll/);
	assert.doesNotMatch(frame(), /iot-alarm-11 /);
	await press('G');
	await until(/iot-alarm-11 /, 'the end of the list');
	await press('g');
	await until(/iot-alarm-00 /, 'back at the top');
});

test('a failed DescribeAlarms is a quiet note, never a crash: header, status line and the a list', async () => {
	const error = 'AccessDenied: not authorized to perform cloudwatch:DescribeAlarms';
	const wide = renderApp(incident([], {alarmsError: error}), {columns: 160, rows: 30});
	await wide.until(/EVENTS/);
	assert.match(wide.lines()[0] ?? '', / · alarms ✗ AccessDenied: not authorized/);
	assert.match(wide.lines().at(-2) ?? '', /alarms ✗ AccessDeni/, 'the status line');
	cleanup();
	const narrow = renderApp(incident([], {alarmsError: error}));
	await narrow.until(/EVENTS/);
	assertFits(narrow.lines(), {columns: 80, rows: 24});
	await narrow.press('a');
	await narrow.until(/✗ alarms not refreshed: AccessDenied/);
	cleanup();
	const kept = renderApp(incident([alarm()], {alarmsError: error}));
	await kept.until(/EVENTS/);
	assert.match(kept.lines()[1] ?? '', /◆ ALARM iot-connect-autherror-high/, 'the last list read still shows');
	await kept.press('a');
	await kept.until(/the list below is the last one read/);
});

test('ASCII: @ ALM, ? ins, the alarm line and the list', async () => {
	const size = {columns: 80, rows: 24};
	const {press, until, lines, frame} = renderApp(incident(), size, {color: 'never', ascii: true});
	await until(/EVENTS/);
	assert.match(rowOf(lines(), 'Connect.Success'), /\^ CRIT\s+@ ALM$/);
	assert.match(rowOf(lines(), 'Ping.Success'), /\.\s+\? ins$/);
	assert.match(lines()[1] ?? '', /^ @ 2 ALARM: iot-connect-storm 3m ago/);
	assert.match(lines()[0] ?? '', /\| @ 2 ALARM/);
	for (const line of lines()) assert.match(line, /^[\x20-\x7E]*$/, line);
	await press('a');
	await until(/ALARMS/);
	assert.match(frame(), /@ ALARM {2}iot-connect-storm/);
	assert.match(frame(), /\? INSUFFICIENT_DATA {2}iot-ping-low/);
	for (const line of lines()) assert.match(line, /^[\x20-\x7E]*$/, line);
});

test('hostile alarm names, reasons, descriptions and children never reach the frame raw', async () => {
	const evil = '\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202Eevil\u2066\r\n\u0000';
	const hostile = [
		alarm({name: `n${evil}`, reason: `r${evil}${'x'.repeat(5000)}`, description: `d${evil}`, metrics: ['Connect.AuthError', `m${evil}`]}),
		alarm({name: `c${evil}`, kind: 'composite', metrics: [], children: [`k${evil}`], reason: evil}),
		alarm({name: `i${evil}`, state: 'INSUFFICIENT_DATA', metrics: [`Ping.Success`], reason: evil}),
	];
	for (const size of [{columns: 80, rows: 24}, {columns: 120, rows: 40}]) {
		cleanup();
		const app = renderApp(incident(hostile, {alarmsError: `denied${evil}`}), size);
		await app.until(/EVENTS/);
		await app.press('a');
		await app.until(/ALARMS/);
		await app.press('G');
		for (const frame of app.frames()) {
			assert.doesNotMatch(frame, UNSAFE, JSON.stringify(frame.match(UNSAFE)));
			assert.ok(!frame.includes('\u001b'));
			assertFits(frame.split('\n'), size);
		}
		assert.match(app.frame(), /␛\]0;pwned␇/, 'shown as visible control pictures');
	}
});
