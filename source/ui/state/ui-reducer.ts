/**
 * The one UI reducer: event-log selection, filters and the filter line, the detail view, the help
 * overlay, the alarm list, the What-changed view and the transient status line. Pure; effects (quit,
 * pause, refresh, export, the incident snapshot) never come through here. The selection is tracked by eventId, not index, because new events arrive at the top
 * and late ones anywhere: an index would slide to another event under the user's cursor.
 */
import {applyFilter, cleanFilterText, limitFilterText, NO_FILTER, type EventFilter} from '../../trail/filter.js';
import {identityLabel} from '../../trail/identity.js';
import type {TrailEvent} from '../../types.js';
import type {UiMode} from '../keymap.js';
import type {ChangeTarget} from '../what-changed.js';

/** Only the part of a TrailEvent the list logic needs. */
export type EventRef = {readonly eventId: string};

/** The detail view of one event. The event itself is kept: it may leave the bounded buffer meanwhile. */
export type DetailState = {
	readonly event: TrailEvent;
	/** First visible line. */
	readonly scroll: number;
	/** The list was following when the detail opened: back follows again if nothing newer arrived. */
	readonly resumeFollow: boolean;
	/** Where Esc returns: the event list, or the What-changed view it was opened from. */
	readonly from?: 'list' | 'changes';
};

/**
 * The What-changed view: which flagged metric it explains (as it was when chosen: kept if the metric
 * calms down meanwhile) and the selected suspect, tracked by eventId like the list (new events can
 * reorder the suspects), with its last index as the fallback.
 */
export type ChangesState = {
	readonly target: ChangeTarget;
	readonly selectedId: string | null;
	readonly index: number;
};

/**
 * A one-line message shown in place of the footer for a few seconds. Text is sanitized. A `path` is
 * shown after the text and keeps its end visible when the line is too narrow; `suffix` follows it.
 */
export type StatusMessage = {
	readonly text: string;
	readonly tone: 'ok' | 'error';
	readonly at: number;
	readonly path?: string;
	readonly suffix?: string;
};

/** How long a status message stays, in ms. */
export const STATUS_MS = 8000;

/** UI state (data lives in the snapshot). */
export type UiState = {
	/** True while the cursor sits on the newest event: new events keep it on the newest. */
	readonly follow: boolean;
	/** The selected event while not following (null while following). */
	readonly selectedEventId: string | null;
	/** Where the selection was last seen, used if its event leaves the buffer or the filter. */
	readonly lastIndex: number;
	/** Screen row of the cursor inside the list, so the selected event stays put as events arrive. */
	readonly cursorRow: number;
	/** The newest event when follow was left: everything above it counts as "new". */
	readonly newestSeenId: string | null;
	readonly helpOpen: boolean;
	readonly helpScroll: number;
	readonly detail: DetailState | null;
	/** The applied filters. */
	readonly filter: EventFilter;
	/** The filter line's text while it is open (the list previews it), null when closed. */
	readonly filterDraft: string | null;
	readonly status: StatusMessage | null;
	/** The alarm list (`a`) and its first visible line. */
	readonly alarmsOpen: boolean;
	readonly alarmsScroll: number;
	/** The What-changed view (`W`), null when closed. */
	readonly changes: ChangesState | null;
};

type Scroll = {readonly unit: 'row' | 'page' | 'end'; readonly direction: 1 | -1};

/**
 * What the reducer understands. Actions carry the data they apply to: `events` is the whole buffer
 * (newest first) and the reducer applies its own filter, so keys read in one burst ("ej") each see the
 * filter the previous one left; `pageSize` is the list height.
 */
export type UiAction =
	| (Scroll & {
			readonly type: 'scroll-requested';
			readonly events: readonly TrailEvent[];
			readonly pageSize: number;
	  })
	| (Scroll & {readonly type: 'lines-scrolled'; readonly target: 'detail' | 'help' | 'alarms'; readonly total: number; readonly pageSize: number})
	| {readonly type: 'help-toggled'}
	| {readonly type: 'back-requested'; readonly events: readonly TrailEvent[]}
	| {readonly type: 'detail-opened'; readonly events: readonly TrailEvent[]; readonly pageSize: number}
	| {readonly type: 'filter-input-opened'}
	| {readonly type: 'filter-input-typed'; readonly text: string}
	| {readonly type: 'filter-input-erased'; readonly what: 'char' | 'all'}
	| {readonly type: 'filter-input-applied'}
	| {readonly type: 'filter-input-cancelled'}
	| {readonly type: 'errors-filter-toggled'}
	| {readonly type: 'writes-filter-toggled'}
	| {readonly type: 'user-filter-toggled'; readonly events: readonly TrailEvent[]; readonly pageSize: number}
	| {readonly type: 'filters-cleared'}
	| {readonly type: 'status-shown'; readonly status: StatusMessage}
	| {readonly type: 'alarms-toggled'}
	/** `targets`: the flagged metrics, most severe first; opens on the first. */
	| {readonly type: 'changes-opened'; readonly targets: readonly ChangeTarget[]}
	| {readonly type: 'changes-cycled'; readonly targets: readonly ChangeTarget[]; readonly direction: 1 | -1}
	/** `ids`: the suspects' eventIds in the order shown. */
	| (Scroll & {readonly type: 'suspects-scrolled'; readonly ids: readonly string[]; readonly pageSize: number})
	| {readonly type: 'suspect-detail-opened'; readonly event: TrailEvent};

/** Following the newest event, nothing open, no filter. */
export const initialUiState: UiState = {
	follow: true,
	selectedEventId: null,
	lastIndex: 0,
	cursorRow: 0,
	newestSeenId: null,
	helpOpen: false,
	helpScroll: 0,
	detail: null,
	filter: NO_FILTER,
	filterDraft: null,
	status: null,
	alarmsOpen: false,
	alarmsScroll: 0,
	changes: null,
};

/** The screen that has the keys: help over everything, then the detail, the alarm list, What changed, the list. */
export function uiMode(state: UiState): UiMode {
	if (state.helpOpen) return 'help';
	if (state.detail !== null) return 'detail';
	if (state.alarmsOpen) return 'alarms';
	return state.changes === null ? 'list' : 'changes';
}

/** The index of the selected suspect in `ids` (its eventId, else the last index, clamped); -1 when empty. */
export function selectedSuspectIndex(changes: ChangesState, ids: readonly string[]): number {
	if (ids.length === 0) return -1;
	const found = changes.selectedId === null ? -1 : ids.indexOf(changes.selectedId);
	return found >= 0 ? found : clamp(changes.index, 0, ids.length - 1);
}

/** The filter the list shows: the applied one, with the filter line's text while it is open. */
export function effectiveFilter(state: UiState): EventFilter {
	return state.filterDraft === null ? state.filter : {...state.filter, text: state.filterDraft};
}

/** The status message if it is still fresh at `now`. */
export function currentStatus(state: UiState, now: number): StatusMessage | null {
	const status = state.status;
	return status !== null && now - status.at < STATUS_MS ? status : null;
}

/** What the event log draws, derived from state + the current events. */
export type EventView = {
	/** Index of the selected event, -1 when there are none. */
	readonly selectedIndex: number;
	/** Index of the first visible row. */
	readonly offset: number;
	/** Events newer than the newest one seen when follow was left. */
	readonly newCount: number;
};

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/**
 * Position of each event id, built once per event list (lists are immutable: a new poll makes a new
 * array), so moving through 50,000 events is a lookup per key, not a scan.
 */
const positions = new WeakMap<readonly EventRef[], Map<string, number>>();

function indexOfId(events: readonly EventRef[], eventId: string | null): number {
	if (eventId === null) return -1;
	let index = positions.get(events);
	if (!index) {
		index = new Map();
		for (let i = events.length - 1; i >= 0; i--) index.set(events[i]!.eventId, i);
		positions.set(events, index);
	}
	return index.get(eventId) ?? -1;
}

/**
 * Selection, first visible row and "N new" for `events` shown `pageSize` rows high. With a filter the
 * caller passes `newCount` (new events that match, counted over the unfiltered list).
 */
export function selectEventView(state: UiState, events: readonly EventRef[], pageSize: number, newCount?: number): EventView {
	const count = events.length;
	if (count === 0) return {selectedIndex: -1, offset: 0, newCount: 0};
	if (state.follow) return {selectedIndex: 0, offset: 0, newCount: 0};
	const found = indexOfId(events, state.selectedEventId);
	const selectedIndex = found >= 0 ? found : clamp(state.lastIndex, 0, count - 1);
	const rows = Math.max(1, pageSize);
	const cursorRow = clamp(state.cursorRow, 0, rows - 1);
	const offset = clamp(selectedIndex - cursorRow, 0, Math.max(0, count - rows));
	return {selectedIndex, offset, newCount: newCount ?? Math.max(0, indexOfId(events, state.newestSeenId))};
}

/** The events the list shows: the buffer through the effective filter. */
export function visibleEvents(state: UiState, events: readonly TrailEvent[]): readonly TrailEvent[] {
	return applyFilter(events, effectiveFilter(state));
}

/** The event under the cursor, if any. */
export function selectedEvent(state: UiState, events: readonly TrailEvent[], pageSize: number): TrailEvent | undefined {
	const list = visibleEvents(state, events);
	return list[selectEventView(state, list, pageSize).selectedIndex];
}

function scroll(state: UiState, action: Extract<UiAction, {type: 'scroll-requested'}>): UiState {
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
	return {...state, ...pinned, detail: {event, scroll: 0, resumeFollow: state.follow}};
}

function back(state: UiState, events: readonly TrailEvent[]): UiState {
	if (state.helpOpen) return {...state, helpOpen: false, helpScroll: 0};
	const detail = state.detail;
	if (detail === null) {
		if (state.alarmsOpen) return {...state, alarmsOpen: false, alarmsScroll: 0};
		return state.changes === null ? state : {...state, changes: null};
	}
	if (detail.from === 'changes') return {...state, detail: null};
	const stillNewest = visibleEvents(state, events)[0]?.eventId === detail.event.eventId;
	if (detail.resumeFollow && stillNewest) {
		return {...state, detail: null, follow: true, selectedEventId: null, lastIndex: 0, cursorRow: 0, newestSeenId: null};
	}
	return {...state, detail: null};
}

/** The target `direction` steps from the current one among `targets` (wrapping), or the first. */
function cycleChanges(state: UiState, targets: readonly ChangeTarget[], direction: 1 | -1): UiState {
	const changes = state.changes;
	if (changes === null || targets.length === 0 || uiMode(state) !== 'changes') return state;
	const at = targets.findIndex(target => target.metric === changes.target.metric);
	const next = targets[at < 0 ? 0 : (at + direction + targets.length) % targets.length];
	if (next === undefined || (next.metric === changes.target.metric && next.onset === changes.target.onset)) return state;
	return {...state, changes: {target: next, selectedId: null, index: 0}};
}

function scrollSuspects(state: UiState, action: Extract<UiAction, {type: 'suspects-scrolled'}>): UiState {
	const changes = state.changes;
	if (changes === null || uiMode(state) !== 'changes' || action.ids.length === 0) return state;
	const current = selectedSuspectIndex(changes, action.ids);
	const step = action.unit === 'row' ? 1 : action.unit === 'page' ? Math.max(1, action.pageSize) : action.ids.length;
	const index = clamp(current + action.direction * step, 0, action.ids.length - 1);
	return {...state, changes: {...changes, selectedId: action.ids[index] ?? null, index}};
}

function withFilter(state: UiState, filter: EventFilter): UiState {
	return {...state, filter};
}

/** The UI reducer. */
export function uiReducer(state: UiState, action: UiAction): UiState {
	switch (action.type) {
		case 'scroll-requested':
			return scroll(state, action);
		case 'lines-scrolled':
			if (action.target === 'help') return state.helpOpen ? {...state, helpScroll: scrollLines(state.helpScroll, action)} : state;
			if (action.target === 'alarms') return uiMode(state) === 'alarms' ? {...state, alarmsScroll: scrollLines(state.alarmsScroll, action)} : state;
			return state.detail ? {...state, detail: {...state.detail, scroll: scrollLines(state.detail.scroll, action)}} : state;
		case 'help-toggled':
			return {...state, helpOpen: !state.helpOpen, helpScroll: 0};
		case 'alarms-toggled': {
			const mode = uiMode(state);
			if (mode === 'alarms') return {...state, alarmsOpen: false, alarmsScroll: 0};
			return mode === 'list' ? {...state, alarmsOpen: true, alarmsScroll: 0} : state;
		}
		case 'changes-opened': {
			const first = action.targets[0];
			if (first === undefined || uiMode(state) !== 'list') return state;
			return {...state, changes: {target: first, selectedId: null, index: 0}};
		}
		case 'changes-cycled':
			return cycleChanges(state, action.targets, action.direction);
		case 'suspects-scrolled':
			return scrollSuspects(state, action);
		case 'suspect-detail-opened':
			if (uiMode(state) !== 'changes') return state;
			return {...state, detail: {event: action.event, scroll: 0, resumeFollow: false, from: 'changes'}};
		case 'back-requested':
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
