/**
 * The timestamp guard's look at the raw text (timestampsMayNeedFixing): an answer as AWS sends it is not
 * parsed a second time; any answer it lets through untouched is one the full walk would not change either.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {nullBadTimestamps, timestampsMayNeedFixing} from '../../source/aws/timestamps.js';
import {corruptAnswer, hostileRng} from '../../source/simulator/hostile.js';

const T = 1_764_770_400;

function lookupAnswer() {
	return {
		Events: Array.from({length: 50}, (_, i) => ({
			EventId: `id-${i}`,
			EventName: 'AttachPolicy',
			ReadOnly: 'false',
			EventTime: T - i * 7.25,
			EventSource: 'iot.amazonaws.com',
			Username: 'deploy',
			Resources: [{ResourceType: 'AWS::IoT::Policy', ResourceName: 'p'}],
			// The record: JSON in a string, its keys escaped (and a timestamp-like key inside, a string).
			CloudTrailEvent: JSON.stringify({eventTime: '2026-12-03T14:00:00Z', requestParameters: {policyTimestamp: 'x', 'EventTime': 'no'}}),
		})),
		NextToken: 'tok',
	};
}

function metricAnswer() {
	return {
		MetricDataResults: Array.from({length: 20}, (_, i) => ({
			Id: `m${i}`,
			Label: 'x',
			Timestamps: Array.from({length: 90}, (_, j) => T - j * 60),
			Values: Array.from({length: 90}, (_, j) => j * 1.5),
			StatusCode: 'Complete',
		})),
		Messages: [],
	};
}

function alarmAnswer() {
	return {
		MetricAlarms: Array.from({length: 5}, (_, i) => ({
			AlarmName: `a${i}`,
			StateValue: 'OK',
			StateUpdatedTimestamp: T + 0.123,
			StateTransitionedTimestamp: 1.7647704e9,
			AlarmConfigurationUpdatedTimestamp: null,
		})),
		CompositeAlarms: [],
	};
}

test('timestampsMayNeedFixing: clean answers pass from their text; anything a timestamp may not be does not', () => {
	for (const answer of [lookupAnswer(), metricAnswer(), alarmAnswer(), {}, {Events: []}]) {
		assert.equal(timestampsMayNeedFixing(JSON.stringify(answer)), false, JSON.stringify(answer).slice(0, 80));
		assert.equal(timestampsMayNeedFixing(JSON.stringify(answer, null, 2)), false, 'whitespace anywhere JSON allows it');
	}
	const table: ReadonlyArray<[string, boolean]> = [
		['{"EventTime": 1764770400}', false],
		['{"EventTime":null}', false],
		['{"EventTime":-1.5e10}', false],
		['{"Timestamps":[]}', false],
		['{"Timestamps":[1, null, 2.5]}', false],
		['{"EventTime":"1764770400"}', true],
		['{"EventTime":"yesterday"}', true],
		['{"EventTime":{}}', true],
		['{"EventTime":[1]}', true],
		['{"EventTime":true}', true],
		[`{"EventTime":1${'0'.repeat(400)}}`, true],
		['{"EventTime":1e999}', true],
		['{"StateUpdatedTimestamp":[1]}', true],
		['{"Timestamps":[1,"x"]}', true],
		['{"Timestamps":"x"}', true],
		['{"Timestamps":{"a":1}}', true],
		// A key spelled with an escape is the same key to JSON.parse.
		['{"\\u0045ventTime":"x"}', true],
		['{"CloudTrailEvent":"{\\"EventTime\\":\\"x\\"}"}', false],
	];
	for (const [text, expected] of table) {
		assert.equal(timestampsMayNeedFixing(text), expected, text.slice(0, 60));
		// Whatever it says, it never lets through what the walk would change.
		if (!expected) assert.equal(nullBadTimestamps(JSON.parse(text)), 0, text);
	}
});

test('timestampsMayNeedFixing: over seeded hostile answers, what passes from its text is what the full walk leaves alone', () => {
	let passed = 0;
	let fixed = 0;
	for (let seed = 1; seed <= 300; seed++) {
		const rng = hostileRng(seed);
		for (const [operation, answer] of [
			['LookupEvents', lookupAnswer()],
			['GetMetricData', metricAnswer()],
			['DescribeAlarms', alarmAnswer()],
		] as const) {
			corruptAnswer(answer, operation, rng, 0.3);
			const text = JSON.stringify(answer);
			const changes = nullBadTimestamps(JSON.parse(text));
			if (changes > 0) fixed++;
			if (!timestampsMayNeedFixing(text)) {
				passed++;
				assert.equal(changes, 0, `seed ${seed} ${operation}`);
			}
		}
	}
	assert.ok(fixed > 50, `${fixed} answers needed a fix`);
	assert.ok(passed > 0, `${passed} answers passed from their text`);
});
