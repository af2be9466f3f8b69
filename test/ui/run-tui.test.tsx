import {test} from 'node:test';
import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import chalk from 'chalk';
import type {DisplayOptions} from '../../source/render/display.js';
import {runTui} from '../../source/ui/run-tui.js';
import {fakeMonitor, waitFor} from './helpers.js';

const ENTER = '\u001B[?1049h\u001B[H';
const LEAVE = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';
const HANDLED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'uncaughtException'] as const;

class FakeStdout extends EventEmitter {
	output = '';
	columns = 80;
	rows = 24;
	constructor(readonly isTTY: boolean) {
		super();
	}
	write = (chunk: string): boolean => {
		this.output += chunk;
		return true;
	};
}

class FakeStdin extends EventEmitter {
	rawMode: boolean[] = [];
	private pending: string | null = null;
	constructor(readonly isTTY: boolean) {
		super();
	}
	type(data: string): void {
		this.pending = data;
		this.emit('readable');
	}
	read = (): string | null => {
		const data = this.pending;
		this.pending = null;
		return data;
	};
	setRawMode(on: boolean): void {
		this.rawMode.push(on);
	}
	setEncoding(): void {}
	ref(): void {}
	unref(): void {}
	resume(): void {}
	pause(): void {}
}

/** process.exit never returns; throwing stops the rest of the signal's listeners, as exiting would. */
class ExitCalled extends Error {
	constructor(readonly code: number) {
		super(`exit ${code}`);
	}
}

function start(stdoutTTY: boolean, stdinTTY: boolean, display?: DisplayOptions) {
	const stdout = new FakeStdout(stdoutTTY);
	const stdin = new FakeStdin(stdinTTY);
	const stderr = new FakeStdout(false);
	const exitCodes: number[] = [];
	let settled = false;
	const done = runTui({
		monitor: fakeMonitor(),
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
		...(display ? {display} : {}),
		exitProcess: code => {
			exitCodes.push(code);
			throw new ExitCalled(code);
		},
	}).finally(() => {
		settled = true;
	});
	/** Ends a run a failed assertion left behind, so the test file cannot hang. */
	const stop = async (): Promise<void> => {
		// Once runTui is done our handlers are gone, and a SIGHUP would really end this process.
		if (settled) return;
		try {
			process.emit('SIGHUP');
		} catch (error) {
			if (!(error instanceof ExitCalled)) throw error;
		}
		await done;
	};
	return {stdout, stdin, done, exitCodes, stop};
}

const listenerCounts = () => HANDLED.map(event => process.listenerCount(event));

test('q: alternate screen in and out, cursor shown, raw mode off, handlers removed, resolves 0', async () => {
	const before = listenerCounts();
	const {stdout, stdin, done, exitCodes, stop} = start(true, true);
	try {
		assert.ok(stdout.output.startsWith(ENTER));
		await waitFor(() => stdin.listenerCount('readable') > 0, 2000, 'key listener');
		stdin.type('q');
		assert.equal(await done, 0);
	} finally {
		await stop();
	}
	assert.deepEqual(exitCodes, []);
	// Ink writes the last frame on unmount (with CI=true it writes only then): the restore comes after it.
	const tail = stdout.output.slice(stdout.output.lastIndexOf('EVENTS'));
	assert.ok(tail.includes(LEAVE) && tail.includes(SHOW_CURSOR), 'restored after the last frame');
	assert.equal(stdout.output.split(LEAVE).length, 2, 'left the alternate screen once');
	assert.equal(stdin.rawMode.at(-1), false);
	// Ink hides the cursor through cli-cursor, whose restore-cursor installs one permanent signal-exit
	// hook per process the first time; ours must all be gone (the next test checks exact counts).
	const after = listenerCounts();
	after.forEach((count, index) => assert.ok(count - (before[index] ?? 0) <= (index < 3 ? 1 : 0), HANDLED[index]));
});

test('SIGTERM: the terminal is restored once, then the process exits 143', async () => {
	const before = listenerCounts();
	const {stdout, done, exitCodes} = start(true, true);
	assert.throws(() => process.emit('SIGTERM'), ExitCalled);
	assert.equal(await done, 143);
	assert.deepEqual(exitCodes, [143]);
	assert.ok(stdout.output.endsWith(LEAVE + SHOW_CURSOR) || stdout.output.includes(LEAVE + SHOW_CURSOR));
	assert.deepEqual(listenerCounts(), before, 'handlers removed');
});

test('not a TTY: no alternate screen, no raw mode, and SIGHUP exits 129', async () => {
	const {stdout, stdin, done, exitCodes} = start(false, false);
	assert.ok(!stdout.output.includes(ENTER));
	assert.deepEqual(stdin.rawMode, []);
	assert.throws(() => process.emit('SIGHUP'), ExitCalled);
	assert.equal(await done, 129);
	assert.deepEqual(exitCodes, [129]);
	assert.ok(!stdout.output.includes(LEAVE));
});

/** SGR parameters written, one entry per parameter. */
const sgrCodes = (output: string): string[] => [...output.matchAll(/\u001B\[([0-9;]*)m/g)].flatMap(match => (match[1] ?? '').split(';'));
const isColour = (code: string): boolean => /^(3\d|4\d|9[0-7]|10[0-7])$/.test(code);

test('display never + ascii on a terminal: bold, dim and inverse but no colour, ASCII glyphs; chalk restored', async () => {
	const level = chalk.level;
	const {stdout, stdin, done, stop} = start(true, true, {color: 'never', ascii: true});
	try {
		// With CI=true Ink writes a frame only when it unmounts: wait for the key listener, quit, then read.
		await waitFor(() => stdin.listenerCount('readable') > 0, 2000, 'the key listener');
		stdin.type('q');
		assert.equal(await done, 0);
	} finally {
		await stop();
	}
	const codes = sgrCodes(stdout.output);
	assert.deepEqual(codes.filter(isColour), [], 'no colour SGR');
	assert.ok(codes.includes('1') && codes.includes('7'), 'bold and inverse stay');
	assert.match(stdout.output, /\* live/);
	assert.doesNotMatch(stdout.output, /[▁▂▃▄▅▆▇█▸●·]/);
	assert.equal(chalk.level, level, 'chalk level restored');
});

test('display always: colours even when stdout is not a terminal', async () => {
	const {stdout, done, exitCodes} = start(false, false, {color: 'always', ascii: false});
	assert.throws(() => process.emit('SIGHUP'), ExitCalled);
	assert.equal(await done, 129);
	assert.deepEqual(exitCodes, [129]);
	assert.ok(sgrCodes(stdout.output).some(isColour), 'colour SGR written');
});
