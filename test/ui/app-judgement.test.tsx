import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup, render} from 'ink-testing-library';
import {BASELINE_METRICS} from '../../source/iot/catalog.js';
import {textWidth} from '../../source/text/width.js';
import {App} from '../../source/ui/app.js';
import {LEGEND} from '../../source/ui/keys/help-lines.js';
import type {TerminalSize} from '../../source/ui/shared/use-terminal-size.js';
import {fakeMonitor, fixedClock, incidentMetrics, makeEvents, snapshot, waitFor} from './helpers.js';

afterEach(cleanup);

/** The incident fixture as the App draws it at `size`, once `pattern` shows. */
async function incidentFrame(size: TerminalSize, pattern = /EVENTS/, keys: readonly string[] = []): Promise<string[]> {
	const monitor = fakeMonitor(snapshot({metrics: incidentMetrics(), status: 'CRIT', events: makeEvents(500)}));
	const app = render(<App monitor={monitor} onExit={() => {}} size={size} clock={fixedClock} />);
	if (keys.length > 0) await waitFor(() => app.stdin.listenerCount('readable') > 0, 2000, 'key listener');
	for (const key of keys) {
		// One key per frame: keys written together are read as one run.
		const before = app.frames.length;
		app.stdin.write(key);
		await waitFor(() => app.frames.length > before, 2000, `a frame after ${key}`);
	}
	await waitFor(() => pattern.test(app.lastFrame() ?? ''), 2000, String(pattern));
	return (app.lastFrame() ?? '').split('\n');
}

test('80x24 during an incident: 23 lines within 80 columns, nine metrics, flags, error line, 5+ events', async () => {
	const lines = await incidentFrame({columns: 80, rows: 24});
	const frame = lines.join('\n');
	assert.ok(lines.length <= 23, `${lines.length} lines`);
	for (const line of lines) assert.ok(textWidth(line) <= 80, `too wide: ${line}`);
	for (const name of BASELINE_METRICS) assert.ok(frame.includes(name), name);
	for (const flag of ['▼ CRIT', '▲ CRIT', '▲ WARN', 'learning', 'no data']) assert.ok(frame.includes(flag), flag);
	assert.match(frame, /-84%/);
	assert.match(frame, /▼▲ 3 CRIT · 1 WARN/);
	assert.match(frame, /^ ▲ CRIT Connect\.AuthError 312 \(76%\) · errors: 11 metrics/m);
	assert.ok(lines.filter(line => /^.\d\d:\d\d:\d\d {4}Evente/.test(line)).length >= 5);
});

test('120 columns: BASELINE with expected and band, the gauge and the bucket time', async () => {
	const lines = await incidentFrame({columns: 120, rows: 40});
	for (const line of lines) assert.ok(textWidth(line) <= 120, `too wide: ${line}`);
	assert.match(lines.join('\n'), /BASELINE \(band\)\s+Δ\s+VS BAND\s+LAST 90 MIN\s+AT\s+FLAG/);
	const row = lines.find(line => line.includes(' PublishIn.Success ')) ?? '';
	assert.match(row, /1\.1k \(1k–1\.3k\)\s+-84%\s+«──━━━──/);
});

test('help explains the FLAG column and the band (at its end: G scrolls there)', async () => {
	const lines = await incidentFrame({columns: 80, rows: 24}, /HELP[^]*arrived late/, ['?', 'G']);
	assert.ok(lines.length <= 23);
	for (const [label, text] of LEGEND) {
		assert.ok(lines.some(line => line.includes(text) && line.includes(label)), text);
		assert.ok(textWidth(text) <= 80 - 10, `legend fits 80 columns: ${text}`);
	}
});
