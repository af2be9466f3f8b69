/**
 * `iot-monitor tail`: the CloudTrail tail without a screen. Every event once, as JSON lines with --json,
 * else aligned text rows under a header, until SIGINT/SIGTERM or a closed pipe. Each poll's new events
 * are written when the poll is done, oldest first: the backlog reads from oldest to newest, then live
 * events follow as they come (an event Event History delivered out of order or late is marked `late`).
 * Problems go to stderr, one line each time they change; the tail keeps going through them.
 */
import type {CloudTrailClient} from '../aws/clients.js';
import {LOOKUP_OVERLAP} from '../monitor/overlap-schedule.js';
import {TrailTail} from '../monitor/trail-tail.js';
import {sleep} from '../monitor/sleep.js';
import {eventToJsonWithLate} from '../trail/event-json.js';
import {safeJsonStringify} from '../text/json.js';
import {sanitize} from '../text/sanitize.js';
import type {TrailEvent} from '../types.js';
import {glyphsFor} from '../render/glyphs.js';
import {PIPE_COLUMNS, tailHeader, tailLayout, tailRow, timeWidth} from './tail-line.js';

export type TailOptions = {
	readonly client: CloudTrailClient;
	readonly json: boolean;
	readonly lookbackMs: number;
	readonly intervalMs: number;
	readonly ratePerSecond: number;
	/** Event ids remembered for de-duplication (the newest this many). */
	readonly maxEvents: number;
	/** Text mode: ASCII glyphs only. */
	readonly ascii?: boolean;
	/** Text mode: the terminal's width (default: stdout's, else 132 for a file or pipe). */
	readonly columns?: number;
	readonly now?: () => number;
	readonly stdout?: NodeJS.WritableStream;
	readonly stderr?: NodeJS.WritableStream;
	readonly signal?: AbortSignal;
};

/** Oldest first; equal times by id, so the order is total. */
export function oldestFirst(a: TrailEvent, b: TrailEvent): number {
	return a.eventTime - b.eventTime || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}

export async function runTail(options: TailOptions): Promise<number> {
	const stdout = options.stdout ?? process.stdout;
	const stderr = options.stderr ?? process.stderr;
	const now = options.now ?? Date.now;
	const g = glyphsFor(options.ascii ?? false);
	const columns = options.columns ?? ((stdout as {columns?: number}).columns || PIPE_COLUMNS);
	const layout = tailLayout(columns, timeWidth(now() - options.lookbackMs, now()));
	const controller = new AbortController();
	const stop = () => controller.abort();
	options.signal?.addEventListener('abort', stop, {once: true});
	const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
	for (const signal of signals) process.once(signal, stop);
	// `iot-monitor tail --json | head` closes the pipe: that is the end, not an error.
	stdout.on('error', stop);
	let lastProblem: string | null = null;
	let pending: TrailEvent[] = [];
	let headerDone = options.json;
	let lastSkipped = 0;
	const flush = () => {
		// One line each time the count changes, as for errors: a bad event is re-read by every poll's overlap.
		const {skipped} = tail.getState();
		if (skipped !== lastSkipped && !controller.signal.aborted) {
			stderr.write(
				skipped > 0
					? `iot-monitor: skipped ${skipped} unreadable part(s) of the latest LookupEvents answers; the rest was used\n`
					: 'iot-monitor: LookupEvents answers are readable again\n',
			);
			lastSkipped = skipped;
		}
		if (controller.signal.aborted || pending.length === 0) return;
		const events = pending.sort(oldestFirst);
		pending = [];
		const at = now();
		let text = '';
		if (!headerDone) {
			text += tailHeader(layout, g) + '\n';
			headerDone = true;
		}
		for (const event of events) text += (options.json ? safeJsonStringify(eventToJsonWithLate(event)) : tailRow(event, at, layout, g)) + '\n';
		stdout.write(text);
	};
	const tail = new TrailTail({
		client: options.client,
		now,
		lookbackMs: options.lookbackMs,
		...LOOKUP_OVERLAP,
		ratePerSecond: options.ratePerSecond,
		maxBackoffMs: options.intervalMs,
		maxEvents: options.maxEvents,
		onChange: () => {
			const {error} = tail.getState();
			if (error && error !== lastProblem) stderr.write(`iot-monitor: ${sanitize(error)}\n`);
			lastProblem = error;
		},
		onCall: () => {},
		// Held until the poll is done, so that its pages (newest first) come out oldest first.
		onEvents: added => pending.push(...added),
	});
	try {
		while (!controller.signal.aborted) {
			await tail.poll(controller.signal);
			flush();
			await sleep(options.intervalMs, controller.signal);
		}
	} finally {
		for (const signal of signals) process.off(signal, stop);
	}
	return 0;
}
