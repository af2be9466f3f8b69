/**
 * Resizing a real terminal: the built demo in a tmux pane, shrunk from 200x60 to 80x24, to below the
 * smallest layout and back. After every step the screen must have the same rows, in the same order, as
 * a fresh 80x24 start beside it (or the "too small" message and nothing else): no stale line of an
 * earlier, larger frame may be left behind.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {BASELINE_METRICS, ERROR_METRICS} from '../../source/iot/catalog.js';
import {startPane} from './tmux.js';

const CLI = 'dist/cli.js';
// CI=true makes Ink hold every frame until exit, and a tmux pane inherits it: start without it.
const DEMO = `env -u CI node ${CLI} --demo; exec sleep 600`;

/** A private tmux server with one pane of `columns` x `rows` running `command`. */
const pane = (command: string, columns: number, rows: number) => startPane(command, {columns, rows});

/** What each screen row is: the app's rows by kind, blank, or anything else in full (a fragment). */
function kinds(screen: string): string[] {
	let previous = '';
	return screen
		.replace(/\n$/, '')
		.split('\n')
		.map(line => (previous = kindOf(line, previous)));
}

function kindOf(line: string, previous: string): string {
	if (line.trim() === '') return 'blank';
	// The worst flag's reason under the header (while the demo's incident is up), wrapped on narrow screens.
	if (/^ [▼▲] (CRIT|WARN) /.test(line)) return 'flag reason';
	if (previous === 'flag reason' && /^ {3}\S/.test(line)) return 'flag reason';
	if (/^ (iot-monitor {2})?DEMO /.test(line) || /^ iot-monitor /.test(line)) return 'header';
	if (/^ METRIC /.test(line)) return 'metric titles';
	if (/^ ERRORS & THROTTLES /.test(line)) return 'error titles';
	if (/^ ◆ (\d+ )?ALARM|^ ◆ \+\d+ more in ALARM/.test(line)) return 'alarm line';
	const metric = [...BASELINE_METRICS, ...ERROR_METRICS].find(name => line.startsWith(` ${name} `));
	if (metric) return `metric ${metric}`;
	if (/errors: \d+ metrics/.test(line)) return 'error line';
	if (/^ EVENTS /.test(line)) return 'events title';
	if (/^ TIME UTC /.test(line)) return 'event titles';
	if (/^.\d\d:\d\d:\d\d /.test(line)) return 'event';
	if (/calls?\/min/.test(line)) return 'status line';
	if (/^ q quit .*\? help/.test(line)) return 'footer';
	return `other: ${line}`;
}

const full = (screen: string): boolean => BASELINE_METRICS.every(name => screen.includes(name)) && kinds(screen).filter(kind => kind === 'event').length >= 5;

test('resizing leaves no fragments: 200x60 -> 120x24 -> 80x24 -> 50x12 -> 80x24 looks like a fresh 80x24 start', async () => {
	assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first (npm test does)`);
	const resized = pane(DEMO, 200, 60);
	const fresh = pane(DEMO, 80, 24);
	try {
		// The status line may show a passing message first (under load the first poll is slow): wait for its steady form.
		const big = await resized.waitFor(screen => full(screen) && kinds(screen).includes('status line'), 20_000, 'the demo at 200x60 with its status line');
		assert.ok(!kinds(big).some(kind => kind.startsWith('other')), big);
		const reference = kinds(await fresh.waitFor(full, 20_000, 'the fresh demo at 80x24'));
		assert.equal(reference.length, 24);
		assert.equal(reference.at(-1), 'blank', 'a frame is one row shorter than the terminal');
		// Eight event rows, less the one an alarm line in ALARM takes and the rows of the worst flag's reason
		// (the demo's alarms fire and its flags rise with its incidents, at certain hours of the day).
		const taken = reference.filter(kind => kind === 'alarm line' || kind === 'flag reason').length;
		assert.deepEqual(reference.filter(kind => kind === 'event').length, 8 - taken, reference.join('\n'));

		const matchesFresh = (what: string) =>
			resized.waitFor(screen => JSON.stringify(kinds(screen)) === JSON.stringify(kinds(fresh.capture())), 20_000, what);
		resized.resize(120, 24);
		await resized.waitFor(screen => kinds(screen).at(-2) === 'footer' && /SOURCE IP/.test(screen), 20_000, '120x24');
		resized.resize(80, 24);
		await matchesFresh('80x24 after 200x60 and 120x24, row for row like the fresh start');

		resized.resize(50, 12);
		const small = await resized.waitFor(screen => /terminal too small \(50x12\)/.test(screen), 10_000, 'the too-small message');
		const rows = small.replace(/\n$/, '').split('\n');
		assert.equal(rows.length, 12);
		assert.deepEqual(rows.slice(0, 2), [' terminal too small (50x12); need at least 60x15', ' q quits']);
		assert.ok(rows.slice(2).every(row => row.trim() === ''), `nothing else on screen:\n${small}`);

		resized.resize(80, 24);
		await matchesFresh('80x24 again after the too-small message');
	} finally {
		resized.kill();
		fresh.kill();
	}
});
