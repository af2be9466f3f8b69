import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ASCII} from '../../source/render/glyphs.js';
import {pagePosition, pageWindow} from '../../source/ui/shared/pager.js';

test('pageWindow: the visible lines for total, rows and scroll, clamped', () => {
	const cases: Array<[total: number, rows: number, scroll: number, first: number, end: number]> = [
		[100, 20, 0, 0, 20],
		[100, 20, 30, 30, 50],
		[100, 20, 95, 80, 100], // past the end: the last page
		[100, 20, -5, 0, 20],
		[10, 20, 3, 0, 10], // shorter than the window
		[0, 20, 0, 0, 0],
		[5, 0, 2, 2, 2], // no rows at all
	];
	for (const [total, rows, scroll, first, end] of cases) assert.deepEqual(pageWindow(total, rows, scroll), {first, end}, `${total}/${rows}/${scroll}`);
});

test('pagePosition: only when the list is longer than the window', () => {
	assert.equal(pagePosition(10, 0, 10, ASCII), '');
	assert.match(pagePosition(140, 2, 22, ASCII), /lines 3-22 of 140 . j\/k scroll$/);
});
