/** Pure: the known name a mistyped one most likely meant ("regoin" -> "region"), or null when none is close. */

/** Levenshtein distance, with a swap of two neighbours counting as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
	const rows = a.length + 1;
	const cols = b.length + 1;
	const d: number[][] = Array.from({length: rows}, (_, i) => Array.from({length: cols}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
	for (let i = 1; i < rows; i++) {
		for (let j = 1; j < cols; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
			d[i]![j] = best;
		}
	}
	return d[a.length]![b.length]!;
}

/**
 * The closest of `known` to `typed`: a unique name that starts with it (at least 3 characters: "--end" for
 * "--endpoint-url"), else the nearest within a third of its length (at least 1, at most 3 edits); ties go to
 * the first in `known`. Case is ignored.
 */
export function suggest(typed: string, known: readonly string[]): string | null {
	const word = typed.toLowerCase();
	if (word.length === 0) return null;
	const prefixed = known.filter(name => name.toLowerCase().startsWith(word));
	if (word.length >= 3 && prefixed.length === 1) return prefixed[0]!;
	const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
	let best: string | null = null;
	let bestDistance = limit + 1;
	for (const name of known) {
		const distance = editDistance(word, name.toLowerCase());
		if (distance < bestDistance) {
			best = name;
			bestDistance = distance;
		}
	}
	return best;
}
