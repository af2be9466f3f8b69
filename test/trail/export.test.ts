import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {csvCell, EXPORT_FIELDS, exportedEvent, toCsv, toJsonLines} from '../../source/trail/export.js';
import {exportStem, writeEventExport} from '../../source/trail/export-file.js';
import {ACCOUNT, NOW, trailEvent, UNSAFE_TERMINAL, withRecord} from './helpers.js';

const HOSTILE = trailEvent({
	eventId: 'evil-1',
	eventName: '=HYPERLINK("http://x","y")',
	username: 'mal\u202Eecila\u001b]0;pwned\u0007\u009b31m\u2028line',
	sourceIp: '+1\r\n-2',
	errorCode: '@SUM(1)',
	late: true,
});

test('exported fields: the --once --json event fields, identity, resources, risk, denied, late', () => {
	assert.deepEqual(exportedEvent(trailEvent({eventTime: NOW, late: true})), {
		eventId: 'id-1',
		eventTime: '2024-05-01T12:03:08.000Z',
		eventName: 'CreateThing',
		eventSource: 'iot.amazonaws.com',
		username: 'alice',
		identityType: 'IAMUser',
		readOnly: false,
		errorCode: null,
		sourceIp: '198.51.100.4',
		identity: 'user alice',
		resources: [],
		risk: null,
		denied: false,
		late: true,
	});
	assert.equal(exportedEvent(trailEvent({eventTime: 0})).eventTime, null);
	assert.deepEqual(Object.keys(exportedEvent(trailEvent())), [...EXPORT_FIELDS]);
});

/** A CI role's session that revoked a certificate and was refused a policy change: what a reviewer must see. */
const ROLE_SESSION = {
	type: 'AssumedRole',
	principalId: 'AROAEXAMPLE:gh-actions-8743752257',
	arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy-role/gh-actions-8743752257`,
	accountId: ACCOUNT,
	sessionContext: {sessionIssuer: {type: 'Role', userName: 'deploy-role', arn: `arn:aws:iam::${ACCOUNT}:role/deploy-role`}},
};

test('exports keep the role with the session, what was acted on, the risk mark and denials', () => {
	const revoked = withRecord(
		{userIdentity: ROLE_SESSION, requestParameters: {certificateId: 'abc123', newStatus: 'REVOKED'}},
		{eventName: 'UpdateCertificate', username: 'gh-actions-8743752257', identityType: 'AssumedRole'},
	);
	const refused = withRecord(
		{userIdentity: ROLE_SESSION, errorCode: 'AccessDenied'},
		{
			eventId: 'id-2',
			eventName: 'SetDefaultPolicyVersion',
			username: 'gh-actions-8743752257',
			identityType: 'AssumedRole',
			errorCode: 'AccessDenied',
			resources: [{type: 'AWS::IoT::Policy', name: 'device-policy'}],
		},
	);
	const [first, second] = [exportedEvent(revoked), exportedEvent(refused)];
	assert.equal(first.identity, 'role deploy-role/gh-actions-8743752257', 'the role name is kept, not just the session');
	assert.deepEqual(first.resources, ['AWS::IoT::Certificate abc123']);
	assert.equal(first.risk, 'certificate set to REVOKED: devices using it cannot connect');
	assert.equal(first.denied, false);
	assert.deepEqual(second.resources, ['AWS::IoT::Policy device-policy']);
	assert.equal(second.risk, 'sets which version of a policy is in force for everything it is attached to');
	assert.equal(second.denied, true);
	assert.equal(exportedEvent(trailEvent({errorCode: 'ThrottlingException'})).denied, false, 'an error is not a denial');

	const rows = toCsv([revoked, refused]).split('\r\n');
	assert.equal(
		rows[1],
		'id-1,2024-05-01T12:03:08.000Z,UpdateCertificate,iot.amazonaws.com,gh-actions-8743752257,AssumedRole,false,,198.51.100.4,role deploy-role/gh-actions-8743752257,AWS::IoT::Certificate abc123,certificate set to REVOKED: devices using it cannot connect,false,false',
	);
	assert.match(rows[2] ?? '', /,AccessDenied,.*,AWS::IoT::Policy device-policy,sets which version of a policy is in force for everything it is attached to,true,false$/);
	const several = toCsv([trailEvent({resources: [{type: 'AWS::IoT::Thing', name: 'a'}, {type: 'AWS::IoT::Thing', name: '=b'}]})]);
	assert.match(several, /,"AWS::IoT::Thing a; AWS::IoT::Thing =b",/, 'several resources share one quoted cell');
	const lines = toJsonLines([revoked]).trim();
	assert.deepEqual(JSON.parse(lines).resources, ['AWS::IoT::Certificate abc123'], 'JSON Lines keep the list as an array');
});

test('a hostile resource name is formula-guarded in CSV and escaped in JSON Lines', () => {
	const evil = trailEvent({resources: [{type: null, name: '=cmd|"/c calc"!A1\u001b[2J'}]});
	const row = toCsv([evil]).split('\r\n')[1] ?? '';
	assert.match(row, /,"'=cmd\|""\/c calc""!A1␛\[2J",/);
	assert.doesNotMatch(toJsonLines([evil]), UNSAFE_TERMINAL);
});

test('JSON Lines: one valid object per line, same values, nothing raw a terminal would act on', () => {
	const text = toJsonLines([HOSTILE, trailEvent()]);
	assert.ok(text.endsWith('\n'));
	const lines = text.split('\n').slice(0, -1);
	assert.equal(lines.length, 2, 'U+2028 and CR/LF inside values did not split a line');
	assert.deepEqual(JSON.parse(lines[0] ?? ''), exportedEvent(HOSTILE), 'values round-trip exactly');
	assert.doesNotMatch(text, UNSAFE_TERMINAL);
	assert.match(lines[0] ?? '', /\\u202e/i);
	assert.equal(toJsonLines([]), '');
});

test('CSV cells: RFC 4180 quoting and formula guarding', () => {
	const cases: Array<[unknown, string]> = [
		['plain', 'plain'],
		[null, ''],
		[undefined, ''],
		[true, 'true'],
		['a,b', '"a,b"'],
		['say "hi"', '"say ""hi"""'],
		['a;b', '"a;b"'],
		[' padded', '" padded"'],
		['=1+2', "'=1+2"],
		['+1', "'+1"],
		['-1', "'-1"],
		['@SUM(A1)', "'@SUM(A1)"],
		['\tTAB', "' TAB"],
		['\r=cmd', "'␍=cmd"],
		['=HYPERLINK("x","y")', `"'=HYPERLINK(""x"",""y"")"`],
		['2024-05-01T12:03:08.000Z', '2024-05-01T12:03:08.000Z'],
		['a\nb', 'a␊b'],
		['esc\u001b[31m', 'esc␛[31m'],
		['bidi\u202E', 'bidi\uFFFD'],
	];
	for (const [value, expected] of cases) assert.equal(csvCell(value), expected, JSON.stringify(value));
});

test('CSV file: header, one CRLF row per event, no raw control characters', () => {
	const csv = toCsv([HOSTILE, trailEvent()]);
	const rows = csv.split('\r\n');
	assert.equal(rows.at(-1), '', 'ends with CRLF');
	assert.equal(rows.length, 4);
	assert.equal(rows[0], EXPORT_FIELDS.join(','));
	assert.match(rows[1] ?? '', /^evil-1,2024-05-01T12:03:08\.000Z,"'=HYPERLINK/);
	assert.match(rows[1] ?? '', /,'@SUM\(1\),'\+1␍␊-2,"user mal�ecila␛\]0;pwned␇�31m␤line",,,false,true$/);
	assert.doesNotMatch(csv.replace(/\r\n/g, ''), UNSAFE_TERMINAL);
	assert.equal(rows[2], 'id-1,2024-05-01T12:03:08.000Z,CreateThing,iot.amazonaws.com,alice,IAMUser,false,,198.51.100.4,user alice,,,false,false');
});

const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true});
});
function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'iot-monitor-export-'));
	dirs.push(dir);
	return dir;
}

test('file names from the UTC time', () => {
	assert.equal(exportStem(Date.UTC(2026, 10, 24, 8, 15, 0)), 'iot-monitor-events-20261124-081500');
});

test('writes .jsonl and .csv side by side, never overwriting: a taken name moves both to a suffix', async () => {
	const dir = tempDir();
	const now = Date.UTC(2026, 10, 24, 8, 15, 0);
	const first = await writeEventExport([HOSTILE], {dir, now});
	assert.deepEqual(first.paths, [join(dir, 'iot-monitor-events-20261124-081500.jsonl'), join(dir, 'iot-monitor-events-20261124-081500.csv')]);
	assert.equal(first.count, 1);
	assert.equal(readFileSync(first.paths[0] ?? '', 'utf8'), toJsonLines([HOSTILE]));
	assert.equal(readFileSync(first.paths[1] ?? '', 'utf8'), toCsv([HOSTILE]));
	assert.equal(statSync(first.paths[0] ?? '').mode & 0o777, 0o600, 'owner-only');

	const second = await writeEventExport([], {dir, now});
	assert.match(second.paths[0] ?? '', /-20261124-081500-1\.jsonl$/);
	assert.equal(readFileSync(first.paths[0] ?? '', 'utf8'), toJsonLines([HOSTILE]), 'the first export is untouched');

	// Someone else's file holds only the .csv name of the next suffix: it is left alone, both move on.
	const foreign = join(dir, 'iot-monitor-events-20261124-081500-2.csv');
	writeFileSync(foreign, 'not ours');
	const third = await writeEventExport([trailEvent()], {dir, now});
	assert.match(third.paths[1] ?? '', /-081500-3\.csv$/);
	assert.equal(readFileSync(foreign, 'utf8'), 'not ours');
	assert.deepEqual(readdirSync(dir).sort(), [
		'iot-monitor-events-20261124-081500-1.csv',
		'iot-monitor-events-20261124-081500-1.jsonl',
		'iot-monitor-events-20261124-081500-2.csv',
		'iot-monitor-events-20261124-081500-3.csv',
		'iot-monitor-events-20261124-081500-3.jsonl',
		'iot-monitor-events-20261124-081500.csv',
		'iot-monitor-events-20261124-081500.jsonl',
	]);
});

test('an unwritable directory rejects with the system message and leaves nothing behind', async () => {
	const dir = join(tempDir(), 'missing');
	await assert.rejects(writeEventExport([trailEvent()], {dir, now: NOW}), /ENOENT/);
});
