import {test} from 'node:test';
import assert from 'node:assert/strict';
import {cell, incidentMarkdown} from '../../source/report/markdown.js';
import type {Alarm} from '../../source/types.js';
import {event, judged, NOW, snapshot, step} from '../ui/helpers.js';

const BASE = {expected: 1000, low: 900, high: 1100};

test('untrusted text cannot escape its table cell or its code block', () => {
	assert.equal(cell('a|b <script> `x` *y* [l](u) \u001b]0;t\u0007 \u202e'), 'a\\|b \\<script\\> \\`x\\` \\*y\\* \\[l\\](u) ␛\\]0;t␇ �', 'controls made visible, syntax escaped');
	const evil = event({
		eventId: 'evil',
		eventName: 'DetachPolicy',
		eventTime: NOW - 10 * 60_000, // before the onset: a ranked suspect, listed with its record
		raw: JSON.stringify({eventName: 'DetachPolicy', requestParameters: {policyName: '```\n# injected heading\n````'}}),
	});
	const flagged = judged('PublishIn.Success', step(1000, 100), BASE, 'crit');
	const text = incidentMarkdown({snapshot: snapshot({metrics: [flagged], events: [evil]}), alarms: []});
	const block = /^(`{5,})json\n([\s\S]*?)\n\1$/m.exec(text);
	assert.ok(block, 'the record is fenced with more backticks than it contains');
	assert.match(block[2] ?? '', /injected heading/);
	assert.doesNotMatch(text.replace(block[0], ''), /^# injected/m, 'the heading stays inside the block');
	assert.doesNotMatch(text, /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E]/, 'no controls or bidi overrides');
});

test('the alarm in ALARM is listed with its reason, and shown beside its metric', () => {
	const alarm: Alarm = {
		name: 'iot-publish-drop',
		kind: 'metric',
		state: 'ALARM',
		since: NOW - 120_000,
		reason: 'Threshold Crossed: 3 datapoints were less than the threshold (4000.0).',
		description: null,
		metrics: ['PublishIn.Success'],
		children: [],
	};
	const flagged = judged('PublishIn.Success', step(1000, 100), BASE, 'crit');
	const text = incidentMarkdown({snapshot: snapshot({metrics: [flagged]}), alarms: [alarm]});
	assert.match(text, /\| iot-publish-drop \| ALARM \| \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \| PublishIn\.Success \| Threshold Crossed/);
	assert.match(text, /\| PublishIn\.Success \| ▼ CRIT \| .* \| ALARM \|/);
});
