import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {Key} from 'ink';
import {actionsFor, findBinding, KEYMAP, keyName} from '../../source/ui/keymap.js';

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
	const press = (input: string, key: Partial<Key> = {}) => findBinding(KEYMAP, input, {...NO_KEY, ...key})?.action;
	assert.deepEqual(press('q'), {type: 'quit-requested'});
	assert.deepEqual(press('c', {ctrl: true}), {type: 'quit-requested'});
	assert.deepEqual(press('j'), {type: 'scroll-requested', unit: 'row', direction: 1});
	assert.deepEqual(press('', {downArrow: true}), {type: 'scroll-requested', unit: 'row', direction: 1});
	assert.deepEqual(press('k'), {type: 'scroll-requested', unit: 'row', direction: -1});
	assert.deepEqual(press('', {upArrow: true}), {type: 'scroll-requested', unit: 'row', direction: -1});
	assert.deepEqual(press('', {pageUp: true}), {type: 'scroll-requested', unit: 'page', direction: -1});
	assert.deepEqual(press('', {pageDown: true}), {type: 'scroll-requested', unit: 'page', direction: 1});
	assert.deepEqual(press('g'), {type: 'scroll-requested', unit: 'end', direction: -1});
	assert.deepEqual(press('G', {shift: true}), {type: 'scroll-requested', unit: 'end', direction: 1});
	assert.deepEqual(press('p'), {type: 'pause-toggle-requested'});
	assert.deepEqual(press('r'), {type: 'refresh-requested'});
	assert.deepEqual(press('?'), {type: 'help-toggled'});
	assert.deepEqual(press('', {escape: true}), {type: 'help-closed'});
	assert.equal(press('x'), undefined);
});

test('no key is bound twice', () => {
	const keys = KEYMAP.flatMap(binding => binding.keys);
	assert.equal(new Set(keys).size, keys.length);
});

test('a run of typed keys read at once becomes one action each, but never quits', () => {
	const types = (input: string) => actionsFor(KEYMAP, input, NO_KEY).map(action => action.type);
	assert.deepEqual(types('jjj'), ['scroll-requested', 'scroll-requested', 'scroll-requested']);
	assert.deepEqual(types('jqp'), ['scroll-requested', 'pause-toggle-requested']);
	assert.deepEqual(actionsFor(KEYMAP, 'GG', NO_KEY)[0], {type: 'scroll-requested', unit: 'end', direction: 1});
	assert.deepEqual(types('q'), ['quit-requested']);
	assert.deepEqual(types('j'.repeat(33)), [], 'a paste is ignored');
});
