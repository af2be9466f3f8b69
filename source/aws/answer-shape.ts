/** Small readers for the shapes of AWS answers: what they accept is all a decoder may trust. */

export const isObject = (value: unknown): value is Record<string, unknown> =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

export const nonEmpty = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** A continuation token: text or nothing; anything else ends the paging and counts as skipped. */
export function tokenOf(value: unknown, count: () => void): string | undefined {
	if (typeof value === 'string' && value !== '') return value;
	if (value !== undefined && value !== null && value !== '') count();
	return undefined;
}

/**
 * The next page's token of a paged answer, or undefined at the end. A token of the wrong type, or one
 * seen before (which would page forever), ends the paging and is counted; `seen` remembers the tokens.
 */
export function nextPageToken(page: unknown, seen: Set<string>, count: () => void): string | undefined {
	const token = tokenOf(isObject(page) ? page['NextToken'] : undefined, count);
	if (token === undefined) return undefined;
	if (seen.has(token)) {
		count();
		return undefined;
	}
	seen.add(token);
	return token;
}
