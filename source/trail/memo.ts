/**
 * A memo that keeps only the `size` most recently used results. For per-event work whose result is
 * large next to the event (a parsed record, an identity summary): the UI asks again for the same
 * screenful every frame, but keeping one result per event of a 50,000-event buffer would cost more
 * than the buffer itself.
 */
export function recentMemo<K, V>(size: number, compute: (key: K) => V): (key: K) => V {
	const kept = new Map<K, V>();
	return key => {
		if (kept.has(key)) {
			const value = kept.get(key) as V;
			kept.delete(key);
			kept.set(key, value); // most recently used last
			return value;
		}
		const value = compute(key);
		kept.set(key, value);
		if (kept.size > size) kept.delete(kept.keys().next().value as K);
		return value;
	};
}
