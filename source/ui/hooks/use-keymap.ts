import {useCallback, useRef} from 'react';
import {useInput, useStdin, type Key} from 'ink';
import {actionsFor, type Keymap, type KeymapAction} from '../keymap.js';

/**
 * The app's only key listener: each key press becomes the action of its binding in `keymap`.
 * Inactive when stdin cannot enter raw mode (not a TTY), where Ink's useInput would throw.
 */
export function useKeymap(keymap: Keymap, onAction: (action: KeymapAction) => void): void {
	const {isRawModeSupported} = useStdin();
	// The latest handler without re-subscribing to stdin on every render (the clock re-renders each second).
	const latest = useRef({keymap, onAction});
	latest.current = {keymap, onAction};
	const handler = useCallback((input: string, key: Key) => {
		for (const action of actionsFor(latest.current.keymap, input, key)) latest.current.onAction(action);
	}, []);
	useInput(handler, {isActive: isRawModeSupported === true});
}
