/** Shared fixtures for the pure event-logic tests. */
import type {TrailEvent} from '../../source/types.js';

export const NOW = Date.UTC(2024, 4, 1, 12, 3, 8);
export const ACCOUNT = '123456789012';

export function trailEvent(overrides: Partial<TrailEvent> = {}): TrailEvent {
	return {
		eventId: 'id-1',
		eventTime: NOW,
		eventName: 'CreateThing',
		eventSource: 'iot.amazonaws.com',
		username: 'alice',
		identityType: 'IAMUser',
		readOnly: false,
		errorCode: null,
		sourceIp: '198.51.100.4',
		awsRegion: 'us-east-1',
		resources: [],
		raw: '',
		late: false,
		...overrides,
	};
}

/** An event whose `raw` is `record` as JSON (with eventName/recipientAccountId defaults). */
export function withRecord(record: Record<string, unknown>, overrides: Partial<TrailEvent> = {}): TrailEvent {
	const full = {eventVersion: '1.11', eventName: overrides.eventName ?? 'CreateThing', recipientAccountId: ACCOUNT, ...record};
	return trailEvent({raw: JSON.stringify(full), ...overrides});
}

/** Characters that must never reach a terminal raw. */
export const UNSAFE_TERMINAL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;
