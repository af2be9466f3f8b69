/**
 * NO_COLOR and a non-UTF-8 locale on a real terminal: the built demo in tmux panes. tmux logs every
 * byte the app writes (pipe-pane) and re-encodes the cells it drew (capture-pane -e), so both show
 * whether any colour escape got out; the ASCII pane must hold nothing but ASCII.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {BASELINE_METRICS} from '../../source/iot/catalog.js';
import {startPane} from './tmux.js';

const CLI = 'dist/cli.js';

/**
 * A private tmux server with one 80x24 pane running the demo with `env`. The pane waits on a tmux
 * channel until its output is being logged to `log`, so the log holds every byte from the first one.
 * CI=true would make Ink hold every frame until exit, and the pane inherits it: it is unset, and so are
 * the colour variables of whoever runs the tests. The demo's event text is ASCII, so any other
 * character on the ASCII screen would be one of ours.
 */
function demoPane(env: string, log: string) {
	return startPane(`env -u CI -u NO_COLOR -u FORCE_COLOR ${env} node ${CLI} --demo; exec sleep 600`, {columns: 80, rows: 24}, pane =>
		pane.pipeOutput(log),
	);
}

/** Every SGR parameter in `text` (an empty SGR is a reset, 0). */
const sgrParams = (text: string): string[] =>
	[...text.matchAll(/\u001B\[([0-9;:]*)m/g)].flatMap(match => ((match[1] ?? '') === '' ? ['0'] : (match[1] ?? '').split(/[;:]/)));

/** Colour parameters: foreground/background 30-49 (38/48 extended, 39/49 default) and bright 90-107. */
const isColour = (param: string): boolean => /^(3\d|4\d|9[0-7]|10[0-7])$/.test(param);

const onScreen = (screen: string): boolean => BASELINE_METRICS.every(name => screen.includes(name)) && /q quit/.test(screen);

test('NO_COLOR: not one colour escape written or on screen, bold, dim and inverse kept; without it, colours', async () => {
	assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first (npm test does)`);
	const dir = mkdtempSync(join(tmpdir(), 'iotmon-display-'));
	const plain = demoPane('NO_COLOR=1', join(dir, 'plain.log'));
	const coloured = demoPane('', join(dir, 'coloured.log'));
	try {
		await plain.waitFor(onScreen, 20_000, 'the NO_COLOR demo');
		await coloured.waitFor(onScreen, 20_000, 'the coloured demo');
		// A second look once a new second has been drawn: more frames in the log.
		const first = plain.capture();
		await plain.waitFor(screen => screen !== first, 5_000, 'the next frame');

		const written = sgrParams(readFileSync(join(dir, 'plain.log'), 'latin1'));
		assert.deepEqual(written.filter(isColour), [], 'no colour SGR in what the app wrote (39/49 included)');
		for (const [param, what] of [['1', 'bold'], ['2', 'dim'], ['7', 'inverse (the selected row)']] as const) assert.ok(written.includes(param), what);
		// tmux's re-encoding ends every styled cell with 0;39;49 (its own "default colours"), so on screen
		// only real colours count: 30-38, 40-48, 90-107.
		const shown = sgrParams(plain.captureStyled()).filter(param => isColour(param) && param !== '39' && param !== '49');
		assert.deepEqual(shown, [], 'no coloured cell on screen');
		assert.match(plain.capture(), /^▸/m, 'the selection reads without colour');

		const control = sgrParams(readFileSync(join(dir, 'coloured.log'), 'latin1'));
		assert.ok(control.some(param => /^3[1-6]$/.test(param)), 'without NO_COLOR the same screen is coloured (the checks above can see colour)');
	} finally {
		plain.kill();
		coloured.kill();
		rmSync(dir, {recursive: true, force: true});
	}
});

test('LC_ALL=C: every glyph on the list and the help is ASCII', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'iotmon-display-'));
	// LC_ALL=C wins over the LANG=…UTF-8 the pane may inherit, as it does for libc and tmux.
	const pane = demoPane('LC_ALL=C', join(dir, 'ascii.log'));
	try {
		const list = await pane.waitFor(screen => onScreen(screen) && /^>\d\d:\d\d:\d\d/m.test(screen), 20_000, 'the ASCII demo');
		assert.match(list, /k\/Up up {2}j\/Down down {2}Enter detail/);
		assert.match(list, /\* live/);
		assert.doesNotMatch(list, /[^\x00-\x7F]/, `non-ASCII on screen:\n${list}`);
		pane.send('?');
		const help = await pane.waitFor(screen => /^ HELP \| keys/m.test(screen), 5_000, 'the help');
		assert.doesNotMatch(help, /[^\x00-\x7F]/, `non-ASCII in the help:\n${help}`);
		assert.match(help.trimEnd().split('\n').at(-1) ?? '', /^ metrics .*\/day/, 'the source status in the footer row');
		const written = readFileSync(join(dir, 'ascii.log'), 'latin1');
		assert.doesNotMatch(written, /[^\x00-\x7F]/, 'not one byte above 127 written');
	} finally {
		pane.kill();
		rmSync(dir, {recursive: true, force: true});
	}
});
