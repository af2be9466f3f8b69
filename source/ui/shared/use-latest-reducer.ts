import {useCallback, useReducer, useRef, type Dispatch} from 'react';

/**
 * useReducer, plus the state as of the last action dispatched, before React renders it. Keys read in
 * one burst ("ex": errors filter, then export) run one after another before the next render; an effect
 * such as `x` must act on the state the keys before it left, which is what the next frame shows.
 * Safe because the reducer is pure: applying it here and in React gives the same state.
 */
export function useLatestReducer<S, A>(reducer: (state: S, action: A) => S, initial: S): [S, Dispatch<A>, () => S] {
	const [state, dispatchToReact] = useReducer(reducer, initial);
	const latest = useRef(state);
	const rendered = useRef(state);
	if (rendered.current !== state) {
		// A new render has applied the queued actions: it is the latest again.
		rendered.current = state;
		latest.current = state;
	}
	const dispatch = useCallback(
		(action: A) => {
			latest.current = reducer(latest.current, action);
			dispatchToReact(action);
		},
		[reducer],
	);
	const read = useCallback(() => latest.current, []);
	return [state, dispatch, read];
}
