import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup, render} from 'ink-testing-library';
import {BASELINE_METRICS} from '../../source/iot/catalog.js';
import {textWidth} from '../../source/text/width.js';
import type {Snapshot} from '../../source/types.js';
import {App} from '../../source/ui/app.js';
import type {TerminalSize} from '../../source/ui/shared/use-terminal-size.js';
import {KEYMAP} from '../../source/ui/keys/keymap.js';
import {fakeMonitor, fixedClock, KEYS, makeEvents, NOW, snapshot, waitFor} from './helpers.js';

afterEach(cleanup);

const SIZE_80X24: TerminalSize = {columns: 80, rows: 24};

/** `size: null` renders without an override (the hook reads stdout). */
function renderApp(initial: Snapshot = snapshot(), size: TerminalSize | null = SIZE_80X24, clock = fixedClock) {
	const monitor = fakeMonitor(initial);
	let exits = 0;
	const app = render(<App monitor={monitor} onExit={() => exits++} size={size ?? undefined} clock={clock} />);
	const frame = () => app.lastFrame() ?? '';
	return {
		monitor,
		frame,
		exits: () => exits,
		app,
		/** Waits for the key listener (raw mode is enabled in an effect), then types. */
		async press(...keys: string[]) {
			await waitFor(() => app.stdin.listenerCount('readable') > 0, 2000, 'key listener');
			for (const key of keys) app.stdin.write(key);
		},
		/** Waits until the frame matches. */
		async until(pattern: RegExp, what = String(pattern)) {
			await waitFor(() => pattern.test(frame()), 2000, what);
		},
	};
}

const selectedLine = (frame: string) => frame.split('\n').find(line => line.startsWith('▸')) ?? '';

test('80x24: at most 23 lines, none wider than 80, nine metrics and at least 5 events', async () => {
	const {frame, until} = renderApp(snapshot({events: makeEvents(500)}));
	await until(/EVENTS/);
	const lines = frame().split('\n');
	assert.ok(lines.length <= 23, `${lines.length} lines`);
	for (const line of lines) assert.ok(textWidth(line) <= 80, `too wide: ${line}`);
	for (const name of BASELINE_METRICS) assert.ok(frame().includes(name), name);
	assert.ok(lines.filter(line => /^.\d\d:\d\d:\d\d {4}Evente/.test(line)).length >= 5);
	assert.match(lines.at(-1) ?? '', /q quit.*\? help/);
});

test('q and Ctrl-C ask to exit', async () => {
	const q = renderApp();
	await q.press('q');
	await waitFor(() => q.exits() === 1, 2000, 'onExit after q');
	cleanup();
	const ctrlC = renderApp();
	await ctrlC.press(KEYS.ctrlC);
	await waitFor(() => ctrlC.exits() === 1, 2000, 'onExit after Ctrl-C');
});

test('p toggles pause on the monitor, r refreshes', async () => {
	const live = renderApp();
	await live.press('p', 'r');
	await waitFor(() => live.monitor.calls.paused.length === 1 && live.monitor.calls.refresh === 1, 2000, 'commands');
	assert.deepEqual(live.monitor.calls.paused, [true]);
	cleanup();
	const paused = renderApp(snapshot({paused: true}));
	await paused.until(/‖ paused/);
	await paused.press('p');
	await waitFor(() => paused.monitor.calls.paused.length === 1, 2000, 'resume');
	assert.deepEqual(paused.monitor.calls.paused, [false]);
});

test('? opens help listing every binding; Esc closes it', async () => {
	const {press, until, frame} = renderApp(snapshot(), {columns: 100, rows: 40});
	await press('?');
	await until(/HELP/);
	for (const binding of KEYMAP) assert.ok(frame().includes(binding.help), binding.label);
	await press(KEYS.escape);
	await until(/EVENTS/, 'help closed');
	assert.doesNotMatch(frame(), /HELP/);
});

test('scrolling keeps the selected event as new ones arrive, shows "N new", and g follows again', async () => {
	const events = makeEvents(10_000);
	const {press, until, frame, monitor} = renderApp(snapshot({events}));
	await until(/▸.*Evente0 /);
	await press('jj');
	await until(/▸.*Evente2 /, 'two keys read at once move two rows');
	const rowBefore = frame().split('\n').findIndex(line => line.startsWith('▸'));
	monitor.emit(snapshot({events: [...makeEvents(3, 'n', NOW + 10_000), ...events]}));
	await until(/↑ 3 new/);
	assert.match(selectedLine(frame()), /Evente2 /);
	assert.equal(frame().split('\n').findIndex(line => line.startsWith('▸')), rowBefore, 'same screen row');
	await press('g');
	await until(/▸.*Eventn0 /);
	monitor.emit(snapshot({events: [...makeEvents(1, 'm', NOW + 20_000), ...monitor.getSnapshot().events]}));
	await until(/▸.*Eventm0 /);
	assert.doesNotMatch(frame(), / new/);
});

test('PgDn, arrows and G move through a long log; only the visible rows are drawn', async () => {
	const {press, until, frame} = renderApp(snapshot({events: makeEvents(10_000)}));
	await until(/▸.*Evente0 /);
	await press(KEYS.pageDown);
	await until(/▸.*Evente8 /);
	await press(KEYS.down, KEYS.up, KEYS.up);
	await until(/▸.*Evente7 /);
	await press('G');
	await until(/▸.*Evente9999 /);
	assert.ok(frame().split('\n').length <= 23);
	assert.match(frame(), /10000\/10000/);
});

test('without a size override: stdout width, 24 rows by default, and it follows resize', async () => {
	const {app, frame, until} = renderApp(snapshot(), null);
	await until(/EVENTS/);
	assert.ok(frame().split('\n').length <= 23);
	assert.ok(frame().split('\n').some(line => textWidth(line) > 80), 'uses the 100 columns');
	Object.defineProperty(app.stdout, 'columns', {value: 60, configurable: true});
	app.stdout.emit('resize');
	await waitFor(() => frame().split('\n').every(line => textWidth(line) <= 60), 2000, 'narrower frame');
});

test('ages tick with the clock', async () => {
	const started = Date.now();
	const clock = () => NOW + (Date.now() - started);
	const {until} = renderApp(snapshot(), {columns: 80, rows: 24}, clock);
	// 8 s after the last poll reads "now"; the clock steps at the wall clock's next 10 s (12:03:10).
	await until(/metrics now/);
	await until(/metrics 10s ago/, 'at the next 10 s step');
});
