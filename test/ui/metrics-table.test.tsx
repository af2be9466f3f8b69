import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup, render} from 'ink-testing-library';
import {BASELINE_METRICS, ERROR_METRICS} from '../../source/iot/catalog.js';
import {textWidth} from '../../source/text/width.js';
import {errorSummary, MetricsTable, splitMetrics} from '../../source/ui/components/metrics-table.js';
import type {MetricSeries} from '../../source/types.js';
import {metric, noData, waitFor} from './helpers.js';

afterEach(cleanup);

async function frameOf(props: Parameters<typeof MetricsTable>[0]): Promise<string[]> {
	const {lastFrame} = render(<MetricsTable {...props} />);
	await waitFor(() => lastFrame() !== undefined, 2000, 'first frame');
	return (lastFrame() ?? '').split('\n');
}

const baseline = (): MetricSeries[] =>
	BASELINE_METRICS.map(name => (name === 'DeleteThingShadow.Accepted' ? noData(name) : metric(name, i => 1000 + i)));

test('all nine baseline names at width 80, each line within the width', async () => {
	const lines = await frameOf({main: baseline(), errors: ERROR_METRICS.map(noData), errorMode: 'summary', width: 80});
	for (const name of BASELINE_METRICS) assert.ok(lines.some(line => line.includes(name)), name);
	for (const line of lines) assert.ok(textWidth(line) <= 80, line);
	assert.match(lines[0] ?? '', /METRIC\s+NOW \/min\s+LAST 90 MIN/);
	assert.equal(lines.length, 1 + 9 + 1);
});

test('a no-data metric shows a dash and "no data", never 0', async () => {
	const lines = await frameOf({main: baseline(), errors: [], errorMode: 'none', width: 80});
	const row = lines.find(line => line.includes('DeleteThingShadow.Accepted')) ?? '';
	assert.match(row, /—/);
	assert.match(row, /no data/);
	assert.doesNotMatch(row.replace('DeleteThingShadow.Accepted', ''), /\b0\b/);
});

test('a healthy metric shows its latest value and a sparkline', async () => {
	const lines = await frameOf({main: baseline(), errors: [], errorMode: 'none', width: 80});
	const row = lines.find(line => line.includes('PublishIn.Success')) ?? '';
	assert.match(row, /1\u2009089/);
	assert.match(row, /[▁▂▃▄▅▆▇█]{30,}/);
});

test('a failed query shows ✗ error', async () => {
	const failed = metric('Ping.Success', () => 1, {state: 'error', error: 'Throttling: Rate exceeded', latest: null, points: []});
	const lines = await frameOf({main: [failed], errors: [], errorMode: 'none', width: 80});
	assert.match(lines[1] ?? '', /✗ error\s+Throttling: Rate exceeded/);
});

test('the error group: one summary line, or one row each', async () => {
	const errors = ERROR_METRICS.map(name =>
		name === 'Connect.AuthError' ? metric(name, () => 312) : name === 'PublishIn.AuthError' ? metric(name, () => 40) : noData(name),
	);
	const summary = await frameOf({main: [], errors, errorMode: 'summary', width: 120});
	assert.match(summary[1] ?? '', /errors: 10 metrics · 2 non-zero: Connect\.AuthError 312, PublishIn\.AuthError 40/);
	const full = await frameOf({main: [], errors, errorMode: 'full', width: 80});
	for (const name of ERROR_METRICS) assert.ok(full.some(line => line.includes(name)), name);
	const quiet = errorSummary(ERROR_METRICS.map(noData)).map(s => s.text).join('');
	assert.match(quiet, /errors: 10 metrics · 0 non-zero$/);
});

test('splitMetrics orders by catalog, baseline first, error group apart', () => {
	const shuffled = [...ERROR_METRICS, ...BASELINE_METRICS].reverse().map(name => metric(name));
	const {main, errors} = splitMetrics(shuffled);
	assert.deepEqual(main.map(m => m.name), BASELINE_METRICS);
	assert.deepEqual(errors.map(m => m.name), ERROR_METRICS);
});
