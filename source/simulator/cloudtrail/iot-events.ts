/**
 * The IoT control-plane calls the simulator emits: mutating operations only (aws-facts §3.5), weighted
 * so onboarding (CreateThing, AttachThingPrincipal, AttachPolicy) dominates and deletes are rare.
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

// Switching a certificate off is rare in a healthy account (the demo story does it on purpose); most
// UpdateCertificate calls activate one.
const CERTIFICATE_STATUSES = ['ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'INACTIVE', 'REVOKED'];

export const IOT_TEMPLATES: readonly EventTemplate[] = [
	iot('CreateThing', 14, ['thing'], (n, rng, arn) => ({
		request: {
			thingName: n.thing,
			thingTypeName: 'EdgeSensor',
			attributePayload: {attributes: {site: pickOne(rng, ['fra1', 'dub2', 'iad3'])}},
		},
		response: {thingName: n.thing, thingArn: arn('thing', n.thing ?? ''), thingId: uuid(rng)},
	})),
	iot('AttachThingPrincipal', 12, ['thing', 'cert'], (n, _rng, arn) => ({
		request: {thingName: n.thing, principal: arn('cert', n.cert ?? '')},
		response: null,
	})),
	iot('AttachPolicy', 11, ['policy', 'cert'], (n, _rng, arn) => ({
		request: {policyName: n.policy, target: arn('cert', n.cert ?? '')},
		response: null,
	})),
	iot('CreateKeysAndCertificate', 9, ['cert'], (n, _rng, arn) => ({
		request: {setAsActive: true},
		response: {certificateArn: arn('cert', n.cert ?? ''), certificateId: n.cert, keyPair: 'HIDDEN_DUE_TO_SECURITY_REASONS'},
	})),
	iot('UpdateThing', 8, ['thing'], (n, rng) => ({
		request: {thingName: n.thing, attributePayload: {attributes: {firmware: pickOne(rng, ['2.4.0', '2.4.1', '2.5.0-rc1'])}, merge: true}},
		response: null,
	})),
	iot('AddThingToThingGroup', 7, ['group', 'thing'], n => ({
		request: {thingGroupName: n.group, thingName: n.thing, overrideDynamicGroups: false},
		response: null,
	}), {service: {actor: 'iot-service', share: 0.2}}),
	iot('UpdateCertificate', 5, ['cert'], (n, rng) => ({
		request: {certificateId: n.cert, newStatus: pickOne(rng, CERTIFICATE_STATUSES)},
		response: null,
	}), {service: {actor: 'iot-service', share: 0.15}}),
	iot('CreatePolicyVersion', 4, ['policy', 'version'], (n, _rng, arn) => ({
		request: {policyName: n.policy, policyDocument: policyDocument(n), setAsDefault: true},
		response: {policyArn: arn('policy', n.policy ?? ''), policyVersionId: n.version, isDefaultVersion: true},
	})),
	iot('SetDefaultPolicyVersion', 3, ['policy', 'version'], n => ({
		request: {policyName: n.policy, policyVersionId: n.version},
		response: null,
	})),
	iot('ReplaceTopicRule', 3, ['rule'], (n, rng) => ({request: rulePayload(n, rng), response: null})),
	iot('CreateJob', 3, ['job', 'group'], (n, _rng, arn) => ({
		request: {
			jobId: n.job,
			targets: [arn('group', n.group ?? '')],
			documentSource: `https://firmware-builds.s3.amazonaws.com/jobs/${n.job ?? ''}.json`,
			targetSelection: 'SNAPSHOT',
		},
		response: {jobArn: arn('job', n.job ?? ''), jobId: n.job},
	})),
	iot('DetachThingPrincipal', 3, ['thing', 'cert'], (n, _rng, arn) => ({
		request: {thingName: n.thing, principal: arn('cert', n.cert ?? '')},
		response: null,
	})),
	iot('CreateTopicRule', 2, ['rule'], (n, rng) => ({request: rulePayload(n, rng), response: null})),
	iot('DetachPolicy', 2, ['policy', 'cert'], (n, _rng, arn) => ({
		request: {policyName: n.policy, target: arn('cert', n.cert ?? '')},
		response: null,
	})),
	iot('DeleteThing', 2, ['thing'], n => ({request: {thingName: n.thing}, response: null})),
	iot('DeletePolicyVersion', 1.5, ['policy', 'version'], n => ({
		request: {policyName: n.policy, policyVersionId: n.version},
		response: null,
	})),
	iot('RemoveThingFromThingGroup', 1, ['group', 'thing'], n => ({
		request: {thingGroupName: n.group, thingName: n.thing},
		response: null,
	})),
	iot('CreateThingGroup', 1, ['group'], (n, _rng, arn) => ({
		request: {thingGroupName: n.group, thingGroupProperties: {thingGroupDescription: 'managed by terraform'}},
		response: {thingGroupName: n.group, thingGroupArn: arn('group', n.group ?? '')},
	})),
	iot('DeleteCertificate', 1, ['cert'], n => ({request: {certificateId: n.cert, forceDelete: false}, response: null})),
	iot('CancelJob', 1, ['job'], (n, rng, arn) => ({
		request: {jobId: n.job, force: false, reasonCode: pickOne(rng, ['FAILURE_THRESHOLD', 'OPERATOR'])},
		response: {jobArn: arn('job', n.job ?? ''), jobId: n.job},
	}), {service: {actor: 'jobs-service', share: 0.3}}),
	iot('DisableTopicRule', 1, ['rule'], n => ({request: {ruleName: n.rule}, response: null})),
	iot('DeleteTopicRule', 0.7, ['rule'], n => ({request: {ruleName: n.rule}, response: null})),
	iot('UpdateIndexingConfiguration', 0.5, [], () => ({
		request: {thingIndexingConfiguration: {thingIndexingMode: 'REGISTRY_AND_SHADOW', thingConnectivityIndexingMode: 'STATUS'}},
		response: null,
	}), {humans: ['alice', 'ops-admin', 'deploy-role']}),
];
