import {test} from 'node:test';
import assert from 'node:assert/strict';
import {nullBadTimestamps, timestampsPlain} from '../../source/aws/timestamps.js';

const record = JSON.stringify({eventVersion: '1.11', eventTime: '2026-11-24T14:00:00Z', EventTime: 'inside the record: a string, not a key'});
const event = (time: unknown) => ({EventId: 'e1', EventName: 'UpdateThing', EventTime: time, CloudTrailEvent: record});

/** [what, answer text, whether the text alone shows that nothing needs the guard] */
const CASES: ReadonlyArray<[string, string, boolean]> = [
	['a LookupEvents page with epoch seconds', JSON.stringify({Events: [event(1_764_000_000.5), event(1_764_000_001)], NextToken: 't'}), true],
	['null and negative times', JSON.stringify({Events: [event(null), event(-1)]}), true],
	['spaces around the colon', '{"Events":[{"EventId":"e","EventTime" :  1764000000 }]}', true],
	['no timestamp at all', JSON.stringify({Events: []}), true],
	['a GetMetricData result', JSON.stringify({MetricDataResults: [{Id: 'm0', Timestamps: [1764000000, 1764000060], Values: [1, 2]}, {Id: 'm1', Timestamps: [], Values: []}]}), true],
	['an alarm', JSON.stringify({MetricAlarms: [{AlarmName: 'a', StateUpdatedTimestamp: 1764000000, StateTransitionedTimestamp: 1764000000.25}]}), true],
	['a string time', JSON.stringify({Events: [event('yesterday')]}), false],
	['a numeric string time', JSON.stringify({Events: [event('1764000000')]}), false],
	['an object time', JSON.stringify({Events: [event({})]}), false],
	['a list where one time belongs', JSON.stringify({Events: [event([1])]}), false],
	['a boolean time', JSON.stringify({Events: [event(true)]}), false],
	['a number too long to be sure it is finite', '{"Events":[{"EventId":"e","EventTime":1e400}]}', false],
	['a string in Timestamps', JSON.stringify({MetricDataResults: [{Id: 'm0', Timestamps: [1, 'x'], Values: [1, 2]}]}), false],
	['a nested list in Timestamps', JSON.stringify({MetricDataResults: [{Id: 'm0', Timestamps: [[1], 2], Values: [1, 2]}]}), false],
	['Timestamps that is a string', JSON.stringify({MetricDataResults: [{Id: 'm0', Timestamps: 'x'}]}), false],
	['a string where an alarm time belongs', JSON.stringify({MetricAlarms: [{AlarmName: 'a', StateUpdatedTimestamp: 'yesterday'}]}), false],
	['a key written with an escape', '{"Events":[{"EventId":"e","Event\\u0054ime":"yesterday"}]}', false],
	['not JSON', '<html>', true],
];

for (const [what, text, plain] of CASES) {
	test(`timestampsPlain: ${what} -> ${plain ? 'no parse needed' : 'full check'}`, () => {
		assert.equal(timestampsPlain(text), plain);
	});
}

test('timestampsPlain never passes an answer the full check would change', () => {
	for (const [what, text] of CASES) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch {
			continue; // not JSON: the guard leaves it to the SDK either way
		}
		if (timestampsPlain(text)) assert.equal(nullBadTimestamps(parsed), 0, what);
	}
});

test('timestampsPlain: the escaped key is a timestamp to the full check, which is why escapes take it', () => {
	const parsed = JSON.parse(CASES.find(([what]) => what === 'a key written with an escape')![1]);
	assert.equal(nullBadTimestamps(parsed), 1);
});
