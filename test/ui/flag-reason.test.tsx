/**
 * The flag's reason on screen (issue 10, item 7): the worst flag's deviation.reason under the header of
 * the main screen when the layout has the rows, and the W view's target's reason under its title. Both
 * wrapped at spaces, never cut: the size of the change, the usual value and band, how long it has run.
 */
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup, render} from 'ink-testing-library';
import {textWidth} from '../../source/text/width.js';
import type {MetricSeries, Snapshot} from '../../source/types.js';
import {App} from '../../source/ui/app.js';
import {flagReasonLines, MAX_FLAG_REASON_LINES} from '../../source/ui/frame/flag-reason-lines.js';
import {computeLayout, MIN_ROWS} from '../../source/ui/frame/layout.js';
import {reasonLines} from '../../source/ui/changes/what-changed-lines.js';
import {ASCII} from '../../source/render/glyphs.js';
import type {TerminalSize} from '../../source/ui/shared/use-terminal-size.js';
import {fakeMonitor, fixedClock, incidentMetrics, makeEvents, snapshot, waitFor} from './helpers.js';

afterEach(cleanup);

const PUBLISH_REASON = '-84 % vs the usual Wednesday 12:03 (1.1k, normal 1k-1.3k), 6 min running';
const CONNECT_REASON = '+327 % vs the usual Wednesday 12:03 (96, normal 80-115), 4 min running, recovering 1/3';

/** The incident fixture with reasons on two of its flags (the others have none). */
function withReasons(reasons: Record<string, string | null> = {'PublishIn.Success': PUBLISH_REASON, 'Connect.Success': CONNECT_REASON}): MetricSeries[] {
	return incidentMetrics().map(metric =>
		metric.deviation !== null && metric.name in reasons ? {...metric, deviation: {...metric.deviation, reason: reasons[metric.name] ?? null}} : metric,
	);
}

const plain = (lines: ReadonlyArray<ReadonlyArray<{text: string}>>): string[] => lines.map(line => line.map(segment => segment.text).join(''));
/** The lines as one text, the wrap's breaks and indents as single spaces. */
const joined = (lines: readonly string[]): string => lines.join(' ').replace(/\s+/g, ' ').trim();

test('flagReasonLines: the worst flag (the one W opens on), its name and its reason in full, wrapped within the width', () => {
	for (const width of [60, 80, 120]) {
		const lines = plain(flagReasonLines(withReasons(), width));
		assert.ok(lines.length >= 1 && lines.length <= MAX_FLAG_REASON_LINES, `${width}: ${lines.length} lines`);
		for (const line of lines) assert.ok(textWidth(line) <= width, `${width}: too wide: ${line}`);
		assert.match(lines[0] ?? '', /^ ▼ CRIT PublishIn\.Success /);
		assert.ok(joined(lines).includes(PUBLISH_REASON), `${width}: the reason in full: ${joined(lines)}`);
	}
	assert.equal(plain(flagReasonLines(withReasons(), 120)).length, 1, 'one line where it fits');
	assert.match(joined(plain(flagReasonLines(withReasons(), 120))), /6 min running · 3 more flagged$/);
});

test('flagReasonLines: nothing when nothing is flagged, when the worst flag has no reason, or when it would not fit uncut', () => {
	const calm = withReasons().map(metric => (metric.deviation === null ? metric : {...metric, deviation: {...metric.deviation, severity: 'ok' as const, phase: 'ok' as const}}));
	assert.deepEqual(flagReasonLines(calm, 80), []);
	assert.deepEqual(flagReasonLines(withReasons({'Connect.Success': CONNECT_REASON}), 80), [], 'the worst flag (PublishIn.Success) has no reason: no other flag speaks for it');
	const long = `${PUBLISH_REASON}, ${'and much more to say '.repeat(8)}`;
	assert.deepEqual(flagReasonLines(withReasons({'PublishIn.Success': long}), 80), [], 'never cut: left out instead');
	const ascii = plain(flagReasonLines(withReasons(), 80, ASCII));
	assert.match(ascii[0] ?? '', /^ v CRIT PublishIn\.Success /);
});

test('layout: the reason lines come after the first alarm line and before the 7th and 8th event rows, all or none', () => {
	const at24 = computeLayout(24, 9, 11, 0, 2);
	assert.deepEqual([at24.reasonRows, at24.eventRows, at24.errorMode, at24.statusLine], [2, 6, 'summary', false]);
	const withAlarm = computeLayout(24, 9, 11, 1, 2);
	assert.deepEqual([withAlarm.alarmRows, withAlarm.reasonRows, withAlarm.eventRows], [1, 2, 5]);
	assert.equal(computeLayout(24, 9, 11, 0, 0).reasonRows, 0);
	assert.equal(computeLayout(MIN_ROWS, 9, 11, 0, 2).reasonRows, 0, 'no room: no reason rather than half of one');
	assert.equal(computeLayout(MIN_ROWS + 2, 9, 11, 0, 2).reasonRows, 0, 'one row spare is not two');
	for (let rows = MIN_ROWS; rows <= 60; rows++) {
		const layout = computeLayout(rows, 9, 11, 2, 2);
		assert.ok(layout.reasonRows === 0 || layout.reasonRows === 2, `${rows} rows: ${layout.reasonRows}`);
		const drawn = 1 + layout.alarmRows + layout.reasonRows + layout.metricsRows + 1 + (layout.eventHeader ? 1 : 0) + layout.eventRows + (layout.statusLine ? 1 : 0) + 1;
		assert.equal(drawn, rows - 1, `${rows} rows`);
	}
});

test('W: the reason under the title, in full within the width', () => {
	for (const width of [60, 80]) {
		const lines = plain(reasonLines(CONNECT_REASON, width));
		assert.match(lines[0] ?? '', /^ NOW \+327 % vs the usual/);
		for (const line of lines) assert.ok(textWidth(line) <= width, line);
		assert.equal(joined(lines).replace(/^NOW /, ''), CONNECT_REASON);
	}
	assert.deepEqual(reasonLines(null, 80), []);
});

function renderApp(initial: Snapshot, size: TerminalSize = {columns: 80, rows: 24}) {
	const app = render(<App monitor={fakeMonitor(initial)} onExit={() => {}} size={size} clock={fixedClock} display={{color: 'never', ascii: false}} />);
	const frame = () => (app.lastFrame() ?? '').replace(/\u001b\[[0-9;]*m/g, '');
	return {
		frame,
		async press(key: string) {
			await waitFor(() => app.stdin.listenerCount('readable') > 0, 2000, 'key listener');
			const before = app.frames.length;
			app.stdin.write(key);
			await waitFor(() => app.frames.length > before, 2000, `a frame after ${key}`);
		},
		async until(pattern: RegExp) {
			await waitFor(() => pattern.test(frame()), 2000, String(pattern));
		},
	};
}

const incident = (metrics = withReasons()): Snapshot => snapshot({metrics, status: 'CRIT', events: makeEvents(50)});

test('80x24: the worst flag\'s reason under the header, wrapped uncut, and the screen still 23 rows of 80 columns', async () => {
	const {frame, until} = renderApp(incident());
	await until(/EVENTS/);
	const lines = frame().split('\n');
	assert.ok(lines.length <= 23, `${lines.length} lines`);
	for (const line of lines) assert.ok(textWidth(line) <= 80, `too wide: ${line}`);
	assert.match(lines[1] ?? '', /^ ▼ CRIT PublishIn\.Success -84 %/, 'right under the header');
	assert.ok(joined(lines.slice(1, 3)).includes(PUBLISH_REASON), joined(lines.slice(1, 3)));
	assert.ok(lines.some(line => line.includes('EVENTS')));
});

test('no reason, no line: the header is followed by the metrics titles as before', async () => {
	const {frame, until} = renderApp(incident(incidentMetrics()));
	await until(/EVENTS/);
	assert.match(frame().split('\n')[1] ?? '', /^ METRIC/);
});

test('W: the selected flag\'s reason under the title; Tab moves to the next flag and its reason', async () => {
	const {frame, press, until} = renderApp(incident());
	await until(/EVENTS/);
	await press('W');
	await until(/WHAT CHANGED before PublishIn\.Success/);
	const lines = frame().split('\n');
	const title = lines.findIndex(line => line.startsWith(' WHAT CHANGED'));
	assert.match(lines[title + 1] ?? '', /^ NOW -84 % vs the usual Wednesday 12:03/, 'right under the title');
	assert.ok(!lines.some(line => /^ ▼ CRIT PublishIn/.test(line)), 'the main screen\'s reason line is not repeated over W');
	await press('\t');
	await until(/WHAT CHANGED before Connect\.Success/);
	const next = frame().split('\n');
	const at = next.findIndex(line => line.startsWith(' NOW '));
	const window = next.findIndex(line => /changes? \d\d:\d\d/.test(line));
	assert.ok(at === title + 1 && window > at, 'the reason between the title and the window line');
	assert.equal(joined(next.slice(at, window)).replace(/^NOW /, ''), CONNECT_REASON);
	for (const line of next) assert.ok(textWidth(line) <= 80, line);
	assert.ok(next.length <= 23);
});
