import {test} from 'node:test';
import assert from 'node:assert/strict';
import {colorWanted, localeIsUtf8, resolveDisplay, type ColorChoice, type DisplayEnv} from '../../source/render/display.js';

test('locale: the first of LC_ALL, LC_CTYPE, LANG that is set decides; UTF-8 only when it says so', () => {
	const cases: ReadonlyArray<readonly [DisplayEnv, boolean, string]> = [
		[{LANG: 'en_US.UTF-8'}, true, 'LANG alone'],
		[{LANG: 'C.utf8'}, true, 'lower case, no dash'],
		[{LC_CTYPE: 'UTF-8'}, true, "macOS's bare UTF-8"],
		[{}, false, 'nothing set'],
		[{LANG: ''}, false, 'empty is unset'],
		[{LANG: 'C'}, false, 'C'],
		[{LANG: 'POSIX'}, false, 'POSIX'],
		[{LANG: 'en_US.ISO-8859-1'}, false, 'another charset'],
		[{LC_ALL: 'C', LANG: 'en_US.UTF-8'}, false, 'LC_ALL=C wins, as for libc and tmux'],
		[{LC_ALL: '', LC_CTYPE: 'C', LANG: 'en_US.UTF-8'}, false, 'empty LC_ALL is skipped, LC_CTYPE decides'],
		[{LC_ALL: '', LC_CTYPE: '', LANG: 'de_DE.UTF-8'}, true, 'empty ones are skipped'],
		[{LC_ALL: 'en_GB.UTF-8', LANG: 'C'}, true, 'LC_ALL over LANG'],
	];
	for (const [env, expected, what] of cases) assert.equal(localeIsUtf8(env), expected, what);
});

test('colour: always/never win; auto: NO_COLOR, then FORCE_COLOR, then a TTY that is not dumb', () => {
	const cases: ReadonlyArray<readonly [ColorChoice, DisplayEnv, boolean, boolean, string]> = [
		['auto', {}, true, true, 'a terminal'],
		['auto', {}, false, false, 'a pipe'],
		['auto', {NO_COLOR: '1'}, true, false, 'NO_COLOR'],
		['auto', {NO_COLOR: ''}, true, true, 'an empty NO_COLOR does not count (no-color.org)'],
		['auto', {TERM: 'dumb'}, true, false, 'TERM=dumb'],
		['auto', {TERM: 'tmux-256color'}, true, true, 'tmux'],
		['auto', {FORCE_COLOR: '0'}, true, false, 'FORCE_COLOR=0'],
		['auto', {FORCE_COLOR: 'false'}, true, false, 'FORCE_COLOR=false'],
		['auto', {FORCE_COLOR: '1'}, false, true, 'FORCE_COLOR=1 on a pipe'],
		['auto', {FORCE_COLOR: ''}, false, true, 'an empty FORCE_COLOR forces too (as for chalk)'],
		['auto', {FORCE_COLOR: '1', NO_COLOR: '1'}, true, false, 'NO_COLOR wins over FORCE_COLOR'],
		['always', {NO_COLOR: '1'}, false, true, 'a flag or setting beats NO_COLOR'],
		['never', {}, true, false, 'never'],
	];
	for (const [choice, env, isTTY, expected, what] of cases) assert.equal(colorWanted(choice, env, isTTY), expected, what);
});

test('resolveDisplay: one call for the CLI, and resolving again changes nothing', () => {
	const env = {LANG: 'C.UTF-8', NO_COLOR: '1'};
	const once = resolveDisplay({color: 'auto', ascii: false, env, isTTY: true});
	assert.deepEqual(once, {color: 'never', ascii: false});
	assert.deepEqual(resolveDisplay({...once, env, isTTY: true}), once);
	assert.deepEqual(resolveDisplay({color: 'auto', ascii: false, env: {LC_ALL: 'C'}, isTTY: true}), {color: 'always', ascii: true});
	assert.deepEqual(resolveDisplay({color: 'always', ascii: true, env: {LANG: 'en_US.UTF-8'}, isTTY: false}), {color: 'always', ascii: true});
	const ascii = resolveDisplay({color: 'auto', ascii: false, env: {}, isTTY: false});
	assert.deepEqual(resolveDisplay({...ascii, env: {}, isTTY: false}), ascii);
});
