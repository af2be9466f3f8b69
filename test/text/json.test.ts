import {test} from 'node:test';
import assert from 'node:assert/strict';
import {safeJsonStringify} from '../../source/text/json.js';

test('safeJsonStringify: escapes C1, DEL, bidi and separators, and stays equal JSON', () => {
	const value = {name: 'a\u009b31m\u202Eb\u2028c\u007f\u001b]0;x\u0007', list: ['\u2066']};
	const out = safeJsonStringify(value);
	assert.doesNotMatch(out, /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029]/);
	assert.deepEqual(JSON.parse(out), value);
});

test('safeJsonStringify: indentation is kept', () => {
	assert.equal(safeJsonStringify({a: 1}, 2), '{\n  "a": 1\n}');
});
