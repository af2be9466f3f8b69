/**
 * `iot-monitor tail`: the CloudTrail tail without a screen. Every event once, in arrival order (each
 * page's new events oldest first), as JSON lines with --json, until SIGINT/SIGTERM or a closed pipe.
 * Problems go to stderr, one line each time they change; the tail keeps going through them.
 */
import type {CloudTrailClient} from '../aws/clients.js';
import {TrailTail} from '../monitor/trail-tail.js';
import {sleep} from '../monitor/sleep.js';
import {eventToJsonWithLate} from '../trail/event-json.js';
import {safeJsonStringify} from '../text/json.js';
import {sanitize} from '../text/sanitize.js';
import type {TrailEvent} from '../types.js';

export type TailOptions = {
	readonly client: CloudTrailClient;
	readonly json: boolean;
	readonly lookbackMs: number;
	readonly intervalMs: number;
	readonly ratePerSecond: number;
	/** Event ids remembered for de-duplication (the newest this many). */
	readonly maxEvents: number;
	readonly stdout?: NodeJS.WritableStream;
	readonly stderr?: NodeJS.WritableStream;
	readonly signal?: AbortSignal;
};

function line(event: TrailEvent, json: boolean): string {
	if (json) return safeJsonStringify(eventToJsonWithLate(event));
	const fields = [
		new Date(event.eventTime).toISOString(),
		event.eventName,
		`${event.identityType} ${event.username ?? ''}`.trim(),
		event.sourceIp ?? '',
		event.errorCode ? `✗ ${event.errorCode}` : '',
		event.late ? '(late)' : '',
	];
	return fields.map(field => sanitize(field)).join('  ').trimEnd();
}

export async function runTail(options: TailOptions): Promise<number> {
	const stdout = options.stdout ?? process.stdout;
	const stderr = options.stderr ?? process.stderr;
	const controller = new AbortController();
	const stop = () => controller.abort();
	options.signal?.addEventListener('abort', stop, {once: true});
	const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
	for (const signal of signals) process.once(signal, stop);
	// `iot-monitor tail --json | head` closes the pipe: that is the end, not an error.
	stdout.on('error', stop);
	let lastProblem: string | null = null;
	const tail = new TrailTail({
		client: options.client,
		now: Date.now,
		lookbackMs: options.lookbackMs,
		overlapMs: 20 * 60_000,
		ratePerSecond: options.ratePerSecond,
		maxEvents: options.maxEvents,
		onChange: () => {
			const {error} = tail.getState();
			if (error && error !== lastProblem) stderr.write(`iot-monitor: ${sanitize(error)}\n`);
			lastProblem = error;
		},
		onCall: () => {},
		onEvents: added => {
			if (controller.signal.aborted) return;
			const text = [...added].reverse().map(event => line(event, options.json) + '\n').join('');
			stdout.write(text);
		},
	});
	try {
		while (!controller.signal.aborted) {
			await tail.poll(controller.signal);
			await sleep(options.intervalMs, controller.signal);
		}
	} finally {
		for (const signal of signals) process.off(signal, stop);
	}
	return 0;
}
