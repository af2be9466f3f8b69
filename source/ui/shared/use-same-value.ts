import {useRef} from 'react';

/**
 * `value`, or the value returned last time when `same` says the two are equal: a new object equal to the
 * last one keeps the old reference, so memoised components and memos keyed on it do not run again.
 */
export function useSameValue<T>(value: T, same: (a: T, b: T) => boolean): T {
	const last = useRef(value);
	if (last.current !== value && !same(last.current, value)) last.current = value;
	return last.current;
}
