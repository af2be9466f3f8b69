/**
 * Account names from OAM link labels, through the real @aws-sdk/client-oam against the embedded endpoint:
 * every linked account's label, paged; hostile labels cleaned; a denial leaves the ids and says why;
 * a name from the settings file wins over the label.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
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
