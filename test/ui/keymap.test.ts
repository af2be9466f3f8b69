import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {Key} from 'ink';
import {textWidth} from '../../source/text/width.js';
import {helpLines} from '../../source/ui/keys/help-lines.js';
import {actionsFor, activeIn, FLEET_KEYMAP, findBinding, KEYMAP, keyName, textInputActions} from '../../source/ui/keys/keymap.js';

const NO_KEY: Key = {
	upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
	home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
	backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};

test('keyName turns Ink key events into binding names', () => {
	const cases: Array<[string, Partial<Key>, string | null]> = [
		['q', {}, 'q'],
		['G', {shift: true}, 'G'],
		['', {upArrow: true}, 'up'],
		['', {pageDown: true}, 'pagedown'],
		['', {escape: true, meta: true}, 'escape'],
		['c', {ctrl: true}, 'ctrl+c'],
		['paste', {}, null],
	];
	for (const [input, key, expected] of cases) assert.equal(keyName(input, {...NO_KEY, ...key}), expected, input);
});

test('every action in the brief has a binding', () => {
	const press = (input: string, key: Partial<Key> = {}) => findBinding(KEYMAP, input, {...NO_KEY, ...key})?.command;
	assert.deepEqual(press('q'), {type: 'quit'});
	assert.deepEqual(press('c', {ctrl: true}), {type: 'quit'});
	assert.deepEqual(press('j'), {type: 'scroll', unit: 'row', direction: 1});
	assert.deepEqual(press('', {downArrow: true}), {type: 'scroll', unit: 'row', direction: 1});
	assert.deepEqual(press('k'), {type: 'scroll', unit: 'row', direction: -1});
	assert.deepEqual(press('', {upArrow: true}), {type: 'scroll', unit: 'row', direction: -1});
	assert.deepEqual(press('', {pageUp: true}), {type: 'scroll', unit: 'page', direction: -1});
	assert.deepEqual(press('', {pageDown: true}), {type: 'scroll', unit: 'page', direction: 1});
	assert.deepEqual(press('g'), {type: 'scroll', unit: 'end', direction: -1});
	assert.deepEqual(press('G', {shift: true}), {type: 'scroll', unit: 'end', direction: 1});
	assert.deepEqual(press('p'), {type: 'toggle-pause'});
	assert.deepEqual(press('r'), {type: 'refresh'});
	assert.deepEqual(press('?'), {type: 'toggle-help'});
	assert.deepEqual(press('', {return: true}), {type: 'open-detail'});
	assert.deepEqual(press('/'), {type: 'open-filter'});
	assert.deepEqual(press('e'), {type: 'toggle-errors'});
	assert.deepEqual(press('w'), {type: 'toggle-writes'});
	assert.deepEqual(press('u'), {type: 'toggle-user'});
	assert.deepEqual(press('c'), {type: 'clear-filters'});
	assert.deepEqual(press('x'), {type: 'export'});
	assert.equal(press('', {escape: true}), undefined, 'Esc does nothing on the list');
	const inDetail = (input: string, key: Partial<Key> = {}) => findBinding(KEYMAP, input, {...NO_KEY, ...key}, 'detail')?.command;
	assert.deepEqual(inDetail('', {escape: true}), {type: 'back'});
	assert.deepEqual(inDetail('', {delete: true}), {type: 'back'}, 'Backspace (DEL, which Ink calls delete)');
	assert.deepEqual(inDetail('', {backspace: true}), {type: 'back'});
	assert.deepEqual(inDetail('j'), {type: 'scroll', unit: 'row', direction: 1});
	assert.equal(inDetail('e'), undefined, 'list-only keys do nothing in the detail view');
	assert.equal(inDetail('', {return: true}), undefined);
	assert.equal(press('z'), undefined);
	assert.deepEqual(press('W', {shift: true}), {type: 'open-changes'}, 'W is not w');
	assert.deepEqual(press('a'), {type: 'toggle-alarms'});
	assert.deepEqual(press('s'), {type: 'snapshot'});
	const inChanges = (input: string, key: Partial<Key> = {}) => findBinding(KEYMAP, input, {...NO_KEY, ...key}, 'changes')?.command;
	assert.deepEqual(inChanges('', {tab: true}), {type: 'cycle-changes', direction: 1});
	assert.deepEqual(inChanges('', {rightArrow: true}), {type: 'cycle-changes', direction: 1});
	assert.deepEqual(inChanges('', {leftArrow: true}), {type: 'cycle-changes', direction: -1});
	assert.deepEqual(inChanges('', {return: true}), {type: 'open-detail'});
	assert.deepEqual(inChanges('', {escape: true}), {type: 'back'});
	assert.deepEqual(inChanges('j'), {type: 'scroll', unit: 'row', direction: 1});
	assert.deepEqual(inChanges('s'), {type: 'snapshot'}, 'a snapshot from any screen');
	assert.equal(inChanges('e'), undefined, 'list filters do nothing there');
	assert.equal(press('', {tab: true}), undefined, 'Tab only cycles in What changed');
	assert.deepEqual(findBinding(KEYMAP, 'a', NO_KEY, 'alarms')?.command, {type: 'toggle-alarms'}, 'a closes its list');
	assert.deepEqual(findBinding(KEYMAP, '', {...NO_KEY, escape: true}, 'alarms')?.command, {type: 'back'});
});

test('no key is bound twice on the same screen', () => {
	for (const mode of ['list', 'detail', 'help', 'alarms', 'changes'] as const) {
		const keys = KEYMAP.filter(binding => activeIn(binding, mode)).flatMap(binding => binding.keys);
		assert.equal(new Set(keys).size, keys.length, mode);
	}
});

test('while the filter line is open keys are text: no binding fires, only Ctrl-C quits', () => {
	const text = (input: string, key: Partial<Key> = {}) => textInputActions(input, {...NO_KEY, ...key});
	assert.deepEqual(text('q'), [{type: 'type-filter', text: 'q'}]);
	assert.deepEqual(text('p'), [{type: 'type-filter', text: 'p'}]);
	assert.deepEqual(text('G', {shift: true}), [{type: 'type-filter', text: 'G'}]);
	assert.deepEqual(text('deny me'), [{type: 'type-filter', text: 'deny me'}], 'a paste is text too');
	assert.deepEqual(text('a\u001b[31mb\n\u0007\u009b'), [{type: 'type-filter', text: 'a[31mb'}], 'controls never become text');
	assert.deepEqual(text('', {return: true}), [{type: 'apply-filter'}]);
	assert.deepEqual(text('', {escape: true, meta: true}), [{type: 'cancel-filter'}]);
	assert.deepEqual(text('', {delete: true}), [{type: 'erase-filter', what: 'char'}]);
	assert.deepEqual(text('u', {ctrl: true}), [{type: 'erase-filter', what: 'all'}]);
	assert.deepEqual(text('c', {ctrl: true}), [{type: 'quit'}]);
	assert.deepEqual(text('', {upArrow: true}), []);
	assert.deepEqual(text('x', {meta: true}), []);
});

test('a run that opens the filter line types the rest into it', () => {
	assert.deepEqual(actionsFor(KEYMAP, 'j/qp', NO_KEY), [
		{type: 'scroll', unit: 'row', direction: 1},
		{type: 'open-filter'},
		{type: 'type-filter', text: 'qp'},
	]);
	assert.deepEqual(actionsFor(KEYMAP, '?jq', NO_KEY), [{type: 'toggle-help'}], 'the rest after ? was meant for the help');
});

test('Enter, Backspace and Ctrl-U read in the same run as text still act, in order', () => {
	const text = (input: string) => textInputActions(input, NO_KEY);
	assert.deepEqual(text('deny\r'), [{type: 'type-filter', text: 'deny'}, {type: 'apply-filter'}]);
	assert.deepEqual(text('dx\u007fny\rjj'), [
		{type: 'type-filter', text: 'dx'},
		{type: 'erase-filter', what: 'char'},
		{type: 'type-filter', text: 'ny'},
		{type: 'apply-filter'},
	], 'what follows Enter was typed ahead for the list and is dropped');
	assert.deepEqual(text('abc\u0015x'), [
		{type: 'type-filter', text: 'abc'},
		{type: 'erase-filter', what: 'all'},
		{type: 'type-filter', text: 'x'},
	]);
	assert.deepEqual(actionsFor(KEYMAP, '/PWNED\r', NO_KEY), [
		{type: 'open-filter'},
		{type: 'type-filter', text: 'PWNED'},
		{type: 'apply-filter'},
	], 'a whole filter typed ahead in one read is applied');
	assert.deepEqual(actionsFor(KEYMAP, '/a\u0003', NO_KEY), [
		{type: 'open-filter'},
		{type: 'type-filter', text: 'a'},
	], 'quit never comes from inside a run');
});

test('a run of typed keys read at once becomes one action each, but never quits', () => {
	const types = (input: string) => actionsFor(KEYMAP, input, NO_KEY).map(action => action.type);
	assert.deepEqual(types('jjj'), ['scroll', 'scroll', 'scroll']);
	assert.deepEqual(types('jqp'), ['scroll', 'toggle-pause']);
	assert.deepEqual(actionsFor(KEYMAP, 'GG', NO_KEY)[0], {type: 'scroll', unit: 'end', direction: 1});
	assert.deepEqual(types('q'), ['quit']);
	assert.deepEqual(types('j'.repeat(33)), [], 'a paste is ignored');
	// Over a slow link "jj⏎" arrives as one read: two moves, then Enter; what follows Enter was for the next screen.
	assert.deepEqual(types('jj\r'), ['scroll', 'scroll', 'open-detail']);
	assert.deepEqual(types('j\rjj'), ['scroll', 'open-detail']);
	assert.deepEqual(actionsFor(FLEET_KEYMAP, 'jj\r', NO_KEY, 'overview').at(-1), {type: 'open-scope'}, 'the fleet overview: Enter in a run opens the scope');
});

test('every help line fits an 80-column terminal', () => {
	for (const segments of helpLines(KEYMAP)) {
		const text = segments.map(segment => segment.text).join('');
		assert.ok(textWidth(text) <= 80, text);
	}
});

test('every glyph the screen draws is in the legend, in both glyph sets, within 80 columns', async () => {
	const {ASCII, UNICODE} = await import('../../source/render/glyphs.js');
	for (const g of [UNICODE, ASCII]) {
		const lines = helpLines(KEYMAP, g).map(segments => segments.map(s => s.text).join(''));
		const legendText = lines.slice(lines.findIndex(line => line.includes('FLAG'))).join('\n');
		for (const glyph of [g.up, g.down, g.cross, g.warn, g.check, g.select, g.late, g.live, g.paused, g.filter, g.newAbove, g.approx, g.alarm, g.alarmUnknown, g.missing, g.delta, g.tick, g.sparkBelow]) {
			assert.ok(legendText.includes(glyph), `${JSON.stringify(glyph)} in the ${g.ascii ? 'ASCII' : 'Unicode'} legend`);
		}
		for (const line of lines) assert.ok(textWidth(line) <= 80, `help line fits 80: ${line}`);
	}
});
