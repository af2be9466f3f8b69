/** A user error: printed as one line; exit code 2, or 3 (UNKNOWN) under --once (source/cli/entry.ts). */
export class UsageError extends Error {
	override name = 'UsageError';
}
