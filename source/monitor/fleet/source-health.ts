import type {SourceHealth} from '../../types.js';

/** A scope's view of one source of its region: its state (null: not covered), error, calls of the last minute. */
export function sourceHealth(
	state: {readonly lastSuccess: number | null; readonly lastAttempt: number | null; readonly throttled: boolean} | null,
	error: string | null,
	callsLastMinute: number,
	intervalMs: number,
): SourceHealth {
	return {
		lastSuccess: state?.lastSuccess ?? null,
		lastAttempt: state?.lastAttempt ?? null,
		error,
		throttled: state?.throttled ?? false,
		callsLastMinute,
		throttlesLastMinute: 0,
		intervalMs,
	};
}
