/**
 * Every key binding as data. The key hook, the footer and the `?` help are all generated from this
 * table, so the hints on screen can never drift from what the keys do.
 */
import type {Key} from 'ink';

/** What a key asks for. The App executes effects (quit, pause, refresh); the reducer handles the rest. */
export type KeymapAction =
	| {readonly type: 'quit-requested'}
	| {readonly type: 'scroll-requested'; readonly unit: 'row' | 'page' | 'end'; readonly direction: 1 | -1}
	| {readonly type: 'pause-toggle-requested'}
	| {readonly type: 'refresh-requested'}
	| {readonly type: 'help-toggled'}
	| {readonly type: 'help-closed'};

/** One binding. `keys` are names from `keyName` ('q', 'G', 'up', 'pagedown', 'ctrl+c', 'escape'). */
export type Binding = {
	readonly keys: readonly string[];
	/** How the key is shown in the footer and help. */
	readonly label: string;
	/** A word or two for the footer. */
	readonly description: string;
	/** The full sentence for the help overlay. */
	readonly help: string;
	/** Footer priority, 1 = dropped last when the line is too narrow; null = only in help. */
	readonly footer: number | null;
	readonly action: KeymapAction;
};

/** A whole set of bindings, in display order. */
export type Keymap = readonly Binding[];

/** The default bindings, in the order the footer and help show them. */
export const KEYMAP: Keymap = [
	{keys: ['q'], label: 'q', description: 'quit', help: 'quit and restore the terminal', footer: 1, action: {type: 'quit-requested'}},
	{keys: ['ctrl+c'], label: 'Ctrl-C', description: 'quit', help: 'quit, same as q', footer: null, action: {type: 'quit-requested'}},
	{keys: ['k', 'up'], label: 'k/↑', description: 'up', help: 'select the next newer event', footer: 2, action: {type: 'scroll-requested', unit: 'row', direction: -1}},
	{keys: ['j', 'down'], label: 'j/↓', description: 'down', help: 'select the next older event (stops following new ones)', footer: 2, action: {type: 'scroll-requested', unit: 'row', direction: 1}},
	{keys: ['pageup'], label: 'PgUp', description: 'page up', help: 'one page of newer events', footer: 4, action: {type: 'scroll-requested', unit: 'page', direction: -1}},
	{keys: ['pagedown'], label: 'PgDn', description: 'page down', help: 'one page of older events', footer: 4, action: {type: 'scroll-requested', unit: 'page', direction: 1}},
	{keys: ['g', 'home'], label: 'g', description: 'newest', help: 'jump to the newest event and follow new ones', footer: 5, action: {type: 'scroll-requested', unit: 'end', direction: -1}},
	{keys: ['G', 'end'], label: 'G', description: 'oldest', help: 'jump to the oldest event', footer: 5, action: {type: 'scroll-requested', unit: 'end', direction: 1}},
	{keys: ['p'], label: 'p', description: 'pause', help: 'pause or resume polling AWS (the screen keeps the last data)', footer: 3, action: {type: 'pause-toggle-requested'}},
	{keys: ['r'], label: 'r', description: 'refresh', help: 'poll metrics and CloudTrail now', footer: 3, action: {type: 'refresh-requested'}},
	{keys: ['?'], label: '?', description: 'help', help: 'show or hide this help', footer: 1, action: {type: 'help-toggled'}},
	{keys: ['escape'], label: 'Esc', description: 'close help', help: 'close this help', footer: null, action: {type: 'help-closed'}},
];

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

/** The binding for a key press, if any. */
export function findBinding(keymap: Keymap, input: string, key: Key): Binding | undefined {
	const name = keyName(input, key);
	return name === null ? undefined : keymap.find(binding => binding.keys.includes(name));
}

/** Longer runs of text are pastes, not typing: ignored whole. */
const MAX_TYPED_RUN = 32;

/**
 * The actions for one Ink input event. Ink passes a run of plain characters read together as one
 * string (fast typing or key repeat over SSH: "jjj"), so a short run becomes one action per
 * character; quit only ever comes from a key on its own, never from inside such a run or a paste.
 */
export function actionsFor(keymap: Keymap, input: string, key: Key): KeymapAction[] {
	const binding = findBinding(keymap, input, key);
	if (binding) return [binding.action];
	if (key.ctrl || key.meta || input.length < 2 || input.length > MAX_TYPED_RUN) return [];
	return [...input].flatMap(char => {
		const action = findBinding(keymap, char, {...key, shift: /[A-Z]/.test(char)})?.action;
		return action && action.type !== 'quit-requested' ? [action] : [];
	});
}
