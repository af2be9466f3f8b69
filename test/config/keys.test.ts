import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import Conf from 'conf';
import {DEFAULT_VALUES, formatDuration, SETTING_KEYS, SETTINGS_SCHEMA, SPECS, type SettingKey} from '../../source/config/keys.js';
import {documentValues, parseSettingsText, SettingsError} from '../../source/config/document.js';
import {findJsonError} from '../../source/config/json-error.js';
import {DEFAULT_METRICS} from '../../source/iot/catalog.js';

const ref = {path: '/tmp/x/config.json', custom: false};

test('defaults: the documented value of every key', () => {
	assert.deepEqual(DEFAULT_VALUES, {
		region: null,
		profile: null,
		metrics: DEFAULT_METRICS,
		pollInterval: 60_000,
		tailInterval: 5000,
		lookback: 3 * 3_600_000,
		baselineDays: 14,
		sensitivity: 'normal',
		maxEvents: 10_000,
		trailRate: 1,
		'notify.bell': false,
		'notify.command': null,
		color: 'auto',
		ascii: false,
		regions: null,
		accounts: null,
		trailLogGroup: null,
		accountNames: null,
	});
});

/** For each key: texts the one validator accepts (with the value) and rejects. */
const TEXT_CASES: {readonly [K in SettingKey]: {good: ReadonlyArray<readonly [string, unknown]>; bad: readonly string[]}} = {
	region: {good: [['eu-west-1', 'eu-west-1']], bad: ['', 'eu west 1']},
	profile: {good: [['prod', 'prod']], bad: ['', ' ']},
	metrics: {good: [['PublishIn.Success, RulesExecuted', ['PublishIn.Success', 'RulesExecuted']]], bad: ['', ',', 'PublishIn.Sucess']},
	pollInterval: {good: [['10s', 10_000], ['60s', 60_000], ['2m', 120_000]], bad: ['9s', '9999ms', 'soon', '0']},
	tailInterval: {good: [['1s', 1000], ['5', 5000]], bad: ['999ms', 'x']},
	lookback: {good: [['90m', 5_400_000], ['90d', 90 * 86_400_000]], bad: ['91d', 'forever', '0s']},
	baselineDays: {good: [['1', 1], ['15', 15]], bad: ['0', '16', '1.5', '', 'two']},
	sensitivity: {good: [['low', 'low'], ['high', 'high']], bad: ['paranoid', '']},
	maxEvents: {good: [['100', 100], ['1e6', 1_000_000]], bad: ['99', '1000001', '10_000', '', '500.5']},
	trailRate: {good: [['0.1', 0.1], ['2', 2]], bad: ['0', '-1', '2.01', 'fast', '']},
	'notify.bell': {good: [['true', true], ['false', false]], bad: ['yes', '1', '']},
	'notify.command': {good: [['logger -t iot', 'logger -t iot'], ['', null], ['null', null]], bad: []},
	color: {good: [['auto', 'auto'], ['always', 'always'], ['never', 'never']], bad: ['on', '']},
	ascii: {good: [['true', true]], bad: ['no']},
	regions: {good: [['us-east-1, eu-west-1', ['us-east-1', 'eu-west-1']], ['eu-west-1,eu-west-1', ['eu-west-1']]], bad: ['', ',', 'us-east-1,Europe', 'eu west 1']},
	accounts: {good: [['all', 'all'], ['111122223333, 444455556666', ['111122223333', '444455556666']]], bad: ['', 'some', '1234', '111122223333,x']},
	trailLogGroup: {
		good: [
			['aws-controltower/CloudTrailLogs', 'aws-controltower/CloudTrailLogs'],
			['arn:aws:logs:us-east-1:111122223333:log-group:aws-controltower/CloudTrailLogs', 'arn:aws:logs:us-east-1:111122223333:log-group:aws-controltower/CloudTrailLogs'],
			['', null],
		],
		bad: ['has space', 'arn:aws:logs:us-east-1:12:log-group:x'],
	},
	accountNames: {good: [['{"111122223333":"prod"}', {'111122223333': 'prod'}]], bad: ['{"1":"x"}', '{"111122223333":""}', 'prod', '[]']},
};

test('validators: one per key, the same from text (flags, config set) and from the file', () => {
	for (const key of SETTING_KEYS) {
		const spec = SPECS[key] as (typeof SPECS)['region'] & {fromText: (text: string) => {ok: boolean; value?: unknown}};
		for (const [text, value] of TEXT_CASES[key].good) {
			const checked = spec.fromText(text);
			assert.deepEqual(checked, {ok: true, value}, `${key} ${text}`);
			// What config set writes reads back as the same value.
			const json = (spec.toJson as (value: unknown, text: string) => unknown)(value, text);
			assert.deepEqual(spec.fromJson(json), {ok: true, value}, `${key} ${text} as JSON`);
		}
		for (const text of TEXT_CASES[key].bad) assert.equal(spec.fromText(text).ok, false, `${key} "${text}"`);
		// The examples in messages are themselves valid.
		assert.equal(spec.fromText(spec.example).ok, true, `${key} example`);
		assert.equal(spec.fromJson(JSON.parse(spec.exampleJson)).ok, true, `${key} exampleJson`);
	}
});

test('file values: the JSON types', () => {
	assert.deepEqual(
		parseSettingsText(
			'{"region": "eu-west-1", "metrics": ["RulesExecuted"], "pollInterval": "90s", "baselineDays": 7, "trailRate": 0.5,' +
				' "notify": {"bell": true, "command": null}, "color": "never", "ascii": true}',
			ref,
		),
		{region: 'eu-west-1', metrics: ['RulesExecuted'], pollInterval: 90_000, baselineDays: 7, trailRate: 0.5, 'notify.bell': true, 'notify.command': null, color: 'never', ascii: true},
	);
	for (const text of ['{"pollInterval": 60}', '{"baselineDays": "7"}', '{"ascii": "true"}', '{"metrics": "RulesExecuted"}', '{"notify": {"command": ""}}', '{"region": null}']) {
		assert.throws(() => parseSettingsText(text, ref), SettingsError, text);
	}
	assert.deepEqual(parseSettingsText('{}', ref), {});
});

test('the JSON Schema (as conf validates it) accepts what the validators accept', () => {
	const cwd = mkdtempSync(join(tmpdir(), 'iotmon-schema-'));
	const confAccepts = (document: object): boolean => {
		writeFileSync(join(cwd, 'config.json'), JSON.stringify(document));
		try {
			new Conf({cwd, schema: SETTINGS_SCHEMA.properties as never, rootSchema: {additionalProperties: false}});
			return true;
		} catch (error) {
			assert.match(String(error), /Config schema violation/);
			return false;
		}
	};
	const weAccept = (document: object): boolean => {
		try {
			documentValues(document as Record<string, unknown>, ref);
			return true;
		} catch {
			return false;
		}
	};
	const valid = {
		region: 'eu-west-1', profile: 'prod', metrics: ['PublishIn.Success'], pollInterval: '60s', tailInterval: '5s',
		lookback: '3h', baselineDays: 14, sensitivity: 'normal', maxEvents: 10_000, trailRate: 1,
		notify: {bell: false, command: 'logger -t iot'}, color: 'auto', ascii: false,
	};
	const documents: object[] = [
		{},
		valid,
		{notify: {command: null}},
		{region: 'eu west'},
		{metrics: []},
		{metrics: ['Nope']},
		{pollInterval: 60},
		{lookback: 'soon'},
		{baselineDays: 16},
		{baselineDays: 1.5},
		{sensitivity: 'paranoid'},
		{maxEvents: 99},
		{trailRate: 0},
		{trailRate: 2.5},
		{notify: {bell: 'yes'}},
		{notify: {command: ''}},
		{notify: {sound: true}},
		{notify: true},
		{color: 'on'},
		{ascii: 1},
		{unknown: 1},
	];
	for (const document of documents) assert.equal(confAccepts(document), weAccept(document), JSON.stringify(document));
	// Duration bounds are beyond a pattern: the validators are stricter there, never looser.
	assert.equal(confAccepts({pollInterval: '5s'}), true);
	assert.equal(weAccept({pollInterval: '5s'}), false);
});

test('findJsonError: line and column of the first break', () => {
	const cases: ReadonlyArray<readonly [string, string | null]> = [
		['{"a": 1}', null],
		['  [1, -2.5e3, "x\\n\\u00e9", true, false, null, {}]  ', null],
		['{"a": }', '1:7 expected a value, found "}"'],
		['{"a": 1,}', '1:9 expected a "quoted" key, found "}"'],
		['{"a": 1', '1:8 expected "," or "}", found the end of the file'],
		['{a: 1}', '1:2 expected a "quoted" key, found "a"'],
		['{\n  "a": tru\n}', '2:11 expected "true", found "\\n"'],
		['{"a": "x\ny"}', '1:9 a line break or control character inside a string'],
		['{"a": 1} x', '1:10 expected nothing more after the JSON value, found "x"'],
		['// note\n{}', '1:1 expected a value, found "/"'],
		['', '1:1 expected a value, found the end of the file'],
		['[01]', '1:3 expected "," or "]", found "1"'],
	];
	for (const [text, expected] of cases) {
		const found = findJsonError(text);
		assert.equal(found && `${found.line}:${found.column} ${found.problem}`, expected, JSON.stringify(text));
		// It agrees with JSON.parse on what is JSON.
		assert.equal(found === null, (() => { try { JSON.parse(text); return true; } catch { return false; } })(), JSON.stringify(text));
	}
});

test('formatDuration: the largest exact unit', () => {
	assert.deepEqual([60_000, 90_000, 5_400_000, 10_800_000, 86_400_000, 1500].map(formatDuration), ['1m', '90s', '90m', '3h', '1d', '1500ms']);
});

test('the schema file keys and the key table agree', () => {
	const schemaKeys = Object.keys(SETTINGS_SCHEMA.properties).flatMap(key =>
		key === 'notify' ? Object.keys(SETTINGS_SCHEMA.properties.notify.properties).map(sub => `notify.${sub}`) : [key],
	);
	assert.deepEqual(new Set(schemaKeys), new Set(SETTING_KEYS));
});
