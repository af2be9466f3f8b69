import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup, render} from 'ink-testing-library';
import {textWidth} from '../../source/text/width.js';
import {Footer} from '../../source/ui/keys/footer.js';
import {footerSegments} from '../../source/ui/keys/footer-lines.js';
import {Help} from '../../source/ui/keys/help.js';
import {KEYMAP, type Keymap} from '../../source/ui/keys/keymap.js';
import {waitFor} from './helpers.js';

afterEach(cleanup);

async function frameOf(node: React.ReactElement): Promise<string> {
	const {lastFrame} = render(node);
	await waitFor(() => lastFrame() !== undefined, 2000, 'first frame');
	return lastFrame() ?? '';
}

const custom: Keymap = [
	{keys: ['x'], label: 'x', description: 'explode', help: 'blow it all up', footer: 1, command: {type: 'quit'}},
	{keys: ['y'], label: 'y', description: 'yodel', help: 'sing', footer: 2, command: {type: 'refresh'}},
	{keys: ['z'], label: 'z', description: 'secret', help: 'not in the footer', footer: null, command: {type: 'back'}},
];

test('the footer is generated from the keymap it is given', async () => {
	const frame = await frameOf(<Footer keymap={custom} width={80} />);
	assert.equal(frame.trim(), 'x explode  y yodel');
	assert.doesNotMatch(frame, /quit|secret/);
});

test('narrow footers drop the least important hints but keep quit and help', async () => {
	const frame = await frameOf(<Footer keymap={KEYMAP} width={80} />);
	assert.match(frame, /q quit/);
	assert.match(frame, /\? help/);
	assert.ok(textWidth(frame) <= 80);
	cleanup();
	const tiny = await frameOf(<Footer keymap={custom} width={9} />);
	assert.ok(textWidth(tiny) <= 9, tiny);
});

test('wide footers show every footer binding of the screen, and only those', () => {
	for (const mode of ['list', 'detail', 'help'] as const) {
		const frame = footerSegments(KEYMAP, 300, mode).map(segment => segment.text).join('');
		for (const binding of KEYMAP.filter(b => b.footer !== null)) {
			const shown = frame.includes(`${binding.label} ${binding.elsewhere?.[mode] ?? binding.description}`);
			assert.equal(shown, binding.modes === undefined || binding.modes.includes(mode), `${mode}: ${binding.label}`);
		}
	}
});

test('the 80-column list footer keeps quit, moving, detail, filter and help; detail shows back', () => {
	const text = (mode: 'list' | 'detail') => footerSegments(KEYMAP, 80, mode).map(segment => segment.text).join('');
	for (const hint of ['q quit', 'j/↓ down', '⏎ detail', '/ filter', 'e errors', '? help']) assert.ok(text('list').includes(hint), hint);
	assert.ok(textWidth(text('list')) <= 80);
	assert.match(text('detail'), /Esc back/);
	assert.doesNotMatch(text('detail'), /filter|export/);
});

test('help lists every binding of the keymap it is given, with the full description', async () => {
	const frame = await frameOf(<Help keymap={custom} width={80} height={10} />);
	for (const binding of custom) assert.match(frame, new RegExp(`${binding.label}\\s+${binding.help}`));
});

test('g and G say newest and oldest in the event list, top and bottom on the screens that scroll', () => {
	const words = (mode: 'list' | 'detail' | 'help' | 'alarms' | 'changes') =>
		footerSegments(KEYMAP, 400, mode)
			.map(segment => segment.text)
			.join('');
	assert.match(words('list'), /g newest {2}G oldest/);
	for (const mode of ['detail', 'help', 'alarms', 'changes'] as const) {
		assert.match(words(mode), /g top {2}G bottom/, mode);
		assert.doesNotMatch(words(mode), /newest|oldest/, mode);
	}
});
