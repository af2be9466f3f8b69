import {test} from 'node:test';
import assert from 'node:assert/strict';
import {finalSnapshot, nagiosLine, snapshotToText, withoutRetrying} from '../../source/cli/once-text.js';
import {ASCII} from '../../source/render/glyphs.js';
import {alarm, event, health, judged, metric, noData, snapshot, step} from '../ui/helpers.js';

const flagged = snapshot({
	metrics: [judged('PublishIn.Success', step(1000, 100), {expected: 1000, low: 900, high: 1100}, 'crit')],
	events: [event({errorCode: 'AccessDenied'})],
});

test('--once text: the flag, the change and failures in Unicode by default', () => {
	const text = snapshotToText(flagged);
	assert.match(text, /PublishIn\.Success +100 +1000 +-90% +▼ CRIT/);
	assert.match(text, /✗ AccessDenied/);
});

test('--once text with --ascii (or a non-UTF-8 locale): nothing but ASCII', () => {
	const text = snapshotToText(flagged, ASCII);
	assert.match(text, /PublishIn\.Success +100 +1000 +-90% +v CRIT/);
	assert.match(text, /x AccessDenied/);
	assert.doesNotMatch(text, /[^\x00-\x7f]/);
});

const firstLine = (text: string) => text.split('\n')[0]!;

test('--once text: the first line is a Nagios status line: status, the flagged metrics (CRIT first), alarms, then perfdata', () => {
	const text = snapshotToText(
		snapshot({
			status: 'CRIT',
			metrics: [
				judged('Connect.AuthError', step(10, 40), {expected: 10, low: 5, high: 15}, 'warn'),
				judged('PublishIn.Success', step(1000, 100), {expected: 1000, low: 900, high: 1100}, 'crit'),
				judged('Ping.Success', () => 500, {expected: 500, low: 450, high: 550}, 'ok'),
				noData('PublishIn.Throttle'),
			],
			alarms: [alarm({name: 'iot-publish|drop', state: 'ALARM'}), alarm({name: 'calm', state: 'OK'})],
		}),
	);
	assert.equal(
		firstLine(text),
		'IOT-MONITOR CRIT - PublishIn.Success -90% (▼CRIT), Connect.AuthError +300% (▲WARN), alarm iot-publish/drop in ALARM' +
			' | Connect.AuthError=40;;;0 PublishIn.Success=100;;;0 Ping.Success=500;;;0 PublishIn.Throttle=U;;;0',
	);
	assert.match(text.split('\n')[1]!, /^us-east-1 at 2024-05-01T12:03:08\.000Z \(times UTC\)$/);
});

test('--once text: an expected value of 0 has no percent, so the line gives the value and the expectation', () => {
	const line = firstLine(snapshotToText(snapshot({status: 'CRIT', metrics: [judged('Connect.AuthError', step(0, 12), {expected: 0, low: 0, high: 0}, 'crit')]})));
	assert.equal(line, 'IOT-MONITOR CRIT - Connect.AuthError 12/min, expected 0 (▲CRIT) | Connect.AuthError=12;;;0');
});

test('--once text: OK says how many metrics were within their baselines; UNKNOWN gives the reason, not "retrying"', () => {
	const ok = snapshot({status: 'OK', metrics: [judged('Ping.Success', () => 500, {expected: 500, low: 450, high: 550}), noData('Failure')]});
	assert.equal(firstLine(snapshotToText(ok)), 'IOT-MONITOR OK - 1 of 2 metrics within their baselines | Ping.Success=500;;;0 Failure=U;;;0');

	const learning = snapshot({status: 'UNKNOWN', metrics: [metric('Ping.Success'), noData('Failure')]});
	assert.match(firstLine(snapshotToText(learning)), /^IOT-MONITOR UNKNOWN - baselines still learning for 1 of 2 metrics: nothing could be judged yet \| /);

	const failed = finalSnapshot(
		snapshot({
			status: 'UNKNOWN',
			metrics: [noData('Failure')],
			health: {
				metrics: health({error: 'CloudWatch is throttling GetMetricData: backing off and retrying'}),
				trail: health({error: 'CloudTrail: connection reset (ECONNRESET): retrying; check your network or proxy if it persists'}),
			},
		}),
	);
	const text = snapshotToText(failed);
	assert.equal(
		firstLine(text),
		'IOT-MONITOR UNKNOWN - CloudWatch is throttling GetMetricData; CloudTrail: connection reset (ECONNRESET): check your network or proxy if it persists | Failure=U;;;0',
	);
	assert.doesNotMatch(text, /retrying/);
});

test('--once text: a flag stays the status when a source failed, and the line says what is missing', () => {
	const line = firstLine(
		snapshotToText(
			snapshot({
				status: 'CRIT',
				metrics: [judged('PublishIn.Success', step(1000, 100), {expected: 1000, low: 900, high: 1100}, 'crit')],
				health: {metrics: health(), trail: health({error: 'CloudTrail: access denied to LookupEvents'})},
			}),
		),
	);
	assert.equal(line, 'IOT-MONITOR CRIT - PublishIn.Success -90% (▼CRIT); also CloudTrail: access denied to LookupEvents | PublishIn.Success=100;;;0');
});

test('withoutRetrying: each form of the live UI\'s "retrying" is dropped, the advice kept', () => {
	const table: Array<[string, string]> = [
		['CloudWatch is throttling GetMetricData: backing off and retrying', 'CloudWatch is throttling GetMetricData'],
		['CloudTrail: AWS service error (InternalError 500) on LookupEvents; retrying', 'CloudTrail: AWS service error (InternalError 500) on LookupEvents'],
		['CloudTrail: connection reset (ECONNRESET): retrying; check your network', 'CloudTrail: connection reset (ECONNRESET): check your network'],
		['credentials expired: run aws sso login', 'credentials expired: run aws sso login'],
	];
	for (const [message, expected] of table) assert.equal(withoutRetrying(message), expected);
});

test('nagiosLine: one line whatever the reason holds (control characters, newlines, a "|")', () => {
	assert.equal(nagiosLine('UNKNOWN', 'unknown flag --regoin: did you mean --region?'), 'IOT-MONITOR UNKNOWN - unknown flag --regoin: did you mean --region?');
	const line = nagiosLine('UNKNOWN', 'bad\nfile | \u001B]0;x\u0007');
	assert.doesNotMatch(line, /[\n\u001B\u0007|]/);
});
