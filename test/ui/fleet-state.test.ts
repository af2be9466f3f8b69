import {test} from 'node:test';
import assert from 'node:assert/strict';
import {fleetReducer, fleetTop, initialFleetState, selectedScopeIndex, type FleetAction, type FleetUiState} from '../../source/ui/fleet/fleet-state.js';
import {routeFleetKey, type FleetKeyView, type FleetRouted} from '../../source/ui/fleet/route-fleet-key.js';
import {routeKey} from '../../source/ui/keys/route-key.js';
import type {KeyCommand} from '../../source/ui/keys/keymap.js';

const KEYS = ['a/r1', 'b/r1', 'c/r1', 'd/r1', 'e/r1'];
const at = (selected: string | null, index = 0, screens: FleetUiState['screens'] = [{kind: 'overview'}]): FleetUiState => ({...initialFleetState, selected, index, screens});
const scope = (key: string): FleetUiState['screens'] => [{kind: 'overview'}, {kind: 'scope', key}];
const where = (state: FleetUiState) => `${fleetTop(state).kind}${fleetTop(state).kind === 'scope' ? ':' + (fleetTop(state) as {key: string}).key : ''} sel=${state.selected ?? '-'}#${selectedScopeIndex(state, KEYS)} all=${state.allScopes}`;

test('fleetReducer: moves, opens, switches and closes scopes, as a table', () => {
	const moved = (unit: 'row' | 'page' | 'end', direction: 1 | -1): FleetAction => ({type: 'scope-moved', unit, direction, keys: KEYS, pageSize: 2});
	const rows: Array<[string, FleetUiState, FleetAction, string]> = [
		['j from the first row', initialFleetState, moved('row', 1), 'overview sel=b/r1#1 all=true'],
		['k at the top stays', initialFleetState, moved('row', -1), 'overview sel=a/r1#0 all=true'],
		['PgDn moves a page', at('b/r1', 1), moved('page', 1), 'overview sel=d/r1#3 all=true'],
		['G to the last', initialFleetState, moved('end', 1), 'overview sel=e/r1#4 all=true'],
		['g to the first', at('d/r1', 3), moved('end', -1), 'overview sel=a/r1#0 all=true'],
		['Enter opens the selected scope', at('c/r1', 2), {type: 'scope-opened', keys: KEYS}, 'scope:c/r1 sel=c/r1#2 all=true'],
		['Enter with nothing selected opens the first (the worst)', initialFleetState, {type: 'scope-opened', keys: KEYS}, 'scope:a/r1 sel=a/r1#0 all=true'],
		['Enter with no scopes does nothing', initialFleetState, {type: 'scope-opened', keys: []}, 'overview sel=-#0 all=true'],
		['] next scope inside', at('c/r1', 2, scope('c/r1')), {type: 'scope-switched', keys: KEYS, direction: 1}, 'scope:d/r1 sel=d/r1#3 all=true'],
		['[ wraps to the last', at('a/r1', 0, scope('a/r1')), {type: 'scope-switched', keys: KEYS, direction: -1}, 'scope:e/r1 sel=e/r1#4 all=true'],
		['] on the overview does nothing', at('c/r1', 2), {type: 'scope-switched', keys: KEYS, direction: 1}, 'overview sel=c/r1#2 all=true'],
		['Esc from a scope: the overview, selection on that scope', at('d/r1', 3, scope('d/r1')), {type: 'scope-closed'}, 'overview sel=d/r1#3 all=true'],
		['scope-closed on the overview stays', at('d/r1', 3), {type: 'scope-closed'}, 'overview sel=d/r1#3 all=true'],
		['A: events of the selected scope only', initialFleetState, {type: 'all-scopes-toggled'}, 'overview sel=-#0 all=false'],
		['? opens help over the overview', initialFleetState, {type: 'help-toggled'}, 'help sel=-#0 all=true'],
		['Esc closes help', at(null, 0, [{kind: 'overview'}, {kind: 'help', scroll: 3}]), {type: 'screen-closed'}, 'overview sel=-#0 all=true'],
		['Esc on the overview stays', initialFleetState, {type: 'screen-closed'}, 'overview sel=-#0 all=true'],
		['j in help does not move the scope', at('b/r1', 1, [{kind: 'overview'}, {kind: 'help', scroll: 0}]), moved('row', 1), 'help sel=b/r1#1 all=true'],
	];
	for (const [name, state, action, expected] of rows) assert.equal(where(fleetReducer(state, action)), expected, name);
});

test('the selection follows its scope when rows re-sort, and falls back to its row when the scope leaves', () => {
	const state = at('c/r1', 2);
	assert.equal(selectedScopeIndex(state, ['c/r1', 'a/r1', 'b/r1']), 0);
	assert.equal(selectedScopeIndex(state, ['a/r1', 'b/r1', 'x/r1', 'y/r1']), 2);
	assert.equal(selectedScopeIndex(state, []), -1);
	const scrolled = fleetReducer(at(null, 0, [{kind: 'overview'}, {kind: 'help', scroll: 0}]), {type: 'help-scrolled', unit: 'page', direction: 1, total: 50, pageSize: 20});
	assert.deepEqual(fleetTop(scrolled), {kind: 'help', scroll: 20});
});

test('routeFleetKey: (command, screen) -> fleet events and effects, as a table', () => {
	const view: FleetKeyView = {screen: 'overview', keys: KEYS, pageRows: 6, helpLines: 40, paused: false, now: 1};
	const outline = (routed: FleetRouted[]) => routed.map(r => (r.to === 'app' ? `app:${r.effect.type}` : `ui:${r.event.type}${r.event.type === 'status-shown' ? ' ' + r.event.status.tone : ''}`)).join(', ');
	const rows: Array<[KeyCommand, Partial<FleetKeyView>, string]> = [
		[{type: 'scroll', unit: 'row', direction: 1}, {}, 'ui:scope-moved'],
		[{type: 'scroll', unit: 'page', direction: 1}, {screen: 'help'}, 'ui:help-scrolled'],
		[{type: 'open-scope'}, {}, 'ui:scope-opened'],
		[{type: 'open-scope'}, {keys: []}, ''],
		[{type: 'open-scope'}, {screen: 'help'}, ''],
		[{type: 'toggle-all-scopes'}, {}, 'ui:all-scopes-toggled'],
		[{type: 'toggle-help'}, {}, 'ui:help-toggled'],
		[{type: 'back'}, {screen: 'help'}, 'ui:screen-closed'],
		[{type: 'quit'}, {}, 'app:quit'],
		[{type: 'toggle-pause'}, {}, 'app:pause, ui:status-shown ok'],
		[{type: 'refresh'}, {}, 'app:refresh, ui:status-shown ok'],
		[{type: 'refresh'}, {paused: true}, 'ui:status-shown error'],
		[{type: 'snapshot'}, {}, 'ui:status-shown error'],
		[{type: 'open-filter'}, {}, ''],
	];
	for (const [command, overrides, expected] of rows) assert.equal(outline(routeFleetKey(command, {...view, ...overrides})), expected, `${command.type} on ${overrides.screen ?? 'overview'}`);
});

test('routeKey: Esc and [ ] on a scope\'s list go back to the fleet; elsewhere they do nothing', () => {
	const base = {events: [], listed: [], listRows: 10, pageRows: 19, lines: {detail: 0, help: 0, alarms: 0}, flagged: [], suspects: [], selectedSuspect: -1, suspectRows: 5, paused: false, now: 0};
	assert.deepEqual(routeKey({type: 'leave-scope'}, {...base, screen: 'list'}), [{to: 'app', effect: {type: 'leave-scope'}}]);
	assert.deepEqual(routeKey({type: 'switch-scope', direction: -1}, {...base, screen: 'list'}), [{to: 'app', effect: {type: 'switch-scope', direction: -1}}]);
	assert.deepEqual(routeKey({type: 'switch-scope', direction: 1}, {...base, screen: 'detail'}), []);
	assert.deepEqual(routeKey({type: 'open-scope'}, {...base, screen: 'list'}), []);
});
