import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup, render} from 'ink-testing-library';
import {textWidth} from '../../source/text/width.js';
import {Header} from '../../source/ui/components/header.js';
import {health, NOW, snapshot, waitFor} from './helpers.js';

afterEach(cleanup);

async function frameOf(props: Parameters<typeof Header>[0]): Promise<string> {
	const {lastFrame} = render(<Header {...props} />);
	await waitFor(() => lastFrame() !== undefined, 2000, 'first frame');
	return lastFrame() ?? '';
}

test('region and profile, live, and both source ages', async () => {
	const frame = await frameOf({snapshot: snapshot(), now: NOW, width: 80});
	assert.match(frame, /iot-monitor/);
	assert.match(frame, /us-east-1 · prod/);
	assert.match(frame, /● live/);
	assert.match(frame, /metrics 8s ago/);
	assert.match(frame, /trail 3s ago/);
	assert.doesNotMatch(frame, /DEMO/);
});

test('wide terminals add UTC clock times', async () => {
	const frame = await frameOf({snapshot: snapshot(), now: NOW, width: 120});
	assert.match(frame, /metrics 12:03:00 UTC \(8s ago\)/);
	assert.match(frame, /trail 12:03:05 \(3s ago\)/);
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
