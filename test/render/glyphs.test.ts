import {test} from 'node:test';
import assert from 'node:assert/strict';
import {textWidth} from '../../source/text/width.js';
import {ASCII, cut, cutStart, glyphsFor, keyLabel, padCell, UNICODE, wrap, type Glyphs} from '../../source/render/glyphs.js';

const strings = (g: Glyphs): string[] =>
	Object.values(g).flatMap(value => (typeof value === 'string' ? [value] : typeof value === 'object' ? Object.values(value as object).map(String) : []));

test('the ASCII set is ASCII through and through, and has every glyph the Unicode set has', () => {
	for (const text of strings(ASCII)) assert.match(text, /^[\x20-\x7E]*$/, JSON.stringify(text));
	assert.deepEqual(Object.keys(ASCII).sort(), Object.keys(UNICODE).sort());
	assert.deepEqual(Object.keys(ASCII.gauge).sort(), Object.keys(UNICODE.gauge).sort());
	assert.equal(ASCII.spark.length, UNICODE.spark.length);
	assert.equal(new Set(ASCII.spark).size, ASCII.spark.length, 'eight distinct levels');
	assert.ok(!ASCII.spark.includes(ASCII.sparkBelow) && !ASCII.spark.includes(' '), 'levels differ from "below" and "no data"');
	for (const g of [ASCII, UNICODE]) assert.ok(![...g.spark, g.sparkBelow, ' '].includes(g.tick), 'a tick differs from every sparkline glyph');
	assert.equal(glyphsFor(true), ASCII);
	assert.equal(glyphsFor(false), UNICODE);
});

test('glyphs that columns are sized for keep their width in ASCII', () => {
	const fixed: ReadonlyArray<keyof Glyphs> = ['up', 'down', 'cross', 'warn', 'check', 'select', 'late', 'sep', 'normal', 'missing', 'range', 'dash', 'ellipsis', 'live', 'newAbove', 'rule', 'approx', 'sparkBelow', 'alarm', 'alarmUnknown', 'tick'];
	for (const key of fixed) assert.equal(textWidth(String(ASCII[key])), textWidth(String(UNICODE[key])), key);
	for (const [index, level] of ASCII.spark.entries()) assert.equal(textWidth(level), textWidth(UNICODE.spark[index] ?? ''));
	for (const key of Object.keys(UNICODE.gauge) as Array<keyof Glyphs['gauge']>) assert.equal(textWidth(ASCII.gauge[key]), textWidth(UNICODE.gauge[key]), key);
});

test('key labels in the set: k/↑ -> k/Up, ⏎ -> Enter; untouched in Unicode', () => {
	assert.equal(keyLabel('k/↑', ASCII), 'k/Up');
	assert.equal(keyLabel('j/↓', ASCII), 'j/Down');
	assert.equal(keyLabel('⏎', ASCII), 'Enter');
	assert.equal(keyLabel('⌫', ASCII), 'Bksp');
	assert.equal(keyLabel('Tab/→', ASCII), 'Tab/Right');
	assert.equal(keyLabel('←', ASCII), 'Left');
	assert.equal(keyLabel('k/↑', UNICODE), 'k/↑');
});

test('a cut ends with the set ellipsis; text that was not cut keeps its own characters', () => {
	assert.equal(cut('AccessDeniedException', 8, UNICODE), 'AccessD…');
	assert.equal(cut('AccessDeniedException', 8, ASCII), 'AccessD~');
	assert.equal(cut('wait…', 8, ASCII), 'wait…', 'untrusted text that fits is never changed');
	assert.equal(cut('a…b…c…d…e', 4, ASCII), 'a…b~', 'only the ellipsis the cut added');
	assert.equal(cutStart('/home/me/exports/file.csv', 10, ASCII), '~/file.csv');
	assert.equal(padCell('UpdateThingShadow.Accepted', 14, 'left', ASCII), 'UpdateThingSh~');
	assert.equal(padCell('ab', 5, 'right', ASCII), '   ab');
	assert.deepEqual(wrap('one two three four five six', 9, 2, ASCII), ['one two', 'three~']);
	assert.deepEqual(wrap('one two three', 9, 2, ASCII), ['one two', 'three']);
	assert.deepEqual(wrap('one two three four five six', 9, 2, UNICODE), ['one two', 'three…']);
});
