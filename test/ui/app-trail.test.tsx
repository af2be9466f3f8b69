import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {cleanup, render} from 'ink-testing-library';
import {textWidth} from '../../source/text/width.js';
import type {Snapshot} from '../../source/types.js';
import {App} from '../../source/ui/app.js';
import type {ExportEvents} from '../../source/ui/file-actions.js';
import type {TerminalSize} from '../../source/ui/shared/use-terminal-size.js';
import {cloudTrailRecord, event, fakeMonitor, fixedClock, KEYS, mixedEvents, NOW, ROLE_IDENTITY, snapshot, waitFor} from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
	cleanup();
	for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true});
});

/** Ink's own colours; anything else starting with ESC would be an injection. */
const stripInkStyles = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');
const UNSAFE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

type Options = {size?: TerminalSize; exportDir?: string; exportEvents?: ExportEvents};

function renderApp(initial: Snapshot, {size = {columns: 80, rows: 24}, exportDir, exportEvents}: Options = {}) {
	const monitor = fakeMonitor(initial);
	let exits = 0;
	const app = render(
		<App monitor={monitor} onExit={() => exits++} size={size} clock={fixedClock} exportDir={exportDir} exportEvents={exportEvents} />,
	);
	const frame = () => stripInkStyles(app.lastFrame() ?? '');
	return {
		monitor,
		frame,
		lines: () => frame().split('\n'),
		exits: () => exits,
		/** Types keys one at a time, letting the app handle each before the next (as a person types). */
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

const selectedLine = (frame: string) => frame.split('\n').find(line => line.startsWith('▸')) ?? '';

function assertFits(lines: string[], columns = 80, rows = 23) {
	assert.ok(lines.length <= rows, `${lines.length} lines`);
	for (const line of lines) assert.ok(textWidth(line) <= columns, `too wide (${textWidth(line)}): ${line}`);
}

test('rows show the identity label, ⚠ for risky calls, ROOT and ↶ for late events', async () => {
	const {until, lines} = renderApp(snapshot({events: mixedEvents(30)}));
	await until(/EVENTS/);
	const row = (id: number) => lines().find(line => line.includes(id === 5 ? 'DeleteThing ' : `Create${id} `)) ?? '';
	assert.match(row(0), /Create0\s+role deploy-role\/ci-1234/);
	assert.match(row(3), /Create3\s+user alice/);
	assert.match(row(5), /⚠↶ DeleteThing\s+ROOT/);
	assert.match(lines().find(line => line.includes('UpdateThing ')) ?? '', /UpdateThing\s+✗ AccessDenied\s+user alice/);
	assertFits(lines());
});

test('Enter opens the detail: identity in words and the pretty record; Esc returns to the same event and row', async () => {
	const {press, until, frame, lines} = renderApp(snapshot({events: mixedEvents(200)}));
	await until(/▸.*Create0 /);
	await press('j', 'j');
	await until(/▸.*Create2 /);
	const rowBefore = lines().findIndex(line => line.startsWith('▸'));
	await press('\r');
	await until(/DETAIL/);
	const detail = frame();
	assert.match(detail, /WHO\s+Temporary credentials of role deploy-role/);
	assert.match(detail, /session ci-1234, MFA: no/);
	assert.match(detail, /Access key ASIAEXAMPLEKEY000001 \(temporary\)/);
	assert.match(detail, /WHEN\s+2024-05-01T12:03:06\.000Z \(now\)/);
	assert.match(detail, /WHERE\s+198\.51\.100\.4 · us-east-1/);
	assert.match(detail, /─── record ─/);
	assert.match(detail, /^ \{$/m, 'the record, pretty-printed');
	assert.match(detail, /^ {3}"eventVersion": "1\.11",$/m);
	assert.doesNotMatch(detail, /METRIC|EVENTS/, 'replaces metrics and log');
	assert.match(lines().at(-1) ?? '', /Esc back/);
	assertFits(lines());
	await press(KEYS.escape);
	await until(/EVENTS/);
	assert.match(selectedLine(frame()), /Create2 /);
	assert.equal(lines().findIndex(line => line.startsWith('▸')), rowBefore, 'same screen row');
	await press('\r');
	await until(/DETAIL/);
	await press('\u007f'); // Backspace as terminals send it
	await until(/▸.*Create2 /);
});

test('the detail scrolls with j/k/PgDn/G/g and draws only the visible lines of a huge record', async () => {
	const big = {items: Array.from({length: 50_000}, (_, i) => `item-${i}`)};
	const huge = event({eventId: 'big', eventName: 'CreateHuge', raw: JSON.stringify({userIdentity: ROLE_IDENTITY, requestParameters: big})});
	const {press, until, frame, lines} = renderApp(snapshot({events: [huge, ...mixedEvents(5, NOW - 1000)]}));
	await until(/▸.*CreateHuge/);
	await press('\r');
	await until(/DETAIL · lines 1–20 of/);
	assertFits(lines());
	await press('G');
	await until(/"item-49999"/);
	assert.match(frame(), /^ \}$/m);
	assertFits(lines());
	await press('g');
	await until(/DETAIL · lines 1–/);
	await press('j', 'j', KEYS.pageDown);
	await until(/DETAIL · lines 23–42 of/);
	await press('k');
	await until(/DETAIL · lines 22–41 of/);
});

test('while typing a filter, q, p, e and the others are text; Enter applies, Esc cancels', async () => {
	const {press, until, frame, exits, monitor, lines} = renderApp(snapshot({events: mixedEvents(60)}));
	await until(/EVENTS/);
	await press('/', 'q', 'p', 'e', 'x', 'j', '?', 'G');
	await until(/^ \/ qpexj\?G/m);
	await press(KEYS.escape);
	await until(/q quit/, 'the footer back');
	assert.equal(exits(), 0, 'q did not quit');
	assert.deepEqual(monitor.calls.paused, [], 'p did not pause');
	assert.doesNotMatch(frame(), /HELP|filter:/, 'Esc cancelled, nothing applied');
	await press('/', 'a', 'l', 'i', 'c');
	await until(/^ \/ alic/m);
	assert.match(lines().at(-1) ?? '', /^ \/ alic .*of 60 · ⏎ apply · Esc cancel/);
	await press('\u007f', 'c', 'e', '\r');
	await until(/filter: "alice" — 29 of 60/);
	assert.match(lines()[0] ?? '', /⧩ (?:"alice" )?29\/60/, 'the header shows the filter too');
	assert.doesNotMatch(frame(), /role deploy-role/);
	assertFits(lines());
});

test('errors-only: only failed rows, counts in the title and header; w, u and c combine and clear', async () => {
	const {press, until, frame, lines} = renderApp(snapshot({events: mixedEvents(90)}));
	await until(/EVENTS/);
	await press('e');
	await until(/filter: errors — 30 of 90/);
	const rows = lines().filter(line => /^.\d\d:\d\d:\d\d/.test(line));
	assert.ok(rows.length >= 5);
	for (const row of rows) assert.match(row, /✗ AccessDenied/);
	assert.match(lines()[0] ?? '', /⧩ (?:errors )?30\/90/);
	assertFits(lines());
	await press('u');
	await until(/filter: errors · user alice — \d+ of 90/);
	assert.doesNotMatch(frame(), /role deploy-role/);
	await press('u');
	await until(/filter: errors — 30 of 90/);
	await press('w');
	await until(/filter: errors · writes — 30 of 90/);
	await press('c');
	await until(/EVENTS iot\.amazonaws\.com · 90/);
	assert.doesNotMatch(frame(), /⧩/);
});

test('a filter that matches nothing says so', async () => {
	const {press, until} = renderApp(snapshot({events: mixedEvents(10)}));
	await press('/', 'z', 'z', 'z', '\r');
	await until(/no events match the filter/);
});

test('a filter typed ahead and read in one go, Enter included, is applied', async () => {
	const {press, until, frame} = renderApp(snapshot({events: mixedEvents(10)}));
	await press('/zzz\r');
	await until(/no events match the filter/);
	assert.doesNotMatch(frame(), /⏎ apply/, 'the filter line is closed');
});

test('with a filter, "N new" counts only new events that match, and the selection stays', async () => {
	const events = mixedEvents(60);
	const {press, until, frame, monitor} = renderApp(snapshot({events}));
	await press('e');
	await until(/filter: errors/);
	await press('j', 'j');
	await until(/▸12:03:01 .*UpdateThing/, 'the third error (m7) selected');
	const selected = selectedLine(frame());
	const arrivals = mixedEvents(6, NOW + 60_000).map(item => ({...item, eventId: `n-${item.eventId}`}));
	monitor.emit(snapshot({events: [...arrivals, ...events]}));
	await until(/↑ 2 new/);
	assert.equal(selectedLine(frame()), selected);
	await press('g');
	await until(/filter: errors — 22 of 66/);
	assert.doesNotMatch(frame(), / new/);
});

test('hostile text in the detail view reaches the screen only as visible, harmless characters', async () => {
	const evil = '\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202Egnp.exe\u2066\u200F\u0085';
	const raw = cloudTrailRecord({
		eventId: 'evil',
		eventTime: NOW,
		eventName: `Delete${evil}Thing`,
		userIdentity: {type: 'IAMUser', userName: `mallory${evil}`, arn: `arn:aws:iam::123456789012:user/mallory${evil}`, accessKeyId: `AKIA${evil}`},
		sourceIp: `10.0.0.1${evil}`,
		errorCode: `AccessDenied${evil}`,
		errorMessage: `denied ${evil}`,
		requestParameters: {thingName: `sensor${evil}`, [`key${evil}`]: 'v'},
	});
	const hostile = event({
		eventId: `evil${evil}`,
		eventName: `Delete${evil}Thing`,
		username: `mallory${evil}`,
		errorCode: `AccessDenied${evil}`,
		sourceIp: `10.0.0.1${evil}`,
		awsRegion: `us-east-1${evil}`,
		resources: [{type: `AWS::IoT::Thing${evil}`, name: `sensor${evil}`}],
		raw,
	});
	const broken = event({eventId: 'broken', eventTime: NOW - 1000, eventName: 'Broken', raw: `{not json ${evil}\r\n${'x'.repeat(300)}`});
	const {press, until, frame, lines} = renderApp(snapshot({events: [hostile, broken]}), {size: {columns: 120, rows: 40}});
	await until(/EVENTS/);
	await press('\r');
	await until(/DETAIL/);
	assert.doesNotMatch(frame(), UNSAFE, 'no raw ESC, BEL, C1 or bidi character');
	assert.match(frame(), /mallory␛\]0;pwned␇/);
	assert.match(frame(), /"thingName": "sensor\\u001b\]0;pwned\\u0007/, 'the record keeps JSON escapes');
	assertFits(lines(), 120, 39);
	await press(KEYS.escape);
	await until(/EVENTS/);
	await press('j', '\r');
	await until(/not valid JSON; shown as received/);
	assert.doesNotMatch(frame(), UNSAFE);
	assert.match(frame(), /\{not json ␛\]0;pwned␇/);
	assertFits(lines(), 120, 39);
});

test('x exports the filtered events to .jsonl and .csv and says where', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'iot-monitor-app-export-'));
	dirs.push(dir);
	const {press, until, frame, lines} = renderApp(snapshot({events: mixedEvents(30)}), {exportDir: dir});
	await press('e', 'x');
	await until(/✓ exported 10 events to .*iot-monitor-events-20240501-120308\.jsonl \+ \.csv/);
	assertFits(lines());
	assert.deepEqual(readdirSync(dir).sort(), ['iot-monitor-events-20240501-120308.csv', 'iot-monitor-events-20240501-120308.jsonl']);
	const jsonl = readFileSync(join(dir, 'iot-monitor-events-20240501-120308.jsonl'), 'utf8').trim().split('\n');
	assert.equal(jsonl.length, 10);
	for (const line of jsonl) assert.equal(JSON.parse(line).errorCode, 'AccessDenied');
	await press('x');
	await until(/20240501-120308-1\.jsonl/);
	assert.doesNotMatch(frame(), /q quit/, 'the message stands in for the footer while fresh');
});

test('a failed export shows the error; an empty list exports nothing', async () => {
	const failing: ExportEvents = async () => {
		throw new Error('EACCES: permission denied, open \u001b[31m/x');
	};
	const {press, until, frame} = renderApp(snapshot({events: mixedEvents(5)}), {exportEvents: failing});
	await press('x');
	await until(/✗ export failed: EACCES: permission denied, open ␛\[31m\/x/);
	cleanup();
	let calls = 0;
	const empty = renderApp(snapshot({events: []}), {exportEvents: async () => ({count: calls++, paths: []})});
	await empty.press('x');
	await empty.until(/nothing to export/);
	assert.equal(calls, 0);
	assert.ok(frame());
});

test('80x24: list with a filter, the filter line, detail and help all fit in 23 lines of 80 columns', async () => {
	const {press, until, lines} = renderApp(snapshot({events: mixedEvents(500)}));
	await press('e', 'w');
	await until(/filter: errors · writes/);
	assertFits(lines());
	await press('/', 'd', 'e', 'n', 'y');
	await until(/^ \/ deny/m);
	assertFits(lines());
	await press('\r', 'c', '\r');
	await until(/DETAIL/);
	assertFits(lines());
	await press('?');
	await until(/HELP/);
	assertFits(lines());
	await press('G');
	await until(/arrived late/);
	assertFits(lines());
	await press(KEYS.escape);
	await until(/DETAIL/);
	await press(KEYS.escape);
	await until(/EVENTS/);
	assertFits(lines());
});
