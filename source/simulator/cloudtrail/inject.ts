/**
 * Events added on purpose: test injections (SimTrailEventInput) and the demo story, a few suspicious
 * calls just before start-up so the first screen has something to investigate.
 */

import {injectedIdentity} from './identities.js';
import {IOT_SOURCE, IOT_TEMPLATES} from './iot-events.js';
import {certificateId} from './names.js';
import {TAG, hash32, makeRng, uuid} from './random.js';
import {composeEvent, recordJson, type EventSpec} from './record.js';
import type {SimEvent, SimTrailEventInput, TrailContext} from './types.js';

/** Converts an injected event; `ordinal` makes its default EventId unique and deterministic. */
export function fromInput(ctx: TrailContext, input: SimTrailEventInput, ordinal: number): SimEvent {
	if (!Number.isFinite(input.eventTime)) throw new Error('injectEvents: eventTime must be epoch ms');
	const deliveredAt = input.deliveredAt ?? input.eventTime;
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
			request: null,
			response: null,
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

function template(name: string) {
	const found = IOT_TEMPLATES.find(candidate => candidate.name === name);
	if (!found) throw new Error(`story: no template ${name}`);
	return found;
}

/**
 * The demo story, relative to start-up: a certificate revoked by an admin session, a policy detached
 * by the deploy role, an AccessDenied DeleteThing from an address nobody uses, and a policy-version
 * change that is delivered late (after start-up) so the "late" marker shows up too.
 */
export function storyEvents(ctx: TrailContext, startedAt: number): SimEvent[] {
	const base = Math.floor(startedAt / 1000) * 1000;
	const cert = certificateId(ctx, 7);
	const minutes = (m: number): number => base + m * 60_000;
	const scripted = (n: number, spec: Omit<EventSpec, 'key'>): SimEvent =>
		composeEvent(ctx, {...spec, key: [-n, TAG.story]});
	return [
		scripted(1, {
			eventTime: minutes(-7),
			deliveredAt: minutes(-6.25),
			template: template('UpdateCertificate'),
			actor: 'ops-admin',
			names: {cert},
			force: {request: {certificateId: cert, newStatus: 'REVOKED'}, errorCode: null},
		}),
		scripted(2, {
			eventTime: minutes(-5) - 10_000,
			deliveredAt: minutes(-4.5),
			template: template('DetachPolicy'),
			actor: 'deploy-role',
			names: {policy: 'DeviceDefaultPolicy', cert},
			force: {errorCode: null},
		}),
		scripted(3, {
			eventTime: minutes(-4),
			deliveredAt: minutes(1.75),
			template: template('SetDefaultPolicyVersion'),
			actor: 'deploy-role',
			names: {policy: 'FleetTelemetryPolicy', version: '7'},
			force: {errorCode: null},
		}),
		scripted(4, {
			eventTime: minutes(-3),
			deliveredAt: minutes(-2.25),
			template: template('DeleteThing'),
			actor: 'bob',
			names: {thing: 'gateway-0007'},
			force: {errorCode: 'AccessDenied', sourceIp: '203.0.113.250'},
		}),
	];
}
