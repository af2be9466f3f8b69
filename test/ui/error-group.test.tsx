/**
 * The error and throttle group as a second group of the metrics table: its own title row with RATE in
 * the Δ column's place and one row per metric where the layout has room (about 36 rows), else one line
 * with the flagged and non-zero metrics first and their rates while they fit.
 */
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup, render} from 'ink-testing-library';
import {ERROR_METRICS} from '../../source/iot/catalog.js';
import {errorRate} from '../../source/iot/rates.js';
import {textWidth} from '../../source/text/width.js';
import type {MetricSeries} from '../../source/types.js';
import {App} from '../../source/ui/app.js';
import type {ResolvedDisplay} from '../../source/render/display.js';
import {ASCII} from '../../source/render/glyphs.js';
import type {TerminalSize} from '../../source/ui/shared/use-terminal-size.js';
import {errorSummary} from '../../source/ui/metrics/metric-row.js';
import {fakeMonitor, fixedClock, incidentMetrics, judged, makeEvents, metric, snapshot, step, waitFor} from './helpers.js';

afterEach(cleanup);

async function frame(size: TerminalSize, metrics: MetricSeries[] = incidentMetrics(), display: ResolvedDisplay = {color: 'never', ascii: false}): Promise<string[]> {
	const monitor = fakeMonitor(snapshot({metrics, status: 'CRIT', events: makeEvents(50)}));
	const app = render(<App monitor={monitor} onExit={() => {}} size={size} clock={fixedClock} display={display} />);
	await waitFor(() => /EVENTS/.test(app.lastFrame() ?? ''), 2000, 'the first frame');
	return (app.lastFrame() ?? '').split('\n');
}

function assertFits(lines: readonly string[], size: TerminalSize): void {
	assert.ok(lines.length <= size.rows - 1, `${lines.length} lines in ${size.rows} rows`);
	for (const line of lines) assert.ok(textWidth(line) <= size.columns, `wider than ${size.columns}: ${line}`);
}

const rowOf = (lines: readonly string[], name: string): string => lines.find(line => line.startsWith(` ${name} `)) ?? '';

test('120x40: the group unfolds under its own title, each metric with its value, rate and flag', async () => {
	const size = {columns: 120, rows: 40};
	const lines = await frame(size);
	assertFits(lines, size);
	const title = lines.findIndex(line => line.startsWith(' ERRORS & THROTTLES '));
	assert.ok(title > 0, 'the group title row');
	assert.match(lines[title] ?? '', /ERRORS & THROTTLES\s+NOW \/min\s+BASELINE \(band\)\s+RATE\s+VS BAND\s+LAST 90 MIN\s+AT\s+FLAG/);
	assert.deepEqual(
		lines.slice(title + 1, title + 1 + ERROR_METRICS.length).map(line => line.trim().split(/\s+/)[0]),
		[...ERROR_METRICS],
		'one row per error metric, in catalog order, right under the title',
	);
	// Connect.AuthError 312 per Connect.Success 410 that minute; PublishIn.AuthError 40 per PublishIn.Success 182.
	assert.match(rowOf(lines, 'Connect.AuthError'), /312\s+2 \(0–6\)\s+76%\s+\S+\s+\S+\s+12:00\s+▲ CRIT/);
	assert.match(rowOf(lines, 'PublishIn.AuthError'), /40\s+22%\s+.*learning/);
	assert.match(rowOf(lines, 'Failure'), /—\s+never reported\s+no data/, 'rule-action failures are in the group');
	assert.doesNotMatch(lines.join('\n'), /errors: \d+ metrics/, 'no summary line when the rows show');
	assert.match(rowOf(lines, 'PublishIn.Success'), /-84%/, 'the main rows keep their Δ');
});

test('a rate needs its success metric: without it the RATE cell is a dash', async () => {
	const metrics = incidentMetrics().filter(series => series.name !== 'Connect.Success');
	const lines = await frame({columns: 120, rows: 40}, metrics);
	assert.match(rowOf(lines, 'Connect.AuthError'), /312\s+2 \(0–6\)\s+—\s/);
});

test('80x24: the group folds into one line, flagged first with its rate, every line within 80 columns', async () => {
	const size = {columns: 80, rows: 24};
	const lines = await frame(size);
	assertFits(lines, size);
	assert.equal(lines.length, 23);
	const line = lines.find(candidate => /errors: 11 metrics/.test(candidate)) ?? '';
	// The flagged metric keeps its rate; the list of the others is what the width cuts.
	assert.match(line, /^ ▲ CRIT Connect\.AuthError 312 \(76%\) · errors: 11 metrics · 2 non-zero, also Pub…$/);
	assert.ok(!lines.some(candidate => candidate.startsWith(' ERRORS & THROTTLES')), 'no group title while folded');
});

test('the folded line gives up rates, the others\' first, when they would not fit', () => {
	const metrics = incidentMetrics();
	const errors = metrics.filter(series => ERROR_METRICS.includes(series.name));
	const rates = new Map(errors.map(series => [series.name, errorRate(series, metrics)]));
	const text = (width: number) => errorSummary(errors, undefined, {rates, width}).map(segment => segment.text).join('');
	assert.match(text(200), /312 \(76%\) .* PublishIn\.AuthError 40 \(22%\)$/);
	assert.equal(textWidth(text(200)), 104);
	assert.match(text(104), /PublishIn\.AuthError 40 \(22%\)$/, 'every rate while the line fits');
	assert.match(text(103), /312 \(76%\) · .*also PublishIn\.AuthError 40$/, 'then the flagged rate stays, the others\' go');
	assert.match(text(70), /312 \(76%\) · .*also PublishIn\.AuthError 40$/);
	assert.match(text(40), /^ ▲ CRIT Connect\.AuthError 312 · errors/, 'even the flagged rate goes when the counts would not fit');
	const quiet = errorSummary(ERROR_METRICS.map(name => metric(name, () => 0)), undefined, {rates, width: 80}).map(s => s.text).join('');
	assert.match(quiet, /^ {3}errors: 11 metrics · 0 non-zero$/, 'nothing to rate when all are zero');
});

test('a warn flag in the group and a failed query read in the folded line', () => {
	const errors = [judged('Connect.Throttle', step(10, 1), {expected: 10, low: 8, high: 12}, 'warn'), metric('ParseError', () => 3)];
	const all = [metric('RulesExecuted', () => 300), ...errors];
	const rates = new Map(errors.map(series => [series.name, errorRate(series, all)]));
	const text = errorSummary(errors, undefined, {rates}).map(segment => segment.text).join('');
	assert.match(text, /^ ▼ WARN Connect\.Throttle 1 · errors: 2 metrics · 2 non-zero, also ParseError 3 \(1\.0%\)$/, 'no Connect.Success loaded: no rate');
});

test('ASCII: the group title, RATE and the folded line use only ASCII', async () => {
	const ascii: ResolvedDisplay = {color: 'never', ascii: true};
	for (const size of [{columns: 80, rows: 24}, {columns: 120, rows: 40}]) {
		cleanup();
		const lines = await frame(size, incidentMetrics(), ascii);
		assertFits(lines, size);
		for (const line of lines) assert.match(line, /^[\x20-\x7E]*$/, line);
		const text = lines.join('\n');
		if (size.rows === 40) assert.match(rowOf(lines, 'Connect.AuthError'), /76%\s+\S+\s+\S+\s+12:00\s+\^ CRIT/);
		else assert.match(text, new RegExp(`^ \\^ CRIT Connect\\.AuthError 312 \\(76%\\) \\${ASCII.sep} errors: 11 metrics`, 'm'));
	}
});
