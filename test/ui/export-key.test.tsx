/**
 * `x` exports exactly the events the list shows. Over a slow link keys arrive in bursts: a filter key
 * and `x` in one read must export what that filter lists, not the list of the frame drawn before it.
 */
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup, render} from 'ink-testing-library';
import type {TrailEvent} from '../../source/types.js';
import {App} from '../../source/ui/app.js';
import type {ExportEvents} from '../../source/ui/file-actions.js';
import {fakeMonitor, fixedClock, mixedEvents, snapshot, waitFor} from './helpers.js';

afterEach(() => cleanup());

function renderApp(events: readonly TrailEvent[]) {
	const exported: Array<readonly TrailEvent[]> = [];
	const exportEvents: ExportEvents = async list => {
		exported.push(list);
		return {count: list.length, paths: ['/tmp/x.jsonl', '/tmp/x.csv']};
	};
	const app = render(<App monitor={fakeMonitor(snapshot({events}))} onExit={() => {}} size={{columns: 100, rows: 30}} clock={fixedClock} exportEvents={exportEvents} />);
	const frame = () => (app.lastFrame() ?? '').replace(/\u001b\[[0-9;]*m/g, '');
	return {
		exported,
		frame,
		/** Several keys in one write, as a burst arrives over SSH. */
		async burst(keys: string) {
			await waitFor(() => app.stdin.listenerCount('readable') > 0, 2000, 'key listener');
			app.stdin.write(keys);
		},
		async until(pattern: RegExp) {
			await waitFor(() => pattern.test(frame()), 2000, String(pattern));
		},
	};
}

const CASES: ReadonlyArray<{name: string; setup: string; burst: string; title: RegExp; expected: (events: readonly TrailEvent[]) => number}> = [
	{name: 'a filter and x in one burst', setup: '', burst: 'ex', title: /filter: errors — 30 of 90/, expected: events => events.filter(event => event.errorCode !== null).length},
	{name: 'a filter cleared and x in one burst', setup: 'e', burst: 'cx', title: /EVENTS iot\.amazonaws\.com · 90/, expected: events => events.length},
	{
		name: 'two filters and x in one burst',
		setup: '',
		burst: 'ewx',
		title: /filter: errors · writes — \d+ of 90/,
		expected: events => events.filter(event => event.errorCode !== null && event.readOnly !== true).length,
	},
];

for (const {name, setup, burst, title, expected} of CASES) {
	test(`x exports what the list shows: ${name}`, async () => {
		const events = mixedEvents(90);
		const app = renderApp(events);
		await app.until(/EVENTS/);
		if (setup !== '') {
			await app.burst(setup);
			await app.until(/filter:/);
		}
		await app.burst(burst);
		await app.until(/✓ exported/);
		await app.until(title);
		assert.equal(app.exported.length, 1);
		const count = app.exported[0]?.length ?? -1;
		assert.equal(count, expected(events), 'the exported list is the listed one');
		assert.match(app.frame(), new RegExp(`exported ${count} events`), 'and the status line says so');
	});
}
