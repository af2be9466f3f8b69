/**
 * Turns an event spec (template, caller, names, times) into a SimEvent whose CloudTrailEvent record
 * is assembled lazily, in the camelCase shape real records have (eventVersion 1.11, aws-facts §3.4).
 */

import {callerAt, isConsoleActor, originOf, userIdentity, type ActorKey, type Caller} from './identities.js';
import type {EventTemplate} from './iot-events.js';
import {arnOf, pickNames, recordResources, resourcesOf, type Kind, type Names} from './names.js';
import {BROWSER_AGENT} from './other-events.js';
import {TAG, hash32, makeRng, pickOne, uuid, type Rng} from './random.js';
import type {SimEvent, SimResource, TrailContext} from './types.js';

/** Share of calls that fail (AccessDenied, ResourceNotFoundException, ...). */
export const FAILURE_RATE = 0.05;

/** Everything that determines one event. */
export type EventSpec = {
	readonly eventTime: number;
	readonly deliveredAt: number;
	readonly template: EventTemplate;
	readonly actor: ActorKey;
	/** Identifies the event ([slot, index] for generated ones): its id, names and details hash from it. */
	readonly key: readonly [number, number];
	/** Scripted events fix these; otherwise they are derived from `key` when first needed. */
	readonly eventId?: string;
	readonly names?: Names;
	/** Fixed details for scripted events (the demo story). */
	readonly force?: {
		readonly request?: Record<string, unknown>;
		/** null forces success. */
		readonly errorCode?: string | null;
		readonly sourceIp?: string;
	};
};

/** ISO-8601 UTC as CloudTrail writes it: whole seconds without a fraction. */
export function isoTime(ms: number): string {
	return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** The fields every record has, in the order real records list them. */
export type RecordFields = {
	readonly identity: Record<string, unknown>;
	readonly eventTime: number;
	readonly eventSource: string;
	readonly eventName: string;
	readonly sourceIp: string;
	readonly userAgent: string;
	readonly errorCode: string | null;
	readonly errorMessage: string | null;
	readonly request: Record<string, unknown> | null;
	readonly response: Record<string, unknown> | null;
	readonly additional?: Record<string, unknown>;
	readonly requestId: string;
	readonly eventId: string;
	readonly readOnly: boolean;
	readonly resources: readonly Record<string, string>[];
	readonly eventType: string;
	readonly byService: boolean;
	readonly fromConsole: boolean;
};

/** Serialises one record as the CloudTrailEvent string. */
export function recordJson(ctx: TrailContext, f: RecordFields): string {
	const record: Record<string, unknown> = {
		eventVersion: '1.11',
		userIdentity: f.identity,
		eventTime: isoTime(f.eventTime),
		eventSource: f.eventSource,
		eventName: f.eventName,
		awsRegion: ctx.region,
		sourceIPAddress: f.sourceIp,
		userAgent: f.userAgent,
	};
	if (f.errorCode !== null) {
		record['errorCode'] = f.errorCode;
		record['errorMessage'] = f.errorMessage ?? '';
	}
	record['requestParameters'] = f.request;
	record['responseElements'] = f.errorCode === null ? f.response : null;
	if (f.additional) record['additionalEventData'] = f.additional;
	record['requestID'] = f.requestId;
	record['eventID'] = f.eventId;
	record['readOnly'] = f.readOnly;
	if (f.resources.length > 0) record['resources'] = f.resources;
	record['eventType'] = f.eventType;
	record['managementEvent'] = true;
	record['recipientAccountId'] = ctx.accountId;
	record['eventCategory'] = 'Management';
	if (!f.byService) {
		const host = `${f.eventSource.replace('.amazonaws.com', '')}.${ctx.region}.amazonaws.com`;
		record['tlsDetails'] = {tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: host};
	}
	if (f.fromConsole) record['sessionCredentialFromConsole'] = 'true';
	return JSON.stringify(record);
}

function pickError(rng: Rng, template: EventTemplate): string {
	if (template.source !== 'iot.amazonaws.com') return 'AccessDenied';
	const hasTarget = template.kinds.length > 0 && !template.name.startsWith('Create');
	const u = rng();
	if (u < 0.45) return 'AccessDenied';
	if (u < 0.6) return 'AccessDeniedException';
	if (u < 0.85 && hasTarget) return 'ResourceNotFoundException';
	return 'InvalidRequestException';
}

function errorMessage(code: string, template: EventTemplate, names: Names, caller: Caller, ctx: TrailContext): string {
	const service = template.source.split('.')[0] ?? 'iot';
	const action = `${service}:${template.name}`;
	const [kind] = template.kinds.filter(k => k !== 'version');
	const name = kind ? names[kind] : undefined;
	switch (code) {
		case 'AccessDenied':
		case 'AccessDeniedException': {
			const resource = kind && name ? arnOf(ctx, kind, name) : '*';
			return (
				`User: ${caller.arn ?? 'unknown'} is not authorized to perform: ${action} on resource: ${resource} ` +
				`because no identity-based policy allows the ${action} action`
			);
		}
		case 'ResourceNotFoundException':
			return name ? `${kind === 'cert' ? 'Certificate' : 'Resource'} ${name} does not exist` : 'The specified resource does not exist';
		default:
			return `1 validation error detected: Value at '${kind ?? 'input'}Name' failed to satisfy constraint`;
	}
}

function buildRecord(ctx: TrailContext, event: ComposedEvent): string {
	const {spec, caller, eventId, names} = event;
	const {template} = spec;
	const rng = makeRng(hash32(ctx.seed, TAG.detail, spec.key[0], spec.key[1]));
	const origin = originOf(spec.actor, rng);
	const payload = template.build(names, rng, (kind: Kind, name: string) => arnOf(ctx, kind, name));
	const failRoll = rng();
	const canFail = template.canFail !== false && caller.type !== 'AWSService';
	const forced = spec.force?.errorCode;
	const errorCode = forced !== undefined ? forced : canFail && failRoll < FAILURE_RATE ? pickError(rng, template) : null;
	const signIn = template.eventType === 'AwsConsoleSignIn';
	return recordJson(ctx, {
		identity: userIdentity(ctx, caller),
		eventTime: spec.eventTime,
		eventSource: template.source,
		eventName: template.name,
		sourceIp: spec.force?.sourceIp ?? origin.sourceIp,
		userAgent: signIn ? BROWSER_AGENT : origin.userAgent,
		errorCode,
		errorMessage: errorCode === null ? null : errorMessage(errorCode, template, names, caller, ctx),
		request: spec.force?.request ?? payload.request,
		response: payload.response,
		additional: signIn
			? {LoginTo: 'https://console.aws.amazon.com/console/home', MobileVersion: 'No', MFAUsed: pickOne(rng, ['Yes', 'Yes', 'No'])}
			: undefined,
		requestId: uuid(rng),
		eventId,
		readOnly: template.readOnly,
		resources: recordResources(ctx, template.kinds, names),
		eventType: template.eventType ?? 'AwsApiCall',
		byService: caller.type === 'AWSService',
		fromConsole: isConsoleActor(spec.actor) && !signIn,
	});
}

/**
 * A generated or scripted event. A class, so a scan over days allocates no closures; the id, names
 * and resources are derived on first use because most scanned events are filtered out unseen.
 */
class ComposedEvent implements SimEvent {
	readonly eventTime: number;
	readonly deliveredAt: number;
	readonly eventName: string;
	readonly eventSource: string;
	readonly readOnly: boolean;
	readonly username: string | null;
	readonly accessKeyId: string | null;
	readonly generated = true;
	private id: string | undefined;
	private picked: Names | undefined;
	private listed: readonly SimResource[] | undefined;

	constructor(
		private readonly ctx: TrailContext,
		readonly spec: EventSpec,
		readonly caller: Caller,
	) {
		this.eventTime = spec.eventTime;
		this.deliveredAt = spec.deliveredAt;
		this.eventName = spec.template.name;
		this.eventSource = spec.template.source;
		this.readOnly = spec.template.readOnly;
		this.username = caller.username;
		this.accessKeyId = caller.accessKeyId;
		this.id = spec.eventId;
		this.picked = spec.names;
	}

	get eventId(): string {
		this.id ??= uuid(makeRng(hash32(this.ctx.seed, TAG.id, this.spec.key[0], this.spec.key[1])));
		return this.id;
	}

	get names(): Names {
		const {ctx, spec} = this;
		this.picked ??= pickNames(ctx, spec.template.kinds, makeRng(hash32(ctx.seed, TAG.names, spec.key[0], spec.key[1])));
		return this.picked;
	}

	get resources(): readonly SimResource[] {
		this.listed ??= resourcesOf(this.spec.template.kinds, this.names);
		return this.listed;
	}

	raw(): string {
		return buildRecord(this.ctx, this);
	}
}

/** Builds the lookup view of an event; the record itself is built only when asked for. */
export function composeEvent(ctx: TrailContext, spec: EventSpec): SimEvent {
	return new ComposedEvent(ctx, spec, callerAt(ctx, spec.actor, spec.eventTime));
}
