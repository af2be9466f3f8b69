/** Parses "90s", "15m", "3h", "2d" (or a bare number of seconds) into milliseconds; null if invalid. */
export function parseDuration(text: string): number | null {
	const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/i.exec(text);
	if (!match) return null;
	const value = Number(match[1]);
	const unit = (match[2] ?? 's').toLowerCase();
	const scale = {ms: 1, s: 1000, m: 60_000, h: 3600_000, d: 86_400_000}[unit]!;
	const ms = value * scale;
	return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : null;
}
