import {test} from 'node:test';
import assert from 'node:assert/strict';
import {COLUMN_GAP, computeLayout, eventColumns} from '../../source/ui/layout.js';

test('80x24: nine metrics, the error group as one line, at least 5 event rows, 23 rows in all', () => {
	const layout = computeLayout(24, 9, 10);
	assert.equal(layout.frameRows, 23);
	assert.equal(layout.errorMode, 'summary');
	assert.ok(layout.eventRows >= 5, `${layout.eventRows} event rows`);
	// header + metrics + event title + event column header + rows + footer
	assert.equal(1 + layout.metricsRows + 2 + layout.eventRows + 1, 23);
});

test('tall terminals show the error group in full', () => {
	const layout = computeLayout(40, 9, 10);
	assert.equal(layout.errorMode, 'full');
	assert.equal(layout.metricsRows, 20);
	assert.equal(1 + layout.metricsRows + 2 + layout.eventRows + 1, 39);
});

test('no error metrics, no error line; tiny terminals never go negative', () => {
	assert.equal(computeLayout(24, 9, 0).errorMode, 'none');
	assert.equal(computeLayout(5, 9, 10).eventRows, 0);
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
