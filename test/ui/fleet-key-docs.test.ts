import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {keyHelpLines, keyTableMarkdown} from '../../source/ui/keys/key-docs.js';
import {activeIn, FLEET_BINDINGS, FLEET_KEYMAP, KEYMAP} from '../../source/ui/keys/keymap.js';
import {helpLines} from '../../source/ui/keys/help-lines.js';
import {textWidth} from '../../source/text/width.js';

test("the README's fleet key table is FLEET_BINDINGS written out (paste the expected table when a binding changes)", () => {
	const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
	const section = readme.slice(readme.indexOf('### The fleet overview'), readme.indexOf('### Organization setup'));
	const expected = keyTableMarkdown(FLEET_BINDINGS, false);
	assert.ok(section.includes(expected), `README.md ### The fleet overview must hold:\n${expected}`);
});

test('fleet keys: single-account mode has none of them; in fleet mode they never clash with a key on the same screen', () => {
	for (const binding of FLEET_BINDINGS) assert.ok(!KEYMAP.includes(binding));
	for (const mode of ['list', 'detail', 'help', 'alarms', 'changes', 'overview'] as const) {
		const seen = new Map<string, string>();
		for (const binding of FLEET_KEYMAP.filter(b => activeIn(b, mode))) {
			for (const key of binding.keys) {
				assert.ok(!seen.has(key), `${key} bound twice on ${mode}: ${seen.get(key)} and ${binding.label}`);
				seen.set(key, binding.label);
			}
		}
	}
	for (const segments of helpLines(FLEET_KEYMAP)) assert.ok(textWidth(segments.map(s => s.text).join('')) <= 80);
	assert.match(keyHelpLines(FLEET_BINDINGS, 100, '  ', 'Fleet overview keys:'), /^ {2}Fleet overview keys: ⏎ open scope · Esc overview · \] next scope · A all\/one scope$/);
});
