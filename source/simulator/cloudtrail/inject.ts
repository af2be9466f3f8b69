/**
 * Events added on purpose: test injections (SimTrailEventInput) and the demo story, a few suspicious
 * calls just before start-up so the first screen has something to investigate.
 */

import {injectedIdentity} from './identities.js';
import {IOT_SOURCE, IOT_TEMPLATES} from './iot-events.js';
import {DEMO_CYCLE_MS, DEMO_LEAD_MS} from '../incidents.js';
import {certificateId, type Kind} from './names.js';
import {TAG, hash32, makeRng, uuid} from './random.js';
import {composeEvent, recordJson, type EventSpec} from './record.js';
import type {SimEvent, SimTrailEventInput, TrailContext} from './types.js';

/** Converts an injected event; `ordinal` makes its default EventId unique and deterministic. */
export function fromInput(ctx: TrailContext, input: SimTrailEventInput, ordinal: number): SimEvent {
	if (!Number.isFinite(input.eventTime)) throw new Error('injectEvents: eventTime must be epoch ms');
	const deliveredAt = input.deliveredAt ?? input.eventTime + (ctx.deliveryDelayMs ?? 0);
	if (!Number.isFinite(deliveredAt)) throw new Error('injectEvents: deliveredAt must be epoch ms');
	const rng = makeRng(hash32(ctx.seed, TAG.inject, ordinal));
	const eventId = input.eventId ?? uuid(rng);
	const requestId = uuid(rng);
	const type = input.identityType ?? 'IAMUser';
	const username = input.username ?? (type === 'AWSService' ? null : 'test-user');
	const accessKeyId = input.accessKeyId ?? (type === 'AWSService' ? null : 'AKIAIOSFODNN7EXAMPLE');
	const eventSource = input.eventSource ?? IOT_SOURCE;
	const readOnly = input.readOnly ?? false;
	const resources = input.resources ?? [];
	const errorCode = input.errorCode ?? null;
	const byService = type === 'AWSService';
	const raw = (): string =>
		input.raw ??
		recordJson(ctx, {
			identity: injectedIdentity(ctx, type, username, accessKeyId),
			eventTime: input.eventTime,
			eventSource,
			eventName: input.eventName,
			sourceIp: input.sourceIp ?? (byService ? eventSource : '192.0.2.1'),
			userAgent: byService ? eventSource : 'aws-cli/2.15.30',
			errorCode,
			errorMessage: errorCode === null ? null : `${errorCode} (injected)`,
			request: input.request ?? null,
			response: input.response ?? null,
			requestId,
			eventId,
			readOnly,
			resources: resources.map(resource => ({accountId: ctx.accountId, type: resource.type, ARN: resource.name})),
			eventType: 'AwsApiCall',
			byService,
			fromConsole: false,
		});
	return {
		eventId,
		eventTime: input.eventTime,
		deliveredAt,
		eventName: input.eventName,
		eventSource,
		readOnly,
		username: byService && input.username === undefined ? null : username,
		accessKeyId,
		resources,
		generated: false,
		raw,
	};
}

/** The template of a call on these kinds of resource (a job to a thing group, not to one thing). */
function template(name: string, kinds: readonly Kind[]) {
	const found = IOT_TEMPLATES.find(candidate => candidate.name === name && candidate.kinds.join() === kinds.join());
	if (!found) throw new Error(`story: no template ${name} (${kinds.join(', ')})`);
	return found;
}

/** Demo cycles the story is written for: four hours of a demo left running. */
const STORY_CYCLES = 12;

/**
 * The demo story: each demo cycle's incidents (source/simulator/incidents.ts) follow a change that
 * explains them, so "what changed before?" has an answer. Per cycle, with b the cycle's start (the
 * publish drop begins at b):
 * - b - 2 min: the deploy role sets a new default policy version of FleetTelemetryPolicy -> publishes
 *   are refused (the publish drop, b .. b+7). In the first cycle it is delivered late (after start-up),
 *   so the "late" marker shows too.
 * - b + 1 min: the deploy role detaches DeviceDefaultPolicy; b + 3 min: bob's DeleteThing is denied, from
 *   an address nobody uses.
 * - b + 8 min: the deploy role starts a firmware job on a fleet group -> devices reboot and reconnect
 *   (the connect storm, b+10 .. b+13).
 * - b + 13 min: an admin session revokes a certificate -> its devices fail to authenticate (the
 *   auth-error burst, b+15 .. b+18).
 */
export function storyEvents(ctx: TrailContext, startedAt: number): SimEvent[] {
	const first = Math.floor((startedAt - DEMO_LEAD_MS) / 1000) * 1000;
	const events: SimEvent[] = [];
	for (let cycle = 0; cycle < STORY_CYCLES; cycle++) {
		const b = first + cycle * DEMO_CYCLE_MS;
		const at = (m: number): number => b + m * 60_000;
		const cert = certificateId(ctx, 7 + cycle);
		const scripted = (n: number, spec: Omit<EventSpec, 'key'>): SimEvent =>
			composeEvent(ctx, {...spec, key: [-(cycle * 10 + n), TAG.story]});
		events.push(
			scripted(1, {
				eventTime: at(-2),
				deliveredAt: cycle === 0 ? startedAt + 105_000 : at(-1.25),
				template: template('SetDefaultPolicyVersion', ['policy', 'version']),
				actor: 'deploy-role',
				names: {policy: 'FleetTelemetryPolicy', version: String(7 + cycle)},
				force: {errorCode: null},
			}),
			scripted(2, {
				eventTime: at(1) - 10_000,
				deliveredAt: at(1.5),
				template: template('DetachPolicy', ['policy', 'cert']),
				actor: 'deploy-role',
				names: {policy: 'DeviceDefaultPolicy', cert},
				force: {errorCode: null},
			}),
			scripted(3, {
				eventTime: at(3),
				deliveredAt: at(3.75),
				template: template('DeleteThing', ['thing']),
				actor: 'bob',
				names: {thing: 'gateway-0007'},
				force: {errorCode: 'AccessDenied', sourceIp: '203.0.113.250'},
			}),
			scripted(4, {
				eventTime: at(8),
				deliveredAt: at(8.6),
				template: template('CreateJob', ['job', 'group']),
				actor: 'deploy-role',
				names: {job: `firmware-rollout-${41 + cycle}`, group: 'fleet-us-east'},
				force: {errorCode: null},
			}),
			scripted(5, {
				eventTime: at(13),
				deliveredAt: at(13.75),
				template: template('UpdateCertificate', ['cert']),
				actor: 'ops-admin',
				names: {cert},
				force: {request: {certificateId: cert, newStatus: 'REVOKED'}, errorCode: null},
			}),
		);
	}
	return events;
}
