/**
 * JSON for a terminal or a pipe: JSON.stringify already escapes C0 controls, but leaves DEL, C1 controls
 * (8-bit CSI/OSC), bidi overrides and line separators raw. Those can only occur inside strings, so
 * escaping them as \uXXXX keeps the output valid JSON with the same value.
 */
const UNSAFE = /[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

export function safeJsonStringify(value: unknown, indent?: number): string {
	return JSON.stringify(value, null, indent).replace(
		UNSAFE,
		char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}
