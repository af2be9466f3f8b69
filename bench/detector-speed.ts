/**
 * Cost of Judge.update (source/baseline/judge.ts: the detector plus the flag rules, what the monitor and
 * bench:nab run): microseconds per update (median of several runs) on 14 days of
 * one-minute data, for a busy count metric with a daily and weekly rhythm and Poisson noise, and for a
 * sparse one (Poisson mean 0.3). Target: <= 5 us per update.
 *
 *   npm run bench:detector
 */
import {performance} from 'node:perf_hooks';
import {Judge} from '../source/baseline/judge.js';
import {poisson, prng} from '../test/baseline/synthetic.js';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const START = Date.UTC(2024, 0, 1);
const POINTS = 14 * 1440;
const RUNS = 9;

function busy(t: number): number {
	const hour = (t % DAY) / (60 * MINUTE);
	const weekday = new Date(t).getUTCDay();
	return 20_000 * (0.3 + 0.35 * (1 - Math.cos((2 * Math.PI * (hour - 4)) / 24))) * (weekday === 0 || weekday === 6 ? 0.6 : 1);
}

function microsecondsPerUpdate(values: Float64Array): number {
	const runs: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		const judge = new Judge({stepMs: MINUTE, bad: 'both'});
		const started = performance.now();
		for (let i = 0; i < values.length; i++) judge.update(START + i * MINUTE, values[i]!);
		runs.push(((performance.now() - started) * 1000) / values.length);
	}
	runs.sort((a, b) => a - b);
	return runs[Math.floor(RUNS / 2)]!;
}

const random = prng(42);
const series = {
	'busy (20,000/min, daily + weekly rhythm)': Float64Array.from({length: POINTS}, (_, i) => poisson(random, busy(START + i * MINUTE))),
	'sparse (Poisson mean 0.3)': Float64Array.from({length: POINTS}, () => poisson(random, 0.3)),
};
for (const [name, values] of Object.entries(series)) {
	console.log(`${name.padEnd(42)} ${microsecondsPerUpdate(values).toFixed(2)} us/update  (${POINTS} points, median of ${RUNS} runs)`);
}
