import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {HELP} from '../../source/cli/flags.js';
import {keyHelpLines, keyTableMarkdown} from '../../source/ui/keys/key-docs.js';
import {KEYMAP, type Keymap} from '../../source/ui/keys/keymap.js';

/** The README's key table: from its header row to the first blank line. */
function readmeKeyTable(): string {
	const readme = readFileSync('README.md', 'utf8');
	const start = readme.indexOf('| key | what it does |');
	assert.ok(start >= 0, 'README.md has the key table under ## Keys');
	return readme.slice(start, readme.indexOf('\n\n', start));
}

test('the README key table is the keymap written out (paste the expected table when a binding changes)', () => {
	const expected = keyTableMarkdown(KEYMAP);
	assert.equal(readmeKeyTable(), expected, `README.md ## Keys must be:\n${expected}\n`);
});

test('--help lists every key that has a footer word, from the keymap', () => {
	assert.ok(HELP.includes(keyHelpLines(KEYMAP)));
	for (const binding of KEYMAP.filter(b => b.footer !== null)) {
		assert.ok(HELP.includes(`${binding.label} ${binding.description}`), `--help shows ${binding.label}`);
	}
	for (const line of keyHelpLines(KEYMAP).split('\n')) assert.ok(line.length <= 100, `--help line fits 100 columns: ${line}`);
});

test('a changed binding changes both (the drift checks can fail)', () => {
	const changed: Keymap = KEYMAP.map(binding => (binding.label === 'r' ? {...binding, label: 'R', description: 'reload'} : binding));
	assert.notEqual(keyTableMarkdown(changed), readmeKeyTable());
	assert.ok(!HELP.includes(keyHelpLines(changed)));
	assert.match(keyTableMarkdown(changed), /\| `R` \|/);
});
