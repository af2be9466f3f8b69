import {test} from 'node:test';
import assert from 'node:assert/strict';
import realStringWidth from 'string-width';
import {truncate} from '../../source/text/width.js';

/** truncate as it was before its one-column fast path: grapheme by grapheme with the real string-width. */
function reference(text: string, width: number): string {
	if (width <= 0) return '';
	if (realStringWidth(text) <= width) return text;
	let out = '';
	let used = 0;
	for (const {segment} of new Intl.Segmenter().segment(text)) {
		const w = realStringWidth(segment);
		if (used + w > width - 1) break;
		out += segment;
		used += w;
	}
	return out + '…';
}

test('truncate gives the grapheme-by-grapheme answer for narrow, wide and combining text', () => {
	const samples = ['AccessDeniedException', '✗ AccessDeniedException', '1\u2009689 ▁▂▃█ ● · — ⚠', 'x', '', '東京タワー ok', 'e\u0301e\u0301e\u0301e\u0301', '👩‍💻👩‍💻 dev', 'a\u00adb'];
	for (const text of samples) {
		for (let width = -1; width <= text.length + 1; width++) {
			assert.equal(truncate(text, width), reference(text, width), `${JSON.stringify(text)} at ${width}`);
		}
	}
});
