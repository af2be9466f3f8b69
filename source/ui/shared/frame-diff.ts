/**
 * Redraw only the rows that changed. Ink 6 rewrites the whole frame on every update (erase N lines,
 * write all of them); over SSH that is ~5 KB per second at 120x40 when only an age ticks. Ink's own
 * `incrementalRendering` is off by one row in 6.8 (it moves the cursor up one row too few when the frame
 * ends with a newline, as every non-fullscreen frame does). This rewrites each of Ink's frame writes
 * into: up to the frame's first row, skip unchanged rows, erase and write changed ones, erase what is
 * left below. Anything it does not recognise goes through unchanged and forces the next frame whole.
 */

const ESC = '\u001B[';
const ERASE_LINE = `${ESC}2K`;
/** ansi-escapes' eraseLines(n): n erased rows going up, then column 0. */
const ERASE_PREFIX = /^(?:(?:\u001B\[2K\u001B\[1A)*\u001B\[2K\u001B\[G)?/;
/** Writes that change nothing on screen: cursor hide/show, synchronized-output begin/end. */
const HARMLESS = new Set([`${ESC}?25l`, `${ESC}?25h`, `${ESC}?2026h`, `${ESC}?2026l`]);
/** Only SGR (colour, bold, dim, inverse) may appear inside a frame's text. */
const SGR = /\u001B\[[0-9;]*m/g;

/**
 * How long after a resize every frame is written whole. A terminal (tmux especially) reflows its rows
 * when resized, and several resizes in a row can overtake Ink's frames on a busy machine: a frame drawn
 * for the size before last then lands on the new one. Whole frames (what Ink writes by itself) heal that
 * on the next frame; a diff against rows that are no longer there would keep a stale row for good.
 */
export const RESIZE_SETTLE_MS = 1000;

/** Rewrites Ink's frame writes for one terminal; holds the rows on screen. */
export class FrameDiff {
	/** The rows of the last frame written, as the terminal shows them; null: unknown, next frame whole. */
	#rows: string[] | null = [];
	/** Until when (epoch ms) frames pass whole, after the last resize. */
	#settleUntil = 0;
	readonly #now: () => number;

	constructor(now: () => number = Date.now) {
		this.#now = now;
	}

	/** What to write instead of `chunk`. */
	rewrite(chunk: string): string {
		if (HARMLESS.has(chunk)) return chunk;
		if (this.#now() < this.#settleUntil) {
			this.#rows = null;
			return chunk;
		}
		const prefix = ERASE_PREFIX.exec(chunk)![0];
		const erased = prefix === '' ? 0 : prefix.split(ERASE_LINE).length - 1;
		const text = chunk.slice(prefix.length);
		const isFrame = text.endsWith('\n') && !text.replace(SGR, '').includes('\u001B');
		if (!isFrame) {
			// log.clear() on a narrower terminal: the rows are erased, the cursor on the first.
			this.#rows = text === '' && this.#rows !== null && erased === this.#rows.length + 1 ? [] : null;
			return chunk;
		}
		const next = text.slice(0, -1).split('\n');
		const previous = this.#rows;
		this.#rows = next;
		// Ink erases the rows it wrote last plus the empty one its trailing newline opened.
		if (previous === null || erased !== (previous.length === 0 ? 0 : previous.length + 1)) return chunk;
		return frameDelta(previous, next);
	}

	/** Forget what is on screen (after a resize the terminal may have reflowed it); whole frames for a while. */
	reset(): void {
		this.#rows = null;
		this.#settleUntil = this.#now() + RESIZE_SETTLE_MS;
	}
}

/**
 * The bytes that turn `previous` into `next` on screen, from the cursor at column 0 of the row below
 * `previous` to column 0 of the row below `next` (where Ink expects it).
 */
export function frameDelta(previous: readonly string[], next: readonly string[]): string {
	if (next.length === previous.length && next.every((row, index) => row === previous[index])) return '';
	let out = previous.length > 0 ? `${ESC}${previous.length}A` : '';
	let skipped = 0;
	for (let row = 0; row < next.length; row++) {
		if (row < previous.length && next[row] === previous[row]) {
			skipped++;
			continue;
		}
		if (skipped > 0) out += `${ESC}${skipped}E`;
		skipped = 0;
		// Erase first, then write: erasing after a full-width row would take its last cell.
		out += `${ERASE_LINE}${next[row]}\n`;
	}
	if (skipped > 0) out += `${ESC}${skipped}E`;
	if (next.length < previous.length) out += `${ESC}J`;
	return out;
}

const SYNC_BEGIN = `${ESC}?2026h`;
const SYNC_END = `${ESC}?2026l`;

/**
 * `stdout` for Ink with every write passed through a FrameDiff. Only for a terminal: a pipe gets what
 * Ink writes. Ink brackets each frame in synchronized-output marks, three writes; they are held and
 * written as one (one system call, one packet over SSH), and not at all when the frame changed nothing.
 */
export function diffingStdout(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
	const diff = new FrameDiff();
	stdout.on('resize', () => diff.reset());
	const send = (text: string, rest: unknown[]): boolean => (stdout.write as (c: string, ...r: unknown[]) => boolean)(text, ...rest);
	/** What came after a synchronized-output begin, until its end; null when not inside one. */
	let held: string | null = null;
	const flush = (): boolean => {
		const body = held;
		held = null;
		return body === null || body === '' ? true : send(`${SYNC_BEGIN}${body}${SYNC_END}`, []);
	};
	const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
		const text = diff.rewrite(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
		if (rest.length > 0) {
			// A write with a callback or an encoding: never held (nothing of Ink's passes one).
			const body = held;
			held = null;
			return send(body === null ? text : `${SYNC_BEGIN}${body}${text}`, rest);
		}
		if (text === SYNC_BEGIN) {
			if (held !== null) flush();
			held = '';
			// Ink ends the bracket in the same tick; should it ever not, what is held still goes out.
			queueMicrotask(() => {
				if (held !== null) {
					const body = held;
					held = null;
					if (body !== '') send(`${SYNC_BEGIN}${body}`, []);
				}
			});
			return true;
		}
		if (held !== null) {
			if (text === SYNC_END) return flush();
			held += text;
			return true;
		}
		return text === '' ? true : send(text, rest);
	};
	return new Proxy(stdout, {
		get(target, property) {
			if (property === 'write') return write;
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}
