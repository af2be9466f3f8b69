/**
 * Numenta Anomaly Benchmark harness. Streams every CSV under --data-root through the app's own
 * OnsetScorer (SeasonalDetector with DEFAULT_PARAMS + OnsetFilter with DEFAULT_ONSET): each row is judged
 * against earlier rows only, and no file gets its own parameters. Writes OUT/<category>/<file>.csv with
 * `timestamp,value,anomaly_score`, then runs NAB's scorer (the standalone tools/nab_score.py) and prints
 * the three normalised profile scores. Labels are never read here: --windows is only passed on.
 *
 *   npm run bench:nab -- --data-root DATA --windows WINDOWS.json --out OUT [--scorer nab_score.py]
 *                        [--per-file] [--set param=value ...] [--onset option=value ...]
 *
 * --set / --onset override one detector parameter / onset option for every file, for experiments only.
 */
import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {spawnSync} from 'node:child_process';
import {performance} from 'node:perf_hooks';
import {OnsetScorer} from '../source/baseline/onset.js';

type Args = {dataRoot: string; windows: string; out: string; scorer: string; perFile: boolean; params: Record<string, unknown>; onset: Record<string, unknown>};

function parseArgs(argv: string[]): Args {
	const value = (name: string): string | undefined => {
		const i = argv.indexOf(name);
		return i >= 0 ? argv[i + 1] : undefined;
	};
	const pairs = (name: string): Record<string, unknown> => {
		const out: Record<string, unknown> = {};
		argv.forEach((arg, i) => {
			if (arg !== name) return;
			const [key, raw] = (argv[i + 1] ?? '').split('=');
			if (!key || raw === undefined) throw new Error(`${name} expects key=value`);
			out[key] = Number.isNaN(Number(raw)) ? raw : Number(raw);
		});
		return out;
	};
	const dataRoot = value('--data-root');
	const windows = value('--windows');
	const out = value('--out');
	if (!dataRoot || !windows || !out) throw new Error('usage: bench/nab.ts --data-root DIR --windows FILE --out DIR [--scorer FILE]');
	const besideWindows = resolve(dirname(windows), '../../tools/nab_score.py');
	const scorer = value('--scorer') ?? (existsSync(besideWindows) ? besideWindows : '');
	if (!scorer) throw new Error(`no scorer at ${besideWindows}: pass --scorer PATH`);
	return {dataRoot, windows, out, scorer, perFile: argv.includes('--per-file'), params: pairs('--set'), onset: pairs('--onset')};
}

/** NAB writes local wall-clock times without a zone; reading them as UTC keeps the day and week shape. */
function parseTimestamp(text: string): number {
	return Date.parse(`${text.replace(' ', 'T')}Z`);
}

/** The sampling interval: the median positive gap among the first rows. */
export function inferStepMs(times: readonly number[]): number {
	const gaps: number[] = [];
	for (let i = 1; i < Math.min(times.length, 50); i++) {
		const gap = times[i]! - times[i - 1]!;
		if (gap > 0) gaps.push(gap);
	}
	gaps.sort((a, b) => a - b);
	return gaps[Math.floor(gaps.length / 2)] ?? 60_000;
}

function csvFiles(root: string): string[] {
	return readdirSync(root, {withFileTypes: true})
		.filter(d => d.isDirectory())
		.flatMap(d => readdirSync(join(root, d.name)).filter(f => f.endsWith('.csv')).map(f => `${d.name}/${f}`))
		.sort();
}

function main(): void {
	const args = parseArgs(process.argv.slice(2));
	const started = performance.now();
	let points = 0;
	let detectorMs = 0;
	for (const rel of csvFiles(args.dataRoot)) {
		const lines = readFileSync(join(args.dataRoot, rel), 'utf8').trim().split(/\r?\n/).slice(1);
		const rows = lines.map(line => {
			const comma = line.indexOf(',');
			return {text: line.slice(0, comma), t: parseTimestamp(line.slice(0, comma)), raw: line.slice(comma + 1), v: Number(line.slice(comma + 1))};
		});
		const scorer = new OnsetScorer({stepMs: inferStepMs(rows.map(r => r.t)), params: args.params, onset: args.onset});
		const scores = new Float64Array(rows.length);
		const t0 = performance.now();
		rows.forEach((row, i) => {
			scores[i] = scorer.update(row.t, row.v).onset;
		});
		detectorMs += performance.now() - t0;
		points += rows.length;
		const body = rows.map((row, i) => `${row.text},${row.raw},${scores[i]}`).join('\n');
		mkdirSync(dirname(join(args.out, rel)), {recursive: true});
		writeFileSync(join(args.out, rel), `timestamp,value,anomaly_score\n${body}\n`);
	}
	const json = join(args.out, 'scores.json');
	const argv = [args.scorer, '--results', args.out, '--data-root', args.dataRoot, '--windows', args.windows, '--json', json];
	if (args.perFile) argv.push('--per-file');
	const run = spawnSync('python3', argv, {encoding: 'utf8'});
	if (run.status !== 0) throw new Error(`scorer failed:\n${run.stderr}`);
	if (args.perFile) process.stdout.write(run.stdout);
	const results = JSON.parse(readFileSync(json, 'utf8')) as {detectors: Record<string, Record<string, {score: number; threshold: number; tp: number; fp: number; fn: number}>>};
	const profiles = Object.values(results.detectors)[0] ?? {};
	for (const [name, r] of Object.entries(profiles)) {
		console.log(`${name.padEnd(20)} ${r.score.toFixed(2).padStart(7)}  threshold ${r.threshold.toPrecision(6)}  TP ${r.tp} FP ${r.fp} FN ${r.fn}`);
	}
	const total = (performance.now() - started) / 1000;
	console.log(`points ${points}  total ${total.toFixed(1)} s  detector ${((detectorMs * 1000) / points).toFixed(2)} us/point`);
}

main();
