/**
 * The IoT control-plane calls the simulator emits: mutating operations only (aws-facts §3.5), in two
 * streams: per-device churn, where onboarding (CreateThing, AttachThingPrincipal, AttachPolicy) dominates
 * and deletes are rare, and the few fleet-wide changes of a day (policy versions, rollouts, topic rules).
 */

import type {ActorKey} from './identities.js';
import type {Kind, Names} from './names.js';
import {pickOne, uuid, type Rng} from './random.js';

type Json = Record<string, unknown>;

/** Request and response payloads of one call; the response is dropped when the call fails. */
export type Payload = {readonly request: Json | null; readonly response: Json | null};

/** Builds the payloads from the picked names; `arn` turns a name into its ARN. */
export type PayloadBuilder = (names: Names, rng: Rng, arn: (kind: Kind, name: string) => string) => Payload;

/** One kind of event the generator can emit. */
export type EventTemplate = {
	readonly name: string;
	readonly source: string;
	readonly weight: number;
	readonly readOnly: boolean;
	readonly eventType?: string;
	/** Names to pick, in resource order. */
	readonly kinds: readonly Kind[];
	/** Share of these calls made by an AWS service rather than a person. */
	readonly service?: {readonly actor: ActorKey; readonly share: number};
	/** Restricts the human callers (default: everyone). */
	readonly humans?: readonly ActorKey[];
	/** Whether the call can fail with an error code (default true). */
	readonly canFail?: boolean;
	readonly build: PayloadBuilder;
};

export const IOT_SOURCE = 'iot.amazonaws.com';

const policyDocument = (names: Names): string =>
	JSON.stringify({
		Version: '2012-10-17',
		Statement: [
			{Effect: 'Allow', Action: ['iot:Connect'], Resource: ['arn:aws:iot:*:*:client/${iot:Connection.Thing.ThingName}']},
			{Effect: 'Allow', Action: ['iot:Publish', 'iot:Receive'], Resource: [`arn:aws:iot:*:*:topic/${names.policy ?? 'fleet'}/*`]},
		],
	});

const rulePayload = (names: Names, rng: Rng): Json => ({
	ruleName: names.rule,
	topicRulePayload: {
		sql: pickOne(rng, [
			"SELECT * FROM 'fleet/+/telemetry'",
			"SELECT temperature, deviceId FROM 'fleet/+/telemetry' WHERE temperature > 80",
			"SELECT *, topic(2) AS thing FROM '$aws/things/+/shadow/update/accepted'",
		]),
		ruleDisabled: false,
		awsIotSqlVersion: '2016-03-23',
		actions: [{s3: {roleArn: 'arn:aws:iam::123456789012:role/iot-rule-s3-role', bucketName: 'iot-archive', key: '${topic()}/${timestamp()}'}}],
	},
});

const iot = (
	name: string,
	weight: number,
	kinds: readonly Kind[],
	build: PayloadBuilder,
	extra: Partial<EventTemplate> = {},
): EventTemplate => ({name, source: IOT_SOURCE, weight, readOnly: false, kinds, build, ...extra});

const jobRequest = (n: Names, target: string): Json => ({
	jobId: n.job,
	targets: [target],
	documentSource: `https://firmware-builds.s3.amazonaws.com/jobs/${n.job ?? ''}.json`,
	targetSelection: 'SNAPSHOT',
});

const certificateStatus = (status: string): PayloadBuilder => n => ({request: {certificateId: n.cert, newStatus: status}, response: null});

/**
 * Per-device churn: onboarding (a thing, its certificate, the certificate attached to the thing and a
 * policy attached to the certificate), registry updates and the odd device retired or moved. Each call
 * touches one device, so none of them can move fleet-wide traffic; this is what keeps the tail busy.
 * (Reads are not here: CloudTrail does not record IoT List and Describe calls, aws-facts §3.5.)
 */
export const DEVICE_TEMPLATES: readonly EventTemplate[] = [
	iot('CreateThing', 16, ['thing'], (n, rng, arn) => ({
		request: {
			thingName: n.thing,
			thingTypeName: 'EdgeSensor',
			attributePayload: {attributes: {site: pickOne(rng, ['fra1', 'dub2', 'iad3'])}},
		},
		response: {thingName: n.thing, thingArn: arn('thing', n.thing ?? ''), thingId: uuid(rng)},
	})),
	iot('AttachThingPrincipal', 14, ['thing', 'cert'], (n, _rng, arn) => ({
		request: {thingName: n.thing, principal: arn('cert', n.cert ?? '')},
		response: null,
	})),
	iot('AttachPolicy', 13, ['policy', 'cert'], (n, _rng, arn) => ({
		request: {policyName: n.policy, target: arn('cert', n.cert ?? '')},
		response: null,
	})),
	iot('CreateKeysAndCertificate', 11, ['cert'], (n, _rng, arn) => ({
		request: {setAsActive: true},
		response: {certificateArn: arn('cert', n.cert ?? ''), certificateId: n.cert, keyPair: 'HIDDEN_DUE_TO_SECURITY_REASONS'},
	})),
	iot('UpdateThing', 10, ['thing'], (n, rng) => ({
		request: {thingName: n.thing, attributePayload: {attributes: {firmware: pickOne(rng, ['2.4.0', '2.4.1', '2.5.0-rc1'])}, merge: true}},
		response: null,
	})),
	iot('AddThingToThingGroup', 9, ['group', 'thing'], n => ({
		request: {thingGroupName: n.group, thingName: n.thing, overrideDynamicGroups: false},
		response: null,
	}), {service: {actor: 'iot-service', share: 0.2}}),
	// A certificate made without setAsActive, switched on once its device is ready.
	iot('UpdateCertificate', 7, ['cert'], certificateStatus('ACTIVE'), {service: {actor: 'iot-service', share: 0.15}}),
	iot('DetachThingPrincipal', 3, ['thing', 'cert'], (n, _rng, arn) => ({
		request: {thingName: n.thing, principal: arn('cert', n.cert ?? '')},
		response: null,
	})),
	iot('DetachPolicy', 3, ['policy', 'cert'], (n, _rng, arn) => ({
		request: {policyName: n.policy, target: arn('cert', n.cert ?? '')},
		response: null,
	})),
	iot('DeleteThing', 2.5, ['thing'], n => ({request: {thingName: n.thing}, response: null})),
	iot('RemoveThingFromThingGroup', 1.5, ['group', 'thing'], n => ({
		request: {thingGroupName: n.group, thingName: n.thing},
		response: null,
	})),
	// A remote operation on one device (a reboot, a log upload), not a rollout.
	iot('CreateJob', 1, ['job', 'thing'], (n, _rng, arn) => ({
		request: jobRequest(n, arn('thing', n.thing ?? '')),
		response: {jobArn: arn('job', n.job ?? ''), jobId: n.job},
	})),
];

/** Who changes the fleet: the deployment pipeline mostly, and the people who run it. */
const FLEET_HUMANS: readonly ActorKey[] = ['deploy-role', 'ci-deployer', 'alice', 'ops-admin', 'bob'];

/**
 * Fleet-wide changes and rare account work, weighted in calls per working day (07-19 UTC; a night has
 * FLEET_NIGHT_SHARE as many). A real account changes its fleet's policies, rollouts and rules a few times
 * a day, not every few minutes: a change that can move every device's traffic is an event. Certificates
 * are switched off rarely too (a revocation is a security response; deactivation retires a device).
 */
export const FLEET_TEMPLATES: readonly EventTemplate[] = [
	iot('CreateJob', 2, ['job', 'group'], (n, _rng, arn) => ({
		request: jobRequest(n, arn('group', n.group ?? '')),
		response: {jobArn: arn('job', n.job ?? ''), jobId: n.job},
	})),
	iot('UpdateCertificate', 1.5, ['cert'], certificateStatus('INACTIVE'), {service: {actor: 'iot-service', share: 0.15}}),
	iot('DeleteCertificate', 1.5, ['cert'], n => ({request: {certificateId: n.cert, forceDelete: false}, response: null})),
	iot('ReplaceTopicRule', 1, ['rule'], (n, rng) => ({request: rulePayload(n, rng), response: null})),
	iot('CreatePolicyVersion', 0.7, ['policy', 'version'], (n, _rng, arn) => ({
		request: {policyName: n.policy, policyDocument: policyDocument(n), setAsDefault: true},
		response: {policyArn: arn('policy', n.policy ?? ''), policyVersionId: n.version, isDefaultVersion: true},
	})),
	// A version staged for later: made, not put in force.
	iot('CreatePolicyVersion', 0.7, ['policy', 'version'], (n, _rng, arn) => ({
		request: {policyName: n.policy, policyDocument: policyDocument(n), setAsDefault: false},
		response: {policyArn: arn('policy', n.policy ?? ''), policyVersionId: n.version, isDefaultVersion: false},
	})),
	iot('SetDefaultPolicyVersion', 0.7, ['policy', 'version'], n => ({
		request: {policyName: n.policy, policyVersionId: n.version},
		response: null,
	})),
	iot('DeletePolicyVersion', 0.7, ['policy', 'version'], n => ({
		request: {policyName: n.policy, policyVersionId: n.version},
		response: null,
	})),
	iot('CancelJob', 0.5, ['job'], (n, rng, arn) => ({
		request: {jobId: n.job, force: false, reasonCode: pickOne(rng, ['FAILURE_THRESHOLD', 'OPERATOR'])},
		response: {jobArn: arn('job', n.job ?? ''), jobId: n.job},
	}), {service: {actor: 'jobs-service', share: 0.3}}),
	iot('CreateThingGroup', 0.5, ['group'], (n, _rng, arn) => ({
		request: {thingGroupName: n.group, thingGroupProperties: {thingGroupDescription: 'managed by terraform'}},
		response: {thingGroupName: n.group, thingGroupArn: arn('group', n.group ?? '')},
	})),
	iot('CreateTopicRule', 0.3, ['rule'], (n, rng) => ({request: rulePayload(n, rng), response: null})),
	iot('AttachPolicy', 0.3, ['policy', 'group'], (n, _rng, arn) => ({
		request: {policyName: n.policy, target: arn('group', n.group ?? '')},
		response: null,
	})),
	iot('UpdateCertificate', 0.3, ['cert'], certificateStatus('REVOKED'), {humans: ['ops-admin', 'alice']}),
	iot('DisableTopicRule', 0.2, ['rule'], n => ({request: {ruleName: n.rule}, response: null})),
	iot('DeleteTopicRule', 0.2, ['rule'], n => ({request: {ruleName: n.rule}, response: null})),
	iot('UpdateIndexingConfiguration', 0.2, [], () => ({
		request: {thingIndexingConfiguration: {thingIndexingMode: 'REGISTRY_AND_SHADOW', thingConnectivityIndexingMode: 'STATUS'}},
		response: null,
	}), {humans: ['alice', 'ops-admin', 'deploy-role']}),
	iot('DetachPolicy', 0.1, ['policy', 'group'], (n, _rng, arn) => ({
		request: {policyName: n.policy, target: arn('group', n.group ?? '')},
		response: null,
	})),
].map(template => ({...template, humans: template.humans ?? FLEET_HUMANS}));

/** Calls per night (19-07 UTC) for each call per working day. */
export const FLEET_NIGHT_SHARE = 0.15;

/** Every IoT template, device churn first (scripted events pick theirs from here by name and kinds). */
export const IOT_TEMPLATES: readonly EventTemplate[] = [...DEVICE_TEMPLATES, ...FLEET_TEMPLATES];
