import {test} from 'node:test';
import assert from 'node:assert/strict';
import {columnsSpan, metricColumns, NAME_WIDTH} from '../../source/ui/metrics/metric-columns.js';

const ids = (width: number): string => metricColumns(width).map(column => column.id).join(' ');

test('columns join by priority as the terminal widens', () => {
	assert.equal(ids(80), 'name now delta spark flag');
	assert.equal(ids(100), 'name now baseline delta spark flag');
	assert.equal(ids(120), 'name now baseline delta gauge spark time flag');
	assert.equal(ids(200), 'name now baseline delta gauge spark time flag');
	assert.equal(metricColumns(80).find(column => column.id === 'name')?.width, NAME_WIDTH, 'full names at 80');
});

test('narrow: the name shrinks first, then the gauge replaces a sparkline too short to read', () => {
	assert.ok((metricColumns(64).find(column => column.id === 'name')?.width ?? 0) < NAME_WIDTH);
	assert.ok(metricColumns(64).some(column => column.id === 'spark'));
	assert.equal(ids(54), 'name now delta gauge flag');
	assert.equal(ids(40), 'name now delta flag');
});

test('the columns never span more than the width (from 45 columns on)', () => {
	for (let width = 45; width <= 220; width++) {
		const span = columnsSpan(metricColumns(width));
		assert.ok(span <= width, `${span} > ${width}`);
		if (width >= 60) assert.equal(span, width, `the sparkline takes the rest at ${width}`);
	}
});

test('ALM joins after FLAG, one space apart, when an alarm watches a metric; the sparkline gives up the room', () => {
	const with80 = metricColumns(80, {alarm: true});
	assert.equal(with80.map(column => column.id).join(' '), 'name now delta spark flag alarm');
	assert.equal(with80.find(column => column.id === 'spark')?.width, 17, '23 cells less the mark and its space');
	for (let width = 45; width <= 220; width++) {
		const span = columnsSpan(metricColumns(width, {alarm: true}));
		assert.ok(span <= width, `${span} > ${width}`);
		if (width >= 60) assert.equal(span, width, `the sparkline (or gauge) takes the rest at ${width}`);
	}
});
