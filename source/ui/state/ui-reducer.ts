/**
 * The one UI reducer: event-log selection, filters and the filter line, the screen stack (detail, help,
 * alarm list, What changed over the list) and the transient status line. Pure; effects (quit,
 * pause, refresh, export, the incident snapshot) never come through here. The state, its actions and
 * the selectors are in ui-state.ts (re-exported here for the App and the tests).
 */
import {cleanFilterText, limitFilterText, NO_FILTER, type EventFilter} from '../../trail/filter.js';
import {identityLabel} from '../../trail/identity.js';
import type {TrailEvent} from '../../types.js';
import type {ChangeTarget} from '../changes/what-changed-lines.js';
import {
	clamp,
	selectedEvent,
	selectedSuspectIndex,
	selectEventView,
	topScreen,
	uiMode,
	visibleEvents,
	type Screen,
	type Scroll,
	type UiAction,
	type UiState,
} from './ui-state.js';

export * from './ui-state.js';

/** `screen` pushed on top. */
const pushed = (state: UiState, screen: Screen): UiState => ({...state, screens: [...state.screens, screen]});

/** The top screen replaced by `screen`. */
const replacedTop = (state: UiState, screen: Screen): UiState => ({...state, screens: [...state.screens.slice(0, -1), screen] as unknown as UiState['screens']});

/** The top screen closed; the list at the bottom never is. */
const popped = (state: UiState): UiState =>
	state.screens.length <= 1 ? state : {...state, screens: state.screens.slice(0, -1) as unknown as UiState['screens']};

function scroll(state: UiState, action: Extract<UiAction, {type: 'list-scrolled'}>): UiState {
	const {direction, unit} = action;
	const events = visibleEvents(state, action.events);
	if (uiMode(state) !== 'list' || events.length === 0) return state;
	const rows = Math.max(1, action.pageSize);
	const view = selectEventView(state, events, rows);
	const step = unit === 'row' ? 1 : unit === 'page' ? rows : events.length;
	const target = clamp(view.selectedIndex + direction * step, 0, events.length - 1);
	if (target === 0) return {...state, follow: true, selectedEventId: null, lastIndex: 0, cursorRow: 0, newestSeenId: null};
	const currentRow = view.selectedIndex - view.offset;
	const cursorRow =
		unit === 'row' ? clamp(currentRow + direction, 0, rows - 1) : unit === 'page' ? currentRow : rows - 1;
	return {
		...state,
		follow: false,
		selectedEventId: events[target]?.eventId ?? null,
		lastIndex: target,
		cursorRow,
		newestSeenId: state.follow ? (events[0]?.eventId ?? null) : state.newestSeenId,
	};
}

/** A scroll position over `total` lines shown `pageSize` at a time, moved by one key. */
export function scrollLines(current: number, action: Scroll & {total: number; pageSize: number}): number {
	const page = Math.max(1, action.pageSize);
	const max = Math.max(0, action.total - page);
	const step = action.unit === 'row' ? 1 : action.unit === 'page' ? page : max + 1;
	return clamp(clamp(current, 0, max) + action.direction * step, 0, max);
}

function openDetail(state: UiState, events: readonly TrailEvent[], pageSize: number): UiState {
	const event = selectedEvent(state, events, pageSize);
	if (event === undefined || uiMode(state) !== 'list') return state;
	// Opening from follow mode pins the selection, so the list behind does not move to newer events.
	const pinned = state.follow
		? {follow: false, selectedEventId: event.eventId, lastIndex: 0, cursorRow: 0, newestSeenId: event.eventId}
		: {};
	return pushed({...state, ...pinned}, {kind: 'detail', event, scroll: 0, resumeFollow: state.follow});
}

/** Esc: the top screen closes. A detail opened from the list while following follows again if nothing newer came. */
function back(state: UiState, events: readonly TrailEvent[]): UiState {
	const top = topScreen(state);
	const after = popped(state);
	if (top.kind !== 'detail' || uiMode(after) !== 'list' || !top.resumeFollow) return after;
	const stillNewest = visibleEvents(after, events)[0]?.eventId === top.event.eventId;
	return stillNewest ? {...after, follow: true, selectedEventId: null, lastIndex: 0, cursorRow: 0, newestSeenId: null} : after;
}

/** The target `direction` steps from the current one among `targets` (wrapping), or the first. */
function cycleChanges(state: UiState, targets: readonly ChangeTarget[], direction: 1 | -1): UiState {
	const changes = topScreen(state);
	if (changes.kind !== 'changes' || targets.length === 0) return state;
	const at = targets.findIndex(target => target.metric === changes.target.metric);
	const next = targets[at < 0 ? 0 : (at + direction + targets.length) % targets.length];
	if (next === undefined || (next.metric === changes.target.metric && next.onset === changes.target.onset)) return state;
	return replacedTop(state, {kind: 'changes', target: next, selectedId: null, index: 0});
}

function scrollSuspects(state: UiState, action: Extract<UiAction, {type: 'suspects-scrolled'}>): UiState {
	const changes = topScreen(state);
	if (changes.kind !== 'changes' || action.ids.length === 0) return state;
	const current = selectedSuspectIndex(changes, action.ids);
	const step = action.unit === 'row' ? 1 : action.unit === 'page' ? Math.max(1, action.pageSize) : action.ids.length;
	const index = clamp(current + action.direction * step, 0, action.ids.length - 1);
	return replacedTop(state, {...changes, selectedId: action.ids[index] ?? null, index});
}

function scrollTop(state: UiState, action: Extract<UiAction, {type: 'lines-scrolled'}>): UiState {
	const top = topScreen(state);
	if (top.kind !== action.screen || !('scroll' in top)) return state;
	return replacedTop(state, {...top, scroll: scrollLines(top.scroll, action)});
}

function withFilter(state: UiState, filter: EventFilter): UiState {
	return {...state, filter};
}

/** The UI reducer. */
export function uiReducer(state: UiState, action: UiAction): UiState {
	switch (action.type) {
		case 'list-scrolled':
			return scroll(state, action);
		case 'lines-scrolled':
			return scrollTop(state, action);
		case 'help-toggled':
			return uiMode(state) === 'help' ? popped(state) : pushed(state, {kind: 'help', scroll: 0});
		case 'alarms-toggled': {
			const mode = uiMode(state);
			if (mode === 'alarms') return popped(state);
			return mode === 'list' ? pushed(state, {kind: 'alarms', scroll: 0}) : state;
		}
		case 'changes-opened': {
			const first = action.targets[0];
			if (first === undefined || uiMode(state) !== 'list') return state;
			return pushed(state, {kind: 'changes', target: first, selectedId: null, index: 0});
		}
		case 'changes-cycled':
			return cycleChanges(state, action.targets, action.direction);
		case 'suspects-scrolled':
			return scrollSuspects(state, action);
		case 'suspect-detail-opened':
			if (uiMode(state) !== 'changes') return state;
			return pushed(state, {kind: 'detail', event: action.event, scroll: 0, resumeFollow: false});
		case 'screen-closed':
			return back(state, action.events);
		case 'detail-opened':
			return openDetail(state, action.events, action.pageSize);
		case 'filter-input-opened':
			return {...state, filterDraft: state.filter.text};
		case 'filter-input-typed':
			if (state.filterDraft === null) return state;
			return {...state, filterDraft: limitFilterText(state.filterDraft + cleanFilterText(action.text))};
		case 'filter-input-erased':
			if (state.filterDraft === null) return state;
			return {...state, filterDraft: action.what === 'all' ? '' : [...state.filterDraft].slice(0, -1).join('')};
		case 'filter-input-applied':
			if (state.filterDraft === null) return state;
			return {...withFilter(state, {...state.filter, text: state.filterDraft.trim()}), filterDraft: null};
		case 'filter-input-cancelled':
			return state.filterDraft === null ? state : {...state, filterDraft: null};
		case 'errors-filter-toggled':
			return withFilter(state, {...state.filter, errorsOnly: !state.filter.errorsOnly});
		case 'writes-filter-toggled':
			return withFilter(state, {...state.filter, writesOnly: !state.filter.writesOnly});
		case 'user-filter-toggled': {
			if (state.filter.user !== null) return withFilter(state, {...state.filter, user: null});
			const event = selectedEvent(state, action.events, action.pageSize);
			return event === undefined ? state : withFilter(state, {...state.filter, user: identityLabel(event)});
		}
		case 'filters-cleared':
			return {...withFilter(state, NO_FILTER), filterDraft: null};
		case 'status-shown':
			return {...state, status: action.status};
	}
}
