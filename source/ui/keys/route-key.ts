/**
 * Pure: where a key command goes on the screen that has the keys. Most become one reducer event; quit,
 * pause, refresh, export and the snapshot are effects the App carries out. Everything a command needs
 * (events, page sizes, line counts, flagged metrics, suspects, paused) comes in `view`, read when the
 * key arrives, so this is a table from (command, view) to what happens.
 */
import type {TrailEvent} from '../../types.js';
import type {ChangeTarget} from '../changes/what-changed-lines.js';
import type {ScreenKind, StatusMessage, UiAction} from '../state/ui-state.js';
import type {KeyCommand} from './keymap.js';

/** What the App knows when a key arrives. */
export type KeyView = {
	/** The screen on top of the stack. */
	readonly screen: ScreenKind;
	/** The whole event buffer, newest first (the reducer applies the filter itself). */
	readonly events: readonly TrailEvent[];
	/** The events the list shows now (what `x` writes). */
	readonly listed: readonly TrailEvent[];
	/** Rows of the event list, and of one page of the detail, help or alarm screen. */
	readonly listRows: number;
	readonly pageRows: number;
	/** How many lines the scrolling screens hold. */
	readonly lines: {readonly detail: number; readonly help: number; readonly alarms: number};
	/** Flagged metrics, most severe first (What changed opens on the first). */
	readonly flagged: readonly ChangeTarget[];
	/** What changed: the suspects in the order shown, which is selected, how many rows show. */
	readonly suspects: readonly TrailEvent[];
	readonly selectedSuspect: number;
	readonly suspectRows: number;
	readonly paused: boolean;
	readonly now: number;
};

/** What the App does itself. */
export type AppEffect =
	| {readonly type: 'quit'}
	| {readonly type: 'pause'; readonly paused: boolean}
	| {readonly type: 'refresh'}
	| {readonly type: 'export'; readonly events: readonly TrailEvent[]}
	| {readonly type: 'snapshot'}
	/** Fleet mode: back to the overview, or the next/previous scope (the fleet screen does it). */
	| {readonly type: 'leave-scope'}
	| {readonly type: 'switch-scope'; readonly direction: 1 | -1};

export type Routed = {readonly to: 'reducer'; readonly event: UiAction} | {readonly to: 'app'; readonly effect: AppEffect};

const event = (e: UiAction): Routed => ({to: 'reducer', event: e});
const effect = (e: AppEffect): Routed => ({to: 'app', effect: e});
const status = (text: string, tone: StatusMessage['tone'], now: number): Routed => event({type: 'status-shown', status: {text, tone, at: now}});

/** What one command does on `view`'s screen, in order; empty when it does nothing there. */
export function routeKey(command: KeyCommand, view: KeyView): Routed[] {
	const {screen, events, now} = view;
	switch (command.type) {
		case 'quit':
			return [effect({type: 'quit'})];
		case 'toggle-pause':
			return view.paused
				? [effect({type: 'pause', paused: false}), status('resumed: polling AWS again', 'ok', now)]
				: [effect({type: 'pause', paused: true}), status('paused: no calls to AWS, the screen keeps the last data; p resumes', 'ok', now)];
		case 'refresh':
			if (view.paused) return [status('paused: nothing is polled; p resumes, then r polls at once', 'error', now)];
			return [effect({type: 'refresh'}), status('polling metrics and CloudTrail now', 'ok', now)];
		case 'export':
			return [effect({type: 'export', events: view.listed})];
		case 'snapshot':
			return [effect({type: 'snapshot'})];
		case 'open-changes':
			if (view.flagged.length === 0) return [status('nothing is flagged: no deviation to look behind', 'ok', now)];
			return [event({type: 'changes-opened', targets: view.flagged})];
		case 'cycle-changes':
			return [event({type: 'changes-cycled', targets: view.flagged, direction: command.direction})];
		case 'scroll': {
			const {unit, direction} = command;
			if (screen === 'list') return [event({type: 'list-scrolled', unit, direction, events, pageSize: view.listRows})];
			if (screen === 'changes') {
				const ids = view.suspects.map(suspect => suspect.eventId);
				return [event({type: 'suspects-scrolled', unit, direction, ids, pageSize: view.suspectRows})];
			}
			return [event({type: 'lines-scrolled', screen, unit, direction, total: view.lines[screen], pageSize: view.pageRows})];
		}
		case 'back':
			return [event({type: 'screen-closed', events})];
		case 'open-detail': {
			if (screen === 'changes') {
				const suspect = view.suspects[view.selectedSuspect];
				return suspect === undefined ? [] : [event({type: 'suspect-detail-opened', event: suspect})];
			}
			return screen === 'list' ? [event({type: 'detail-opened', events, pageSize: view.listRows})] : [];
		}
		case 'toggle-help':
			return [event({type: 'help-toggled'})];
		case 'toggle-alarms':
			return [event({type: 'alarms-toggled'})];
		case 'open-filter':
			return [event({type: 'filter-input-opened'})];
		case 'type-filter':
			return [event({type: 'filter-input-typed', text: command.text})];
		case 'erase-filter':
			return [event({type: 'filter-input-erased', what: command.what})];
		case 'apply-filter':
			return [event({type: 'filter-input-applied'})];
		case 'cancel-filter':
			return [event({type: 'filter-input-cancelled'})];
		case 'toggle-errors':
			return [event({type: 'errors-filter-toggled'})];
		case 'toggle-writes':
			return [event({type: 'writes-filter-toggled'})];
		case 'toggle-user':
			return [event({type: 'user-filter-toggled', events, pageSize: view.listRows})];
		case 'clear-filters':
			return [event({type: 'filters-cleared'})];
		case 'leave-scope':
			return screen === 'list' ? [effect({type: 'leave-scope'})] : [];
		case 'switch-scope':
			return screen === 'list' ? [effect({type: 'switch-scope', direction: command.direction})] : [];
		case 'open-scope':
		case 'toggle-all-scopes':
			return []; // the overview's own keys (ui/fleet/route-fleet-key.ts)
	}
}
