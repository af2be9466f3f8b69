/**
 * The fleet screen's state and its reducer (pure, tested as a table). Screens are a stack here too: the
 * overview at the bottom, then help or one scope opened over it (today's single-scope App, which keeps
 * its own stack of list, detail, What changed...). The selection is tracked by scope key, not index:
 * rows re-sort worst first as scopes change, and the cursor must stay on the scope the user chose.
 */
import type {StatusMessage} from '../state/ui-state.js';
import {clamp, scrollLines} from '../state/ui-reducer.js';

export type FleetScreen =
	| {readonly kind: 'overview'}
	| {readonly kind: 'help'; readonly scroll: number}
	/** A scope opened from the overview: its key (account/region). */
	| {readonly kind: 'scope'; readonly key: string};

export type FleetUiState = {
	readonly screens: readonly [FleetScreen, ...FleetScreen[]];
	/** The selected scope's key (null: the first row), and its last row as the fallback if it leaves. */
	readonly selected: string | null;
	readonly index: number;
	/** The event list below the rows: every scope's events (true) or the selected scope's. */
	readonly allScopes: boolean;
	readonly status: StatusMessage | null;
};

export const initialFleetState: FleetUiState = {screens: [{kind: 'overview'}], selected: null, index: 0, allScopes: true, status: null};

type Move = {readonly unit: 'row' | 'page' | 'end'; readonly direction: 1 | -1};

/** `keys`: the scopes' keys in the order shown (worst first), read when the key arrived. */
export type FleetAction =
	| (Move & {readonly type: 'scope-moved'; readonly keys: readonly string[]; readonly pageSize: number})
	| {readonly type: 'scope-opened'; readonly keys: readonly string[]}
	| {readonly type: 'scope-switched'; readonly keys: readonly string[]; readonly direction: 1 | -1}
	| {readonly type: 'scope-closed'}
	| {readonly type: 'all-scopes-toggled'}
	| {readonly type: 'help-toggled'}
	| (Move & {readonly type: 'help-scrolled'; readonly total: number; readonly pageSize: number})
	| {readonly type: 'screen-closed'}
	| {readonly type: 'status-shown'; readonly status: StatusMessage};

export function fleetTop(state: FleetUiState): FleetScreen {
	return state.screens[state.screens.length - 1]!;
}

/** The selected row among `keys`: the selected key's row, else the last index clamped; -1 when none. */
export function selectedScopeIndex(state: FleetUiState, keys: readonly string[]): number {
	if (keys.length === 0) return -1;
	const found = state.selected === null ? -1 : keys.indexOf(state.selected);
	return found >= 0 ? found : clamp(state.index, 0, keys.length - 1);
}

const withTop = (state: FleetUiState, screen: FleetScreen): FleetUiState => ({...state, screens: [...state.screens.slice(0, -1), screen] as unknown as FleetUiState['screens']});
const pushed = (state: FleetUiState, screen: FleetScreen): FleetUiState => ({...state, screens: [...state.screens, screen]});
const popped = (state: FleetUiState): FleetUiState =>
	state.screens.length <= 1 ? state : {...state, screens: state.screens.slice(0, -1) as unknown as FleetUiState['screens']};
const select = (state: FleetUiState, keys: readonly string[], index: number): FleetUiState => ({...state, selected: keys[index] ?? null, index});

export function fleetReducer(state: FleetUiState, action: FleetAction): FleetUiState {
	const top = fleetTop(state);
	switch (action.type) {
		case 'scope-moved': {
			if (top.kind !== 'overview' || action.keys.length === 0) return state;
			const current = selectedScopeIndex(state, action.keys);
			const step = action.unit === 'row' ? 1 : action.unit === 'page' ? Math.max(1, action.pageSize) : action.keys.length;
			return select(state, action.keys, clamp(current + action.direction * step, 0, action.keys.length - 1));
		}
		case 'scope-opened': {
			const index = selectedScopeIndex(state, action.keys);
			if (top.kind !== 'overview' || index < 0) return state;
			return pushed(select(state, action.keys, index), {kind: 'scope', key: action.keys[index]!});
		}
		case 'scope-switched': {
			if (top.kind !== 'scope' || action.keys.length === 0) return state;
			const at = action.keys.indexOf(top.key);
			const index = at < 0 ? clamp(state.index, 0, action.keys.length - 1) : (at + action.direction + action.keys.length) % action.keys.length;
			const key = action.keys[index]!;
			return key === top.key ? state : withTop(select(state, action.keys, index), {kind: 'scope', key});
		}
		case 'scope-closed':
			return top.kind === 'scope' ? popped(state) : state;
		case 'all-scopes-toggled':
			return top.kind === 'overview' ? {...state, allScopes: !state.allScopes} : state;
		case 'help-toggled':
			if (top.kind === 'help') return popped(state);
			return top.kind === 'overview' ? pushed(state, {kind: 'help', scroll: 0}) : state;
		case 'help-scrolled':
			return top.kind === 'help' ? withTop(state, {kind: 'help', scroll: scrollLines(top.scroll, action)}) : state;
		case 'screen-closed':
			return top.kind === 'help' ? popped(state) : state;
		case 'status-shown':
			return {...state, status: action.status};
	}
}
