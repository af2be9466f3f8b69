/**
 * The UI state and what is read from it: its shape, the reducer events, the initial state, and the
 * selectors the App and the reducer share (which screen, which filter, which event is selected, which
 * events show). Screens are a stack: the event list at the bottom, then whatever was opened over it
 * (detail, help, alarms, What changed); the top one has the keys, Esc pops it. The transitions are in ui-reducer.ts. The selection is tracked by eventId, not index, because
 * new events arrive at the top and late ones anywhere: an index would slide to another event under the
 * user's cursor.
 */
import {applyFilter, NO_FILTER, type EventFilter} from '../../trail/filter.js';
import type {TrailEvent} from '../../types.js';
import type {ChangeTarget} from '../changes/what-changed-lines.js';

/** Only the part of a TrailEvent the list logic needs. */
export type EventRef = {readonly eventId: string};

/** The detail view of one event. The event itself is kept: it may leave the bounded buffer meanwhile. */
export type DetailState = {
	readonly event: TrailEvent;
	/** First visible line. */
	readonly scroll: number;
	/** The list was following when the detail opened: back follows again if nothing newer arrived. */
	readonly resumeFollow: boolean;
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

/** One screen of the stack. Screens that scroll keep their first visible line. */
export type Screen =
	| {readonly kind: 'list'}
	| ({readonly kind: 'detail'} & DetailState)
	| {readonly kind: 'help'; readonly scroll: number}
	| {readonly kind: 'alarms'; readonly scroll: number}
	| ({readonly kind: 'changes'} & ChangesState);

/** Which screen has the keys: the event list, one event's detail, help, the alarm list (`a`), What changed (`W`). */
export type ScreenKind = Screen['kind'];

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
	/** The screens, bottom (always the list) to top (the one with the keys). */
	readonly screens: readonly [Screen, ...Screen[]];
	/** The applied filters. */
	readonly filter: EventFilter;
	/** The filter line's text while it is open (the list previews it), null when closed. */
	readonly filterDraft: string | null;
	readonly status: StatusMessage | null;
};

export type Scroll = {readonly unit: 'row' | 'page' | 'end'; readonly direction: 1 | -1};

/**
 * Reducer events (past tense; key commands in keys/keymap.ts are imperative). Events carry the data they apply to: `events` is the whole buffer
 * (newest first) and the reducer applies its own filter, so keys read in one burst ("ej") each see the
 * filter the previous one left; `pageSize` is the list height.
 */
export type UiAction =
	| (Scroll & {
			readonly type: 'list-scrolled';
			readonly events: readonly TrailEvent[];
			readonly pageSize: number;
	  })
	/** Scrolls the top screen if it is `screen` (a key read in the same burst may have changed it). */
	| (Scroll & {readonly type: 'lines-scrolled'; readonly screen: 'detail' | 'help' | 'alarms'; readonly total: number; readonly pageSize: number})
	| {readonly type: 'help-toggled'}
	/** Esc: the top screen closed (the list, at the bottom, stays). */
	| {readonly type: 'screen-closed'; readonly events: readonly TrailEvent[]}
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
	screens: [{kind: 'list'}],
	filter: NO_FILTER,
	filterDraft: null,
	status: null,
};

/** The screen on top, which has the keys. */
export function topScreen(state: UiState): Screen {
	return state.screens[state.screens.length - 1]!;
}

/** The kind of the top screen. */
export function uiMode(state: UiState): ScreenKind {
	return topScreen(state).kind;
}

/** The topmost screen of `kind`, if one is open (What changed under a detail opened from it, say). */
export function screenOf<K extends ScreenKind>(state: UiState, kind: K): Extract<Screen, {kind: K}> | undefined {
	for (let i = state.screens.length - 1; i >= 0; i--) {
		const screen = state.screens[i]!;
		if (screen.kind === kind) return screen as Extract<Screen, {kind: K}>;
	}
	return undefined;
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

export const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

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
