import {test} from 'node:test';
import assert from 'node:assert/strict';
import {sanitize, sanitizeMultiline} from '../../source/text/sanitize.js';
import {pad, textWidth, truncate} from '../../source/text/width.js';

// eslint-style note: strings below are hostile on purpose.
const DANGEROUS = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

const cases: Array<[string, string, string]> = [
	['plain text passes', 'CreateThing', 'CreateThing'],
	['OSC title change is shown, not run', '\u001b]0;pwned\u0007', '\u241b]0;pwned\u2407'],
	['CSI colour is shown, not run', '\u001b[31mred', '\u241b[31mred'],
	['8-bit CSI is replaced', '\u009b31m', '\uFFFD31m'],
	['newline and CR become pictures', 'a\r\nb', 'a\u240d\u240ab'],
	['tab becomes a space', 'a\tb', 'a b'],
	['bidi override is replaced', 'abc\u202Etxt.exe', 'abc\uFFFDtxt.exe'],
	['isolates are replaced', '\u2066x\u2069', '\uFFFDx\uFFFD'],
	['zero-width space is dropped', 'a\u200Bb', 'ab'],
	['lone surrogate is replaced', 'a\uD800b', 'a\uFFFDb'],
	['CJK kept', '東京', '東京'],
	['emoji ZWJ sequence kept', '👩‍💻', '👩‍💻'],
];

for (const [name, input, expected] of cases) {
	test(`sanitize: ${name}`, () => {
		assert.equal(sanitize(input), expected);
	});
}

test('sanitize: null, undefined and numbers', () => {
	assert.equal(sanitize(null), '');
	assert.equal(sanitize(undefined), '');
	assert.equal(sanitize(42), '42');
});

test('sanitize: huge input is capped', () => {
	assert.ok(sanitize('x'.repeat(1_000_000)).length <= 4096);
});

test('sanitize: random bytes never leave a dangerous character', () => {
	let seed = 7;
	const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
	for (let i = 0; i < 2000; i++) {
		let s = '';
		for (let j = 0; j < 40; j++) s += String.fromCharCode(next() % 0x2100);
		assert.doesNotMatch(sanitize(s), DANGEROUS);
	}
});

test('sanitizeMultiline keeps newlines and cleans each line', () => {
	assert.equal(sanitizeMultiline('a\u001b[2J\nb'), 'a\u241b[2J\nb');
});

test('width: CJK and emoji count two columns', () => {
	assert.equal(textWidth('東京'), 4);
	assert.equal(textWidth('ab'), 2);
	assert.equal(textWidth('👍'), 2);
});

test('truncate: adds an ellipsis and never exceeds the width', () => {
	assert.equal(truncate('abcdef', 4), 'abc…');
	assert.equal(truncate('abc', 4), 'abc');
	assert.equal(truncate('東京都庁', 5), '東京…');
	assert.ok(textWidth(truncate('👩‍💻👩‍💻👩‍💻', 5)) <= 5);
	assert.equal(truncate('abc', 0), '');
});

test('pad: exact width both ways', () => {
	assert.equal(pad('ab', 4), 'ab  ');
	assert.equal(pad('ab', 4, 'right'), '  ab');
	assert.equal(textWidth(pad('東京都庁', 5)), 5);
});
