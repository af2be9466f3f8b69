import {test} from 'node:test';
import assert from 'node:assert/strict';
import {PARSED_MARK, recordLines, withJsonStringsParsed, wrapRecordLines} from '../../source/ui/detail/detail-lines.js';
import {event} from './helpers.js';

test('a record nested too deep to pretty-print says so, and is shown as received', () => {
	const depth = 20_000;
	const raw = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
	const lines = recordLines(event({eventId: 'deep', raw}));
	assert.match(lines[0] ?? '', /^\(nested too deep to pretty-print; shown as received\)$/);
	assert.equal(lines.slice(1).join(''), raw);
});

test('a record that is not JSON is called that', () => {
	const lines = recordLines(event({eventId: 'broken', raw: '{"eventID": '}));
	assert.match(lines[0] ?? '', /not valid JSON/);
});

test('an ordinary record is pretty-printed', () => {
	const lines = recordLines(event({eventId: 'ok', raw: '{"eventID":"ok","readOnly":false}'}));
	assert.deepEqual(lines, ['{', '  "eventID": "ok",', '  "readOnly": false', '}']);
});

test('a policy document held as a JSON string is shown parsed and pretty-printed, under a key that says so', () => {
	const policy = JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: ['iot:Connect', 'iot:Publish'], Resource: 'arn:aws:iot:us-east-1:123456789012:client/${iot:Connection.Thing.ThingName}'}]});
	const shown = withJsonStringsParsed({requestParameters: {policyName: 'p', policyDocument: policy, note: '{not json', n: 3}});
	assert.deepEqual(shown, {
		requestParameters: {policyName: 'p', [`policyDocument${PARSED_MARK}`]: JSON.parse(policy), note: '{not json', n: 3},
	});
});

test('record lines wrap to the width, continuation indented, nothing cut; controls sanitized first', () => {
	const long = `    "Resource": "${'arn:aws:iot:us-east-1:123456789012:topic/fleet/'.repeat(4)}end"`;
	const wrapped = wrapRecordLines(['{', long, '}', 'bad \u001b[31m'], 40);
	for (const line of wrapped) assert.ok(line.length <= 40, line);
	assert.equal(wrapped[0], '{');
	assert.ok(wrapped.length > 5, 'the long line took several');
	assert.ok(wrapped.slice(2, -2).every(line => line.startsWith('      ')), 'continuations indented');
	assert.equal(wrapped.slice(1, -2).map((line, i) => (i === 0 ? line : line.trimStart())).join(''), long.replace(/^ +/, '    '), 'every character kept');
	assert.doesNotMatch(wrapped.at(-1) ?? '', /\u001b/);
});
