import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup, render} from 'ink-testing-library';
import {textWidth} from '../../source/text/width.js';
import {FleetApp} from '../../source/ui/fleet/fleet-app.js';
import {fakeFleet, fleetSnapshot} from './fleet-helpers.js';
import {fixedClock, KEYS, waitFor} from './helpers.js';

afterEach(cleanup);

function renderFleet(columns = 80, rows = 24) {
	const fleet = fakeFleet();
	let exits = 0;
	const app = render(<FleetApp fleet={fleet} onExit={() => exits++} size={{columns, rows}} clock={fixedClock} />);
	const frame = () => app.lastFrame() ?? '';
	return {
		fleet,
		frame,
		exits: () => exits,
		async press(...keys: string[]) {
			await waitFor(() => app.stdin.listenerCount('readable') > 0, 2000, 'key listener');
			for (const key of keys) {
				app.stdin.write(key);
				// Each key its own read, as separate presses arrive.
				await new Promise(resolve => setTimeout(resolve, 20));
			}
		},
		async until(pattern: RegExp, what = String(pattern)) {
			await waitFor(() => pattern.test(frame()), 2000, what);
		},
	};
}

const rowsOf = (frame: string) => frame.split('\n').filter(line => /^[▸ ] (▼|▲|·|✗|\?|learn)/.test(line));

test('80x24 overview: header, one row per scope worst first, the incident flagged, errors in words, footer', async () => {
	const {frame, until} = renderFleet();
	await until(/q quit/);
	const lines = frame().split('\n');
	assert.ok(lines.length <= 24, `${lines.length} lines`);
	for (const line of lines) assert.ok(textWidth(line) <= 80, `too wide: ${line}`);
	assert.match(lines[0]!, /fleet · 6 scopes: 3 accounts x 2 regions · ● live · ▼ 1 CRIT · ✗ 1 failing$/);
	const rows = rowsOf(frame());
	assert.equal(rows.length, 6, frame());
	assert.match(rows[0]!, /^▸ ▲ CRIT prod-eu 210987654321 +eu-west-1 +7 Connect\.AuthError ▲15500% \+3$/);
	// The denied scope says so in words, in its row.
	assert.ok(rows.some(row => /staging 345678901234 +us-east-1 .*access denied/.test(row)), rows.join('\n'));
	assert.match(frame(), /⏎ open scope/);
	assert.match(lines.at(-1) ?? '', /q quit.*\? help/);
	// The selected scope in full under the rows: every flagged metric.
	for (const flagged of ['Connect.AuthError ▲15500%', 'Connect.Success ▲327%', 'PublishIn.Success ▼84%', 'Subscribe.Success ▲60%']) assert.ok(frame().replace(/\n/g, ' ').includes(flagged), flagged);
});

test('the selected scope\'s error is shown whole under the rows (wrapped), not cut', async () => {
	const {frame, press, until} = renderFleet();
	// Worst first: CRIT, then UNKNOWN (the denied scope), then the OK ones.
	await press('j');
	await until(/^▸ .*staging/m);
	assert.match(frame().replace(/\n/g, ' '), /ask for the read-only\s+policy in the README/);
});

test('Enter opens the selected scope as the single-scope view; Esc comes back; ] and [ switch scopes', async () => {
	const {frame, press, until} = renderFleet();
	await press('\r');
	await until(/fleet · prod-eu 210987654321 · eu-west-1 · scope 1 of 6/);
	await until(/PublishIn\.Success/);
	assert.match(frame(), /METRIC/);
	// The scope's own key listener is attached in an effect after its first frame.
	await new Promise(resolve => setTimeout(resolve, 100));
	assert.match(frame(), /Esc overview/);
	await press(']');
	await until(/scope 2 of 6/);
	await new Promise(resolve => setTimeout(resolve, 100));
	await press('[');
	await until(/scope 1 of 6/);
	await new Promise(resolve => setTimeout(resolve, 100));
	await press('[');
	await until(/scope 6 of 6/);
	await new Promise(resolve => setTimeout(resolve, 100));
	await press(KEYS.escape);
	await until(/FLAGGED METRICS OR STATE/);
	// The cursor is on the scope that was open (the last row).
	const rows = rowsOf(frame());
	assert.match(rows.at(-1)!, /^▸/);
});

test('A switches the events under the rows between every scope (with account and region) and the selected one', async () => {
	const {frame, press, until} = renderFleet();
	await until(/EVENTS · all scopes · 2 events/);
	assert.match(frame(), /prod-eu +eu-west-1 +AttachPolicy/);
	assert.match(frame(), /monitoring +us-east-1 +CreateThing/);
	await press('A');
	await until(/EVENTS · prod-eu 210987654321 eu-west-1 · 1 events/);
	assert.doesNotMatch(frame(), /CreateThing/);
});

test('p and r reach the fleet; q quits', async () => {
	const {fleet, press, exits} = renderFleet();
	await press('p');
	await waitFor(() => fleet.calls.paused.length === 1, 2000, 'pause');
	await press('r', 'q');
	await waitFor(() => exits() === 1, 2000, 'quit');
});

test('a new fleet snapshot re-sorts the rows and the cursor stays on its scope', async () => {
	const {fleet, frame, press, until} = renderFleet();
	await press('G');
	await until(/^▸ .*staging 345678901234 +eu-west-1/m);
	const next = fleetSnapshot();
	fleet.emit({...next, scopes: [...next.scopes].reverse()});
	await until(/^▸ .*staging 345678901234 +eu-west-1/m);
	assert.match(rowsOf(frame())[0]!, /^▸/);
});
