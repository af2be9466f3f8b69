/**
 * The What-changed view (W): for the most severe flagged metric, the control-plane changes of the 30
 * minutes before its deviation began, ranked by evidence, each naming the resource it touched; the
 * changes after the onset apart, under their own line; the weaker rest behind a "N more" line.
 * Tab/→/← cycle through the flagged metrics, j/k move, Enter opens the event detail and Esc comes back;
 * with nothing flagged the key says so.
 */
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup, render} from 'ink-testing-library';
import {deviationOnset} from '../../source/monitor/deviation-onset.js';
import {suspectsFor} from '../../source/trail/suspects.js';
import {textWidth} from '../../source/text/width.js';
import type {Snapshot, TrailEvent} from '../../source/types.js';
import {App} from '../../source/ui/app.js';
import type {ResolvedDisplay} from '../../source/render/display.js';
import type {TerminalSize} from '../../source/ui/shared/use-terminal-size.js';
import {flaggedTargets, listEntries, reasonsText, relativeToOnset, visibleEntries} from '../../source/ui/changes/what-changed-lines.js';
import {cloudTrailRecord, event, fakeMonitor, fixedClock, incidentMetrics, KEYS, makeEvents, ROLE_IDENTITY, snapshot, waitFor} from './helpers.js';

afterEach(cleanup);

const at = (hh: number, mm: number, ss = 0) => Date.UTC(2024, 4, 1, hh, mm, ss);
const stripInkStyles = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');
const UNSAFE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

function withRecord(eventId: string, eventTime: number, eventName: string, overrides: Partial<TrailEvent> = {}, requestParameters: Record<string, unknown> = {}): TrailEvent {
	return event({
		eventId,
		eventTime,
		eventName,
		username: 'ci-1234',
		identityType: 'AssumedRole',
		raw: cloudTrailRecord({eventId, eventTime, eventName, userIdentity: ROLE_IDENTITY, requestParameters, errorCode: overrides.errorCode ?? undefined}),
		...overrides,
	});
}

const CERT = '994c99109f074fb67ca9710ac34e82696771ac983369f0a13adf3a24ae49b7d4';
const GROUP = 'arn:aws:iot:us-east-1:123456789012:thinggroup/fleet-us-east';

/** PublishIn.Success fell at 11:58 (incidentMetrics); around it: */
const CHANGES: TrailEvent[] = [
	withRecord('default', at(11, 54, 0), 'SetDefaultPolicyVersion', {}, {policyName: 'FleetTelemetryPolicy', policyVersionId: '7'}),
	withRecord('revoke', at(11, 55, 10), 'UpdateCertificate', {}, {certificateId: CERT, newStatus: 'REVOKED'}),
	withRecord('policy', at(11, 40, 0), 'CreatePolicyVersion', {}, {policyName: 'GatewayPolicy', setAsDefault: true}),
	withRecord('job', at(11, 52, 0), 'CreateJob', {}, {jobId: 'firmware-rollout-41', targets: [GROUP]}),
	withRecord('attach', at(11, 50, 0), 'AttachPolicy', {}, {policyName: 'GatewayPolicy', target: `arn:aws:iot:us-east-1:123456789012:cert/${CERT}`}),
	withRecord('read', at(11, 52, 0), 'DescribeCertificate', {readOnly: true}),
	withRecord('denied', at(11, 57, 0), 'DetachPolicy', {errorCode: 'AccessDenied'}),
	withRecord('rule', at(11, 45, 0), 'ReplaceTopicRule', {}, {ruleName: 'telemetry_to_s3'}),
	withRecord('old', at(11, 0, 0), 'UpdateCertificate', {}, {newStatus: 'REVOKED'}),
	withRecord('after', at(11, 58, 40), 'DetachPolicy', {}, {policyName: 'FleetTelemetryPolicy', target: GROUP}),
];

const incident = (overrides: Partial<Snapshot> = {}): Snapshot =>
	snapshot({metrics: incidentMetrics(), status: 'CRIT', events: [...makeEvents(10), ...CHANGES].sort((a, b) => b.eventTime - a.eventTime), ...overrides});

function renderApp(initial: Snapshot, size: TerminalSize = {columns: 80, rows: 24}, display: ResolvedDisplay = {color: 'never', ascii: false}) {
	const monitor = fakeMonitor(initial);
	const app = render(<App monitor={monitor} onExit={() => {}} size={size} clock={fixedClock} display={display} />);
	const frame = () => stripInkStyles(app.lastFrame() ?? '');
	return {
		monitor,
		frame,
		lines: () => frame().split('\n'),
		frames: () => app.frames.map(stripInkStyles),
		async press(...keys: string[]) {
			await waitFor(() => app.stdin.listenerCount('readable') > 0, 2000, 'key listener');
			for (const key of keys) {
				const before = app.frames.length;
				app.stdin.write(key);
				await waitFor(() => app.frames.length > before, 2000, `a frame after ${JSON.stringify(key)}`);
			}
		},
		async until(pattern: RegExp, what = String(pattern)) {
			await waitFor(() => pattern.test(frame()), 2000, what);
		},
	};
}

/** The event names of the suspect rows on screen, top to bottom (rows start with the minutes before the onset). */
const suspectNames = (lines: readonly string[]) =>
	lines.flatMap(line => {
		const match = /^[▸> ](?:\d\d:\d\d:\d\d)? +[-+]\d+m . (\S+)/.exec(line);
		return match ? [match[1]] : [];
	});

test('flaggedTargets: CRIT before WARN, then score, then display order; onset from deviationOnset', () => {
	const metrics = incidentMetrics();
	const targets = flaggedTargets(metrics);
	assert.deepEqual(targets.map(t => t.metric), ['PublishIn.Success', 'Connect.Success', 'Connect.AuthError', 'Subscribe.Success']);
	assert.equal(targets[0]?.onset, deviationOnset(metrics.find(m => m.name === 'PublishIn.Success')!));
	assert.equal(targets[0]?.onset, at(11, 58));
	assert.deepEqual([relativeToOnset(at(11, 55, 10), at(11, 58)), relativeToOnset(at(11, 58, 30), at(11, 58))], ['-3m', '+0m']);
});

test('W opens on the worst flag: its suspects ranked by evidence, each with its resource, the changes after the onset apart', async () => {
	const size = {columns: 80, rows: 24};
	const {press, until, lines, frame} = renderApp(incident(), size);
	await until(/EVENTS/);
	await press('W');
	await until(/WHAT CHANGED before PublishIn\.Success ▼ CRIT since 11:58 · 1\/4 flagged/);
	for (const line of lines()) assert.ok(textWidth(line) <= 80, line);
	assert.ok(lines().length <= 23);
	// The order is suspectsFor's (source/trail/suspects.ts); the view shows it as it is.
	const suspects = suspectsFor(incident().events, {metric: 'PublishIn.Success', onset: at(11, 58)});
	assert.deepEqual(suspectNames(lines()), suspects.map(s => s.event.eventName));
	assert.deepEqual(
		suspects.map(s => `${s.section} ${s.event.eventId}`),
		['ranked default', 'ranked policy', 'ranked job', 'ranked revoke', 'after after', 'more attach', 'more rule'],
		'no read, no failed call, nothing before 11:28; the policy changes first',
	);
	assert.match(frame(), /^▸ {3}-4m ⚠ SetDefaultPolicyVersion +FleetTelemetryPolicy v7 +new default version *$/m, 'the first selected, named');
	assert.match(frame(), /^ {4}-6m ⚠ CreateJob +firmware-rollout-41 +sent to thing group…$/m);
	assert.match(frame(), /^ {4}-3m ⚠ UpdateCertificate +cert 994c9910…b7d4 +set to REVOKED *$/m);
	assert.match(frame(), /^ ── after the onset 11:58: cannot have caused it$/m);
	assert.match(frame(), /^ {4}\+0m ⚠ DetachPolicy +FleetTelemetryPolicy +detached from thing…$/m);
	assert.match(frame(), /^ ── 2 more before the onset, weaker evidence$/m);
	assert.match(frame(), / 6 changes 11:28–11:58 UTC, best 4 ranked by evidence · 1 after/);
	const why = frame().split('\n').filter(line => /^ {5}\S|^ WHY /.test(line)).join(' ').replace(/ WHY | {5}/g, ' ').replace(/\s+/g, ' ').trim();
	assert.equal(why, reasonsText(suspects[0]!), 'the selected suspect\'s reasons in full');
	assert.match(why, /^New default version 7 of policy FleetTelemetryPolicy, 4 min before the drop\. Changes what devices may do: can explain PublishIn\.Success falling\. By role deploy-role\/ci-1234$/);
	assert.match(lines().at(-1) ?? '', /Esc back.*⏎ detail.*Tab\/→ next metric/);
});

test('j/k move, Enter opens the event detail, Esc comes back to the same suspect, Esc again to the list', async () => {
	const second = suspectsFor(incident().events, {metric: 'PublishIn.Success', onset: at(11, 58)})[1]?.event.eventName ?? '?';
	const selected = new RegExp(`^▸ +-\\d+m . ${second} `, 'm');
	const {press, until, frame} = renderApp(incident());
	await until(/EVENTS/);
	await press('W');
	await until(/WHAT CHANGED/);
	await press('j');
	await until(selected, `${second} selected`);
	await press('j', 'k');
	await until(selected);
	await press('\r');
	await until(/DETAIL/);
	assert.match(frame(), new RegExp(`${second} {2}iot\\.amazonaws\\.com {2}write`));
	assert.match(frame(), /WHO\s+Temporary credentials of role deploy-role/);
	await press(KEYS.escape);
	await until(/WHAT CHANGED/);
	assert.match(frame(), selected, 'the same suspect selected');
	await press(KEYS.escape);
	await until(/EVENTS/);
	assert.match(frame(), /^▸12:03:08 +Evente0/m, 'the list as it was, following');
});

test('Tab and → go to the next flagged metric, ← back, wrapping around', async () => {
	const {press, until} = renderApp(incident());
	await until(/EVENTS/);
	await press('W');
	await until(/before PublishIn\.Success/);
	await press('\t');
	await until(/before Connect\.Success ▲ CRIT since 11:57 · 2\/4/);
	await press('\u001B[C');
	await until(/before Connect\.AuthError ▲ CRIT since 11:58 · 3\/4/);
	await press('\t');
	await until(/before Subscribe\.Success ▲ WARN since 11:59 · 4\/4/);
	await press('\t');
	await until(/before PublishIn\.Success .* 1\/4/, 'wraps to the first');
	await press('\u001B[D');
	await until(/before Subscribe\.Success .* 4\/4/, '← goes back');
});

test('Connect.AuthError: the revocation first, a policy version after it; Connect.Success (a storm): the job first', async () => {
	const {press, until, lines} = renderApp(incident());
	await until(/EVENTS/);
	await press('W', '\t', '\t');
	await until(/before Connect\.AuthError/);
	const expected = suspectsFor(incident().events, {metric: 'Connect.AuthError', onset: at(11, 58)}).map(s => s.event.eventName);
	assert.deepEqual(suspectNames(lines()), expected);
	assert.deepEqual(expected.slice(0, 2), ['UpdateCertificate', 'SetDefaultPolicyVersion']);
	await press('\u001B[D');
	await until(/before Connect\.Success/);
	assert.equal(suspectNames(lines())[0], 'CreateJob');
});

test('with nothing flagged W says so in the status line and opens nothing', async () => {
	const {press, until, lines, frame} = renderApp(snapshot());
	await until(/EVENTS/);
	await press('W');
	await until(/nothing is flagged: no deviation to look behind/);
	assert.match(lines().at(-1) ?? '', /^ ✓ nothing is flagged/);
	assert.doesNotMatch(frame(), /WHAT CHANGED/);
	assert.match(frame(), /EVENTS/);
});

test('a metric that calms down keeps its view; no suspects says which window was empty', async () => {
	const {press, until, monitor, frame} = renderApp(incident({events: makeEvents(5)}));
	await until(/EVENTS/);
	await press('W');
	await until(/nothing changed from 11:28 to 11:58 in the events loaded/);
	const calm = incidentMetrics().map(series => (series.name === 'PublishIn.Success' ? {...series, deviation: null, judgement: 'learning' as const} : series));
	monitor.emit({...monitor.getSnapshot(), metrics: calm});
	await until(/before PublishIn\.Success \(calm now\) since 11:58 · 3 flagged$/m);
	assert.match(frame(), /0 changes/);
});

test('events loaded only after the window began: the view says so', async () => {
	const {press, until} = renderApp(incident({eventsSince: at(11, 45)}));
	await until(/EVENTS/);
	await press('W');
	await until(/ 6 changes 11:28–11:58 UTC · 1 after ⚠ events loaded only since 11:45$/m);
});

test('ASCII and 120x40: only ASCII, within the width', async () => {
	const size = {columns: 120, rows: 40};
	const {press, until, lines} = renderApp(incident(), size, {color: 'never', ascii: true});
	await until(/EVENTS/);
	await press('W');
	await until(/WHAT CHANGED before PublishIn\.Success v CRIT since 11:58 \| 1\/4 flagged/);
	assert.match(lines().join('\n'), /^>11:54:00 {4}-4m ! SetDefaultPolicyVersion +FleetTelemetryPolicy v7 +new default version *$/m);
	assert.match(lines().join('\n'), /^ 11:55:10 {4}-3m ! UpdateCertificate +cert 994c9910~b7d4 +set to REVOKED *$/m);
	assert.match(lines().join('\n'), /^ 11:52:00 {4}-6m ! CreateJob +firmware-rollout-41 +sent to thing group fleet-us-east *$/m);
	assert.match(lines().join('\n'), /^ -- after the onset 11:58: cannot have caused it$/m);
	for (const line of lines()) {
		assert.match(line, /^[\x20-\x7E]*$/, line);
		assert.ok(textWidth(line) <= 120, line);
	}
	assert.match(lines().at(-1) ?? '', /Tab\/Right next metric/);
});

test('hostile event names, callers, error codes and records in the view stay inert', async () => {
	const evil = '\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202Eevil\u2066\r\n\u0000';
	const hostile = [
		event({eventId: `h1${evil}`, eventTime: at(11, 55), eventName: `UpdateCertificate${evil}`, username: `u${evil}`, identityType: 'IAMUser', raw: `{"x":"${'\\u001b'}]0;t"}`}),
		event({eventId: `h2${evil}`, eventTime: at(11, 50), eventName: `Policy${evil}`, errorCode: `AccessDenied${evil}`, raw: evil}),
		event({eventId: `h3`, eventTime: at(11, 45), eventName: evil.repeat(50), username: evil.repeat(100), identityType: 'Root'}),
	];
	for (const size of [{columns: 80, rows: 24}, {columns: 120, rows: 40}]) {
		cleanup();
		const app = renderApp(incident({events: hostile}), size);
		await app.until(/EVENTS/);
		await app.press('W');
		await app.until(/WHAT CHANGED/);
		await app.press('j', '\r');
		await app.until(/DETAIL/);
		await app.press(KEYS.escape, 'j');
		for (const frame of app.frames()) {
			assert.doesNotMatch(frame, UNSAFE, JSON.stringify(frame.match(UNSAFE)));
			const lines = frame.split('\n');
			assert.ok(lines.length <= size.rows - 1);
			for (const line of lines) assert.ok(textWidth(line) <= size.columns, line);
		}
		assert.match(app.frame(), /UpdateCertificate␛\]0;/, 'shown as visible control pictures');
	}
});

test('listEntries and visibleEntries: section lines where the sections begin; the selection (and its section line) in view', () => {
	const target = {metric: 'PublishIn.Success', onset: at(11, 58), severity: 'crit', direction: 'down'} as const;
	const suspects = suspectsFor(incident().events, {metric: target.metric, onset: target.onset});
	const entries = listEntries(suspects, target);
	const shape = entries.map(entry => (entry.kind === 'section' ? entry.text.trim().split(' ').slice(0, 3).join(' ') : suspects[entry.index]?.section));
	assert.deepEqual(shape, ['ranked', 'ranked', 'ranked', 'ranked', '── after the', 'after', '── 2 more', 'more', 'more']);
	const cases: Array<[selected: number, rows: number, first: string | number]> = [
		[0, 3, 0], // the top
		[-1, 3, 0], // nothing selected: the top
		[3, 3, 1], // the fourth ranked at the bottom of three rows
		[4, 3, 3], // the first after the onset at the bottom, its section line just above it
		[4, 2, '── after the onset'], // two rows: the section line and the selection
		[5, 2, '── 2 more before'], // the first of the more, with its line
		[6, 50, 0], // everything fits
	];
	for (const [selected, rows, first] of cases) {
		const visible = visibleEntries(entries, selected, rows);
		assert.ok(visible.length === Math.min(rows, entries.length), `${selected}/${rows}`);
		assert.ok(visible.some(entry => entry.kind === 'suspect' && entry.index === selected) || selected < 0, `${selected} in view`);
		const top = visible[0];
		if (typeof first === 'number') assert.deepEqual(top, {kind: 'suspect', index: first}, `${selected}/${rows}`);
		else assert.ok(top?.kind === 'section' && top.text.includes(first), `${selected}/${rows}: ${JSON.stringify(top)}`);
	}
	const weak = CHANGES.filter(change => change.eventId === 'attach' || change.eventId === 'after');
	const none = listEntries(suspectsFor(weak, {metric: target.metric, onset: target.onset}), target);
	assert.deepEqual(
		none.map(entry => (entry.kind === 'section' ? entry.text : entry.index)),
		[' no change before 11:58 can explain PublishIn.Success', ' ── after the onset 11:58: cannot have caused it', 0, ' ── 1 before the onset, with little bearing on it', 1],
	);
});
