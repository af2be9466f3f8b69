import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {HANDOFF_MAX_CHARS, incidentMarkdown} from '../../source/report/markdown.js';
import {demoSnapshotAt} from './helpers.js';

const GOLDEN = new URL('./golden/incident.md', import.meta.url);

/**
 * The Markdown hand-off for the demo fleet at a fixed moment (the simulator and the monitor share a
 * stopped clock, so every number, event and alarm is the same on every run). Set UPDATE_GOLDEN=1 to
 * rewrite the file after an intended change, and read the diff.
 */
test('incident Markdown from the embedded endpoint matches the golden file', async () => {
	// The demo starts at BASE; the snapshot is taken 3 minutes later, when the policy change that preceded
	// the first publish drop has been delivered (late, as Event History does).
	const snapshot = await demoSnapshotAt(3 * 60_000, 40 * 60_000);
	const text = incidentMarkdown({snapshot});
	if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(GOLDEN)) writeFileSync(GOLDEN, text);
	assert.equal(text, readFileSync(GOLDEN, 'utf8'));
	// What the hand-off must say, whatever else changes in the golden file:
	assert.match(text, /^# iot-monitor incident snapshot: us-east-1, 2026-11-24 14:03:30 UTC$/m);
	assert.match(text, /\| PublishIn\.Success \| ▼ CRIT \|/);
	assert.match(text, /\| iot-publish-drop \| ALARM \|/);
	const publish = text.slice(text.indexOf('### PublishIn.Success'), text.indexOf('### PublishOut.Success'));
	// The story's policy change, with its resource and a why of its own, is the first suspect: the simulated
	// account changes its fleet's policies a few times a day, so nothing else as able to explain the drop is near.
	const first = publish.split('\n').find(line => /^1\. /.test(line));
	assert.match(
		first ?? '',
		/^1\. \*\*SetDefaultPolicyVersion\*\* \(FleetTelemetryPolicy v7\) .* by role deploy-role\/.*: New default version 7 of policy FleetTelemetryPolicy, 2 min before the drop\. Changes what devices may do: can explain PublishIn\.Success falling/,
		`the story's policy change is the first suspect:\n${first}`,
	);
	assert.match(publish, /After the onset \(13:54 UTC\), so they cannot have caused it:/);
	assert.match(publish, /^\d+ more changes before the onset with weaker evidence are not listed /m);
	// Ticket-sized: the records are left out by default and come inline with --full.
	assert.ok(text.length <= HANDOFF_MAX_CHARS, `${text.length} characters`);
	assert.doesNotMatch(text, /^```/m);
	assert.match(text, /^- \*\*Account:\*\* 123456789012 \(from the CloudTrail records\); \*\*region:\*\* us-east-1 \(DEMO: simulated account\)$/m);
	assert.match(text, /^- \*\*Events:\*\* \d+ IoT control-plane events held, 2026-11-24 13:2\d:\d\d UTC to 2026-11-24 14:0\d:\d\d UTC; complete from 2026-11-24 13:23:30 UTC; nothing older was read/m);
	assert.match(text, /^- \*\*Resources involved:\*\* AWS::IoT::Policy /m);
	assert.match(incidentMarkdown({snapshot, full: true}), /^```json\n\{\n {2}"eventVersion"/m);
});
