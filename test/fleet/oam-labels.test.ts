/**
 * Account names from OAM link labels, through the real @aws-sdk/client-oam against the embedded endpoint:
 * every linked account's label, paged; hostile labels cleaned; a denial leaves the ids and says why;
 * a name from the settings file wins over the label; the last run's labels name the first frame.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {accountOfLink, cleanLabel} from '../../source/aws/oam.js';
import {DEFAULT_METRICS} from '../../source/iot/catalog.js';
import {fleetMonitor, PROD, SELF, STAGING, startOrg} from './helpers.js';

const MORE = ['400000000001', '400000000002', '400000000003', '400000000004', '400000000005'];

test('linkLabels reads every linked account label in every region, across pages (5 links a page)', async () => {
	const labels: Record<string, string> = {[PROD]: 'prod-eu', [STAGING]: 'staging'};
	for (const [i, account] of MORE.entries()) labels[account] = `customer-${i + 1}`;
	const rig = await startOrg({linked: [PROD, STAGING, ...MORE], org: {linkLabels: labels}});
	try {
		const answer = await rig.clients.linkLabels();
		assert.equal(answer.error, null);
		assert.deepEqual(Object.fromEntries(answer.labels), labels, 'all 7 links, over two pages');
		assert.equal(answer.labels.has(SELF), false, 'the monitoring account has no link');
		const counts = rig.sim.requestCounts();
		assert.equal(counts['ListSinks'], 2, 'one per watched region');
		assert.equal(counts['ListAttachedLinks'], 4, 'two pages per region');
	} finally {
		await rig.close();
	}
});

test('a denied ListAttachedLinks leaves the ids and names the missing permission', async () => {
	const rig = await startOrg({org: {linkLabels: {[PROD]: 'prod-eu'}}});
	rig.sim.injectFault({service: 'oam', operation: 'ListAttachedLinks', kind: 'access-denied', times: Number.POSITIVE_INFINITY});
	try {
		const answer = await rig.clients.linkLabels();
		assert.equal(answer.labels.size, 0);
		assert.match(answer.error ?? '', /oam:ListAttachedLinks/);
	} finally {
		await rig.close();
	}
});

test('hostile labels are cleaned; links that name no account are skipped', () => {
	assert.match(cleanLabel('prod\u001b[2J\u0007-eu') ?? '', /^prod.*-eu$/);
	assert.doesNotMatch(cleanLabel('prod\u001b[2J\u0007-eu') ?? '', /[\u0000-\u001f\u007f]/);
	assert.equal(cleanLabel('   '), null);
	assert.equal(cleanLabel(42), null);
	assert.equal(cleanLabel('x'.repeat(300))?.length, 64);
	assert.equal(accountOfLink('arn:aws:oam:eu-west-1:210987654321:link/abc'), '210987654321');
	assert.equal(accountOfLink('arn:aws:oam:eu-west-1:2109876:link/abc'), null);
	assert.equal(accountOfLink({}), null);
});

test('the overview names linked accounts by their OAM label; a settings name wins; the monitoring account keeps its id', async () => {
	const rig = await startOrg({org: {linkLabels: {[PROD]: 'prod-eu', [STAGING]: 'staging'}}});
	const fleet = fleetMonitor(rig, {accounts: {kind: 'all'}, accountNames: {[STAGING]: 'staging (settings)'}, metrics: DEFAULT_METRICS.slice(0, 2)});
	try {
		const snapshot = await fleet.pollOnce();
		const names = new Map(snapshot.scopes.map(v => [`${v.summary.account}/${v.summary.region}`, v.summary.accountName]));
		assert.equal(names.get(`${PROD}/us-east-1`), 'prod-eu');
		assert.equal(names.get(`${PROD}/eu-west-1`), 'prod-eu');
		assert.equal(names.get(`${STAGING}/us-east-1`), 'staging (settings)');
		assert.equal(names.get(`${SELF}/us-east-1`), SELF);
	} finally {
		fleet.stop();
		await rig.close();
	}
});

test('watching only the caller account asks OAM nothing', async () => {
	const rig = await startOrg({org: {linkLabels: {[PROD]: 'prod-eu'}}});
	const fleet = fleetMonitor(rig, {accounts: {kind: 'self'}, metrics: DEFAULT_METRICS.slice(0, 2)});
	try {
		await fleet.pollOnce();
		assert.equal(rig.sim.requestCounts()['ListSinks'] ?? 0, 0);
	} finally {
		fleet.stop();
		await rig.close();
	}
});

/** A live fleet monitor with a label cache file, and the account names its latest snapshot shows. */
function liveNames(rig: Awaited<ReturnType<typeof startOrg>>, path: string) {
	const fleet = fleetMonitor(rig, {accounts: {kind: 'all'}, metrics: DEFAULT_METRICS.slice(0, 2), labelCachePath: path});
	const names = () => new Map(fleet.getSnapshot().scopes.map(v => [v.summary.account, v.summary.accountName]));
	return {fleet, names};
}

test('a start names accounts by the last run\'s labels at once, then by what OAM answers, and keeps that for the next start', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'iotmon-labels-'));
	const path = join(dir, 'labels', 'x.json');
	mkdirSync(join(dir, 'labels'));
	writeFileSync(path, JSON.stringify({format: 1, labels: {[PROD]: 'prod (last run)', [STAGING]: 'staging\u001b[2J', '12345': 'not an id'}}));
	const rig = await startOrg({org: {linkLabels: {[PROD]: 'prod-eu'}}});
	// OAM is asked only once every region's metrics have answered: the first frame has the cached names.
	const {fleet, names} = liveNames(rig, path);
	try {
		fleet.start();
		await fleet.whenAnswered(10_000);
		assert.equal(names().get(PROD), 'prod (last run)', 'the cached label before OAM has answered');
		assert.match(names().get(STAGING) ?? '', /^staging/);
		assert.doesNotMatch(names().get(STAGING) ?? '', /\u001b/, 'a cached label is cleaned like a fresh one');
		await until(() => names().get(PROD) === 'prod-eu', 10_000);
		assert.equal(names().get(STAGING), STAGING, 'a full OAM answer replaces the cache: staging has no link label now');
		const written = JSON.parse(readFileSync(path, 'utf8')) as {labels: Record<string, string>};
		assert.deepEqual(written.labels, {[PROD]: 'prod-eu'});
	} finally {
		fleet.stop();
		await rig.close();
	}
});

test('a refused OAM keeps the last run\'s names and leaves the file as it was', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'iotmon-labels-'));
	const path = join(dir, 'labels.json');
	const before = JSON.stringify({format: 1, labels: {[PROD]: 'prod (last run)'}});
	writeFileSync(path, before);
	const rig = await startOrg({org: {linkLabels: {[PROD]: 'prod-eu'}}});
	rig.sim.injectFault({service: 'oam', operation: 'ListAttachedLinks', kind: 'access-denied', times: Number.POSITIVE_INFINITY});
	const {fleet, names} = liveNames(rig, path);
	try {
		fleet.start();
		await until(() => (rig.sim.requestCounts()['ListAttachedLinks'] ?? 0) >= 2, 10_000);
		await new Promise(resolve => setTimeout(resolve, 200));
		assert.equal(names().get(PROD), 'prod (last run)');
		assert.equal(readFileSync(path, 'utf8'), before);
	} finally {
		fleet.stop();
		await rig.close();
	}
});

async function until(holds: () => boolean, timeoutMs: number): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!holds()) {
		if (Date.now() > end) throw new Error('timed out');
		await new Promise(resolve => setTimeout(resolve, 20));
	}
}
