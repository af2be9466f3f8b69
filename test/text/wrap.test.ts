import {test} from 'node:test';
import assert from 'node:assert/strict';
import {textWidth} from '../../source/text/width.js';
import {truncateStart, wrapText} from '../../source/text/wrap.js';

test('wrapText breaks at spaces, hard-breaks long words, caps lines with an ellipsis', () => {
	const cases: Array<[string, number, number | undefined, string[]]> = [
		['short', 10, undefined, ['short']],
		['', 10, undefined, ['']],
		['one two three four', 9, undefined, ['one two', 'three', 'four']],
		['arn:aws:iam::123456789012:role/deploy', 12, undefined, ['arn:aws:iam:', ':12345678901', '2:role/deplo', 'y']],
		['a b c d e f g h', 3, 2, ['a b', 'c …']],
		['漢字漢字漢字', 4, undefined, ['漢字', '漢字', '漢字']],
	];
	for (const [text, width, max, expected] of cases) {
		const lines = wrapText(text, width, max);
		assert.deepEqual(lines, expected, text);
		for (const line of lines) assert.ok(textWidth(line) <= width, line);
	}
});

test('truncateStart keeps the end of a path', () => {
	assert.equal(truncateStart('/home/me/exports/file.jsonl', 15), '…rts/file.jsonl');
	assert.equal(textWidth(truncateStart('/home/me/exports/file.jsonl', 15)), 15);
	assert.equal(truncateStart('short', 15), 'short');
	assert.equal(truncateStart('abc', 0), '');
});
