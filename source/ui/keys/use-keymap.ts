import {useCallback, useRef} from 'react';
import {useInput, useStdin, type Key} from 'ink';
import {actionsFor, textInputActions, type Keymap, type KeyCommand, type UiMode} from './keymap.js';

/** Where keys go: a screen's bindings, or the filter line as text. */
export type KeyTarget = UiMode | 'text';

/**
 * The app's only key listener: on a screen each key press becomes the action of its binding in
 * `keymap`; while the filter line is open (`target` 'text') keys are text and no binding fires.
 * Inactive when `active` is false (a screen over it has its own listener) or when stdin cannot enter raw mode (not a TTY), where Ink's useInput would throw.
 */
export function useKeymap(keymap: Keymap, target: KeyTarget, onAction: (action: KeyCommand) => void, active = true): void {
	const {isRawModeSupported} = useStdin();
	// The latest handler without re-subscribing to stdin on every render (the clock re-renders each second).
	const latest = useRef({keymap, target, onAction});
	latest.current = {keymap, target, onAction};
	const handler = useCallback((input: string, key: Key) => {
		const current = latest.current;
		const actions =
			current.target === 'text' ? textInputActions(input, key) : actionsFor(current.keymap, input, key, current.target);
		for (const action of actions) {
			latest.current.onAction(action);
			// Keys that arrive before the next render must already go to (or leave) the filter line.
			if (action.type === 'open-filter') latest.current = {...latest.current, target: 'text'};
			if (action.type === 'apply-filter' || action.type === 'cancel-filter') {
				latest.current = {...latest.current, target: 'list'};
			}
		}
	}, []);
	useInput(handler, {isActive: active && isRawModeSupported === true});
}
