/** The fleet settings: regions, OAM linked accounts, the organization trail's log group, account names. */
import {safeJsonStringify} from '../text/json.js';
import {bad, ok, type Checked, type KeySpec} from './spec.js';

const REGION = /^(?:us|eu|ap|sa|ca|me|af|il|mx|cn)(?:-gov|-iso[a-z]?)?-[a-z]+-\d+$/;
const ACCOUNT = /^\d{12}$/;

function list(text: string): string[] {
	return text
		.split(',')
		.map(part => part.trim())
		.filter(Boolean);
}

function checkRegions(names: readonly unknown[]): Checked<readonly string[] | null> {
	if (names.length === 0) return bad('must list at least one region');
	const wrong = names.find(name => typeof name !== 'string' || !REGION.test(name));
	if (wrong !== undefined) return bad(`names ${safeJsonStringify(wrong)}, which is not an AWS region name`);
	return ok([...new Set(names as string[])]);
}

export const regions: KeySpec<readonly string[] | null> = {
	default: null,
	rule: 'must be AWS region names separated by commas',
	example: 'us-east-1,eu-west-1',
	exampleJson: '["us-east-1", "eu-west-1"]',
	fromText: text => checkRegions(list(text)),
	fromJson: value => (value === null ? ok(null) : Array.isArray(value) ? checkRegions(value) : bad()),
	toJson: value => (value === null ? null : [...value]),
	show: value => (value === null ? '(the one region)' : value.join(',')),
	schema: {oneOf: [{type: 'array', minItems: 1, items: {type: 'string', pattern: REGION.source}}, {type: 'null'}]},
};

function checkAccounts(ids: readonly unknown[]): Checked<'all' | readonly string[] | null> {
	if (ids.length === 0) return bad('must be all or list at least one account id');
	const wrong = ids.find(id => typeof id !== 'string' || !ACCOUNT.test(id));
	if (wrong !== undefined) return bad(`names ${safeJsonStringify(wrong)}, which is not a 12-digit account id`);
	return ok([...new Set(ids as string[])]);
}

export const accounts: KeySpec<'all' | readonly string[] | null> = {
	default: null,
	rule: 'must be all, or 12-digit account ids separated by commas',
	example: 'all',
	exampleJson: '"all"',
	fromText: text => (text.trim() === 'all' ? ok('all') : checkAccounts(list(text))),
	fromJson: value => (value === null ? ok(null) : value === 'all' ? ok('all') : Array.isArray(value) ? checkAccounts(value) : bad()),
	toJson: value => (value === null || value === 'all' ? value : [...value]),
	show: value => (value === null ? '(only the caller\'s account)' : value === 'all' ? 'all' : value.join(',')),
	schema: {oneOf: [{const: 'all'}, {type: 'array', minItems: 1, items: {type: 'string', pattern: ACCOUNT.source}}, {type: 'null'}]},
};

const LOG_GROUP = /^(?:[\w#/.-]{1,512}|arn:aws[\w-]*:logs:[a-z0-9-]+:\d{12}:log-group:[\w#/.-]{1,512}(?::\*)?)$/;

export const trailLogGroup: KeySpec<string | null> = {
	default: null,
	rule: 'must be a CloudWatch Logs log group name or ARN',
	example: 'aws-controltower/CloudTrailLogs',
	exampleJson: '"aws-controltower/CloudTrailLogs"',
	fromText: text => (text.trim() === '' || text.trim() === 'null' ? ok(null) : LOG_GROUP.test(text.trim()) ? ok(text.trim()) : bad()),
	fromJson: value => (value === null ? ok(null) : typeof value === 'string' && LOG_GROUP.test(value) ? ok(value) : bad()),
	toJson: value => value,
	show: value => value ?? '(none: LookupEvents)',
	schema: {oneOf: [{type: 'string', pattern: LOG_GROUP.source}, {type: 'null'}]},
};

function checkNames(value: unknown): Checked<Readonly<Record<string, string>> | null> {
	if (value === null) return ok(null);
	if (typeof value !== 'object' || Array.isArray(value)) return bad();
	const out: Record<string, string> = {};
	for (const [id, name] of Object.entries(value as Record<string, unknown>)) {
		if (!ACCOUNT.test(id)) return bad(`has the key ${safeJsonStringify(id)}, which is not a 12-digit account id`);
		if (typeof name !== 'string' || name.trim() === '' || name.length > 64) return bad(`gives account ${id} a name that is not 1-64 characters`);
		out[id] = name.trim();
	}
	return ok(out);
}

export const accountNames: KeySpec<Readonly<Record<string, string>> | null> = {
	default: null,
	rule: 'must map 12-digit account ids to names',
	example: '{"111122223333":"prod"}',
	exampleJson: '{"111122223333": "prod"}',
	fromText: text => {
		try {
			return checkNames(JSON.parse(text));
		} catch {
			return bad('is not JSON');
		}
	},
	fromJson: checkNames,
	toJson: value => (value === null ? null : {...value}),
	show: value => (value === null ? '(none)' : Object.entries(value).map(([id, name]) => `${id}=${name}`).join(',')),
	schema: {
		oneOf: [{type: 'object', propertyNames: {pattern: ACCOUNT.source}, additionalProperties: {type: 'string', minLength: 1, maxLength: 64}}, {type: 'null'}],
	},
};

