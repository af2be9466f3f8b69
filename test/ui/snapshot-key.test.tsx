/**
 * The incident snapshot key (s): incidentMarkdown of the current snapshot written to a new
 * iot-monitor-incident-<UTC time>.md in the export directory, ticket-sized, with the suspects' full
 * records in <same name>-records.md beside it (or inline with --full), owner-only, never over an
 * existing file, and the status line says where (or why not).
 */
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {cleanup, render} from 'ink-testing-library';
import {HANDOFF_MAX_CHARS, incidentMarkdown, incidentRecords} from '../../source/report/markdown.js';
import {exportStem, writeIncidentFiles, writeIncidentSnapshot} from '../../source/trail/export-file.js';
import type {Snapshot} from '../../source/types.js';
import {App} from '../../source/ui/app.js';
import type {WriteSnapshot} from '../../source/ui/file-actions.js';
import {alarm, fakeMonitor, fixedClock, incidentMetrics, KEYS, makeEvents, mixedEvents, NOW, snapshot, waitFor} from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
	cleanup();
	for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true});
});

function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'iotmon-snapshot-'));
	dirs.push(dir);
	return dir;
}

const NAME = 'iot-monitor-incident-20240501-120308';
const incident = (): Snapshot => snapshot({metrics: incidentMetrics(), status: 'CRIT', events: makeEvents(30), alarms: [alarm()]});

/** The incident with control-plane changes 10-11 minutes before NOW: inside the window before the flags. */
const withSuspects = (): Snapshot => snapshot({metrics: incidentMetrics(), status: 'CRIT', events: mixedEvents(60, NOW - 10 * 60_000), alarms: [alarm()]});

function renderApp(initial: Snapshot, options: {exportDir?: string; writeSnapshot?: WriteSnapshot; columns?: number; full?: boolean} = {}) {
	const monitor = fakeMonitor(initial);
	const app = render(
		<App
			monitor={monitor}
			onExit={() => {}}
			size={{columns: options.columns ?? 80, rows: 24}}
			clock={fixedClock}
			exportDir={options.exportDir}
			writeSnapshot={options.writeSnapshot}
			fullHandoff={options.full}
		/>,
	);
	const frame = () => (app.lastFrame() ?? '').replace(/\u001b\[[0-9;]*m/g, '');
	return {
		monitor,
		frame,
		async press(key: string) {
			await waitFor(() => app.stdin.listenerCount('readable') > 0, 2000, 'key listener');
			app.stdin.write(key);
		},
		async until(pattern: RegExp, what = String(pattern)) {
			await waitFor(() => pattern.test(frame()), 2000, what);
		},
	};
}

test('s writes the Markdown hand-off of the current snapshot, owner-only, and says where', async () => {
	const dir = tempDir();
	const {press, until, frame, monitor} = renderApp(incident(), {exportDir: dir, columns: 160});
	await until(/EVENTS/);
	await press('s');
	await until(/✓ incident snapshot written to/);
	assert.deepEqual(readdirSync(dir), [`${NAME}.md`]);
	const path = join(dir, `${NAME}.md`);
	assert.equal(readFileSync(path, 'utf8'), incidentMarkdown({snapshot: monitor.getSnapshot()}));
	assert.match(readFileSync(path, 'utf8'), /^# iot-monitor incident snapshot: us-east-1/);
	assert.match(readFileSync(path, 'utf8'), /iot-connect-autherror-high \| ALARM/);
	assert.equal(statSync(path).mode & 0o777, 0o600);
	assert.ok(frame().includes(path), 'the whole path on a wide line');
});

test('s writes the records beside the hand-off, which names that file and stays ticket-sized', async () => {
	const dir = tempDir();
	const {press, until, frame, monitor} = renderApp(withSuspects(), {exportDir: dir, columns: 160});
	await until(/EVENTS/);
	await press('s');
	await until(/✓ incident snapshot written to .*\.md \+ records/);
	assert.deepEqual(readdirSync(dir).sort(), [`${NAME}-records.md`, `${NAME}.md`]);
	const handoff = readFileSync(join(dir, `${NAME}.md`), 'utf8');
	const records = readFileSync(join(dir, `${NAME}-records.md`), 'utf8');
	assert.equal(handoff, incidentMarkdown({snapshot: monitor.getSnapshot(), records: {kind: 'file', name: `${NAME}-records.md`}}));
	assert.equal(records, incidentRecords(monitor.getSnapshot(), `${NAME}.md`));
	assert.match(handoff, new RegExp(`are in ${NAME}-records\\.md, beside this file`));
	assert.ok(handoff.length <= HANDOFF_MAX_CHARS);
	assert.doesNotMatch(handoff, /^```/m, 'no record in the hand-off');
	assert.match(records, /^```json\n\{\n {2}"eventVersion"/m, 'the records are in their file');
	assert.equal(statSync(join(dir, `${NAME}-records.md`)).mode & 0o777, 0o600);
	assert.ok(frame().includes(join(dir, `${NAME}.md`)));
});

test('--full: s writes one file with the records inline', async () => {
	const dir = tempDir();
	const {press, until, monitor} = renderApp(withSuspects(), {exportDir: dir, full: true});
	await until(/EVENTS/);
	await press('s');
	await until(/✓ incident snapshot written to/);
	assert.deepEqual(readdirSync(dir), [`${NAME}.md`]);
	const handoff = readFileSync(join(dir, `${NAME}.md`), 'utf8');
	assert.equal(handoff, incidentMarkdown({snapshot: monitor.getSnapshot(), full: true}));
	assert.match(handoff, /^## Records$/m);
	assert.match(handoff, /^```json\n\{\n {2}"eventVersion"/m);
});

test('s never overwrites: a name taken (by anyone) moves to the next suffix', async () => {
	const dir = tempDir();
	writeFileSync(join(dir, `${NAME}.md`), 'my notes');
	const {press, until, frame} = renderApp(incident(), {exportDir: dir});
	await until(/EVENTS/);
	await press('s');
	await until(/incident snapshot written to .*-1\.md/);
	await press(KEYS.escape);
	await press('s');
	await waitFor(() => readdirSync(dir).length === 3, 2000, 'a third file');
	assert.deepEqual(readdirSync(dir).sort(), [`${NAME}-1.md`, `${NAME}-2.md`, `${NAME}.md`]);
	assert.equal(readFileSync(join(dir, `${NAME}.md`), 'utf8'), 'my notes');
	await until(/incident snapshot written to .*-2\.md/, 'the second path in the status line');
	for (const line of frame().split('\n')) assert.ok(line.length <= 80, line);
});

test('s works from any screen: the What-changed view and the help', async () => {
	const dir = tempDir();
	const {press, until} = renderApp(incident(), {exportDir: dir});
	await until(/EVENTS/);
	await press('W');
	await until(/WHAT CHANGED/);
	await press('s');
	await until(/incident snapshot written to/);
	assert.equal(readdirSync(dir).length, 1);
});

test('a failed write says why in the status line, sanitized', async () => {
	const {press, until, frame} = renderApp(incident(), {writeSnapshot: async () => Promise.reject(new Error('EACCES: permission denied\u001b[2J'))});
	await until(/EVENTS/);
	await press('s');
	await until(/✗ snapshot failed: EACCES: permission denied␛\[2J/);
	assert.ok(!frame().includes('\u001b[2J'));
	const missing = join(tempDir(), 'gone');
	cleanup();
	const app = renderApp(incident(), {exportDir: missing});
	await app.until(/EVENTS/);
	await app.press('s');
	await app.until(/✗ snapshot failed: ENOENT/);
});

test('writeIncidentFiles: a taken records name moves the pair to the next suffix; the hand-off names its own', async () => {
	const dir = tempDir();
	const now = Date.UTC(2024, 4, 1, 12, 3, 8);
	writeFileSync(join(dir, `${NAME}-records.md`), 'someone else');
	const written = await writeIncidentFiles(names => ({markdown: `see ${names.records}`, records: `records for ${names.handoff}`}), {dir, now});
	assert.deepEqual(written, {path: join(dir, `${NAME}-1.md`), recordsPath: join(dir, `${NAME}-1-records.md`)});
	assert.equal(readFileSync(written.path, 'utf8'), `see ${NAME}-1-records.md`);
	assert.equal(readFileSync(join(dir, `${NAME}-1-records.md`), 'utf8'), `records for ${NAME}-1.md`);
	assert.equal(readFileSync(join(dir, `${NAME}-records.md`), 'utf8'), 'someone else');
	assert.deepEqual(readdirSync(dir).sort(), [`${NAME}-1-records.md`, `${NAME}-1.md`, `${NAME}-records.md`], 'no half pair left behind');
	const alone = await writeIncidentFiles(() => ({markdown: 'no suspects', records: null}), {dir, now});
	assert.deepEqual(alone, {path: join(dir, `${NAME}.md`), recordsPath: null});
});

test('writeIncidentSnapshot: the stem, the suffixes, never an overwrite', async () => {
	const dir = tempDir();
	assert.equal(exportStem(Date.UTC(2024, 4, 1, 12, 3, 8), 'incident'), NAME);
	const first = await writeIncidentSnapshot('# one', {dir, now: Date.UTC(2024, 4, 1, 12, 3, 8)});
	const second = await writeIncidentSnapshot('# two', {dir, now: Date.UTC(2024, 4, 1, 12, 3, 8)});
	assert.deepEqual([first, second], [join(dir, `${NAME}.md`), join(dir, `${NAME}-1.md`)]);
	assert.equal(readFileSync(first, 'utf8'), '# one');
	assert.equal(readFileSync(second, 'utf8'), '# two');
});
