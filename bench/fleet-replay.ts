/**
 * Replays the embedded endpoint's synthetic fleet through the monitor's Judge (the same class and
 * DEFAULT_RULES the monitor uses) and prints what an on-call engineer would have been paged for.
 * The series come from the simulator's own fleet code (source/simulator/fleet.ts: what the endpoint's
 * GetMetricData serves, summed over dimension sets as the monitor sums them), not over HTTP: 7 days x
 * all metrics x 5 seeds through the endpoint would take far longer than the judging itself.
 *
 * - quiet fleet (no incidents): 14 days of history learned (as the monitor does), then 7 judged days: flags per metric-week
 *   (target <= 1);
 * - incident fleet: the same, with one incident of each kind planted per judged day at varied hours:
 *   for every metric the incident moves, settled minutes from the incident's start to the flag (target
 *   <= 2), flags raised during it (target 1) and the rank in `W` (suspectsFor, source/trail/suspects.ts,
 *   with the flag's onset) of the change planted 2 minutes before it (plantedCause: as CloudTrail records
 *   it, request parameters included; for auth-error bursts each of AUTH_CAUSES in turn) among the
 *   simulated CloudTrail's background events (target: first).
 *
 *   npm run bench:fleet-replay [-- --seeds 1,2,3,4,5 --days 7]
 */
import {createHash} from 'node:crypto';
import {performance} from 'node:perf_hooks';
import {resolve} from 'node:path';
import {Judge} from '../source/baseline/judge.js';
import {DEFAULT_RULES} from '../source/baseline/severity.js';
import {findMetric} from '../source/iot/catalog.js';
import {createFleet} from '../source/simulator/fleet.js';
import {createIncidentBook, INCIDENT_KINDS, type Incident, type IncidentKind} from '../source/simulator/incidents.js';
import {createCloudTrailService} from '../source/simulator/cloudtrail/service.js';
import type {SimTrailEventInput} from '../source/simulator/cloudtrail/types.js';
import {decodeEvent} from '../source/aws/trail.js';
import {suspectsFor, SUSPECT_WINDOW_MS} from '../source/trail/suspects.js';
import type {TrailEvent} from '../source/types.js';
import type {Event} from '@aws-sdk/client-cloudtrail';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
/** A Monday, minute-aligned. */
export const REPLAY_START = Date.UTC(2026, 10, 2);

export type ReplayResult = {
	/** Rises per metric over the judged days. */
	flags: Map<string, number>;
	/** Per planted incident and affected metric: minutes from start to the first rise (null: never), rises during it. */
	incidents: Array<{kind: IncidentKind; cause: string; start: number; metric: string; minutes: number | null; rises: number; rank: number | null; suspects: number}>;
};

const ARN = 'arn:aws:iot:us-east-1:123456789012';
/** A deterministic 64-hex-digit certificate id (what CloudTrail records as certificateId). */
const certId = (seed: string): string => createHash('sha256').update(seed).digest('hex');

/**
 * What can cause an auth-error burst (Connect.AuthError, PublishIn.AuthError and Subscribe.AuthError
 * rising together, as the simulator's auth-error-burst does), one per judged day in turn: a device
 * certificate revoked (a security response) or deactivated, the CA that signed the fleet's certificates
 * deactivated, the fleet policy narrowed (a new default version), the fleet policy detached from a thing
 * group, the custom authorizer pointed at a new function. Each is recorded as CloudTrail records it, with
 * its request parameters.
 */
export const AUTH_CAUSES = ['certificate-revoked', 'ca-deactivated', 'policy-narrowed', 'policy-detached-from-group', 'authorizer-changed', 'certificate-deactivated'] as const;
export type AuthCause = (typeof AUTH_CAUSES)[number];

/** The cause planted before the auth-error burst of the incident at `index` (one per day: the day's turn). */
export function authCauseOf(index: number): AuthCause {
	return AUTH_CAUSES[Math.floor(index / INCIDENT_KINDS.length) % AUTH_CAUSES.length]!;
}

/**
 * The change planted 2 minutes before each incident, as CloudTrail records it (request parameters
 * included), as the demo story does (source/simulator/cloudtrail/inject.ts): a new default version of the
 * fleet policy before a publish drop, a firmware job to a thing group before a connect storm, and before
 * an auth-error burst one of AUTH_CAUSES. Its EventId names the incident.
 */
export function plantedCause(incident: Incident, index: number): SimTrailEventInput {
	const at = incident.start - 2 * MINUTE;
	const common = {eventTime: at, deliveredAt: at + 30_000, identityType: 'AssumedRole' as const, eventId: `planted-${index}`};
	const policy = {type: 'AWS::IoT::Policy', name: 'FleetTelemetryPolicy'};
	if (incident.kind === 'publish-drop') {
		const version = String(8 + index);
		return {...common, eventName: 'SetDefaultPolicyVersion', username: 'deploy-role', resources: [policy], request: {policyName: 'FleetTelemetryPolicy', policyVersionId: version}};
	}
	if (incident.kind === 'connect-storm') {
		const jobId = `firmware-rollout-${index}`;
		return {
			...common,
			eventName: 'CreateJob',
			username: 'deploy-role',
			resources: [{type: 'AWS::IoT::Job', name: jobId}],
			request: {jobId, targets: [`${ARN}:thinggroup/fleet-us-east`], documentSource: `https://firmware-builds.s3.amazonaws.com/jobs/${jobId}.json`, targetSelection: 'SNAPSHOT'},
			response: {jobArn: `${ARN}:job/${jobId}`, jobId},
		};
	}
	const cert = certId(`planted-${index}`);
	switch (authCauseOf(index)) {
		case 'certificate-revoked':
		case 'certificate-deactivated': {
			const newStatus = authCauseOf(index) === 'certificate-revoked' ? 'REVOKED' : 'INACTIVE';
			return {...common, eventName: 'UpdateCertificate', username: 'ops-admin', resources: [{type: 'AWS::IoT::Certificate', name: cert}], request: {certificateId: cert, newStatus}};
		}
		case 'ca-deactivated':
			return {...common, eventName: 'UpdateCACertificate', username: 'ops-admin', resources: [{type: 'AWS::IoT::CACertificate', name: cert}], request: {certificateId: cert, newStatus: 'INACTIVE'}};
		case 'policy-narrowed':
			return {...common, eventName: 'SetDefaultPolicyVersion', username: 'deploy-role', resources: [policy], request: {policyName: 'FleetTelemetryPolicy', policyVersionId: String(8 + index)}};
		case 'policy-detached-from-group':
			return {...common, eventName: 'DetachPolicy', username: 'deploy-role', resources: [policy], request: {policyName: 'FleetTelemetryPolicy', target: `${ARN}:thinggroup/fleet-eu-west`}};
		case 'authorizer-changed':
			return {
				...common,
				eventName: 'UpdateAuthorizer',
				username: 'deploy-role',
				resources: [{type: 'AWS::IoT::Authorizer', name: 'fleet-token-authorizer'}],
				request: {authorizerName: 'fleet-token-authorizer', authorizerFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:fleet-token-auth:${index}`},
			};
	}
}

/** The simulated CloudTrail's events of [from, to) as the app decodes them (LookupEvents, every page). */
function trailEvents(handle: ReturnType<typeof createCloudTrailService>['handle'], from: number, to: number, now: number): TrailEvent[] {
	const out: TrailEvent[] = [];
	let token: string | undefined;
	do {
		const page = handle('LookupEvents', {StartTime: from / 1000, EndTime: to / 1000, MaxResults: 50, ...(token ? {NextToken: token} : {})}, now) as {Events: Array<Record<string, unknown>>; NextToken?: string};
		for (const wire of page.Events) {
			const event = decodeEvent({...wire, EventTime: new Date((wire['EventTime'] as number) * 1000)} as Event);
			if (event) out.push(event);
		}
		token = page.NextToken;
	} while (token);
	return out;
}

/** The planted incidents: one of each kind per judged day, 20-40 minutes long, at hours that vary by day. */
export function plantedIncidents(days: number, historyDays: number): Incident[] {
	const out: Incident[] = [];
	for (let d = 0; d < days; d++) {
		INCIDENT_KINDS.forEach((kind, k) => {
			const start = REPLAY_START + (historyDays + d) * DAY + ((3 + 7 * k + 5 * d) % 24) * 60 * MINUTE;
			out.push({kind, start, end: start + (20 + 10 * ((d + k) % 3)) * MINUTE});
		});
	}
	return out;
}

/** Replays one seed; `incidents` empty for the quiet fleet. */
export function replay(seed: number, options: {days: number; historyDays: number; incidents: readonly Incident[]}): ReplayResult {
	const book = createIncidentBook({seed, startedAt: REPLAY_START + (options.historyDays + options.days) * DAY, quiet: true});
	for (const incident of options.incidents) book.add(incident);
	const fleet = createFleet({seed, incidents: book});
	const byMetric = new Map<string, typeof fleet.series[number][]>();
	for (const series of fleet.series) {
		if (!findMetric(series.metricName)) continue; // per-rule TopicMatch/Success are not monitored metrics
		byMetric.set(series.metricName, [...(byMetric.get(series.metricName) ?? []), series]);
	}
	const judgedFrom = REPLAY_START + options.historyDays * DAY;
	const end = judgedFrom + options.days * DAY;
	const result: ReplayResult = {flags: new Map(), incidents: []};
	const trail = createCloudTrailService({seed, now: () => end, startedAt: end, quiet: true});
	trail.injectEvents(options.incidents.map(plantedCause));
	const cause = new Map(options.incidents.map((incident, i) => [incident, `planted-${i}`]));
	const causeName = new Map(options.incidents.map((incident, i) => [incident, incident.kind === 'auth-error-burst' ? authCauseOf(i) : plantedCause(incident, i).eventName]));
	for (const [metric, parts] of byMetric) {
		const judge = new Judge({stepMs: MINUTE, bad: findMetric(metric)!.bad, rules: DEFAULT_RULES});
		const rises: number[] = [];
		for (let t = REPLAY_START; t < end; t += MINUTE) {
			let v = 0;
			for (const part of parts) v += fleet.minute(part, t)?.sum ?? 0;
			if (judge.update(t, v).rose && t >= judgedFrom) rises.push(t);
		}
		const effects = new Set(parts.flatMap(p => Object.keys(p.effects)));
		const during = (i: Incident, t: number) => t >= i.start && t < i.end + 5 * MINUTE;
		let inIncidents = 0;
		for (const incident of options.incidents) {
			if (!effects.has(incident.kind)) continue;
			const mine = rises.filter(t => during(incident, t));
			inIncidents += mine.length;
			// W for this flag: the public ranking, with the flag's onset (the minute it rose).
			let rank: number | null = null;
			let suspects = 0;
			if (mine.length > 0) {
				const onset = mine[0]!;
				const ranked = suspectsFor(trailEvents(trail.handle, onset - SUSPECT_WINDOW_MS, onset + 2 * MINUTE, end), {metric, onset});
				suspects = ranked.length;
				const at = ranked.findIndex(s => s.event.eventId === cause.get(incident));
				rank = at >= 0 ? at + 1 : null;
			}
			result.incidents.push({kind: incident.kind, cause: causeName.get(incident)!, start: incident.start, metric, minutes: mine.length ? (mine[0]! - incident.start) / MINUTE : null, rises: mine.length, rank, suspects});
		}
		// Flags outside every incident this metric reacts to are false alarms.
		result.flags.set(metric, rises.length - inIncidents);
	}
	return result;
}

function main(): void {
	const argv = process.argv.slice(2);
	const arg = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
	const seeds = (arg('--seeds') ?? '1,2,3,4,5').split(',').map(Number);
	const days = Number(arg('--days') ?? 7);
	const historyDays = 14; // what the monitor learns at start-up (the simulator keeps 15 days)
	const started = performance.now();
	for (const quiet of [true, false]) {
		console.log(quiet ? `quiet fleet: false flags per metric over ${days} judged days (after ${historyDays} days of history)` : `\nincident fleet: one incident of each kind per judged day`);
		const totals = new Map<string, number[]>();
		const incidents: ReplayResult['incidents'] = [];
		for (const seed of seeds) {
			const r = replay(seed, {days, historyDays, incidents: quiet ? [] : plantedIncidents(days, historyDays)});
			for (const [metric, n] of r.flags) totals.set(metric, [...(totals.get(metric) ?? []), n]);
			incidents.push(...r.incidents);
		}
		const weeks = days / 7;
		let worst = 0;
		for (const [metric, counts] of totals) {
			const perWeek = counts.reduce((a, b) => a + b, 0) / counts.length / weeks;
			worst = Math.max(worst, perWeek);
			console.log(`  ${metric.padEnd(28)} ${perWeek.toFixed(2).padStart(6)} flags/metric-week  (seeds: ${counts.join(' ')})`);
		}
		console.log(`  worst metric: ${worst.toFixed(2)} flags per metric-week (target <= 1)`);
		if (!quiet) {
			for (const kind of INCIDENT_KINDS) {
				const mine = incidents.filter(i => i.kind === kind);
				const found = mine.filter(i => i.minutes !== null);
				const minutes = found.map(i => i.minutes!).sort((a, b) => a - b);
				const median = minutes[Math.floor(minutes.length / 2)] ?? NaN;
				const byMetric = [...new Set(mine.map(i => i.metric))].map(m => {
					const rows = mine.filter(i => i.metric === m);
					const hit = rows.filter(i => i.minutes !== null);
					const ranks = hit.map(i => (i.rank === null ? '-' : String(i.rank)));
					return `${m} ${hit.length}/${rows.length} (max ${Math.max(...hit.map(i => i.minutes!), 0)} min, ${rows.reduce((a, i) => a + i.rises, 0)} flags); planted cause rank in W: ${ranks.join(' ')}`;
				});
				const first = found.filter(i => i.rank === 1).length;
				console.log(`  ${kind}: flagged ${found.length}/${mine.length}, minutes start->flag median ${median}, max ${minutes.at(-1) ?? NaN}; one flag each: ${mine.every(i => i.rises <= 1) ? 'yes' : 'no'}; planted cause first in W: ${first}/${found.length}`);
				for (const line of byMetric) console.log(`    ${line}`);
				const causes = [...new Set(mine.map(i => i.cause))];
				if (causes.length > 1) {
					for (const c of causes) {
						const rows = found.filter(i => i.cause === c);
						const perMetric = [...new Set(rows.map(i => i.metric))].map(m => `${m} ${rows.filter(i => i.metric === m && i.rank === 1).length}/${rows.filter(i => i.metric === m).length}`);
						console.log(`    cause ${c}: first ${rows.filter(i => i.rank === 1).length}/${rows.length} (${perMetric.join(', ')}); ranks ${rows.map(i => i.rank ?? '-').join(' ')}`);
					}
				}
			}
		}
	}
	console.log(`\n${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.dirname, 'fleet-replay.ts')) main();
