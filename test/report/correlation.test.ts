import {test} from 'node:test';
import assert from 'node:assert/strict';
import {deviationOnset} from '../../source/monitor/deviation-onset.js';
import {identityLabel} from '../../source/trail/identity.js';
import {recordOf, textAt} from '../../source/trail/record.js';
import {suspectsFor} from '../../source/trail/suspects.js';
import {demoSnapshotAt} from './helpers.js';

const MINUTE = 60_000;

/**
 * The demo's auth-error burst (15-18 minutes into each 20-minute cycle, the cycle starting 6 minutes
 * before start-up) follows a certificate revocation by an admin session two minutes earlier
 * (source/simulator/cloudtrail/inject.ts). Read through the real clients at a stopped clock inside the
 * burst, the monitor flags Connect.AuthError, and the revocation is the first suspect.
 */
test('the auth-error burst is flagged, and the revocation before it is the first suspect', async () => {
	const snapshot = await demoSnapshotAt(13 * MINUTE, 45 * MINUTE);
	const auth = snapshot.metrics.find(series => series.name === 'Connect.AuthError');
	assert.equal(auth?.deviation?.direction, 'up');
	assert.notEqual(auth?.deviation?.severity ?? 'ok', 'ok', 'Connect.AuthError is flagged');
	const onset = deviationOnset(auth!);
	assert.ok(onset !== null);
	const [first, ...rest] = suspectsFor(snapshot.events, {metric: 'Connect.AuthError', onset});
	assert.equal(first?.event.eventName, 'UpdateCertificate');
	assert.equal(textAt(recordOf(first!.event), 'requestParameters', 'newStatus'), 'REVOKED');
	assert.match(identityLabel(first!.event), /^role ops-admin\//, 'by the admin session of the story');
	assert.ok(first!.event.eventTime < onset, 'the revocation came before the burst');
	assert.ok(rest.length > 0, 'the rest of the window follows');
	assert.equal(snapshot.alarms.find(alarm => alarm.name === 'iot-auth-errors')?.state, 'ALARM', "the account's own alarm agrees");
});
