import {test} from 'node:test';
import assert from 'node:assert/strict';
import {eventResources, MAX_EVENT_RESOURCES, resourceText} from '../../source/trail/resources.js';
import {ACCOUNT, trailEvent, withRecord} from './helpers.js';

const POLICY_ARN = `arn:aws:iot:us-east-1:${ACCOUNT}:policy/device-policy`;

test('resources: LookupEvents first, then the record block, then the request parameters', () => {
	const cases: Array<[string, ReturnType<typeof trailEvent>, string[]]> = [
		[
			'listed by LookupEvents (duplicates and nameless ones dropped)',
			withRecord({requestParameters: {policyName: 'ignored'}}, {
				resources: [
					{type: 'AWS::IoT::Policy', name: 'device-policy'},
					{type: 'AWS::IoT::Policy', name: 'device-policy'},
					{type: 'AWS::IoT::Thing', name: null},
					{type: null, name: 'bare-name'},
				],
			}),
			['AWS::IoT::Policy device-policy', 'bare-name'],
		],
		['the record block', withRecord({resources: [{type: 'AWS::IoT::Policy', ARN: POLICY_ARN}, {nope: 1}, 'text']}), [`AWS::IoT::Policy ${POLICY_ARN}`]],
		[
			'request parameters that name IoT resources',
			withRecord({requestParameters: {policyName: 'device-policy', policyVersionId: '3', thingName: 'sensor-7', other: 'x'}}),
			['AWS::IoT::Policy device-policy', 'AWS::IoT::Thing sensor-7'],
		],
		['nothing known', withRecord({requestParameters: {setAsDefault: true}}), []],
		['no record at all', trailEvent({raw: 'not json'}), []],
	];
	for (const [name, event, expected] of cases) assert.deepEqual(eventResources(event).map(resourceText), expected, name);
});

test('resources: bounded per event, long names cut', () => {
	const many = trailEvent({resources: Array.from({length: 60}, (_, i) => ({type: 'AWS::IoT::Thing', name: `t${i}`}))});
	assert.equal(eventResources(many).length, MAX_EVENT_RESOURCES);
	const long = trailEvent({resources: [{type: 'AWS::IoT::Thing', name: 'x'.repeat(5000)}]});
	assert.ok((eventResources(long)[0]?.name.length ?? 0) <= 256);
});
