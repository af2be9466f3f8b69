import {test} from 'node:test';
import assert from 'node:assert/strict';
import realStringWidth from 'string-width';
import stringWidth, {NARROW} from '../../source/text/fast-string-width.js';

test('every character the fast path accepts is exactly one column for the real string-width', () => {
	let checked = 0;
	for (let code = 0; code <= 0xffff; code++) {
		if (code >= 0xd800 && code <= 0xdfff) continue;
		const char = String.fromCharCode(code);
		if (!NARROW.test(char)) continue;
		assert.equal(realStringWidth(char), 1, `U+${code.toString(16).padStart(4, '0')}`);
		checked++;
	}
	assert.ok(checked > 600, `checked ${checked} characters`);
});

test('same answers as string-width for mixed, wide, emoji, ANSI and option cases', () => {
	const samples = ['', 'abc', '▁▂▃█ ● · —', '東京', '👩‍💻 ok', '\u001b[31mred\u001b[39m', 'e\u0301', 'a\u00adb', '◽', '\u001b[1m東京\u001b[22m', '\u001b[2m▁▂ ok\u001b[22m'];
	for (const sample of samples) {
		assert.equal(stringWidth(sample), realStringWidth(sample), JSON.stringify(sample));
		assert.equal(stringWidth(sample), realStringWidth(sample), `memoised ${JSON.stringify(sample)}`);
	}
	assert.equal(stringWidth('\u001b[31m', {countAnsiEscapeCodes: true}), realStringWidth('\u001b[31m', {countAnsiEscapeCodes: true}));
});
