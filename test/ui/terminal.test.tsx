/**
 * The App across terminal sizes and display modes: 80x24 and 200x60 with everything essential on
 * screen, the "too small" message below 60x15 and back, ASCII glyphs on every screen, colour off
 * without losing bold/dim/inverse, and the source status line.
 */
import {after, afterEach, before, test} from 'node:test';
import assert from 'node:assert/strict';
import chalk from 'chalk';
import {cleanup, render} from 'ink-testing-library';
import {BASELINE_METRICS} from '../../source/iot/catalog.js';
import {textWidth} from '../../source/text/width.js';
import type {Snapshot} from '../../source/types.js';
import {App} from '../../source/ui/app.js';
import type {ResolvedDisplay} from '../../source/render/display.js';
import type {TerminalSize} from '../../source/ui/shared/use-terminal-size.js';
import {fakeMonitor, fixedClock, health, incidentMetrics, KEYS, mixedEvents, NOW, snapshot, waitFor} from './helpers.js';

// ink-testing-library's stdout is not a TTY, so chalk writes no styles at all in this process: give it
// the basic level a terminal would, so that leaving colours out is something a test can see.
let chalkLevel: typeof chalk.level;
before(() => {
	chalkLevel = chalk.level;
	chalk.level = 1;
});
after(() => {
	chalk.level = chalkLevel;
});
afterEach(cleanup);

const UNICODE_COLOR: ResolvedDisplay = {color: 'always', ascii: false};
const incident = (): Snapshot => snapshot({metrics: incidentMetrics(), status: 'CRIT', events: mixedEvents(300)});

function renderApp(initial: Snapshot, size: TerminalSize, display: ResolvedDisplay = UNICODE_COLOR) {
	const monitor = fakeMonitor(initial);
	const element = (at: TerminalSize) => (
		<App monitor={monitor} onExit={() => {}} size={at} clock={fixedClock} display={display} exportEvents={async events => ({count: events.length, paths: ['/tmp/out/iot-monitor-events.jsonl', '/tmp/out/iot-monitor-events.csv']})} />
	);
	const app = render(element(size));
	const raw = () => app.lastFrame() ?? '';
	const frame = () => raw().replace(/\u001B\[[0-9;]*m/g, '');
	return {
		monitor,
		raw,
		frame,
		lines: () => frame().split('\n'),
		resize: (at: TerminalSize) => app.rerender(element(at)),
		async press(...keys: string[]) {
			await waitFor(() => app.stdin.listenerCount('readable') > 0, 2000, 'key listener');
			for (const key of keys) app.stdin.write(key);
		},
		async until(pattern: RegExp, what = String(pattern)) {
			await waitFor(() => pattern.test(frame()), 2000, what);
		},
	};
}

/** Every line within the width, no more lines than the terminal has rows less one. */
function assertFits(lines: readonly string[], size: TerminalSize): void {
	assert.ok(lines.length <= size.rows - 1, `${lines.length} lines in ${size.rows} rows`);
	for (const line of lines) assert.ok(textWidth(line) <= size.columns, `wider than ${size.columns}: ${line}`);
}

const FLAG = /(▼ CRIT|▲ CRIT|▲ WARN|·|learning|no data|v CRIT|\^ CRIT|\^ WARN|\.)$/;

/** Header, every baseline metric with a value and a flag, the error line, `events` event rows, the footer. */
function assertEssentials(lines: readonly string[], events: number): void {
	assert.match(lines[0] ?? '', /us-east-1.*(live|paused).*CRIT/);
	for (const name of BASELINE_METRICS) {
		const row = lines.find(line => line.startsWith(` ${name} `)) ?? '';
		assert.match(row, /\s(\d[\d\u2009.,k]*|—|-)\s/, `${name} has a value`);
		assert.match(row.trimEnd(), FLAG, `${name} has a flag`);
	}
	assert.ok(lines.some(line => /Connect\.AuthError/.test(line)), 'the error group');
	const rows = lines.filter(line => /^.\d\d:\d\d:\d\d /.test(line)).length;
	assert.ok(rows >= events, `${rows} event rows, want ${events}`);
	assert.match(lines.at(-1) ?? '', /q quit.*\? help/);
}

test('80x24: header, all nine metrics with value and flag, 8 events and the footer in 23 lines of 80 columns', async () => {
	const size = {columns: 80, rows: 24};
	const {lines, until} = renderApp(incident(), size);
	await until(/EVENTS/);
	assertFits(lines(), size);
	assertEssentials(lines(), 8);
	assert.equal(lines().length, 23);
	assert.ok(!lines().some(line => /calls\/min/.test(line)), 'no row for the status line at 80x24');
});

test('200x60: wider columns and sparklines, more events, the status line above the footer', async () => {
	const size = {columns: 200, rows: 60};
	const {lines, until} = renderApp(incident(), size);
	await until(/EVENTS/);
	assertFits(lines(), size);
	assertEssentials(lines(), 30);
	assert.equal(lines().length, 59);
	const all = lines().join('\n');
	assert.match(all, /BASELINE \(band\)\s+Δ\s+VS BAND\s+LAST 90 MIN\s+AT\s+FLAG/);
	assert.match(all, /SOURCE IP/);
	assert.ok(/[▁▂▃▄▅▆▇█_]{90,}/.test(all), 'a sparkline of 90 cells or more');
	const status = lines().at(-2) ?? '';
	assert.match(status, /^ metrics 12:03:00 UTC \(now\) · 1 call\/min · 0 throttles\/min · ≈ \$0\.\d\d\/day {3}trail 12:03:05 UTC \(now\)/);
});

test('60x15, the smallest layout: every metric with its flag, the error line and one event', async () => {
	const size = {columns: 60, rows: 15};
	const {lines, until} = renderApp(incident(), size);
	await until(/EVENTS/);
	assertFits(lines(), size);
	for (const name of ['PublishIn.Success', 'Ping.Success', 'RulesExecuted']) assert.ok(lines().some(line => line.startsWith(` ${name} `)), name);
	assert.equal(lines().filter(line => FLAG.test(line.trimEnd())).length, 9, 'nine metric rows end with a flag');
	assert.ok(lines().some(line => /CRIT Connect\.AuthError/.test(line)), 'the error line');
	assert.ok(lines().some(line => /^.\d\d:\d\d:\d\d /.test(line)));
	assert.match(lines().at(-1) ?? '', /q quit/);
});

test('too small: a clear message instead of a broken layout, and the layout comes back when the terminal grows', async () => {
	const {lines, until, resize, frame} = renderApp(incident(), {columns: 80, rows: 24});
	await until(/EVENTS/);
	for (const size of [{columns: 59, rows: 15}, {columns: 60, rows: 14}, {columns: 30, rows: 6}]) {
		resize(size);
		await until(new RegExp(`terminal too small \\(${size.columns}x${size.rows}\\);`), `the message at ${size.columns}x${size.rows}`);
		assertFits(lines(), size);
		assert.match(frame().replace(/\n /g, ' '), /need at least 60x15/);
		assert.doesNotMatch(frame(), /EVENTS|METRIC/);
	}
	resize({columns: 80, rows: 24});
	await until(/EVENTS/, 'the layout back');
	assertEssentials(lines(), 8);
});

test('colour off: no colour escape at all, while bold, dim and inverse stay; colour on writes colours', async () => {
	const on = renderApp(incident(), {columns: 120, rows: 30});
	await on.until(/EVENTS/);
	assert.match(on.raw(), /\u001B\[3[1-6]m/, 'colours with colour on (the check below can see them)');
	cleanup();
	const off = renderApp(incident(), {columns: 120, rows: 30}, {color: 'never', ascii: false});
	await off.until(/EVENTS/);
	const codes = [...off.raw().matchAll(/\u001B\[([0-9;]*)m/g)].flatMap(match => (match[1] ?? '').split(';'));
	const colour = codes.filter(code => /^(3\d|4\d|9[0-7]|10[0-7])$/.test(code));
	assert.deepEqual(colour, [], 'no SGR 30-49 or 90-107');
	for (const [code, what] of [['1', 'bold'], ['2', 'dim'], ['7', 'inverse']] as const) assert.ok(codes.includes(code), what);
	assert.match(off.frame(), /▼ CRIT/, 'severity still reads by glyph and word');
	assert.match(off.frame(), /^▸/m, 'the selection still reads by glyph');
});

const NON_ASCII = /[^\x20-\x7E\n]/;

test('ASCII: list, scrolled list, help, detail, filter line and export message draw ASCII only', async () => {
	// Every string of these events is ASCII: any other character would be one of ours.
	const stale = incident();
	const s: Snapshot = {...stale, health: {metrics: health({lastSuccess: NOW - 5 * 60_000}), trail: health({throttled: true, error: 'Throttling: Rate exceeded'})}};
	const app = renderApp(s, {columns: 80, rows: 24}, {color: 'always', ascii: true});
	const screens: string[] = [];
	const look = async (pattern: RegExp, what: string) => {
		await app.until(pattern, what);
		screens.push(app.frame());
	};
	await look(/EVENTS/, 'the list');
	assert.match(app.frame(), /v CRIT/);
	assert.match(app.frame(), /^>/m);
	assert.match(app.frame(), / !< DeleteThing/, 'risk and late marks');
	assert.match(app.frame(), /x AccessDenied/);
	assert.match(app.frame(), /! stale/);
	assert.match(app.frame(), /k\/Up up/);
	await app.press('j');
	await app.until(/^>.*UpdateThing/m, 'moved');
	app.monitor.emit({...s, events: [...mixedEvents(2, NOW + 5000).map(e => ({...e, eventId: `n${e.eventId}`})), ...s.events]});
	await look(/\^ 2 new/, 'new events above');
	await app.press('?');
	await look(/HELP/, 'the help');
	assert.match(app.frame(), /Enter\s+detail/);
	assert.match(app.lines().at(-1) ?? '', /metrics ! stale 5m ago/, 'the status line in the footer row');
	await app.press('G');
	await look(/arrived late/, 'the legend');
	assert.match(app.frame(), /gauge --=o=-- \(< > beyond\)/);
	await app.press(KEYS.escape);
	await app.until(/EVENTS/);
	await app.press('g');
	await app.until(/^>.*Create0/m, 'newest');
	for (let i = 0; i < 7; i++) await app.press('j');
	await app.until(/^>.*DeleteThing/m, 'the root event selected');
	await app.press('\r');
	await look(/DETAIL/, 'the detail');
	assert.match(app.frame(), /FLAGS\s+! /);
	assert.match(app.frame(), / --- record -+/);
	await app.press(KEYS.escape);
	await app.until(/EVENTS/);
	await app.press('/');
	await app.press('Update');
	await look(/Enter apply \| Esc cancel/, 'the filter line');
	await app.press('\r');
	await look(/filter: "Update"/, 'the filter applied');
	assert.match(app.lines()[0] ?? '', /filter \d+\/\d+/);
	await app.press('x');
	await look(/\+ exported \d+ events to/, 'the export message');
	for (const screen of screens) {
		const bad = screen.split('\n').find(line => NON_ASCII.test(line));
		assert.equal(bad, undefined, `non-ASCII on screen:\n${screen}`);
	}
});

test('? shows the help and the status line in the footer row at 80x24; p pauses, r refreshes there too', async () => {
	const {press, until, lines, monitor} = renderApp(incident(), {columns: 80, rows: 24});
	await press('?');
	await until(/HELP/);
	assert.match(lines().at(-1) ?? '', /^ metrics now · 1 call\/min · ≈ \$0\.\d\d\/day {3}trail now · 1 call\/min$/);
	assert.ok(lines().some(line => /^ p\s+pause or resume polling/.test(line)));
	await press('p');
	await waitFor(() => monitor.calls.paused.length === 1, 2000, 'pause');
	await press('r');
	await waitFor(() => monitor.calls.refresh === 1, 2000, 'refresh');
	monitor.emit({...monitor.getSnapshot(), paused: true});
	await until(/‖ paused/);
	await press(KEYS.escape);
	await until(/EVENTS/);
	// p and r say what they did, in the footer's row (the clock is fixed, so the message stays).
	assert.match(lines().at(-1) ?? '', /polling metrics and CloudTrail now/);
});

test('80x24, Unicode and ASCII: a, s, x, W and ? are each in the footer or on the first help page', async () => {
	for (const display of [UNICODE_COLOR, {color: 'never', ascii: true} as const]) {
		const {press, until, lines} = renderApp(incident(), {columns: 80, rows: 24}, display);
		await until(/EVENTS/);
		const footer = lines().at(-1) ?? '';
		await press('?');
		await until(/HELP/);
		const page = lines();
		for (const key of ['a', 's', 'x', 'W', '?']) {
			const inFooter = new RegExp(`(^|\\s)${key === '?' ? '\\?' : key} \\w`).test(footer);
			const onPage = page.some(line => line.startsWith(` ${key} `));
			assert.ok(inFooter || onPage, `${key} reachable (${display.ascii ? 'ASCII' : 'Unicode'}); footer: ${footer}`);
		}
		assert.match(footer, /\? help/, '? itself is always in the footer');
		cleanup();
	}
});

test('while paused the footer says p resume', async () => {
	const {monitor, until, lines} = renderApp(incident(), {columns: 120, rows: 40});
	await until(/EVENTS/);
	assert.match(lines().at(-1) ?? '', /p pause/);
	monitor.emit({...monitor.getSnapshot(), paused: true});
	await until(/p resume/);
});

test('80x24 and 140x40: a failed source shows its whole message, wrapped, in its own panel', async () => {
	const denied = 'CloudTrail: access denied for cloudtrail:LookupEvents: add it to your IAM policy (see README)';
	const expired = 'CloudWatch: AWS credentials have expired (ExpiredToken): get fresh ones (aws sso login, aws configure or new AWS_* keys) and restart iot-monitor';
	const failed = snapshot({
		metrics: incidentMetrics().map(m => ({...m, state: 'error' as const, points: [], baseline: null, deviation: null})),
		events: [],
		health: {metrics: health({error: expired}), trail: health({error: denied, intervalMs: 5000})},
	});
	for (const size of [{columns: 80, rows: 24}, {columns: 140, rows: 40}]) {
		const {until, lines} = renderApp(failed, size);
		await until(/EVENTS/);
		const screen = lines();
		assertFits(screen, size);
		const joined = screen.map(line => line.trim()).join(' ').replace(/\s+/g, ' ');
		assert.ok(joined.includes(`✗ ${denied}`), `the CloudTrail message in full at ${size.columns}x${size.rows}:\n${screen.join('\n')}`);
		assert.ok(joined.includes(`✗ ${expired}`), `the CloudWatch message in full at ${size.columns}x${size.rows}:\n${screen.join('\n')}`);
		assert.doesNotMatch(screen.join('\n'), /no events yet/, 'the error says why there are none');
		cleanup();
	}
});
