import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseFilterPattern} from '../../source/simulator/logs/filter-pattern.js';

const record = {eventSource: 'iot.amazonaws.com', eventName: 'DeleteThing', awsRegion: 'eu-west-1', userIdentity: {type: 'IAMUser'}, errorCode: null};
const field = (path: readonly string[]) => path.reduce<unknown>((value, part) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined), record);
const matches = (pattern: string) => parseFilterPattern(pattern).matches(() => JSON.stringify(record), field);

test('filter patterns: the JSON patterns iot-monitor sends, and their combinations', () => {
	const table: Array<[string, boolean]> = [
		['{ $.eventSource = "iot.amazonaws.com" }', true],
		['{ $.eventSource = "s3.amazonaws.com" }', false],
		['{ $.eventSource = "iot.*" }', true],
		['{ ($.eventSource = "iot.amazonaws.com") && ($.awsRegion = "eu-west-1") }', true],
		['{ $.eventSource = "iot.amazonaws.com" && $.awsRegion = "us-east-1" }', false],
		['{ $.awsRegion = "us-east-1" || $.eventName = "DeleteThing" }', true],
		['{ $.userIdentity.type = "IAMUser" }', true],
		['{ $.errorCode = NULL }', true],
		['{ $.errorCode != "AccessDenied" }', true],
		['{ $.missing != "x" }', false],
		['{ $.missing NOT EXISTS }', true],
		['{ $.eventName EXISTS }', true],
		['DeleteThing', true],
		['"DeleteThing" nothere', false],
		['', true],
	];
	for (const [pattern, expected] of table) assert.equal(matches(pattern), expected, pattern);
});

test('filter patterns: a pattern that cannot be read is InvalidParameterException', () => {
	for (const pattern of ['{ $.eventSource = }', '{ eventSource = "x" }', '{ $.a = "x"', '{ ($.a = "x" }', '{ $.a ~ "x" }']) {
		assert.throws(() => parseFilterPattern(pattern), {name: 'InvalidParameterException'}, pattern);
	}
});
