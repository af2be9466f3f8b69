import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {ChangeTarget} from '../../source/ui/changes/what-changed-lines.js';
import {routeKey, type KeyView, type Routed} from '../../source/ui/keys/route-key.js';
import type {KeyCommand} from '../../source/ui/keys/keymap.js';
import {event} from './helpers.js';

const EVENTS = [event({eventId: 'a'}), event({eventId: 'b'}), event({eventId: 'c'})];
const TARGET: ChangeTarget = {metric: 'PublishIn.Success', onset: 1000, severity: 'crit', direction: 'down'};
const NOW = 5000;
const VIEW: KeyView = {
	screen: 'list',
	events: EVENTS,
	listed: EVENTS.slice(1),
	listRows: 10,
	pageRows: 19,
	lines: {detail: 40, help: 31, alarms: 12},
	flagged: [TARGET],
	suspects: [EVENTS[2]!, EVENTS[0]!],
	selectedSuspect: 0,
	suspectRows: 6,
	paused: false,
	now: NOW,
};

/** A shorthand of what came out: reducer event types (with a detail or two) and app effects. */
function outline(routed: Routed[]): string[] {
	return routed.map(r => {
		if (r.to === 'app') return `app:${r.effect.type}${r.effect.type === 'pause' ? `=${r.effect.paused}` : ''}`;
		const e = r.event;
		if (e.type === 'lines-scrolled') return `ui:${e.type} ${e.screen} ${e.total}/${e.pageSize}`;
		if (e.type === 'suspects-scrolled') return `ui:${e.type} ${e.ids.join('')}/${e.pageSize}`;
		if (e.type === 'list-scrolled') return `ui:${e.type} ${e.pageSize}`;
		if (e.type === 'suspect-detail-opened') return `ui:${e.type} ${e.event.eventId}`;
		if (e.type === 'status-shown') return `ui:status ${e.status.tone}`;
		return `ui:${e.type}`;
	});
}

test('routeKey: (command, screen and view) -> reducer events and app effects, as a table', () => {
	const down: KeyCommand = {type: 'scroll', unit: 'row', direction: 1};
	const cases: Array<[string, KeyCommand, Partial<KeyView>, string[]]> = [
		['q quits', {type: 'quit'}, {}, ['app:quit']],
		['j on the list moves the selection', down, {}, ['ui:list-scrolled 10']],
		['j on help scrolls its lines', down, {screen: 'help'}, ['ui:lines-scrolled help 31/19']],
		['j on the detail scrolls its lines', down, {screen: 'detail'}, ['ui:lines-scrolled detail 40/19']],
		['j on the alarm list scrolls it', down, {screen: 'alarms'}, ['ui:lines-scrolled alarms 12/19']],
		['j on What changed moves among suspects', down, {screen: 'changes'}, ['ui:suspects-scrolled ca/6']],
		['Enter on the list opens the detail', {type: 'open-detail'}, {}, ['ui:detail-opened']],
		['Enter on What changed opens the selected suspect', {type: 'open-detail'}, {screen: 'changes', selectedSuspect: 1}, ['ui:suspect-detail-opened a']],
		['Enter on What changed without suspects does nothing', {type: 'open-detail'}, {screen: 'changes', suspects: [], selectedSuspect: -1}, []],
		['Enter on help does nothing', {type: 'open-detail'}, {screen: 'help'}, []],
		['Esc closes the top screen', {type: 'back'}, {screen: 'detail'}, ['ui:screen-closed']],
		['W with flags opens What changed', {type: 'open-changes'}, {}, ['ui:changes-opened']],
		['W with nothing flagged says so', {type: 'open-changes'}, {flagged: []}, ['ui:status ok']],
		['p pauses and says what it does', {type: 'toggle-pause'}, {}, ['app:pause=true', 'ui:status ok']],
		['p while paused resumes', {type: 'toggle-pause'}, {paused: true}, ['app:pause=false', 'ui:status ok']],
		['r polls now and says so', {type: 'refresh'}, {}, ['app:refresh', 'ui:status ok']],
		['r while paused explains why nothing happens', {type: 'refresh'}, {paused: true}, ['ui:status error']],
		['x exports', {type: 'export'}, {}, ['app:export']],
		['s writes the snapshot', {type: 'snapshot'}, {}, ['app:snapshot']],
		['? toggles help', {type: 'toggle-help'}, {}, ['ui:help-toggled']],
		['a toggles the alarm list', {type: 'toggle-alarms'}, {}, ['ui:alarms-toggled']],
		['Tab cycles What changed', {type: 'cycle-changes', direction: 1}, {screen: 'changes'}, ['ui:changes-cycled']],
		['/ opens the filter line', {type: 'open-filter'}, {}, ['ui:filter-input-opened']],
		['typing goes to the filter line', {type: 'type-filter', text: 'de'}, {}, ['ui:filter-input-typed']],
		['u filters by the selected caller', {type: 'toggle-user'}, {}, ['ui:user-filter-toggled']],
		['c clears the filters', {type: 'clear-filters'}, {}, ['ui:filters-cleared']],
	];
	for (const [name, command, view, expected] of cases) assert.deepEqual(outline(routeKey(command, {...VIEW, ...view})), expected, name);
});

test('routeKey hands the reducer the events it needs and x the listed events', () => {
	const [exported] = routeKey({type: 'export'}, VIEW);
	assert.deepEqual(exported, {to: 'app', effect: {type: 'export', events: VIEW.listed}});
	const [opened] = routeKey({type: 'open-detail'}, VIEW);
	assert.deepEqual(opened, {to: 'reducer', event: {type: 'detail-opened', events: EVENTS, pageSize: 10}});
	const [status] = routeKey({type: 'refresh'}, {...VIEW, paused: true});
	assert.ok(status?.to === 'reducer' && status.event.type === 'status-shown');
	assert.match(status.event.status.text, /paused.*p resumes/);
	assert.equal(status.event.status.at, NOW);
});
