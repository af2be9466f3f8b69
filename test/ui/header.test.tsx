import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {Box} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import {textWidth} from '../../source/text/width.js';
import {Header} from '../../source/ui/frame/header.js';
import {health, incidentMetrics, judged, NOW, snapshot, step, waitFor} from './helpers.js';

afterEach(cleanup);

async function frameOf(props: Parameters<typeof Header>[0]): Promise<string> {
	// ink-testing-library's stdout is 100 columns: a box of the header's width lets wider ones render whole.
	const {lastFrame} = render(
		<Box width={props.width}>
			<Header {...props} />
		</Box>,
	);
	await waitFor(() => lastFrame() !== undefined, 2000, 'first frame');
	return lastFrame() ?? '';
}

test('region and profile, live, and both source ages', async () => {
	const frame = await frameOf({snapshot: snapshot(), now: NOW, width: 80});
	assert.match(frame, /iot-monitor/);
	assert.match(frame, /us-east-1 · prod/);
	assert.match(frame, /● live/);
	assert.match(frame, /metrics now/);
	assert.match(frame, /trail now/);
	assert.doesNotMatch(frame, /DEMO/);
});

test('wide terminals add UTC clock times', async () => {
	const frame = await frameOf({snapshot: snapshot(), now: NOW, width: 120});
	assert.match(frame, /metrics 12:03:00 UTC \(now\)/);
	assert.match(frame, /trail 12:03:05 \(now\)/);
});

test('DEMO badge in demo mode', async () => {
	const frame = await frameOf({snapshot: snapshot({demo: true, profile: null}), now: NOW, width: 80});
	assert.match(frame, / DEMO /);
});

test('paused replaces live', async () => {
	const frame = await frameOf({snapshot: snapshot({paused: true}), now: NOW, width: 80});
	assert.match(frame, /‖ paused/);
	assert.doesNotMatch(frame, /● live/);
});

test('throttle and error marks per source, error text sanitized and cut, line within width', async () => {
	const s = snapshot({
		health: {
			metrics: health({throttled: true}),
			trail: health({error: 'AccessDenied\u001b[2J: not authorized to perform cloudtrail:LookupEvents on anything at all'}),
		},
	});
	const frame = await frameOf({snapshot: s, now: NOW, width: 80});
	assert.match(frame, /⚠ throttled/);
	assert.match(frame, /✗ AccessDenied␛\[2/);
	assert.ok(textWidth(frame) <= 80, frame);
});

test('never refreshed shows a dash, not a time', async () => {
	const s = snapshot({health: {metrics: health({lastSuccess: null}), trail: health({lastSuccess: null})}});
	const frame = await frameOf({snapshot: s, now: NOW, width: 80});
	assert.match(frame, /metrics — · trail —/);
});

test('flag counts: "▼▲ 3 CRIT · 1 WARN" before the source ages, within 80 columns', async () => {
	const frame = await frameOf({snapshot: snapshot({metrics: incidentMetrics(), status: 'CRIT'}), now: NOW, width: 80});
	assert.match(frame, /● live {2}▼▲ 3 CRIT · 1 WARN · metrics now · trail now/);
	assert.ok(textWidth(frame) <= 80, frame);
});

test('only the directions that are flagged; warn alone', async () => {
	const metrics = [
		judged('Connect.Success', step(96, 130), {expected: 96, low: 80, high: 115}, 'warn'),
		judged('Subscribe.Success', step(50, 80), {expected: 50, low: 40, high: 62}, 'warn'),
	];
	const frame = await frameOf({snapshot: snapshot({metrics, status: 'WARN'}), now: NOW, width: 120});
	assert.match(frame, /● live {2}▲ 2 WARN · metrics/);
	assert.doesNotMatch(frame, /CRIT/);
});

test('all normal: "✓ all normal" when wide, "✓ OK" when narrow', async () => {
	const ok = snapshot({metrics: [judged('Ping.Success', () => 100, {expected: 100, low: 80, high: 120})], status: 'OK'});
	assert.match(await frameOf({snapshot: ok, now: NOW, width: 120}), /● live {2}✓ all normal · metrics 12:03:00 UTC/);
	cleanup();
	const narrow = await frameOf({snapshot: ok, now: NOW + 20_000, width: 80});
	assert.match(narrow, /iot-monitor.*● live {2}✓ OK · metrics 20s ago/);
});

test('learning progress while baselines load, also beside flags when there is room', async () => {
	const learning = await frameOf({snapshot: snapshot({status: 'UNKNOWN', learning: {done: 12, total: 19}}), now: NOW, width: 80});
	assert.match(learning, /● live {2}learning 12\/19 · metrics/);
	assert.doesNotMatch(learning, /unknown|all normal|✓/);
	cleanup();
	const both = snapshot({metrics: incidentMetrics(), status: 'CRIT', learning: {done: 12, total: 19}});
	assert.match(await frameOf({snapshot: both, now: NOW, width: 120}), /▼▲ 3 CRIT · 1 WARN · learning 12\/19/);
	cleanup();
	const narrow = await frameOf({snapshot: both, now: NOW, width: 80});
	assert.match(narrow, /▼▲ 3 CRIT · 1 WARN · metrics/, 'flags win over learning when narrow');
});

test('"? unknown" when nothing could be judged', async () => {
	const frame = await frameOf({snapshot: snapshot({status: 'UNKNOWN'}), now: NOW, width: 80});
	assert.match(frame, /● live {2}\? unknown · metrics/);
});

test('a narrow header keeps the judgement and drops the app name first', async () => {
	const frame = await frameOf({snapshot: snapshot({metrics: incidentMetrics(), status: 'CRIT'}), now: NOW, width: 50});
	assert.match(frame, /^ us-east-1 · prod {2}●( live)? {2}▼▲ 3 CRIT · 1 WARN/);
	assert.ok(textWidth(frame) <= 50, frame);
});
