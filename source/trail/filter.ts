/**
 * Event-log filters: free text, errors only, writes only, one user. Combinable (all must hold), pure,
 * and matched on sanitized text, so what matches is what the screen shows.
 */
import {sanitize} from '../text/sanitize.js';
import type {TrailEvent} from '../types.js';
import {identityLabel} from './identity.js';

/** The active filters; the empty filter matches everything. */
export type EventFilter = {
	/** Case-insensitive substring of event name, user, identity, source IP, error code or resource. */
	readonly text: string;
	readonly errorsOnly: boolean;
	/** Calls that are not known to be read-only (readOnly !== true). */
	readonly writesOnly: boolean;
	/** An identity label ("user alice") or LookupEvents username, matched exactly. */
	readonly user: string | null;
};

export const NO_FILTER: EventFilter = {text: '', errorsOnly: false, writesOnly: false, user: null};

/** Longest filter text kept (a paste cannot make every match slow). */
export const MAX_FILTER_TEXT = 200;

/** Filter text as typed, made safe and bounded: no controls, trimmed of nothing (spaces may matter). */
/** Cuts to MAX_FILTER_TEXT code units without splitting a surrogate pair. */
export function limitFilterText(text: string): string {
	return text.slice(0, MAX_FILTER_TEXT).replace(/[\uD800-\uDBFF]$/, '');
}

export function cleanFilterText(text: string): string {
	return limitFilterText(sanitize(text.replace(/[\u0000-\u001F\u007F-\u009F]/g, '')));
}

export function isFilterActive(filter: EventFilter): boolean {
	return filter.text.trim() !== '' || filter.errorsOnly || filter.writesOnly || filter.user !== null;
}

// Built once per event object: re-filtering 10,000 events on every keystroke must stay cheap.
const haystacks = new WeakMap<TrailEvent, string>();

/** Everything the free-text filter looks at, sanitized and lower-cased, '\n'-separated. */
function haystack(event: TrailEvent): string {
	const hit = haystacks.get(event);
	if (hit !== undefined) return hit;
	const resources = Array.isArray(event.resources) ? event.resources.slice(0, 50) : [];
	const parts = [
		event.eventName,
		event.username,
		identityLabel(event),
		event.sourceIp,
		event.errorCode,
		...resources.flatMap(resource => [resource?.name, resource?.type]),
	];
	const text = parts
		.filter((part): part is string => typeof part === 'string' && part.length > 0)
		.map(part => sanitize(part).toLowerCase())
		.join('\n');
	haystacks.set(event, text);
	return text;
}

/** Whether one event passes every active filter. */
export function matchesFilter(event: TrailEvent, filter: EventFilter): boolean {
	if (filter.errorsOnly && !(typeof event.errorCode === 'string' && event.errorCode.length > 0)) return false;
	if (filter.writesOnly && event.readOnly === true) return false;
	if (filter.user !== null && filter.user !== identityLabel(event) && filter.user !== sanitize(event.username)) {
		return false;
	}
	const needle = filter.text.trim().toLowerCase();
	return needle === '' || haystack(event).includes(needle);
}

const sameFilter = (a: EventFilter, b: EventFilter): boolean =>
	a.text === b.text && a.errorsOnly === b.errorsOnly && a.writesOnly === b.writesOnly && a.user === b.user;

// The last result per events array: the UI asks again for every key and every frame, with the same
// (immutable) snapshot array until new events arrive.
const lastResult = new WeakMap<readonly TrailEvent[], {readonly filter: EventFilter; readonly result: readonly TrailEvent[]}>();

/** The events that pass, in the same order; the same array when no filter is active. */
export function applyFilter(events: readonly TrailEvent[], filter: EventFilter): readonly TrailEvent[] {
	if (!isFilterActive(filter)) return events;
	const hit = lastResult.get(events);
	if (hit && sameFilter(hit.filter, filter)) return hit.result;
	const result = events.filter(event => matchesFilter(event, filter));
	lastResult.set(events, {filter, result});
	return result;
}

/**
 * How many events above `eventId` in `events` (newest first) pass the filter: the "N new" count while
 * the cursor is away from the top. 0 when the event is no longer there.
 */
export function countMatchingAbove(events: readonly TrailEvent[], eventId: string | null, filter: EventFilter): number {
	if (eventId === null) return 0;
	const active = isFilterActive(filter);
	let count = 0;
	for (const event of events) {
		if (event.eventId === eventId) return count;
		if (!active || matchesFilter(event, filter)) count++;
	}
	return 0;
}

/** The filter in words for titles: 'errors · writes · user alice · "deny"', or 'none' (`separator` between parts: '|' in ASCII). */
export function describeFilter(filter: EventFilter, separator = '·'): string {
	const parts: string[] = [];
	if (filter.errorsOnly) parts.push('errors');
	if (filter.writesOnly) parts.push('writes');
	if (filter.user !== null) parts.push(sanitize(filter.user));
	if (filter.text.trim() !== '') parts.push(`"${sanitize(filter.text.trim())}"`);
	return parts.length === 0 ? 'none' : parts.join(` ${separator} `);
}
