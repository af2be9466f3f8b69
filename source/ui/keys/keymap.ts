/**
 * Every key binding as data. The key hook, the footer and the `?` help are all generated from this
 * table, so the hints on screen can never drift from what the keys do. A binding may be limited to
 * some screens (`modes`); while the filter line is open, keys are text instead (textInputActions).
 */
import type {Key} from 'ink';

/**
 * Which screen has the keys: the event list, one event's detail, the help overlay, the alarm list
 * (`a`) or the What-changed view (`W`).
 */
export type UiMode = 'list' | 'detail' | 'help' | 'alarms' | 'changes' | 'overview';

/**
 * What a key asks for: an imperative command (reducer events are past tense: `open-detail` the command,
 * `detail-opened` the event). keys/route-key.ts turns a command into a reducer event or an App effect.
 */
export type KeyCommand =
	| {readonly type: 'quit'}
	| {readonly type: 'scroll'; readonly unit: 'row' | 'page' | 'end'; readonly direction: 1 | -1}
	| {readonly type: 'toggle-pause'}
	| {readonly type: 'refresh'}
	| {readonly type: 'toggle-help'}
	| {readonly type: 'back'}
	| {readonly type: 'open-detail'}
	| {readonly type: 'open-filter'}
	| {readonly type: 'toggle-errors'}
	| {readonly type: 'toggle-writes'}
	| {readonly type: 'toggle-user'}
	| {readonly type: 'clear-filters'}
	| {readonly type: 'export'}
	| {readonly type: 'toggle-alarms'}
	| {readonly type: 'open-changes'}
	| {readonly type: 'cycle-changes'; readonly direction: 1 | -1}
	| {readonly type: 'snapshot'}
	// Fleet mode (source/ui/fleet/): the overview's keys, and leaving or switching the scope open over it.
	| {readonly type: 'open-scope'}
	| {readonly type: 'toggle-all-scopes'}
	| {readonly type: 'leave-scope'}
	| {readonly type: 'switch-scope'; readonly direction: 1 | -1}
	// Only from textInputActions, while the filter line is open:
	| {readonly type: 'type-filter'; readonly text: string}
	| {readonly type: 'erase-filter'; readonly what: 'char' | 'all'}
	| {readonly type: 'apply-filter'}
	| {readonly type: 'cancel-filter'};

/** One binding. `keys` are names from `keyName` ('q', 'G', 'up', 'pagedown', 'ctrl+c', 'escape'). */
export type Binding = {
	readonly keys: readonly string[];
	/** How the key is shown in the footer and help. */
	readonly label: string;
	/** A word or two for the footer. */
	readonly description: string;
	/** The footer's words while polling is paused, when they differ (p: resume). */
	readonly whilePaused?: string;
	/** The footer's words on other screens, when they differ (g: "newest" in the list, "top" elsewhere). */
	readonly elsewhere?: {readonly [mode in UiMode]?: string};
	/** The full sentence for the help overlay. */
	readonly help: string;
	/** More for the README's key table only (the help must fit 80 columns). */
	readonly more?: string;
	/** Footer priority, 1 = dropped last when the line is too narrow; null = only in help. */
	readonly footer: number | null;
	/** Screens where the key works; every screen when absent. */
	readonly modes?: readonly UiMode[];
	/** On a scope opened from the fleet overview only (FLEET_BINDINGS). */
	readonly fleet?: boolean;
	readonly command: KeyCommand;
};

/** A whole set of bindings, in display order. */
export type Keymap = readonly Binding[];

const LIST: readonly UiMode[] = ['list'];
const CHANGES: readonly UiMode[] = ['changes'];
const OVERVIEW: readonly UiMode[] = ['overview'];

/** The default bindings, in the order the footer and help show them. */
export const KEYMAP: Keymap = [
	{keys: ['q'], label: 'q', description: 'quit', help: 'quit and restore the terminal', footer: 1, command: {type: 'quit'}},
	{keys: ['ctrl+c'], label: 'Ctrl-C', description: 'quit', help: 'quit, same as q (also while typing a filter)', footer: null, command: {type: 'quit'}},
	{keys: ['escape', 'backspace', 'delete'], label: 'Esc', description: 'back', help: 'back to the list (same event) or What changed; close help (Bksp too)', footer: 1, modes: ['detail', 'help', 'alarms', 'changes'], command: {type: 'back'}},
	{keys: ['k', 'up'], label: 'k/↑', description: 'up', help: 'newer event, or the suspect above; scroll up the detail, help, alarms', footer: 2, command: {type: 'scroll', unit: 'row', direction: -1}},
	{keys: ['j', 'down'], label: 'j/↓', description: 'down', help: 'older event (stops following new ones) or suspect; scroll down views', footer: 2, command: {type: 'scroll', unit: 'row', direction: 1}},
	{keys: ['pageup'], label: 'PgUp', description: 'page up', help: 'one page up', footer: 7, command: {type: 'scroll', unit: 'page', direction: -1}},
	{keys: ['pagedown'], label: 'PgDn', description: 'page down', help: 'one page down', footer: 7, command: {type: 'scroll', unit: 'page', direction: 1}},
	{keys: ['g', 'home'], label: 'g', description: 'newest', elsewhere: {detail: 'top', help: 'top', alarms: 'top', changes: 'top'}, help: 'newest event, and follow new ones; top of the detail or help', footer: 6, command: {type: 'scroll', unit: 'end', direction: -1}},
	{keys: ['G', 'end'], label: 'G', description: 'oldest', elsewhere: {detail: 'bottom', help: 'bottom', alarms: 'bottom', changes: 'bottom'}, help: 'oldest event; end of the detail or help', footer: 6, command: {type: 'scroll', unit: 'end', direction: 1}},
	{keys: ['return'], label: '⏎', description: 'detail', help: 'detail: who, when, where, why flagged, the whole record', more: 'The caller in words: root, IAM user, which role and session, MFA, federated, AWS service; resources and the error', footer: 2, modes: ['list', 'changes'], command: {type: 'open-detail'}},
	{keys: ['/'], label: '/', description: 'filter', help: 'filter by text: event, user, IP, error code, resource', footer: 2, modes: LIST, command: {type: 'open-filter'}},
	{keys: ['e'], label: 'e', description: 'errors', help: 'only failed calls (any error code); again for all', footer: 3, modes: LIST, command: {type: 'toggle-errors'}},
	{keys: ['w'], label: 'w', description: 'writes', help: 'only calls that change something (not read-only); again for all', footer: 5, modes: LIST, command: {type: 'toggle-writes'}},
	{keys: ['u'], label: 'u', description: 'user', help: "only the selected event's caller; again for everyone", footer: 5, modes: LIST, command: {type: 'toggle-user'}},
	{keys: ['c'], label: 'c', description: 'clear', help: 'clear every filter', footer: 5, modes: LIST, command: {type: 'clear-filters'}},
	{keys: ['x'], label: 'x', description: 'export', help: 'write the listed events to .jsonl and .csv in this directory', more: 'Exactly the events listed, with caller (role and session), resources, the ⚠ risk and denials; files named iot-monitor-events-<time>; never overwrites; CSV cells are guarded against formula injection', footer: 4, modes: LIST, command: {type: 'export'}},
	{keys: ['p'], label: 'p', description: 'pause', whilePaused: 'resume', help: 'pause or resume polling AWS (the screen keeps the last data)', footer: 4, command: {type: 'toggle-pause'}},
	{keys: ['r'], label: 'r', description: 'refresh', help: 'poll metrics and CloudTrail now', footer: 8, command: {type: 'refresh'}},
	{keys: ['W'], label: 'W', description: 'what changed', help: 'What changed: 30 min before the worst flag, ranked by evidence', more: 'Each with the resource it touched and why; changes after the onset listed apart. Tab/→ and ← move between flagged metrics, ⏎ opens an event, Esc goes back', footer: 3, modes: LIST, command: {type: 'open-changes'}},
	{keys: ['a'], label: 'a', description: 'alarms', help: 'the IoT CloudWatch alarms: state, since when, reason, what they watch', footer: 4, modes: ['list', 'alarms'], command: {type: 'toggle-alarms'}},
	{keys: ['s'], label: 's', description: 'snapshot', help: 'write an incident snapshot (Markdown: flags, alarms, suspects) here', more: 'The same as --once --format markdown, at most 16,000 characters, to iot-monitor-incident-<time>.md; the suspects\' full records go to <name>-records.md beside it (--full: inline); mode 0600, never overwrites', footer: 4, command: {type: 'snapshot'}},
	{keys: ['tab', 'right'], label: 'Tab/→', description: 'next metric', help: 'What changed: the next flagged metric', footer: 2, modes: CHANGES, command: {type: 'cycle-changes', direction: 1}},
	{keys: ['left'], label: '←', description: 'previous metric', help: 'What changed: the previous flagged metric', footer: null, modes: CHANGES, command: {type: 'cycle-changes', direction: -1}},
	{keys: ['?'], label: '?', description: 'help', help: 'show or hide this help', more: 'Generated from this same table, with the legend and the status of each source', footer: 1, command: {type: 'toggle-help'}},
];

/**
 * Fleet mode's own bindings: the overview's keys, and on a scope opened from it (`fleet`), Esc back
 * to the overview and [ ] to the previous and next scope. Fleet mode uses FLEET_KEYMAP; single-account
 * mode keeps KEYMAP, where none of these exist. The README's fleet key table is written from this list.
 */
export const FLEET_BINDINGS: Keymap = [
	{keys: ['return'], label: '⏎', description: 'open scope', help: 'open the selected scope: its metrics and events', more: 'The same screens as with one account (detail, What changed, alarms, help); Esc comes back, [ and ] move to the previous and next scope', footer: 1, modes: OVERVIEW, command: {type: 'open-scope'}},
	{keys: ['escape', 'backspace', 'delete'], label: 'Esc', description: 'overview', help: 'back to the fleet overview (Bksp too)', footer: 1, modes: LIST, fleet: true, command: {type: 'leave-scope'}},
	{keys: [']'], label: ']', description: 'next scope', help: 'the next scope of the fleet overview, without going back to it', footer: 3, modes: LIST, fleet: true, command: {type: 'switch-scope', direction: 1}},
	{keys: ['['], label: '[', description: 'previous scope', help: 'the previous scope of the fleet overview', footer: null, modes: LIST, fleet: true, command: {type: 'switch-scope', direction: -1}},
	{keys: ['A'], label: 'A', description: 'all/one scope', help: "events of all scopes (account, region) or the selected one", footer: 2, modes: OVERVIEW, command: {type: 'toggle-all-scopes'}},
];

/** Every binding of fleet mode: the single-account ones and the fleet's. */
export const FLEET_KEYMAP: Keymap = [...KEYMAP, ...FLEET_BINDINGS];

/** The keys of the filter line, for the help (they are text handling, not bindings). */
export const FILTER_INPUT_KEYS: ReadonlyArray<{readonly label: string; readonly help: string}> = [
	{label: '⏎', help: 'apply the filter text'},
	{label: 'Esc', help: 'cancel: the filter stays as it was'},
	{label: '⌫', help: 'delete the last character (Ctrl-U: all of it)'},
];

/** Whether `binding` works on screen `mode`. */
export function activeIn(binding: Binding, mode: UiMode): boolean {
	return binding.modes === undefined || binding.modes.includes(mode);
}

const NAMED_KEYS: ReadonlyArray<readonly [keyof Key, string]> = [
	['upArrow', 'up'],
	['downArrow', 'down'],
	['leftArrow', 'left'],
	['rightArrow', 'right'],
	['pageUp', 'pageup'],
	['pageDown', 'pagedown'],
	['home', 'home'],
	['end', 'end'],
	['return', 'return'],
	['escape', 'escape'],
	['tab', 'tab'],
	['backspace', 'backspace'],
	['delete', 'delete'],
];

/** Ink's (input, key) as one key name, or null for input no binding could match (pastes). */
export function keyName(input: string, key: Key): string | null {
	for (const [flag, name] of NAMED_KEYS) if (key[flag] === true) return name;
	if (key.ctrl && input.length === 1) return `ctrl+${input.toLowerCase()}`;
	return input.length === 1 ? input : null;
}

/** The binding for a key press on screen `mode`, if any. */
export function findBinding(keymap: Keymap, input: string, key: Key, mode: UiMode = 'list'): Binding | undefined {
	const name = keyName(input, key);
	return name === null ? undefined : keymap.find(binding => activeIn(binding, mode) && binding.keys.includes(name));
}

/** Longer runs of text are pastes, not typing: ignored whole. */
const MAX_TYPED_RUN = 32;

/** Keys that arrive as a plain character inside a run: "jj⏎" is two moves and an Enter. */
const RUN_KEYS: ReadonlyMap<string, Partial<Key>> = new Map([
	['\r', {return: true}],
	['\t', {tab: true}],
]);

/**
 * The actions for one Ink input event. Ink passes a run of plain characters read together as one
 * string (fast typing or key repeat over SSH: "jjj"), so a short run becomes one action per
 * character; quit only ever comes from a key on its own, never from inside such a run or a paste.
 * After '/' the rest of the run is filter text; after '?' or Enter the rest is dropped (it was meant for
 * the next screen, and guessing it would misfire).
 */
export function actionsFor(keymap: Keymap, input: string, key: Key, mode: UiMode = 'list'): KeyCommand[] {
	const binding = findBinding(keymap, input, key, mode);
	if (binding) return [binding.command];
	if (key.ctrl || key.meta || input.length < 2 || input.length > MAX_TYPED_RUN) return [];
	const out: KeyCommand[] = [];
	const chars = [...input];
	for (const [index, char] of chars.entries()) {
		const named = RUN_KEYS.get(char);
		const action = findBinding(keymap, named ? '' : char, {...key, ...(named ?? {shift: /[A-Z]/.test(char)})}, mode)?.command;
		if (!action || action.type === 'quit') continue;
		out.push(action);
		if (action.type === 'open-filter') {
			// "/deny" read at once: the rest was typed into the filter line.
			const rest = typedRunActions(chars.slice(index + 1).join(''));
			return [...out, ...rest.filter(next => next.type !== 'quit')];
		}
		if (action.type === 'open-detail' || action.type === 'toggle-help' || named?.return) break;
	}
	return out;
}

/**
 * Keys while the filter line is open: printable text is typed (pastes included), never a binding.
 * Only Ctrl-C keeps its meaning, so the app can always be left.
 */
export function textInputActions(input: string, key: Key): KeyCommand[] {
	if (key.return) return [{type: 'apply-filter'}];
	if (key.escape) return [{type: 'cancel-filter'}];
	if (key.backspace || key.delete) return [{type: 'erase-filter', what: 'char'}];
	if (key.ctrl) {
		const letter = input.toLowerCase();
		if (letter === 'c') return [{type: 'quit'}];
		if (letter === 'u') return [{type: 'erase-filter', what: 'all'}];
		return [];
	}
	if (key.meta || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.tab) return [];
	if (key.pageUp || key.pageDown || key.home || key.end) return [];
	return typedRunActions(input);
}

/**
 * Characters read together while the filter line is open (fast typing, a paste, or both: "deny⏎").
 * Enter (CR) applies the filter and ends the run: what follows was typed ahead for the list and is
 * dropped rather than guessed. Backspace and Ctrl-U edit, Ctrl-C quits; other controls (a pasted LF,
 * an escape sequence's tail) never become filter text.
 */
export function typedRunActions(input: string): KeyCommand[] {
	const out: KeyCommand[] = [];
	let text = '';
	const flush = (): void => {
		if (text !== '') out.push({type: 'type-filter', text});
		text = '';
	};
	for (const char of input) {
		const action = RUN_CONTROLS.get(char);
		if (action === undefined) {
			if (!/[\u0000-\u001F\u007F-\u009F]/.test(char)) text += char;
			continue;
		}
		flush();
		out.push(action);
		if (action.type === 'apply-filter' || action.type === 'quit') return out;
	}
	flush();
	return out;
}

const RUN_CONTROLS = new Map<string, KeyCommand>([
	['\r', {type: 'apply-filter'}],
	['\u007F', {type: 'erase-filter', what: 'char'}],
	['\b', {type: 'erase-filter', what: 'char'}],
	['\u0015', {type: 'erase-filter', what: 'all'}],
	['\u0003', {type: 'quit'}],
]);
