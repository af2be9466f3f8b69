import {test} from 'node:test';
import assert from 'node:assert/strict';
import {deviationOnset} from '../../source/monitor/deviation-onset.js';
import {identityLabel} from '../../source/trail/identity.js';
import {recordOf, textAt} from '../../source/trail/record.js';
import {suspectsFor, type Suspect} from '../../source/trail/suspects.js';
import type {Snapshot} from '../../source/types.js';
import {demoSnapshotAt} from './helpers.js';

const MINUTE = 60_000;

/**
 * The demo story (source/simulator/cloudtrail/inject.ts) plants a cause two minutes before each incident
 * of the 20-minute cycle, which starts 6 minutes before start-up: a new default version of
 * FleetTelemetryPolicy before the publish drop (0-7 min), a firmware job to thing group fleet-us-east
 * before the connect storm (10-13 min), a certificate revocation before the auth-error burst (15-18
 * min). Read through the real clients at a stopped clock, with the busy daytime background around them
 * (per-device churn every few seconds, fleet-wide changes a few times a day), the monitor flags each
 * incident, and W, with the flag's onset, ranks the planted cause first.
 */
async function suspectsAt(afterMs: number, metric: string): Promise<{snapshot: Snapshot; onset: number; suspects: Suspect[]}> {
	const snapshot = await demoSnapshotAt(afterMs, 45 * MINUTE);
	const series = snapshot.metrics.find(candidate => candidate.name === metric);
	assert.notEqual(series?.deviation?.severity ?? 'ok', 'ok', `${metric} is flagged`);
	const onset = deviationOnset(series!);
	assert.ok(onset !== null);
	return {snapshot, onset, suspects: suspectsFor(snapshot.events, {metric, onset, direction: series?.deviation?.direction})};
}

test('the auth-error burst: the revocation two minutes before it is the first suspect', async () => {
	const {snapshot, onset, suspects} = await suspectsAt(13 * MINUTE, 'Connect.AuthError');
	const [first] = suspects;
	assert.equal(first?.event.eventName, 'UpdateCertificate');
	assert.equal(first?.rank, 1);
	assert.equal(textAt(recordOf(first!.event), 'requestParameters', 'newStatus'), 'REVOKED');
	assert.match(identityLabel(first!.event), /^role ops-admin\//, 'by the admin session of the story');
	assert.match(first!.why, /^Certificate [0-9a-f]{8}…[0-9a-f]{4} set to REVOKED, 2 min before the rise$/);
	assert.ok(first!.event.eventTime < onset, 'the revocation came before the burst');
	assert.equal(snapshot.alarms.find(alarm => alarm.name === 'iot-auth-errors')?.state, 'ALARM', "the account's own alarm agrees");
});

test('the connect storm: the firmware job to the fleet is the first suspect, not "other change" far below', async () => {
	const {onset, suspects} = await suspectsAt(8 * MINUTE, 'Connect.Success');
	const [first] = suspects;
	assert.equal(first?.event.eventName, 'CreateJob');
	assert.equal(first?.resource, 'firmware-rollout-41');
	assert.match(first!.why, /^Job firmware-rollout-41 sent to thing group fleet-us-east, 2 min before the rise$/);
	assert.match(first!.evidence, /^Sends work to devices \(downloads, restarts, reconnects\): can explain Connect\.Success rising$/);
	assert.ok(first!.event.eventTime < onset);
});

test('the publish drop: the new default policy version is the first suspect; changes after the onset are apart', async () => {
	const {onset, suspects} = await suspectsAt(3 * MINUTE, 'PublishIn.Success');
	const [first] = suspects;
	assert.equal(first?.event.eventName, 'SetDefaultPolicyVersion');
	assert.equal(first?.rank, 1);
	assert.equal(first?.resource, 'FleetTelemetryPolicy v7');
	assert.match(first!.why, /^New default version 7 of policy FleetTelemetryPolicy, 2 min before the drop$/);
	assert.match(identityLabel(first!.event), /^role deploy-role\//);
	for (const suspect of suspects.filter(s => s.section === 'ranked')) assert.ok(suspect.event.eventTime < onset, `${suspect.why} is before the onset`);
	const after = suspects.filter(s => s.section === 'after');
	assert.ok(after.length > 0 && after.every(s => s.event.eventTime >= onset && /cannot have caused it$/.test(s.why)));
	assert.ok(suspects.findIndex(s => s.section === 'after') > suspects.findLastIndex(s => s.section === 'ranked'), 'listed below the ranked ones');
});
