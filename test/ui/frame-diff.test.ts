import {test} from 'node:test';
import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import {FrameDiff, RESIZE_SETTLE_MS, diffingStdout, frameDelta} from '../../source/ui/shared/frame-diff.js';

/** A tiny terminal: rows of text, a cursor; knows the sequences Ink and FrameDiff write. */
class Screen {
	rows: string[] = [];
	row = 0;
	col = 0;
	write(bytes: string): void {
		const token = /\u001B\[(\??[0-9;]*)([A-Za-z])|\n|[^\u001B\n]+/g;
		for (const [all, arg, command] of bytes.matchAll(token)) {
			const n = arg === undefined || arg === '' ? 1 : Number(arg);
			if (all === '\n') {
				this.row++;
				this.col = 0;
			} else if (command === undefined) {
				const line = this.rows[this.row] ?? '';
				this.rows[this.row] = line.slice(0, this.col).padEnd(this.col) + all + line.slice(this.col + all.length);
				this.col += all.length;
			} else if (command === 'm' || arg?.startsWith('?')) {
				// styles and modes change no cell in this model
			} else if (command === 'A') this.row = Math.max(0, this.row - n);
			else if (command === 'E') [this.row, this.col] = [this.row + n, 0];
			else if (command === 'G') this.col = 0;
			else if (command === 'K' && arg === '2') this.rows[this.row] = '';
			else if (command === 'K') this.rows[this.row] = (this.rows[this.row] ?? '').slice(0, this.col);
			else if (command === 'J') {
				this.rows[this.row] = (this.rows[this.row] ?? '').slice(0, this.col);
				this.rows.length = Math.min(this.rows.length, this.row + 1);
			} else throw new Error(`unknown sequence ${JSON.stringify(all)}`);
		}
	}
	/** The non-empty content, rows 0..n-1. */
	shown(n: number): string[] {
		return Array.from({length: n}, (_, i) => this.rows[i] ?? '');
	}
}

/** ansi-escapes' eraseLines, as Ink 6.8 writes it. */
const eraseLines = (n: number): string => (n === 0 ? '' : '\u001B[2K\u001B[1A'.repeat(n - 1) + '\u001B[2K\u001B[G');

/** What Ink 6's standard log-update writes for `frame` after a frame of `previousRows` rows. */
const inkWrite = (previousRows: number, frame: readonly string[]): string =>
	eraseLines(previousRows === 0 ? 0 : previousRows + 1) + frame.join('\n') + '\n';

test('each frame leaves exactly its rows on screen, the cursor below them, and writes only changed rows', () => {
	const frames: string[][] = [
		['header 09:00:01', 'row a', 'row b', '\u001B[31mred\u001B[39m row', 'footer'],
		['header 09:00:02', 'row a', 'row b', '\u001B[31mred\u001B[39m row', 'footer'], // one row changed
		['header 09:00:02', 'row a', 'row b', '\u001B[31mred\u001B[39m row', 'footer'], // nothing changed
		['header 09:00:03', 'row a', 'footer'], // shorter
		['header 09:00:04', 'row a', 'row b', 'row c', 'row d', 'footer'], // longer
		['', '', 'only the middle', '', ''],
	];
	const screen = new Screen();
	const diff = new FrameDiff();
	let previous: string[] = [];
	for (const frame of frames) {
		const ink = inkWrite(previous.length, frame);
		const out = diff.rewrite(ink);
		screen.write(out);
		assert.deepEqual(screen.shown(frame.length), frame.map(row => row.replace(/\u001B\[[0-9;]*m/g, '')));
		assert.equal(screen.rows.slice(frame.length).join(''), '', 'nothing below the frame');
		assert.deepEqual([screen.row, screen.col], [frame.length, 0], 'cursor where Ink expects it');
		if (previous.length > 0) assert.ok(out.length < ink.length, `delta ${JSON.stringify(out)} shorter than the frame`);
		previous = frame;
	}
});

test('one changed row of a 40-row frame costs that row, not the frame', () => {
	const before = Array.from({length: 40}, (_, i) => `row ${i} `.padEnd(120, '.'));
	const after = before.with(0, 'updated 3s ago'.padEnd(120));
	const out = frameDelta(before, after);
	assert.equal(out, `\u001B[40A\u001B[2K${after[0]}\n\u001B[39E`);
});

test('unknown writes pass through and make the next frame whole; harmless ones keep the rows', () => {
	let now = 0;
	const diff = new FrameDiff(() => now);
	const a = ['a', 'b'];
	assert.equal(diff.rewrite(inkWrite(0, a)), '\u001B[2Ka\n\u001B[2Kb\n');
	assert.equal(diff.rewrite('\u001B[?25l'), '\u001B[?25l');
	assert.equal(diff.rewrite('\u001B[?2026h'), '\u001B[?2026h');
	assert.equal(diff.rewrite(inkWrite(2, ['a', 'c'])), '\u001B[2A\u001B[1E\u001B[2Kc\n');
	// Ink's fullscreen path: clear the terminal and write; the rows on screen are no longer known.
	const clear = '\u001B[2J\u001B[3J\u001B[Hwhole';
	assert.equal(diff.rewrite(clear), clear);
	const whole = inkWrite(2, ['a', 'c']);
	assert.equal(diff.rewrite(whole), whole);
	// After a resize every frame is written whole until the terminal has settled, then diffs again.
	diff.reset();
	const again = inkWrite(2, ['a', 'd']);
	assert.equal(diff.rewrite(again), again);
	now += RESIZE_SETTLE_MS - 1;
	const still = inkWrite(2, ['a', 'e']);
	assert.equal(diff.rewrite(still), still, 'whole while settling');
	now += 1;
	const settled = inkWrite(2, ['a', 'f']);
	assert.equal(diff.rewrite(settled), settled, 'the first frame after settling is whole: the rows were unknown');
	assert.equal(diff.rewrite(inkWrite(2, ['a', 'g'])), '\u001B[2A\u001B[1E\u001B[2Kg\n', 'then diffs');
	// A frame whose erase count does not match what we wrote is not ours to diff.
	const odd = inkWrite(5, ['x']);
	assert.equal(diff.rewrite(odd), odd);
});

test("log.clear() (terminal narrowed) empties the screen: the next frame is written from the top", () => {
	const diff = new FrameDiff();
	const screen = new Screen();
	screen.write(diff.rewrite(inkWrite(0, ['a', 'b', 'c'])));
	screen.write(diff.rewrite(eraseLines(4)));
	assert.deepEqual([screen.row, screen.col], [0, 0]);
	const out = diff.rewrite(inkWrite(0, ['x', 'y']));
	screen.write(out);
	assert.deepEqual(screen.shown(3), ['x', 'y', '']);
	assert.equal(out, '\u001B[2Kx\n\u001B[2Ky\n');
});

test('a frame and its synchronized-output marks go out as one write; a frame that changed nothing, not at all', async () => {
	const writes: string[] = [];
	const fake = Object.assign(new EventEmitter(), {
		isTTY: true,
		write: (chunk: string) => (writes.push(chunk), true),
	}) as unknown as NodeJS.WriteStream;
	const stdout = diffingStdout(fake);
	const [begin, end] = ['\u001B[?2026h', '\u001B[?2026l'];
	/** What Ink's throttled log writes for one frame, in one tick. */
	const frame = (previousRows: number, rows: readonly string[]): void => {
		stdout.write(begin);
		stdout.write(inkWrite(previousRows, rows));
		stdout.write(end);
	};
	const screen = new Screen();
	frame(0, ['header 1s ago', 'row', 'footer']);
	assert.deepEqual(writes, [`${begin}\u001B[2Kheader 1s ago\n\u001B[2Krow\n\u001B[2Kfooter\n${end}`]);
	frame(3, ['header 2s ago', 'row', 'footer']);
	assert.deepEqual(writes.slice(1), [`${begin}\u001B[3A\u001B[2Kheader 2s ago\n\u001B[2E${end}`]);
	frame(3, ['header 2s ago', 'row', 'footer']);
	assert.equal(writes.length, 2, 'the same rows again: nothing written, not even the marks');
	for (const written of writes) screen.write(written);
	assert.deepEqual(screen.shown(3), ['header 2s ago', 'row', 'footer']);
	assert.deepEqual([screen.row, screen.col], [3, 0]);
	// Writes outside a bracket (cursor, alternate screen) go straight through, in order.
	stdout.write('\u001B[?25h');
	assert.equal(writes.at(-1), '\u001B[?25h');
	// A bracket left open still writes what it holds, at the end of the tick.
	stdout.write(begin);
	stdout.write(inkWrite(3, ['header 3s ago', 'row', 'footer']));
	assert.equal(writes.at(-1), '\u001B[?25h');
	await Promise.resolve();
	assert.equal(writes.at(-1), `${begin}\u001B[3A\u001B[2Kheader 3s ago\n\u001B[2E`);
});
