/**
 * The built CLI in tmux at 80x24 and 140x40: a failed source's message is on screen whole (CloudTrail
 * denied, credentials expired), a policy document is pretty-printed and wrapped in the detail view, and
 * a, s, x, W and ? are each in the footer or on the first page of the help.
 */
import {test, before} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startSimulator} from '../../source/simulator/server.js';
import {startPane, type Pane} from './tmux.js';

const CLI = 'dist/cli.js';
const SIZES = [{columns: 80, rows: 24}, {columns: 140, rows: 40}];
let home = '';

before(() => {
	assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first (npm test does)`);
	home = mkdtempSync(join(tmpdir(), 'iotmon-panels-'));
});

/** The app in a pane of `size`; CI unset (Ink would hold every frame until exit), UTF-8, our own dirs. */
function app(args: string, size: {columns: number; rows: number}): Pane {
	const env = [
		`HOME=${home}`,
		`XDG_CACHE_HOME=${join(home, 'cache')}`,
		`XDG_STATE_HOME=${join(home, 'state')}`,
		`XDG_CONFIG_HOME=${join(home, 'config')}`,
		'LANG=C.UTF-8',
		'TERM=xterm-256color',
		'AWS_REGION=us-east-1',
		'AWS_ACCESS_KEY_ID=E2E',
		'AWS_SECRET_ACCESS_KEY=E2E',
	].join(' ');
	return startPane(`env -u CI -u NO_COLOR -u AWS_PROFILE ${env} node ${CLI} ${args}; exec sleep 600`, size);
}

/** The screen as one line of words: wrapped text reads as it was written. */
const words = (screen: string): string => screen.split('\n').map(line => line.trim()).join(' ').replace(/\s+/g, ' ');

test('CloudTrail denied and credentials expired: both messages whole on screen at 80x24 and 140x40', async () => {
	const sim = await startSimulator({quiet: true, lookupEventsTps: 100});
	sim.injectFault({service: 'cloudtrail', operation: 'LookupEvents', kind: 'access-denied', times: Infinity});
	sim.injectFault({service: 'cloudwatch', kind: 'expired-token', times: Infinity});
	const denied = 'CloudTrail: access denied for cloudtrail:LookupEvents: add it to your IAM policy (see README)';
	const expired =
		'CloudWatch: AWS credentials have expired (ExpiredToken): get fresh ones (aws sso login, aws configure or new AWS_* keys) and restart iot-monitor';
	try {
		for (const size of SIZES) {
			const pane = app(`--endpoint-url ${sim.url}`, size);
			try {
				const screen = await pane.waitFor(s => words(s).includes(denied) && words(s).includes(expired), 30_000, `both messages at ${size.columns}x${size.rows}`);
				assert.ok(screen.trimEnd().split('\n').length <= size.rows, 'the frame fits the pane');
			} finally {
				pane.kill();
			}
		}
	} finally {
		await sim.close();
	}
});

/** A CreatePolicyVersion whose record holds a long policy document, as a JSON string (as CloudTrail writes it). */
function policyVersionEvent(now: number) {
	const topics = ['telemetry', 'shadow-sync', 'ota-status', 'diagnostics', 'fleet-commands'];
	const document = {
		Version: '2012-10-17',
		Statement: [
			{Effect: 'Allow', Action: 'iot:Connect', Resource: 'arn:aws:iot:*:*:client/${iot:Connection.Thing.ThingName}'},
			...topics.map(topic => ({
			Effect: 'Allow',
			Action: ['iot:Publish', 'iot:Receive'],
				Resource: `arn:aws:iot:us-east-1:123456789012:topic/${topic}/*`,
			})),
		],
	};
	const raw = JSON.stringify({
		eventVersion: '1.08',
		userIdentity: {type: 'IAMUser', userName: 'alice', accountId: '123456789012'},
		eventTime: new Date(now).toISOString(),
		eventSource: 'iot.amazonaws.com',
		eventName: 'CreatePolicyVersion',
		awsRegion: 'us-east-1',
		sourceIPAddress: '203.0.113.9',
		requestParameters: {policyName: 'FleetTelemetryPolicy', policyDocument: JSON.stringify(document), setAsDefault: true},
		responseElements: {policyVersionId: '8', isDefaultVersion: true},
		eventID: 'e2e-policy-version',
		readOnly: false,
		recipientAccountId: '123456789012',
	});
	return {eventTime: now, eventName: 'CreatePolicyVersion', username: 'alice', raw, eventId: 'e2e-policy-version'};
}

test('the detail view pretty-prints and wraps a policy document; a s x W ? reachable from the footer or one help page', async () => {
	// Fleet-wide policy changes are rare in the endpoint's everyday control plane (a few a day), as on a
	// real account: this one is put there, a few minutes ago.
	const sim = await startSimulator({lookupEventsTps: 100});
	sim.injectEvents([policyVersionEvent(Date.now() - 5 * 60_000)]);
	try {
		for (const size of SIZES) {
			const pane = app(`--endpoint-url ${sim.url}`, size);
			try {
				await pane.waitFor(s => /EVENTS/.test(s) && /q quit/.test(s), 30_000, 'the demo');
				const footer = (pane.capture().trimEnd().split('\n').at(-1) ?? '').trim();
				pane.send('?');
				const help = await pane.waitFor(s => /HELP/.test(s), 5_000, 'the help');
				for (const key of ['a', 's', 'x', 'W', '?']) {
					const inFooter = footer.split(/\s{2,}/).some(item => item.startsWith(`${key} `));
					const onPage = help.split('\n').some(line => line.startsWith(` ${key} `));
					assert.ok(inFooter || onPage, `${key} at ${size.columns}x${size.rows}; footer: ${footer}`);
				}
				pane.send('Escape');
				await pane.waitFor(s => /q quit/.test(s) && !/HELP/.test(s), 5_000, 'back to the list');
				// Typed as a person types: the filter line opens, then the text, then Enter applies it.
				pane.send('/');
				await pane.waitFor(s => /⏎ apply/.test(s), 5_000, 'the filter line');
				pane.send('CreatePolicyVersion');
				await pane.waitFor(s => /\/ CreatePolicyVersion/.test(s), 5_000, 'the filter text');
				pane.send('Enter');
				await pane.waitFor(s => /filter: "CreatePolicyVersion"/.test(s) && /q quit/.test(s), 5_000, 'the filter applied');
				pane.send('Enter');
				await pane.waitFor(s => /DETAIL/.test(s), 15_000, 'the detail');
				// Down the record until the policy's last statement shows: every line within the width, none cut.
				let screen = '';
				let seen = '';
				for (let page = 0; page < 40; page++) {
					const before = pane.capture();
					screen = before;
					seen += screen;
					if (/topic\/[\w-]+\/\*/.test(screen)) break;
					const title = /^ DETAIL.*$/m.exec(before)?.[0];
					pane.send('PageDown');
					await pane.waitFor(s => /^ DETAIL.*$/m.exec(s)?.[0] !== title, 3_000, 'the next page');
				}
				assert.match(seen, /policyDocument \(JSON string, shown parsed\)/);
				assert.match(seen, /^\s+"Effect": "Allow",?$/m, 'one field a line');
				assert.match(words(seen), /arn:aws:iot:\*:\*:client\/\$\{iot:Connection\.Thing\.ThingName\}/, 'the whole resource, wrapped if need be');
				const lines = screen.split('\n');
				const record = lines.slice(lines.findIndex(line => /^ DETAIL/.test(line)) + 1).filter(line => !/^ (metrics|q quit)/.test(line));
				for (const line of record) assert.doesNotMatch(line, /…$/, 'no record line cut off');
			} finally {
				pane.kill();
			}
		}
	} finally {
		await sim.close();
	}
});
