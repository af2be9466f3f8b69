import {test} from 'node:test';
import assert from 'node:assert/strict';
import * as real from '@alcalzone/ansi-tokenize';
import {prng as random} from '../baseline/synthetic.js';
import {SIMPLE, styledCharsFromTokens, styledCharsToString, tokenize} from '../../source/text/fast-ansi-tokenize.js';

const SGR = ['\u001b[1m', '\u001b[22m', '\u001b[2m', '\u001b[31m', '\u001b[39m', '\u001b[7m', '\u001b[27m', '\u001b[1;3;31m', '\u001b[38;5;208m', '\u001b[38;2;1;2;3m', '\u001b[0m', '\u001b[m', '\u001b[49m', '\u001b[4m', '\u001b[38;5m', '\u001b[38;2;1m', '\u001b[1;38;5;2;4m', '\u001b[48;2;9;8;7;1m', '\u001b[;1m'];
// Not SGR, or broken: the real tokenizer keeps ESC as an ordinary character for these.
const BROKEN = ['\u001b[', '\u001b[12', '\u001b[3x', '\u001b]8;;', '\u001b', '\u001b[?25l'];


test('every SIMPLE character is one grapheme, one column, for the real tokenizer', () => {
	let checked = 0;
	for (let code = 0; code <= 0xffff; code++) {
		const char = String.fromCharCode(code);
		if (code === 0x1b || !SIMPLE.test(char)) continue;
		assert.deepEqual(real.tokenize(`a${char}b${char}${char}`), tokenize(`a${char}b${char}${char}`), `U+${code.toString(16)}`);
		checked++;
	}
	assert.ok(checked > 600, `checked ${checked} characters`);
});

test('tokenize, styledCharsFromTokens and styledCharsToString give the real answers on styled lines', () => {
	const next = random(7);
	const alphabet = [...'ab 9·—…▁▂▇█●‖▸↑⚠✗✓\u2009\u00e9', ...SGR, ...BROKEN, '東', '👩‍💻', 'e\u0301', '\u001b]8;;https://x\u0007link\u001b]8;;\u0007'];
	const samples = ['', 'plain', '\u001b[1m    1 689\u001b[22m  \u001b[36m▇▆▇▆▆█▅▁▁\u001b[39m\u001b[2m 07:54\u001b[22m', '\u001b[1m\u001b[2m METRIC \u001b[22m'];
	for (let i = 0; i < 3000; i++) {
		let line = '';
		const length = Math.floor(next() * 30);
		for (let j = 0; j < length; j++) line += alphabet[Math.floor(next() * alphabet.length)];
		samples.push(line);
	}
	for (const line of samples) {
		const tokens = tokenize(line);
		assert.deepEqual(tokens, real.tokenize(line), JSON.stringify(line));
		for (const endChar of [1, 5]) assert.deepEqual(tokenize(line, endChar), real.tokenize(line, endChar), `${JSON.stringify(line)} to ${endChar}`);
		const chars = real.styledCharsFromTokens(tokens);
		assert.deepEqual(styledCharsFromTokens(tokens), chars, JSON.stringify(line));
		assert.equal(styledCharsToString(chars), real.styledCharsToString(chars), JSON.stringify(line));
		assert.equal(styledCharsToString(styledCharsFromTokens(tokens)), real.styledCharsToString(chars), JSON.stringify(line));
	}
});
