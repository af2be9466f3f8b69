/**
 * The one UI reducer: event-log selection and the help overlay. Pure; effects (quit, pause, refresh)
 * never come through here. The selection is tracked by eventId, not index, because new events arrive
 * at the top and late ones anywhere: an index would slide to another event under the user's cursor.
 */

/** Only the part of a TrailEvent the reducer needs. */
export type EventRef = {readonly eventId: string};

/** UI state: event-log selection and the help overlay (data lives in the snapshot). */
export type UiState = {
	/** True while the cursor sits on the newest event: new events keep it on the newest. */
	readonly follow: boolean;
	/** The selected event while not following (null while following). */
	readonly selectedEventId: string | null;
	/** Where the selection was last seen, used if its event leaves the buffer. */
	readonly lastIndex: number;
	/** Screen row of the cursor inside the list, so the selected event stays put as events arrive. */
	readonly cursorRow: number;
	/** The newest event when follow was left: everything above it counts as "new". */
	readonly newestSeenId: string | null;
	readonly helpOpen: boolean;
};

/** What the reducer understands; scroll requests carry the events and page size they apply to. */
export type UiAction =
	| {
			readonly type: 'scroll-requested';
			readonly unit: 'row' | 'page' | 'end';
			readonly direction: 1 | -1;
			/** The events on screen when the key was pressed (newest first) and the list height. */
			readonly events: readonly EventRef[];
			readonly pageSize: number;
	  }
	| {readonly type: 'help-toggled'}
	| {readonly type: 'help-closed'};

/** Following the newest event, help closed. */
export const initialUiState: UiState = {
	follow: true,
	selectedEventId: null,
	lastIndex: 0,
	cursorRow: 0,
	newestSeenId: null,
	helpOpen: false,
};

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

function indexOfId(events: readonly EventRef[], eventId: string | null): number {
	if (eventId === null) return -1;
	return events.findIndex(event => event.eventId === eventId);
}

/** Selection, first visible row and "N new" for `events` shown `pageSize` rows high. */
export function selectEventView(state: UiState, events: readonly EventRef[], pageSize: number): EventView {
	const count = events.length;
	if (count === 0) return {selectedIndex: -1, offset: 0, newCount: 0};
	if (state.follow) return {selectedIndex: 0, offset: 0, newCount: 0};
	const found = indexOfId(events, state.selectedEventId);
	const selectedIndex = found >= 0 ? found : clamp(state.lastIndex, 0, count - 1);
	const rows = Math.max(1, pageSize);
	const cursorRow = clamp(state.cursorRow, 0, rows - 1);
	const offset = clamp(selectedIndex - cursorRow, 0, Math.max(0, count - rows));
	return {selectedIndex, offset, newCount: Math.max(0, indexOfId(events, state.newestSeenId))};
}

function scroll(state: UiState, action: Extract<UiAction, {type: 'scroll-requested'}>): UiState {
	const {events, direction, unit} = action;
	if (state.helpOpen || events.length === 0) return state;
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

/** The UI reducer. */
export function uiReducer(state: UiState, action: UiAction): UiState {
	switch (action.type) {
		case 'scroll-requested':
			return scroll(state, action);
		case 'help-toggled':
			return {...state, helpOpen: !state.helpOpen};
		case 'help-closed':
			return state.helpOpen ? {...state, helpOpen: false} : state;
	}
}
