import {test} from 'node:test';
import assert from 'node:assert/strict';
import {canWaitForTick, tickedSnapshots} from '../../source/ui/shared/use-monitor.js';
import type {Ticker} from '../../source/ui/shared/ticker.js';
import type {Snapshot} from '../../source/types.js';
import {NOW, event, fakeMonitor, health, snapshot} from './helpers.js';

const shown = snapshot({health: {metrics: health({intervalMs: 60_000}), trail: health({lastSuccess: NOW - 6000, lastAttempt: NOW - 6000, intervalMs: 5000})}});
const trail = (overrides: Partial<Snapshot['health']['trail']>): Snapshot => ({
	...shown,
	generatedAt: NOW + 1,
	health: {...shown.health, trail: {...shown.health.trail, ...overrides}},
});

const CASES: ReadonlyArray<[string, Snapshot, number, boolean]> = [
	['the same snapshot', shown, NOW, true],
	['a poll that found nothing: new time of success, attempt and call count', trail({lastSuccess: NOW, lastAttempt: NOW, callsLastMinute: 9}), NOW, true],
	['only the throttle count of the last minute moved', trail({throttlesLastMinute: 0}), NOW, true],
	['only generatedAt moved', {...shown, generatedAt: NOW + 5000}, NOW, true],
	['new events', {...shown, generatedAt: NOW + 1, events: [event({eventId: 'new'}), ...shown.events]}, NOW, false],
	['new metrics', {...shown, metrics: [...shown.metrics]}, NOW, false],
	['an error', trail({error: 'CloudTrail LookupEvents failed: timeout'}), NOW, false],
	['throttled', trail({throttled: true}), NOW, false],
	['paused', {...shown, paused: true}, NOW, false],
	['alarms', {...shown, alarms: []}, NOW, false],
	['coverage', {...shown, eventsSince: shown.eventsSince - 1}, NOW, false],
	['skipped parts', trail({skipped: 2}), NOW, false],
	['a field the screen may not know yet', {...shown, extra: 1} as Snapshot, NOW, false],
	// Shown data stale at the tick (6 s + 10 s > 2 intervals of 5 s), the new one fresh: drawn at once.
	['stale data fresh again', trail({lastSuccess: NOW + 10_000}), NOW + 10_000, false],
];

for (const [name, next, now, expected] of CASES) {
	test(`canWaitForTick: ${name} -> ${expected ? 'waits for the tick' : 'drawn at once'}`, () => {
		assert.equal(canWaitForTick(shown, next, now), expected);
	});
}

test('canWaitForTick: a source answering for the first time is drawn at once', () => {
	const never = {...shown, health: {...shown.health, trail: {...shown.health.trail, lastSuccess: null}}};
	assert.equal(canWaitForTick(never, {...never, health: {...never.health, trail: {...never.health.trail, lastSuccess: NOW}}}, NOW), false);
});

function manualTicker(): Ticker & {tick(): void} {
	const listeners = new Set<() => void>();
	return {
		now: () => NOW,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		tick() {
			for (const listener of [...listeners]) listener();
		},
	};
}

test('tickedSnapshots: a bookkeeping-only snapshot is shown at the next tick, news at once', () => {
	const monitor = fakeMonitor(shown);
	const ticker = manualTicker();
	const store = tickedSnapshots(monitor, ticker);
	let changes = 0;
	const unsubscribe = store.subscribe(() => changes++);
	assert.equal(store.getSnapshot(), shown);

	const quiet = trail({lastSuccess: NOW, lastAttempt: NOW, callsLastMinute: 9});
	monitor.emit(quiet);
	assert.equal(changes, 0, 'no redraw for a poll that changed nothing on screen but its time');
	assert.equal(store.getSnapshot(), shown);
	ticker.tick();
	assert.equal(changes, 1, 'drawn with the tick');
	assert.equal(store.getSnapshot(), quiet);
	ticker.tick();
	assert.equal(changes, 1, 'a tick with nothing waiting changes nothing');

	const news = {...quiet, events: [event({eventId: 'new'}), ...quiet.events]};
	monitor.emit(news);
	assert.equal(changes, 2, 'new events are drawn at once');
	assert.equal(store.getSnapshot(), news);

	// A quiet snapshot, then news: the news is drawn at once and the tick has nothing left to draw.
	monitor.emit({...news, generatedAt: NOW + 2});
	const error = {...news, health: {...news.health, trail: {...news.health.trail, error: 'boom'}}};
	monitor.emit(error);
	assert.equal(changes, 3);
	ticker.tick();
	assert.equal(changes, 3);
	assert.equal(store.getSnapshot(), error);
	unsubscribe();
});
