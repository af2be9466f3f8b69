/**
 * Incidents the synthetic fleet lives through: a repeating demo schedule anchored at the simulator's
 * start, a few historical incidents over the last 15 days, and whatever tests or users inject.
 */
import {hash, unit} from './random.js';

export type IncidentKind = 'publish-drop' | 'connect-storm' | 'auth-error-burst';

/** An incident between `start` and `end` (epoch ms). `magnitude` scales the effect; 1 is the default. */
export type Incident = {
	readonly kind: IncidentKind;
	readonly start: number;
	readonly end: number;
	readonly magnitude?: number;
};

/** How much of a time span one incident covers, with its magnitude. */
export type IncidentOverlap = {readonly kind: IncidentKind; readonly fraction: number; readonly magnitude: number};

export const INCIDENT_KINDS: readonly IncidentKind[] = ['publish-drop', 'connect-storm', 'auth-error-burst'];

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The demo cycle: 20 minutes, three incidents with quiet stretches between them. */
export const DEMO_CYCLE_MS = 20 * MINUTE;
/** The first demo publish drop starts this long before startedAt, so its effect is settled data at once. */
export const DEMO_LEAD_MS = 6 * MINUTE;

const DEMO_SCHEDULE: ReadonlyArray<{kind: IncidentKind; from: number; to: number}> = [
	{kind: 'publish-drop', from: 0, to: 7 * MINUTE},
	{kind: 'connect-storm', from: 10 * MINUTE, to: 13 * MINUTE},
	{kind: 'auth-error-burst', from: 15 * MINUTE, to: 18 * MINUTE},
];

export type IncidentBook = {
	/** Adds an incident (absolute times). */
	add(incident: Incident): void;
	/** Incidents overlapping [from, to), each with the fraction of that span it covers. */
	overlapping(from: number, to: number): IncidentOverlap[];
	/** The historical and injected incidents (the demo cycle is infinite, so it is not listed). */
	listed(): readonly Incident[];
};

function overlap(from: number, to: number, start: number, end: number): number {
	const covered = Math.min(to, end) - Math.max(from, start);
	return covered > 0 ? covered / (to - from) : 0;
}

/**
 * Deterministic historical incidents: 5-7 of them between 15 days and 3 hours before startedAt,
 * 8-45 minutes long, so the 15 days of history are not suspiciously perfect.
 */
export function historicalIncidents(seed: number, startedAt: number): Incident[] {
	const count = 5 + (hash(seed, 0x1c1d) % 3);
	const earliest = startedAt - 15 * DAY + 60 * MINUTE;
	const latest = startedAt - 3 * 60 * MINUTE;
	const incidents: Incident[] = [];
	for (let i = 0; i < count; i++) {
		const start = Math.floor((earliest + unit(hash(seed, 0x1c1e, i)) * (latest - earliest)) / MINUTE) * MINUTE;
		const duration = (8 + (hash(seed, 0x1c1f, i) % 38)) * MINUTE;
		const kind = INCIDENT_KINDS[hash(seed, 0x1c20, i) % INCIDENT_KINDS.length] ?? 'publish-drop';
		const magnitude = 0.6 + 0.6 * unit(hash(seed, 0x1c21, i));
		incidents.push({kind, start, end: start + duration, magnitude});
	}
	return incidents.sort((a, b) => a.start - b.start);
}

/** Validates an incident from untrusted input (the HTTP control path); throws a readable Error. */
export function checkIncident(value: unknown): Incident {
	const input = (value ?? {}) as Record<string, unknown>;
	if (!INCIDENT_KINDS.includes(input['kind'] as IncidentKind)) {
		throw new Error(`kind must be one of ${INCIDENT_KINDS.join(', ')}`);
	}
	const start = input['start'];
	const end = input['end'];
	if (typeof start !== 'number' || typeof end !== 'number' || !(end > start)) {
		throw new Error('start and end must be epoch milliseconds with end > start');
	}
	const magnitude = input['magnitude'];
	if (magnitude !== undefined && (typeof magnitude !== 'number' || !(magnitude >= 0))) {
		throw new Error('magnitude must be a non-negative number');
	}
	return {kind: input['kind'] as IncidentKind, start, end, ...(magnitude === undefined ? {} : {magnitude})};
}

/**
 * Creates the incident book. Unless `quiet`, it holds the demo cycle (every 20 minutes from
 * startedAt - 6 min onwards, never before, so yesterday's baseline stays clean) and the historical set.
 */
export function createIncidentBook(options: {seed: number; startedAt: number; quiet: boolean}): IncidentBook {
	const extra: Incident[] = options.quiet ? [] : historicalIncidents(options.seed, options.startedAt);
	const demoStart = options.startedAt - DEMO_LEAD_MS;

	function demoOverlaps(from: number, to: number, into: IncidentOverlap[]): void {
		if (options.quiet || to <= demoStart) return;
		const first = Math.max(0, Math.floor((from - demoStart) / DEMO_CYCLE_MS));
		const last = Math.floor((to - 1 - demoStart) / DEMO_CYCLE_MS);
		for (let cycle = first; cycle <= last; cycle++) {
			const base = demoStart + cycle * DEMO_CYCLE_MS;
			for (const slot of DEMO_SCHEDULE) {
				const fraction = overlap(from, to, base + slot.from, base + slot.to);
				if (fraction > 0) into.push({kind: slot.kind, fraction, magnitude: 1});
			}
		}
	}

	return {
		add(incident) {
			extra.push(incident);
		},
		overlapping(from, to) {
			const found: IncidentOverlap[] = [];
			demoOverlaps(from, to, found);
			for (const incident of extra) {
				const fraction = overlap(from, to, incident.start, incident.end);
				if (fraction > 0) found.push({kind: incident.kind, fraction, magnitude: incident.magnitude ?? 1});
			}
			return found;
		},
		listed: () => [...extra],
	};
}
