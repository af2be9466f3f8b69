import {test} from 'node:test';
import assert from 'node:assert/strict';
import {initialUiState, selectEventView, uiReducer, type UiAction, type UiState} from '../../source/ui/state/ui-reducer.js';

const ids = (count: number, prefix = 'e') => Array.from({length: count}, (_, i) => ({eventId: `${prefix}${i}`}));
const EVENTS = ids(100);
const scroll = (unit: 'row' | 'page' | 'end', direction: 1 | -1, events = EVENTS, pageSize = 10): UiAction => ({
	type: 'scroll-requested',
	unit,
	direction,
	events,
	pageSize,
});
const at = (index: number, cursorRow: number, extra: Partial<UiState> = {}): UiState => ({
	...initialUiState,
	follow: false,
	selectedEventId: `e${index}`,
	lastIndex: index,
	cursorRow,
	newestSeenId: 'e0',
	...extra,
});

test('scrolling: table of start state, action -> selected index, cursor row, follow', () => {
	const cases: Array<{name: string; state: UiState; action: UiAction; index: number; row: number; follow: boolean}> = [
		{name: 'j from follow leaves follow', state: initialUiState, action: scroll('row', 1), index: 1, row: 1, follow: false},
		{name: 'k back to the top follows again', state: at(1, 1), action: scroll('row', -1), index: 0, row: 0, follow: true},
		{name: 'k at the top stays following', state: initialUiState, action: scroll('row', -1), index: 0, row: 0, follow: true},
		{name: 'j at the bottom row scrolls the window', state: at(9, 9), action: scroll('row', 1), index: 10, row: 9, follow: false},
		{name: 'k at the top row scrolls the window', state: at(20, 0), action: scroll('row', -1), index: 19, row: 0, follow: false},
		{name: 'PgDn moves a page, cursor row kept', state: at(3, 3), action: scroll('page', 1), index: 13, row: 3, follow: false},
		{name: 'PgUp near the top lands on newest', state: at(5, 5), action: scroll('page', -1), index: 0, row: 0, follow: true},
		{name: 'G goes to the oldest, bottom row', state: initialUiState, action: scroll('end', 1), index: 99, row: 9, follow: false},
		{name: 'g goes to newest and follows', state: at(50, 4), action: scroll('end', -1), index: 0, row: 0, follow: true},
		{name: 'j at the oldest stays', state: at(99, 9), action: scroll('row', 1), index: 99, row: 9, follow: false},
	];
	for (const c of cases) {
		const next = uiReducer(c.state, c.action);
		const view = selectEventView(next, EVENTS, 10);
		assert.equal(view.selectedIndex, c.index, `${c.name}: index`);
		assert.equal(view.selectedIndex - view.offset, c.row, `${c.name}: row`);
		assert.equal(next.follow, c.follow, `${c.name}: follow`);
	}
});

test('scrolling is ignored while help is open or with no events', () => {
	const open = {...initialUiState, helpOpen: true};
	assert.equal(uiReducer(open, scroll('row', 1)), open);
	assert.equal(uiReducer(initialUiState, scroll('row', 1, [])), initialUiState);
});

test('help toggles and Esc closes it', () => {
	const cases: Array<[UiState, UiAction, boolean]> = [
		[initialUiState, {type: 'help-toggled'}, true],
		[{...initialUiState, helpOpen: true}, {type: 'help-toggled'}, false],
		[{...initialUiState, helpOpen: true}, {type: 'help-closed'}, false],
		[initialUiState, {type: 'help-closed'}, false],
	];
	for (const [state, action, open] of cases) assert.equal(uiReducer(state, action).helpOpen, open);
	assert.equal(uiReducer(initialUiState, {type: 'help-closed'}), initialUiState, 'no new object when nothing changes');
});

test('the selection sticks to its event when new events arrive, and counts them', () => {
	const state = uiReducer(uiReducer(initialUiState, scroll('row', 1)), scroll('row', 1)); // on e2, row 2
	const arrived = [...ids(3, 'n'), ...EVENTS];
	const view = selectEventView(state, arrived, 10);
	assert.equal(arrived[view.selectedIndex]?.eventId, 'e2');
	assert.equal(view.selectedIndex - view.offset, 2, 'same screen row');
	assert.equal(view.newCount, 3);
});

test('following ignores arrivals: the newest is selected, nothing is "new"', () => {
	const view = selectEventView(initialUiState, [...ids(3, 'n'), ...EVENTS], 10);
	assert.deepEqual(view, {selectedIndex: 0, offset: 0, newCount: 0});
});

test('a selected event that left the buffer falls back to its last index, clamped', () => {
	const view = selectEventView(at(50, 4, {selectedEventId: 'gone'}), ids(20), 10);
	assert.equal(view.selectedIndex, 19);
	assert.equal(view.offset, 10);
});

test('a cursor row beyond a shrunken page is clamped', () => {
	const view = selectEventView(at(30, 9), EVENTS, 5);
	assert.equal(view.selectedIndex - view.offset, 4);
});
