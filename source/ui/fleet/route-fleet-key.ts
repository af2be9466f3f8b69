/**
 * Pure: what a key does on the fleet's own screens (the overview and its help). Keys on a scope opened
 * over the overview go to that scope's App instead (keys/route-key.ts), which hands `leave-scope` and
 * `switch-scope` back here as effects. A table from (command, view) to reducer events and effects.
 */
import type {KeyCommand} from '../keys/keymap.js';
import type {StatusMessage} from '../state/ui-state.js';
import type {FleetAction} from './fleet-state.js';

export type FleetKeyView = {
	readonly screen: 'overview' | 'help';
	/** The scopes' keys in the order shown, worst first. */
	readonly keys: readonly string[];
	readonly pageRows: number;
	readonly helpLines: number;
	readonly paused: boolean;
	readonly now: number;
};

export type FleetEffect = {readonly type: 'quit'} | {readonly type: 'pause'; readonly paused: boolean} | {readonly type: 'refresh'};

export type FleetRouted = {readonly to: 'reducer'; readonly event: FleetAction} | {readonly to: 'app'; readonly effect: FleetEffect};

const event = (e: FleetAction): FleetRouted => ({to: 'reducer', event: e});
const effect = (e: FleetEffect): FleetRouted => ({to: 'app', effect: e});
const status = (text: string, tone: StatusMessage['tone'], now: number): FleetRouted => event({type: 'status-shown', status: {text, tone, at: now}});

export function routeFleetKey(command: KeyCommand, view: FleetKeyView): FleetRouted[] {
	const {screen, keys, now} = view;
	switch (command.type) {
		case 'quit':
			return [effect({type: 'quit'})];
		case 'toggle-pause':
			return view.paused
				? [effect({type: 'pause', paused: false}), status('resumed: polling every scope again', 'ok', now)]
				: [effect({type: 'pause', paused: true}), status('paused: no calls to AWS in any scope; p resumes', 'ok', now)];
		case 'refresh':
			if (view.paused) return [status('paused: nothing is polled; p resumes, then r polls at once', 'error', now)];
			return [effect({type: 'refresh'}), status('polling every region now', 'ok', now)];
		case 'scroll':
			if (screen === 'help') return [event({type: 'help-scrolled', unit: command.unit, direction: command.direction, total: view.helpLines, pageSize: view.pageRows})];
			return [event({type: 'scope-moved', unit: command.unit, direction: command.direction, keys, pageSize: view.pageRows})];
		case 'open-scope':
			return screen === 'overview' && keys.length > 0 ? [event({type: 'scope-opened', keys})] : [];
		case 'toggle-all-scopes':
			return screen === 'overview' ? [event({type: 'all-scopes-toggled'})] : [];
		case 'toggle-help':
			return [event({type: 'help-toggled'})];
		case 'back':
			return [event({type: 'screen-closed'})];
		case 'snapshot':
		case 'export':
		case 'open-changes':
		case 'toggle-alarms':
			return screen === 'overview' ? [status('open a scope first (⏎): this works on one account and region', 'error', now)] : [];
		default:
			return [];
	}
}
