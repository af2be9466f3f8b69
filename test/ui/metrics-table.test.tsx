import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup, render} from 'ink-testing-library';
import {BASELINE_METRICS, ERROR_METRICS} from '../../source/iot/catalog.js';
import {textWidth} from '../../source/text/width.js';
import {MetricsTable, splitMetrics} from '../../source/ui/metrics/metrics-table.js';
import {errorSummary} from '../../source/ui/metrics/metric-row.js';
import type {MetricSeries} from '../../source/types.js';
import {incidentMetrics, judged, metric, noData, step, waitFor} from './helpers.js';

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
	assert.match(lines[0] ?? '', /METRIC\s+NOW \/min\s+Δ\s+LAST 90 MIN\s+FLAG/);
	assert.equal(lines.length, 1 + 9 + 1);
});

test('a no-data metric shows a dash and "no data", never 0', async () => {
	const lines = await frameOf({main: baseline(), errors: [], errorMode: 'none', width: 80});
	const row = lines.find(line => line.includes('DeleteThingShadow.Accepted')) ?? '';
	assert.match(row, /—/);
	assert.match(row, /no data/);
	assert.doesNotMatch(row.replace('DeleteThingShadow.Accepted', ''), /\b0\b/);
	assert.doesNotMatch(row, /[▲▼]|CRIT|WARN|%|learning/);
});

test('a healthy metric shows its latest value and a sparkline', async () => {
	const lines = await frameOf({main: baseline(), errors: [], errorMode: 'none', width: 80});
	const row = lines.find(line => line.includes('PublishIn.Success')) ?? '';
	assert.match(row, /1089/);
	assert.match(row, /[▁▂▃▄▅▆▇█]{20,}/);
});

test('a failed query shows ✗ error', async () => {
	const failed = metric('Ping.Success', () => 1, {state: 'error', error: 'Throttling: Rate exceeded', latest: null, points: []});
	const lines = await frameOf({main: [failed], errors: [], errorMode: 'none', width: 80});
	assert.match(lines[1] ?? '', /—\s+Throttling: Rate exceeded\s+✗ error/);
});

test('the error group: one summary line, or one row each', async () => {
	const errors = ERROR_METRICS.map(name =>
		name === 'Connect.AuthError' ? metric(name, () => 312) : name === 'PublishIn.AuthError' ? metric(name, () => 40) : noData(name),
	);
	const summary = await frameOf({main: [], errors, errorMode: 'summary', width: 120});
	assert.match(summary[1] ?? '', /errors: 11 metrics · 2 non-zero: Connect\.AuthError 312, PublishIn\.AuthError 40/);
	const full = await frameOf({main: [], errors, errorMode: 'full', width: 80});
	for (const name of ERROR_METRICS) assert.ok(full.some(line => line.includes(name)), name);
	const quiet = errorSummary(ERROR_METRICS.map(noData)).map(s => s.text).join('');
	assert.match(quiet, /errors: 11 metrics · 0 non-zero$/);
});

test('splitMetrics orders by catalog, baseline first, error group apart', () => {
	const shuffled = [...ERROR_METRICS, ...BASELINE_METRICS].reverse().map(name => metric(name));
	const {main, errors} = splitMetrics(shuffled);
	assert.deepEqual(main.map(m => m.name), BASELINE_METRICS);
	assert.deepEqual(errors.map(m => m.name), ERROR_METRICS);
});

const incident = () => splitMetrics(incidentMetrics());
const rowOf = (lines: readonly string[], name: string): string => lines.find(line => line.includes(` ${name} `)) ?? '';

test('judged rows at 80: ▼ CRIT with a -84% delta, ▲ WARN with +60%, a dim dot when normal', async () => {
	const {main, errors} = incident();
	const lines = await frameOf({main, errors, errorMode: 'summary', width: 80});
	const crit = rowOf(lines, 'PublishIn.Success');
	assert.match(crit, /182\s+-84%\s+\S+\s+▼ CRIT\s*$/);
	assert.match(crit, /█_\s+▼/, 'the buckets below the band draw as _');
	assert.match(rowOf(lines, 'Connect.Success'), /410\s+\+327%\s+\S+\s+▲ CRIT/);
	assert.match(rowOf(lines, 'Subscribe.Success'), /80\s+\+60%\s+\S+\s+▲ WARN/);
	assert.match(rowOf(lines, 'Ping.Success'), /18208\s+0%\s+\S+\s+·\s*$/);
	for (const line of lines) assert.ok(textWidth(line) <= 80, line);
});

test('learning shows "learning" and no delta; expected 0 shows no percent', async () => {
	const {main} = incident();
	const lines = await frameOf({main, errors: [], errorMode: 'none', width: 80});
	const learning = rowOf(lines, 'GetThingShadow.Accepted');
	assert.match(learning, /32\s+—\s+\S+\s+learning\s*$/);
	assert.doesNotMatch(learning, /%|CRIT|WARN/);
	assert.match(rowOf(lines, 'RulesExecuted'), /0\s+—\s+▁+\s+·/);
});

test('at 100 columns BASELINE joins; at 120 the gauge and the bucket time too', async () => {
	const {main} = incident();
	const at100 = await frameOf({main, errors: [], errorMode: 'none', width: 100});
	assert.match(at100[0] ?? '', /NOW \/min\s+BASELINE \(band\)\s+Δ\s+LAST 90 MIN\s+FLAG/);
	assert.doesNotMatch(at100[0] ?? '', /VS BAND|AT/);
	cleanup();
	const at120 = await frameOf({main, errors: [], errorMode: 'none', width: 120});
	assert.match(at120[0] ?? '', /BASELINE \(band\)\s+Δ\s+VS BAND\s+LAST 90 MIN\s+AT\s+FLAG/);
	assert.match(rowOf(at120, 'PublishIn.Success'), /182\s+1\.1k \(1k–1\.3k\)\s+-84%\s+«──━━━──\s+\S+\s+12:00\s+▼ CRIT/);
	assert.match(rowOf(at120, 'Connect.Success'), /96 \(80–115\)\s+\+327%\s+──━━━──»/);
	assert.match(rowOf(at120, 'Ping.Success'), /18\.2k \(14\.6k–21\.8k\)\s+0%\s+──━●━──/);
	const learning = rowOf(at120, 'GetThingShadow.Accepted');
	assert.match(learning, /32\s{20,}—\s{10,}\S+\s+12:00\s+learning/, 'no baseline, no gauge while learning');
	for (const line of at120) assert.ok(textWidth(line) <= 120, line);
});

test('the error summary puts flagged metrics first, with their flag', () => {
	const {errors} = incident();
	const text = errorSummary(errors).map(s => s.text).join('');
	assert.match(text, /^ ▲ CRIT Connect\.AuthError 312 · errors: 11 metrics · 2 non-zero, also PublishIn\.AuthError 40$/);
	const warnDown = judged('Connect.Throttle', step(10, 1), {expected: 10, low: 8, high: 12}, 'warn');
	const both = errorSummary([warnDown, ...errors]).map(s => s.text).join('');
	assert.match(both, /^ ▲ CRIT Connect\.AuthError 312, ▼ WARN Connect\.Throttle 1 · errors: 12 metrics · 3 non-zero/);
});
