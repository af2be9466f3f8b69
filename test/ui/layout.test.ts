import {test} from 'node:test';
import assert from 'node:assert/strict';
import {COLUMN_GAP, computeLayout, eventColumns, fitsScreen, MIN_COLUMNS, MIN_ROWS, type ScreenLayout} from '../../source/ui/frame/layout.js';

/** Rows the layout draws: header, metrics (titles included), event title, column titles, events, status line, footer. */
const drawn = (layout: ScreenLayout): number =>
	1 + layout.alarmRows + layout.metricsRows + 1 + (layout.eventHeader ? 1 : 0) + layout.eventRows + (layout.statusLine ? 1 : 0) + 1;

test('80x24: nine metrics with titles, the error group as one line, 8 event rows, no status line, 23 rows in all', () => {
	const layout = computeLayout(24, 9, 11);
	assert.equal(layout.frameRows, 23);
	assert.equal(layout.errorMode, 'summary');
	assert.ok(layout.metricsTitle && layout.eventHeader);
	assert.equal(layout.eventRows, 8);
	assert.equal(layout.statusLine, false, 'the status line would cost an event row');
	assert.equal(drawn(layout), 23);
});

test('one more row and the status line gets it; the event log keeps its 8 rows', () => {
	const layout = computeLayout(25, 9, 11);
	assert.equal(layout.statusLine, true);
	assert.equal(layout.eventRows, 8);
	assert.equal(drawn(layout), 24);
});

test('tall terminals show the error group in full, with its own title row, and give the rest to events', () => {
	const layout = computeLayout(40, 9, 11);
	assert.equal(layout.errorMode, 'full');
	assert.equal(layout.metricsRows, 1 + 9 + 1 + 11);
	assert.equal(layout.eventRows, 12);
	assert.equal(drawn(layout), 39);
	const big = computeLayout(60, 9, 11);
	assert.equal(big.errorMode, 'full');
	assert.equal(big.eventRows, 32);
	assert.equal(drawn(big), 59);
	assert.equal(computeLayout(36, 9, 11).errorMode, 'full', 'the smallest height with the group in full');
	assert.equal(computeLayout(35, 9, 11).errorMode, 'summary');
});

test('alarm lines: the first before the 8th event row, the others after the error group', () => {
	const at24 = computeLayout(24, 9, 11, 3);
	assert.deepEqual([at24.alarmRows, at24.eventRows, at24.errorMode], [1, 7, 'summary'], 'an alarm costs 80x24 one event row');
	assert.equal(drawn(at24), 23);
	const at40 = computeLayout(40, 9, 11, 3);
	assert.deepEqual([at40.alarmRows, at40.errorMode, at40.eventRows], [3, 'full', 9]);
	assert.equal(drawn(at40), 39);
	assert.equal(computeLayout(24, 9, 11, 0).alarmRows, 0);
	for (let rows = MIN_ROWS; rows <= 80; rows++) assert.equal(drawn(computeLayout(rows, 9, 11, 4)), rows - 1, `${rows} rows`);
});

test('short terminals drop the metrics titles, then the event titles, and keep one event row', () => {
	const at = (rows: number) => computeLayout(rows, 9, 11);
	assert.deepEqual([at(17).metricsTitle, at(17).eventHeader, at(17).eventRows], [true, true, 1]);
	assert.deepEqual([at(16).metricsTitle, at(16).eventHeader, at(16).eventRows], [true, false, 1]);
	assert.deepEqual([at(MIN_ROWS).metricsTitle, at(MIN_ROWS).eventHeader, at(MIN_ROWS).eventRows], [false, false, 1]);
	for (let rows = MIN_ROWS; rows <= 80; rows++) assert.equal(drawn(at(rows)), rows - 1, `${rows} rows`);
});

test('the smallest screen is 60x15', () => {
	assert.ok(fitsScreen(MIN_COLUMNS, MIN_ROWS));
	assert.ok(!fitsScreen(MIN_COLUMNS - 1, MIN_ROWS));
	assert.ok(!fitsScreen(MIN_COLUMNS, MIN_ROWS - 1));
	assert.deepEqual([MIN_COLUMNS, MIN_ROWS], [60, 15]);
});

test('no error metrics, no error line; tiny terminals never go negative', () => {
	assert.equal(computeLayout(24, 9, 0).errorMode, 'none');
	assert.equal(computeLayout(5, 9, 11).eventRows, 0);
	assert.equal(computeLayout(24, 9, 1).errorMode, 'summary', 'one error metric: its line says as much as a title and a row');
	assert.equal(computeLayout(26, 9, 1).errorMode, 'full');
});

test('event columns fit the width and drop source IP first, then identity', () => {
	const total = (width: number) => {
		const columns = eventColumns(width);
		return columns.reduce((sum, c) => sum + c.width, 0) + (columns.length - 1) * COLUMN_GAP;
	};
	for (const width of [20, 40, 60, 79, 100, 119, 200]) assert.ok(total(width) <= width, `width ${width}`);
	const ids = (width: number) => eventColumns(width).map(c => c.id);
	assert.deepEqual(ids(119), ['time', 'mark', 'event', 'error', 'identity', 'ip']);
	assert.deepEqual(ids(79), ['time', 'mark', 'event', 'error', 'identity']);
	assert.deepEqual(ids(60), ['time', 'mark', 'event', 'error']);
});

test('event columns share width by need: error and identity get what their rows need before empty space', () => {
	const width = 119;
	const needs = {time: 8, mark: 2, event: 22, error: 29, identity: 38, ip: 15};
	const byNeed = Object.fromEntries(eventColumns(width, false, needs).map(column => [column.id, column.width]));
	assert.ok(byNeed['error']! >= 29 && byNeed['identity']! >= 38 && byNeed['ip']! >= 15 && byNeed['event']! >= 22, JSON.stringify(byNeed));
	const fixed = Object.fromEntries(eventColumns(width).map(column => [column.id, column.width]));
	assert.ok(fixed['error']! < 29, 'the fixed split cut the error: the need-based one did not');
	const spanOf = (columns: ReturnType<typeof eventColumns>) => columns.reduce((sum, c) => sum + c.width, 0) + columns.length - 1;
	assert.ok(spanOf(eventColumns(width, false, needs)) <= width);
	// No error on screen: ERROR keeps only its title's width and identity takes the room.
	const calm = Object.fromEntries(eventColumns(80, false, {...needs, error: 0, identity: 40}).map(column => [column.id, column.width]));
	assert.equal(calm['error'], 'ERROR'.length);
	assert.ok(calm['identity']! > Object.fromEntries(eventColumns(80).map(c => [c.id, c.width]))['identity']!);
	for (const w of [60, 80, 100, 140, 200]) assert.ok(spanOf(eventColumns(w, true, needs)) <= w, `fits ${w}`);
});
