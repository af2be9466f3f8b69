import {test} from 'node:test';
import assert from 'node:assert/strict';
import {cell, HANDOFF_MAX_CHARS, incidentMarkdown, incidentRecords} from '../../source/report/markdown.js';
import type {Alarm, TrailEvent} from '../../source/types.js';
import {alarm, cloudTrailRecord, event, health, judged, metric, NOW, ROLE_IDENTITY, snapshot, step} from '../ui/helpers.js';

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
	const text = incidentMarkdown({snapshot: snapshot({metrics: [flagged], events: [evil]}), alarms: [], full: true});
	const block = /^(`{5,})json\n([\s\S]*?)\n\1$/m.exec(text);
	assert.ok(block, 'the record is fenced with more backticks than it contains');
	assert.match(block[2] ?? '', /injected heading/);
	assert.doesNotMatch(text.replace(block[0], ''), /^# injected/m, 'the heading stays inside the block');
	assert.doesNotMatch(text, /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E]/, 'no controls or bidi overrides');
	const records = incidentRecords(snapshot({metrics: [flagged], events: [evil]}), 'x.md') ?? '';
	const inFile = /^(`{5,})json\n([\s\S]*?)\n\1$/m.exec(records);
	assert.ok(inFile, 'the records file fences the same way');
	assert.doesNotMatch(records.replace(inFile[0], ''), /^# injected/m);
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

const MINUTE = 60_000;
const FLAGGED = judged('PublishIn.Success', step(1000, 100), BASE, 'crit');

/** A policy change by the deploy role, `minutesAgo` before NOW, with the record LookupEvents would give. */
function policyChange(id: string, minutesAgo: number, policy = 'device-policy'): TrailEvent {
	const eventTime = NOW - minutesAgo * MINUTE;
	return event({
		eventId: id,
		eventTime,
		eventName: 'SetDefaultPolicyVersion',
		username: 'ci-1234',
		identityType: 'AssumedRole',
		resources: [{type: 'AWS::IoT::Policy', name: policy}],
		raw: cloudTrailRecord({eventId: id, eventTime, eventName: 'SetDefaultPolicyVersion', userIdentity: ROLE_IDENTITY, requestParameters: {policyName: policy, policyVersionId: '4'}}),
	});
}

test('by default the records stay out: a note says how to get them, or names the file they went to', () => {
	const events = [policyChange('p1', 6), policyChange('p2', 7, 'gateway-policy')];
	const input = {snapshot: snapshot({metrics: [FLAGGED], events}), alarms: []};
	const text = incidentMarkdown(input);
	assert.doesNotMatch(text, /^```/m, 'no code block');
	assert.doesNotMatch(text, /"eventVersion"/, 'no raw record');
	assert.match(text, /records of the 2 suspect events above are left out .*--full/);
	const beside = incidentMarkdown({...input, records: {kind: 'file', name: 'iot-monitor-incident-20240501-120308-records.md'}});
	assert.match(beside, /are in iot-monitor-incident-20240501-120308-records\.md, beside this file/);
	const records = incidentRecords(input.snapshot, 'iot-monitor-incident-20240501-120308.md') ?? '';
	assert.match(records, /^# CloudTrail records for iot-monitor-incident-20240501-120308\.md$/m);
	assert.equal(records.match(/^```json$/gm)?.length, 2, 'one fenced record per suspect');
	assert.match(records, /"eventID": "p1"/);
	assert.equal(incidentRecords(snapshot({metrics: [FLAGGED], events: []}), 'x.md'), null, 'no suspects, no file');
	const full = incidentMarkdown({...input, full: true});
	assert.equal(full.match(/^```json$/gm)?.length, 2, '--full puts them inline');
});

test('names the account (records, else alarm ARNs, else unknown), the region and the resources involved', () => {
	const events = [policyChange('p1', 6), policyChange('p2', 8), policyChange('p3', 9, 'gateway-policy')];
	const text = incidentMarkdown({snapshot: snapshot({metrics: [FLAGGED], events}), alarms: []});
	assert.match(text, /^- \*\*Account:\*\* 123456789012 \(from the CloudTrail records\); \*\*region:\*\* us-east-1, profile prod$/m);
	assert.match(text, /^- \*\*Resources involved:\*\* AWS::IoT::Policy device-policy \(2 events\), AWS::IoT::Policy gateway-policy \(1 event\)$/m);
	assert.match(text, /1\. \*\*SetDefaultPolicyVersion\*\* \(device-policy v4\) at .* by role deploy-role\/ci-1234 /);

	const bare = [event({eventId: 'b1', eventTime: NOW - 6 * MINUTE, raw: 'not json'})];
	const arn = alarm({arn: 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:iot-connect-autherror-high'});
	const fromArn = incidentMarkdown({snapshot: snapshot({region: 'eu-west-1', metrics: [FLAGGED], events: bare}), alarms: [arn]});
	assert.match(fromArn, /\*\*Account:\*\* 210987654321 \(from the alarm ARNs\); \*\*region:\*\* eu-west-1/);
	const hostile = event({eventId: 'h1', raw: JSON.stringify({recipientAccountId: '1234\u001b[2J56789012'})});
	const unknown = incidentMarkdown({snapshot: snapshot({metrics: [FLAGGED], events: [hostile, ...bare]}), alarms: [alarm()]});
	assert.match(unknown, /\*\*Account:\*\* account unknown \(no CloudTrail record or alarm ARN held names it\)/);
	assert.match(unknown, /\*\*Resources involved:\*\* none named by the (suspect events|changes of the last 30 minutes)/m);

	const calm = incidentMarkdown({snapshot: snapshot({events: [policyChange('c1', 3, 'calm-policy'), policyChange('c2', 45, 'old-policy')]}), alarms: []});
	assert.match(calm, /^- \*\*Resources involved:\*\* AWS::IoT::Policy calm-policy \(1 event\) \(from the changes of the last 30 minutes \(nothing is flagged\)\)$/m);
});

test('the event coverage is the truth: the oldest event held, and the drops that cut the window short', () => {
	// Reading began 3 h ago, but the buffer limit dropped all but the last 12 minutes.
	const events = Array.from({length: 12}, (_, i) => policyChange(`d${i}`, i + 1));
	const dropped = snapshot({metrics: [FLAGGED], events, eventsSince: NOW - 180 * MINUTE, eventsDropped: 4200});
	const text = incidentMarkdown({snapshot: dropped, alarms: []});
	const oldest = new Date(NOW - 12 * MINUTE).toISOString().slice(11, 19);
	assert.match(text, new RegExp(`^- \\*\\*Events:\\*\\* 12 IoT control-plane events held, 2024-05-01 ${oldest} UTC to 2024-05-01 12:02:08 UTC; 4200 older events were dropped at the buffer limit \\(--max-events\\), so the list is complete only from 2024-05-01 ${oldest} UTC`, 'm'));
	assert.doesNotMatch(text, /09:03/, 'the start of reading is not claimed as coverage');
	assert.match(text, new RegExp(`complete only from 2024-05-01 ${oldest} UTC \\(older ones were dropped at the buffer limit\\): the first \\d+ minutes of this window are not covered`));

	const whole = incidentMarkdown({snapshot: snapshot({metrics: [FLAGGED], events, eventsSince: NOW - 180 * MINUTE, eventsDropped: 0}), alarms: []});
	assert.match(whole, /12 IoT control-plane events held, .*; complete from 2024-05-01 09:03:08 UTC; nothing older was read/);
	assert.doesNotMatch(whole, /not covered/);

	const none = incidentMarkdown({snapshot: snapshot({events: [], health: {metrics: health(), trail: health({lastSuccess: null, error: 'CloudTrail: AccessDenied'})}}), alarms: []});
	assert.match(none, /\*\*Events:\*\* none held: CloudTrail has not answered yet\. Last attempt failed: CloudTrail: AccessDenied\.$/m);
});

test(`a hostile, busy account still gets a hand-off of at most ${HANDOFF_MAX_CHARS} characters; --full has everything`, () => {
	const long = (label: string) => `${label}-${'x'.repeat(3000)}`;
	// The first is a metric policies can move, so the (long, hostile) DeletePolicy events are ranked suspects.
	const metrics = Array.from({length: 80}, (_, i) => judged(i === 0 ? 'PublishIn.Success' : `Metric${i}`, step(1000, 100), BASE, 'crit'));
	const alarms = Array.from({length: 60}, (_, i) => alarm({name: long(`alarm${i}`), reason: long('reason'), metrics: [`Metric${i}`]}));
	const events = Array.from({length: 1000}, (_, i) =>
		event({eventId: `e${i}`, eventTime: NOW - (i % 30) * MINUTE - 1000, eventName: 'DeletePolicy', sourceIp: long('ip'), resources: [{type: long('T'), name: long('n')}]}),
	);
	const input = {snapshot: snapshot({metrics: [...metrics, metric('quiet')], events}), alarms};
	const text = incidentMarkdown(input);
	assert.ok(text.length <= HANDOFF_MAX_CHARS, `${text.length} characters`);
	for (const part of [/^- \*\*Account:\*\*/m, /^- \*\*Events:\*\*/m, /^- \*\*Resources involved:\*\*/m, /^## What changed before$/m, /^1\. \*\*DeletePolicy\*\* on T-x+…/m]) {
		assert.match(text, part, 'shortened, not cut: every section is there');
	}
	assert.match(text, /^\d+ more flagged metrics left out for length\.$/m);
	assert.match(text, /^\d+ more alarms in ALARM left out for length\.$/m);
	assert.match(text, /^81 metrics left out for length \(80 of them flagged: see Flags\)\.$/m);
	assert.ok(incidentMarkdown({...input, full: true}).length > 4 * HANDOFF_MAX_CHARS, '--full is not shortened');

	// Names no shortening reaches (a metric list of 4,000-character names): cut at a line, and said so.
	const huge = Array.from({length: 6}, (_, i) => judged(`${i}${'M'.repeat(4000)}`, step(1000, 100), BASE, 'crit'));
	const cut = incidentMarkdown({snapshot: snapshot({metrics: huge, events}), alarms});
	assert.ok(cut.length <= HANDOFF_MAX_CHARS, `${cut.length} characters`);
	assert.match(cut, /^- \*\*Account:\*\*/m, 'the header comes first and survives the cut');
	assert.match(cut, /\n\n_Cut at 16000 characters to fit a ticket; `--full` gives everything\._\n$/);
});
