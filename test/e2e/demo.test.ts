import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {BASELINE_METRICS} from '../../source/iot/catalog.js';
import {startPane} from './tmux.js';

const CLI = 'dist/cli.js';
const EVENT_ROW = /\d\d:\d\d:\d\d\s+(?:[^\sA-Za-z]+\s+)?(Create|Update|Delete|Attach|Detach|Add|Remove|Replace|Set|Register|Cancel|Disable|Enable)\w+/g;

test('demo in a real 80x24 terminal: nine metrics, live events, q restores the terminal', async () => {
	assert.ok(existsSync(CLI), 'dist/cli.js is missing: run npm run build first (npm test does)');
	// CI=true makes Ink hold every frame until exit, and a tmux pane inherits it: start without it.
	const pane = startPane(
		`env -u CI node ${CLI} --demo; echo "EXIT:$?"; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; exec sleep 600`,
	);
	try {
		const screen = await pane.waitFor(
			s => BASELINE_METRICS.every(name => s.includes(name)) && (s.match(EVENT_ROW)?.length ?? 0) >= 5,
			15_000,
			'all nine baseline metrics and at least five events',
		);
		assert.match(screen, /DEMO/);
		assert.doesNotMatch(screen, /Warning|warn:|deprecat|\(node:\d+\)/i, 'nothing the SDK or Node prints lands on the screen');
		assert.equal(pane.format('#{alternate_on}'), '1', 'the TUI runs on the alternate screen');
		pane.send('q');
		const after = await pane.waitFor(s => /EXIT:\d+/.test(s), 5_000, 'the process to exit');
		assert.match(after, /EXIT:0/);
		assert.equal(pane.format('#{alternate_on}'), '0', 'left the alternate screen');
		assert.equal(pane.format('#{cursor_flag}'), '1', 'cursor visible again');
		await pane.waitFor(s => /icanon/.test(s), 5_000, 'stty output');
		assert.match(pane.capture(), /(^|\s)icanon\s+echo(\s|$)/m, 'terminal back in cooked mode with echo');
		assert.doesNotMatch(after, /BASELINE|PublishIn\.Success/, 'the TUI frame is gone from the main screen');
	} finally {
		pane.kill();
	}
});

test('Ctrl-C quits the demo with the terminal restored, like q', async () => {
	const pane = startPane(`env -u CI node ${CLI} --demo; echo "EXIT:$?"; exec sleep 600`);
	try {
		await pane.waitFor(s => s.includes('PublishIn.Success') && /DEMO/.test(s), 15_000, 'the demo screen');
		pane.send('C-c');
		const after = await pane.waitFor(s => /EXIT:\d+/.test(s), 5_000, 'the process to exit');
		assert.match(after, /EXIT:0/);
		assert.equal(pane.format('#{alternate_on}'), '0');
		assert.equal(pane.format('#{cursor_flag}'), '1');
	} finally {
		pane.kill();
	}
});
