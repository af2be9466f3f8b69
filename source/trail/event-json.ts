/**
 * Pure: the public JSON shape of one event, shared by `--once --json`, `tail --json` and the export, so
 * they never drift apart. Values are as received; the writers make them terminal-safe.
 */
import type {TrailEvent} from '../types.js';

const iso = (ms: number): string | null => (Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : null);

export function eventToJson(event: TrailEvent) {
	return {
		eventId: event.eventId,
		eventTime: iso(event.eventTime),
		eventName: event.eventName,
		eventSource: event.eventSource,
		username: event.username,
		identityType: event.identityType,
		readOnly: event.readOnly,
		errorCode: event.errorCode,
		sourceIp: event.sourceIp,
	};
}

/** The event shape plus whether Event History delivered it late (tail and export). */
export function eventToJsonWithLate(event: TrailEvent) {
	return {...eventToJson(event), late: event.late === true};
}
