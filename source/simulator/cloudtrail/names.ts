/**
 * Resource names the simulated account uses (things, policies, certificates...), their CloudTrail
 * resource types and ARNs. Names repeat on purpose so ResourceName lookups find several events.
 */

import {TAG, hash32, hexString, intBetween, makeRng, pickOne, type Rng} from './random.js';
import type {SimResource, TrailContext} from './types.js';

export type Kind =
	| 'thing'
	| 'policy'
	| 'cert'
	| 'rule'
	| 'job'
	| 'group'
	| 'version'
	| 'instance'
	| 'bucket'
	| 'role'
	| 'alarm';

export type Names = Partial<Record<Kind, string>>;

const THING_PREFIXES = ['sensor', 'gateway', 'meter', 'tracker', 'pump-ctl'];
const POLICIES = ['DeviceDefaultPolicy', 'FleetTelemetryPolicy', 'GatewayPolicy', 'ShadowReadWrite', 'OtaJobsPolicy'];
const RULES = ['telemetry_to_s3', 'alerts_to_sns', 'shadow_to_dynamodb', 'firmware_audit', 'temperature_alarm'];
const GROUPS = ['fleet-eu-west', 'fleet-us-east', 'canary', 'gateways', 'decommissioned'];
const ROLES = ['iot-rule-s3-role', 'iot-rule-sns-role', 'iot-jobs-role', 'lambda-ingest-role'];
const ALARMS = ['iot-connect-autherror-high', 'iot-publishin-drop', 'iot-rules-failure', 'iot-throttle-spike'];
const BUCKETS = ['iot-archive', 'firmware-builds', 'iot-export', 'fleet-reports'];
const CERT_POOL = 48;

const RESOURCE_TYPES: Record<Exclude<Kind, 'version'>, string> = {
	thing: 'AWS::IoT::Thing',
	policy: 'AWS::IoT::Policy',
	cert: 'AWS::IoT::Certificate',
	rule: 'AWS::IoT::TopicRule',
	job: 'AWS::IoT::Job',
	group: 'AWS::IoT::ThingGroup',
	instance: 'AWS::EC2::Instance',
	bucket: 'AWS::S3::Bucket',
	role: 'AWS::IAM::Role',
	alarm: 'AWS::CloudWatch::Alarm',
};

const certPools = new WeakMap<TrailContext, readonly string[]>();

/** One of the account's 48 certificates (64 hex digits, like real IoT certificate ids). */
export function certificateId(ctx: TrailContext, index: number): string {
	let pool = certPools.get(ctx);
	if (!pool) {
		pool = Array.from({length: CERT_POOL}, (_, i) => hexString(makeRng(hash32(ctx.seed, TAG.cert, i)), 64));
		certPools.set(ctx, pool);
	}
	return pool[((index % CERT_POOL) + CERT_POOL) % CERT_POOL] ?? '';
}

/** Picks a plausible name of one kind. */
export function pickName(ctx: TrailContext, kind: Kind, rng: Rng): string {
	switch (kind) {
		case 'thing':
			return `${pickOne(rng, THING_PREFIXES)}-${String(intBetween(rng, 1, 600)).padStart(4, '0')}`;
		case 'policy':
			return pickOne(rng, POLICIES);
		case 'cert':
			return certificateId(ctx, intBetween(rng, 0, CERT_POOL - 1));
		case 'rule':
			return pickOne(rng, RULES);
		case 'job':
			return `ota-fw-v2-4-${intBetween(rng, 1, 40)}`;
		case 'group':
			return pickOne(rng, GROUPS);
		case 'version':
			return String(intBetween(rng, 1, 12));
		case 'instance':
			return `i-0${hexString(rng, 16)}`;
		case 'bucket':
			return `${pickOne(rng, BUCKETS)}-${hexString(rng, 6)}`;
		case 'role':
			return `arn:aws:iam::${ctx.accountId}:role/${pickOne(rng, ROLES)}`;
		case 'alarm':
			return pickOne(rng, ALARMS);
	}
}

/** Picks one name per kind, in order. */
export function pickNames(ctx: TrailContext, kinds: readonly Kind[], rng: Rng): Names {
	const names: Names = {};
	for (const kind of kinds) names[kind] = pickName(ctx, kind, rng);
	return names;
}

/** The ARN CloudTrail records for a named resource. */
export function arnOf(ctx: TrailContext, kind: Kind, name: string): string {
	const {region, accountId} = ctx;
	switch (kind) {
		case 'thing':
		case 'policy':
		case 'rule':
		case 'job':
			return `arn:aws:iot:${region}:${accountId}:${kind}/${name}`;
		case 'cert':
			return `arn:aws:iot:${region}:${accountId}:cert/${name}`;
		case 'group':
			return `arn:aws:iot:${region}:${accountId}:thinggroup/${name}`;
		case 'instance':
			return `arn:aws:ec2:${region}:${accountId}:instance/${name}`;
		case 'bucket':
			return `arn:aws:s3:::${name}`;
		case 'role':
			return name;
		case 'alarm':
			return `arn:aws:cloudwatch:${region}:${accountId}:alarm:${name}`;
		case 'version':
			return name;
	}
}

/** Top-level LookupEvents resources for the picked names (policy versions are not resources). */
export function resourcesOf(kinds: readonly Kind[], names: Names): SimResource[] {
	const out: SimResource[] = [];
	for (const kind of kinds) {
		const name = names[kind];
		if (kind !== 'version' && name !== undefined) out.push({type: RESOURCE_TYPES[kind], name});
	}
	return out;
}

/** The record's `resources` block: ARN, owning account and type. */
export function recordResources(ctx: TrailContext, kinds: readonly Kind[], names: Names): Record<string, string>[] {
	const out: Record<string, string>[] = [];
	for (const kind of kinds) {
		const name = names[kind];
		if (kind === 'version' || name === undefined) continue;
		out.push({accountId: ctx.accountId, type: RESOURCE_TYPES[kind], ARN: arnOf(ctx, kind, name)});
	}
	return out;
}
