import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	currentStatus,
	effectiveFilter,
	initialUiState,
	selectEventView,
	STATUS_MS,
	selectedSuspectIndex,
	screenOf,
	uiMode,
	uiReducer,
	visibleEvents,
	type UiAction,
	type UiState,
} from '../../source/ui/state/ui-reducer.js';
import type {ChangeTarget} from '../../source/ui/changes/what-changed-lines.js';
import {event} from './helpers.js';

const ids = (count: number, prefix = 'e') => Array.from({length: count}, (_, i) => event({eventId: `${prefix}${i}`}));
const EVENTS = ids(100);
const HELP: UiState = {...initialUiState, screens: [{kind: 'list'}, {kind: 'help', scroll: 0}]};
const scroll = (unit: 'row' | 'page' | 'end', direction: 1 | -1, events = EVENTS, pageSize = 10): UiAction => ({
	type: 'list-scrolled',
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
	const open = HELP;
	assert.equal(uiReducer(open, scroll('row', 1)), open);
	assert.equal(uiReducer(initialUiState, scroll('row', 1, [])), initialUiState);
});

test('help toggles and Esc closes it', () => {
	const back: UiAction = {type: 'screen-closed', events: EVENTS};
	const cases: Array<[UiState, UiAction, boolean]> = [
		[initialUiState, {type: 'help-toggled'}, true],
		[HELP, {type: 'help-toggled'}, false],
		[HELP, back, false],
		[initialUiState, back, false],
	];
	for (const [state, action, open] of cases) assert.equal(uiMode(uiReducer(state, action)) === 'help', open);
	assert.equal(uiReducer(initialUiState, back), initialUiState, 'no new object when nothing changes');
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

test('detail: opening from follow pins the selection; back follows again only if nothing newer came', () => {
	const open = uiReducer(initialUiState, {type: 'detail-opened', events: EVENTS, pageSize: 10});
	assert.equal(screenOf(open, 'detail')?.event.eventId, 'e0');
	assert.equal(open.follow, false, 'the list behind does not move');
	const back = uiReducer(open, {type: 'screen-closed', events: EVENTS});
	assert.equal(screenOf(back, 'detail'), undefined);
	assert.equal(back.follow, true);
	const arrived = [...ids(2, 'n'), ...EVENTS];
	const backLater = uiReducer(open, {type: 'screen-closed', events: arrived});
	assert.equal(backLater.follow, false);
	assert.equal(selectEventView(backLater, arrived, 10).newCount, 2);
	assert.equal(arrived[selectEventView(backLater, arrived, 10).selectedIndex]?.eventId, 'e0');
});

test('detail: opening away from the top keeps selection, cursor row and "new" untouched', () => {
	const state = at(30, 4);
	const open = uiReducer(state, {type: 'detail-opened', events: EVENTS, pageSize: 10});
	assert.equal(screenOf(open, 'detail')?.event.eventId, 'e30');
	const back = uiReducer(open, {type: 'screen-closed', events: EVENTS});
	assert.deepEqual(back, state);
	assert.equal(uiReducer(initialUiState, {type: 'detail-opened', events: [], pageSize: 10}), initialUiState, 'nothing to open');
});

test('lines scroll clamps to the content, for detail and help', () => {
	const open = uiReducer(initialUiState, {type: 'detail-opened', events: EVENTS, pageSize: 10});
	const scrollBy = (state: UiState, unit: 'row' | 'page' | 'end', direction: 1 | -1) =>
		uiReducer(state, {type: 'lines-scrolled', screen: 'detail', unit, direction, total: 100, pageSize: 20});
	assert.equal(screenOf(scrollBy(open, 'row', -1), 'detail')?.scroll, 0);
	assert.equal(screenOf(scrollBy(open, 'page', 1), 'detail')?.scroll, 20);
	assert.equal(screenOf(scrollBy(open, 'end', 1), 'detail')?.scroll, 80);
	assert.equal(screenOf(scrollBy(scrollBy(open, 'end', 1), 'row', 1), 'detail')?.scroll, 80);
	assert.equal(screenOf(scrollBy(scrollBy(open, 'end', 1), 'end', -1), 'detail')?.scroll, 0);
	const help = uiReducer(initialUiState, {type: 'help-toggled'});
	assert.equal(screenOf(uiReducer(help, {type: 'lines-scrolled', screen: 'help', unit: 'end', direction: 1, total: 31, pageSize: 20}), 'help')?.scroll, 11);
	assert.equal(uiReducer(initialUiState, {type: 'lines-scrolled', screen: 'help', unit: 'row', direction: 1, total: 31, pageSize: 20}), initialUiState);
});

test('the filter line: typing previews, Enter applies, Esc restores, controls never get in', () => {
	let state = uiReducer(initialUiState, {type: 'filter-input-opened'});
	for (const text of ['ali', 'x\u001b[31m']) state = uiReducer(state, {type: 'filter-input-typed', text});
	assert.equal(state.filterDraft, 'alix[31m');
	state = uiReducer(state, {type: 'filter-input-erased', what: 'all'});
	state = uiReducer(state, {type: 'filter-input-typed', text: 'alicex'});
	state = uiReducer(state, {type: 'filter-input-erased', what: 'char'});
	assert.equal(effectiveFilter(state).text, 'alice', 'previewed while typing');
	assert.equal(state.filter.text, '', 'not applied yet');
	const applied = uiReducer(state, {type: 'filter-input-applied'});
	assert.equal(applied.filter.text, 'alice');
	assert.equal(applied.filterDraft, null);
	const reopened = uiReducer(uiReducer(applied, {type: 'filter-input-opened'}), {type: 'filter-input-typed', text: 'zzz'});
	assert.equal(uiReducer(reopened, {type: 'filter-input-cancelled'}).filter.text, 'alice', 'Esc keeps the old filter');
});

test('filter toggles, user from the selected event, clear', () => {
	const events = [event({eventId: 'a', username: 'alice'}), event({eventId: 'b', username: 'bob', errorCode: 'AccessDenied'})];
	let state = uiReducer(initialUiState, {type: 'errors-filter-toggled'});
	assert.equal(state.filter.errorsOnly, true);
	state = uiReducer(state, {type: 'user-filter-toggled', events, pageSize: 10});
	assert.equal(state.filter.user, 'user bob', 'the selected event within the filtered list');
	state = uiReducer(state, {type: 'writes-filter-toggled'});
	assert.deepEqual(visibleEvents(state, events).map(e => e.eventId), ['b']);
	assert.equal(uiReducer(state, {type: 'user-filter-toggled', events, pageSize: 10}).filter.user, null, 'u again clears');
	assert.deepEqual(uiReducer(state, {type: 'filters-cleared'}).filter, initialUiState.filter);
});

test('scrolling moves through the filtered list', () => {
	const events = [event({eventId: 'a'}), event({eventId: 'b', errorCode: 'X'}), event({eventId: 'c'}), event({eventId: 'd', errorCode: 'X'})];
	const state = uiReducer(uiReducer(initialUiState, {type: 'errors-filter-toggled'}), scroll('row', 1, events));
	assert.equal(state.selectedEventId, 'd');
});

test('a status message is fresh for a while, then gone', () => {
	const state = uiReducer(initialUiState, {type: 'status-shown', status: {text: 'done', tone: 'ok', at: 1000}});
	assert.equal(currentStatus(state, 1000)?.text, 'done');
	assert.equal(currentStatus(state, 1000 + STATUS_MS), null);
});

const TARGETS: ChangeTarget[] = [
	{metric: 'PublishIn.Success', onset: 1000, severity: 'crit', direction: 'down'},
	{metric: 'Connect.AuthError', onset: 2000, severity: 'crit', direction: 'up'},
	{metric: 'Subscribe.Success', onset: 3000, severity: 'warn', direction: 'up'},
];

test('What changed: opens on the first target, cycles both ways with wrap-around, closes with back', () => {
	const open = uiReducer(initialUiState, {type: 'changes-opened', targets: TARGETS});
	assert.equal(uiMode(open), 'changes');
	assert.equal(screenOf(open, 'changes')?.target.metric, 'PublishIn.Success');
	const cycle = (state: UiState, direction: 1 | -1) => uiReducer(state, {type: 'changes-cycled', targets: TARGETS, direction});
	assert.equal(screenOf(cycle(open, 1), 'changes')?.target.metric, 'Connect.AuthError');
	assert.equal(screenOf(cycle(open, -1), 'changes')?.target.metric, 'Subscribe.Success', 'wraps backwards');
	assert.equal(screenOf(cycle(cycle(cycle(open, 1), 1), 1), 'changes')?.target.metric, 'PublishIn.Success', 'wraps forwards');
	assert.equal(uiReducer(initialUiState, {type: 'changes-opened', targets: []}), initialUiState, 'nothing flagged: nothing opens');
	assert.equal(cycle(initialUiState, 1), initialUiState, 'no cycling from the list');
	const back = uiReducer(open, {type: 'screen-closed', events: EVENTS});
	assert.equal(screenOf(back, 'changes'), undefined);
	assert.equal(uiMode(back), 'list');
});

test('What changed: the suspect selection follows its event id, clamps, and Enter/Esc go to the detail and back', () => {
	let state = uiReducer(initialUiState, {type: 'changes-opened', targets: TARGETS});
	const ids = ['a', 'b', 'c', 'd'];
	const move = (unit: 'row' | 'page' | 'end', direction: 1 | -1, list = ids): UiAction => ({type: 'suspects-scrolled', unit, direction, ids: list, pageSize: 2});
	state = uiReducer(state, move('row', 1));
	assert.equal(screenOf(state, 'changes')?.selectedId, 'b');
	assert.equal(selectedSuspectIndex(screenOf(state, 'changes')!, ['new', ...ids]), 2, 'a new suspect above: still on b');
	assert.equal(selectedSuspectIndex(screenOf(state, 'changes')!, ['a']), 0, 'b gone: its index, clamped');
	assert.equal(screenOf(uiReducer(state, move('page', 1)), 'changes')?.selectedId, 'd');
	assert.equal(screenOf(uiReducer(state, move('end', 1)), 'changes')?.selectedId, 'd');
	assert.equal(screenOf(uiReducer(state, move('end', -1)), 'changes')?.selectedId, 'a');
	assert.equal(uiReducer(state, move('row', 1, [])), state, 'no suspects: nothing moves');
	const detail = uiReducer(state, {type: 'suspect-detail-opened', event: event({eventId: 'b'})});
	assert.equal(uiMode(detail), 'detail');
	assert.deepEqual(detail.screens.map(screen => screen.kind), ['list', 'changes', 'detail'], 'the detail stacks over What changed');
	assert.equal(detail.follow, initialUiState.follow, 'the event list behind is untouched');
	const back = uiReducer(detail, {type: 'screen-closed', events: EVENTS});
	assert.equal(uiMode(back), 'changes');
	assert.equal(screenOf(back, 'changes')?.selectedId, 'b');
	assert.equal(uiReducer(initialUiState, {type: 'suspect-detail-opened', event: event()}), initialUiState, 'only from the view');
	assert.equal(uiReducer(back, scroll('row', 1)), back, 'the event list does not scroll under the view');
});

test('the alarm list: toggles from the list only, scrolls, closes with back; help goes over it', () => {
	const open = uiReducer(initialUiState, {type: 'alarms-toggled'});
	assert.equal(uiMode(open), 'alarms');
	const scrolled = uiReducer(open, {type: 'lines-scrolled', screen: 'alarms', unit: 'end', direction: 1, total: 30, pageSize: 10});
	assert.equal(screenOf(scrolled, 'alarms')?.scroll, 20);
	assert.equal(uiMode(uiReducer(scrolled, {type: 'help-toggled'})), 'help');
	assert.equal(uiMode(uiReducer(scrolled, {type: 'alarms-toggled'})), 'list');
	assert.equal(uiMode(uiReducer(scrolled, {type: 'screen-closed', events: EVENTS})), 'list');
	const changes = uiReducer(initialUiState, {type: 'changes-opened', targets: TARGETS});
	assert.equal(uiReducer(changes, {type: 'alarms-toggled'}), changes, 'not over What changed');
	assert.equal(uiReducer(initialUiState, {type: 'lines-scrolled', screen: 'alarms', unit: 'row', direction: 1, total: 30, pageSize: 10}), initialUiState);
});
