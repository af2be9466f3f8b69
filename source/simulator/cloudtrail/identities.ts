/**
 * Who calls the simulated account: a small cast of users, roles and services, each with the
 * userIdentity block CloudTrail records for it (aws-facts §3.4). Temporary credentials rotate hourly,
 * so AccessKeyId lookups find a believable handful of events.
 */

import type {IdentityType} from '../../types.js';
import {TAG, awsId, hash32, hashString, makeRng, pickOne, type Rng} from './random.js';
import type {TrailContext} from './types.js';

export type ActorKey =
	| 'root'
	| 'alice'
	| 'bob'
	| 'ci-deployer'
	| 'deploy-role'
	| 'ops-admin'
	| 'dana'
	| 'iot-service'
	| 'jobs-service';

type Style = 'console' | 'cli' | 'sdk' | 'terraform' | 'boto' | 'service';

type Actor = {
	readonly key: ActorKey;
	readonly tag: number;
	readonly type: IdentityType;
	readonly style: Style;
	/** Share among human callers of ordinary IoT operations; service actors are chosen per operation. */
	readonly weight: number;
	readonly ips: readonly string[];
};

const range = (prefix: string, from: number, to: number): string[] =>
	Array.from({length: to - from + 1}, (_, i) => `${prefix}${from + i}`);

const ACTORS: readonly Actor[] = [
	{key: 'root', tag: 11, type: 'Root', style: 'console', weight: 0.6, ips: ['198.51.100.7']},
	{key: 'alice', tag: 12, type: 'IAMUser', style: 'console', weight: 12, ips: ['203.0.113.24', '203.0.113.25']},
	{key: 'bob', tag: 13, type: 'IAMUser', style: 'cli', weight: 10, ips: ['198.51.100.14', '198.51.100.15']},
	{key: 'ci-deployer', tag: 14, type: 'IAMUser', style: 'sdk', weight: 28, ips: range('192.0.2.', 40, 70)},
	{key: 'deploy-role', tag: 15, type: 'AssumedRole', style: 'terraform', weight: 24, ips: range('203.0.113.', 100, 130)},
	{key: 'ops-admin', tag: 16, type: 'AssumedRole', style: 'console', weight: 10, ips: ['203.0.113.24', '203.0.113.31']},
	{key: 'dana', tag: 17, type: 'FederatedUser', style: 'boto', weight: 5, ips: ['198.51.100.200']},
	{key: 'iot-service', tag: 18, type: 'AWSService', style: 'service', weight: 0, ips: ['iot.amazonaws.com']},
	{key: 'jobs-service', tag: 19, type: 'AWSService', style: 'service', weight: 0, ips: ['jobs.iot.amazonaws.com']},
];

/** Human callers weighted for everyday IoT operations. */
export const HUMAN_ACTORS: readonly ActorKey[] = ACTORS.filter(actor => actor.weight > 0).map(actor => actor.key);

export function actorWeight(key: ActorKey): number {
	return actorOf(key).weight;
}

/** Whether the actor works in the browser console (records sessionCredentialFromConsole). */
export function isConsoleActor(key: ActorKey): boolean {
	return actorOf(key).style === 'console';
}

const BY_KEY = new Map(ACTORS.map(actor => [actor.key, actor]));

function actorOf(key: ActorKey): Actor {
	const actor = BY_KEY.get(key);
	if (!actor) throw new Error(`unknown actor ${key}`);
	return actor;
}

const HOUR_MS = 3_600_000;
const SERVICE_HOST: Partial<Record<ActorKey, string>> = {
	'iot-service': 'iot.amazonaws.com',
	'jobs-service': 'jobs.iot.amazonaws.com',
};

/** The caller of one event: everything LookupEvents exposes plus what the record needs. */
export type Caller = {
	readonly actor: ActorKey;
	readonly type: IdentityType;
	readonly username: string | null;
	readonly accessKeyId: string | null;
	/** The caller's ARN as error messages quote it; null for AWS services. */
	readonly arn: string | null;
	readonly hour: number;
};

function stableId(ctx: TrailContext, actor: Actor, prefix: string, length: number): string {
	return awsId(makeRng(hashString(prefix, hash32(ctx.seed, TAG.principal, actor.tag))), prefix, length);
}

function sessionKey(ctx: TrailContext, actor: Actor, hour: number): string {
	return awsId(makeRng(hash32(ctx.seed, TAG.session, actor.tag, hour)), 'ASIA');
}

function sessionName(ctx: TrailContext, actor: Actor, hour: number): string {
	const h = hash32(ctx.seed, TAG.session, actor.tag, hour, 1);
	if (actor.key === 'deploy-role') return `gh-actions-${8_000_000_000 + (h % 900_000_000)}`;
	return h % 3 === 0 ? 'erin' : 'carol';
}

// Callers are pure functions of (context, actor, hour); memoised per context because the generator
// resolves one for every event it scans. Keyed weakly, so nothing outlives its service.
const callerMemo = new WeakMap<TrailContext, Map<number, Caller>>();

/** Resolves an actor at a moment: role sessions and console keys change every hour. */
export function callerAt(ctx: TrailContext, key: ActorKey, timeMs: number): Caller {
	const actor = actorOf(key);
	const hour = Math.floor(timeMs / HOUR_MS);
	let memo = callerMemo.get(ctx);
	if (!memo) {
		memo = new Map();
		callerMemo.set(ctx, memo);
	}
	const memoKey = hour * 64 + actor.tag;
	const hit = memo.get(memoKey);
	if (hit) return hit;
	// Bounded: about two weeks of hours for every actor.
	if (memo.size > 4096) memo.clear();
	const caller = resolveCaller(ctx, actor, hour);
	memo.set(memoKey, caller);
	return caller;
}

function resolveCaller(ctx: TrailContext, actor: Actor, hour: number): Caller {
	const {key, type} = actor;
	const account = ctx.accountId;
	const caller = (username: string | null, accessKeyId: string | null, arn: string | null): Caller => ({
		actor: key,
		type,
		username,
		accessKeyId,
		arn,
		hour,
	});
	switch (key) {
		case 'root':
			return caller('root', sessionKey(ctx, actor, hour), `arn:aws:iam::${account}:root`);
		case 'alice':
			return caller('alice', sessionKey(ctx, actor, hour), `arn:aws:iam::${account}:user/alice`);
		case 'bob':
		case 'ci-deployer':
			return caller(key, stableId(ctx, actor, 'AKIA', 16), `arn:aws:iam::${account}:user/${key}`);
		case 'deploy-role':
		case 'ops-admin': {
			const session = sessionName(ctx, actor, hour);
			return caller(session, sessionKey(ctx, actor, hour), `arn:aws:sts::${account}:assumed-role/${key}/${session}`);
		}
		case 'dana':
			return caller('dana', sessionKey(ctx, actor, hour), `arn:aws:sts::${account}:federated-user/dana`);
		case 'iot-service':
		case 'jobs-service':
			return caller(null, null, null);
	}
}

function creationDate(ctx: TrailContext, actor: Actor, hour: number): string {
	const offset = hash32(ctx.seed, TAG.session, actor.tag, hour, 2) % 600_000;
	return new Date(hour * HOUR_MS - offset).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The record's `userIdentity` block for a caller. */
export function userIdentity(ctx: TrailContext, caller: Caller): Record<string, unknown> {
	const actor = actorOf(caller.actor);
	const accountId = ctx.accountId;
	const attributes = {
		creationDate: creationDate(ctx, actor, caller.hour),
		mfaAuthenticated: actor.style === 'console' ? 'true' : 'false',
	};
	const common = {arn: caller.arn, accountId, accessKeyId: caller.accessKeyId};
	switch (actor.key) {
		case 'root':
			return {type: 'Root', principalId: accountId, ...common, sessionContext: {attributes}};
		case 'alice':
			return {
				type: 'IAMUser',
				principalId: stableId(ctx, actor, 'AIDA', 17),
				...common,
				userName: 'alice',
				sessionContext: {attributes},
			};
		case 'bob':
		case 'ci-deployer':
			return {type: 'IAMUser', principalId: stableId(ctx, actor, 'AIDA', 17), ...common, userName: caller.username};
		case 'deploy-role':
		case 'ops-admin': {
			const roleId = stableId(ctx, actor, 'AROA', 17);
			const roleArn = `arn:aws:iam::${accountId}:role/${actor.key}`;
			return {
				type: 'AssumedRole',
				principalId: `${roleId}:${caller.username ?? ''}`,
				...common,
				sessionContext: {
					sessionIssuer: {type: 'Role', principalId: roleId, arn: roleArn, accountId, userName: actor.key},
					attributes,
				},
			};
		}
		case 'dana': {
			const brokerArn = `arn:aws:iam::${accountId}:user/federation-broker`;
			const brokerId = stableId(ctx, actor, 'AIDA', 17);
			return {
				type: 'FederatedUser',
				principalId: `${accountId}:dana`,
				...common,
				sessionContext: {
					sessionIssuer: {type: 'IAMUser', principalId: brokerId, arn: brokerArn, accountId, userName: 'federation-broker'},
					attributes,
				},
			};
		}
		case 'iot-service':
		case 'jobs-service':
			return {type: 'AWSService', invokedBy: SERVICE_HOST[actor.key]};
	}
}

const USER_AGENTS: Record<Exclude<Style, 'service'>, readonly string[]> = {
	console: ['console.amazonaws.com'],
	cli: [
		'aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe',
		'aws-cli/2.17.4 md/awscrt#0.20.11 ua/2.0 os/macos#23.5.0 md/arch#arm64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard',
	],
	sdk: ['aws-sdk-js/3.1137.0 ua/2.1 os/linux#6.1.79 lang/js md/nodejs#20.19.0 api/iot#3.1137.0 m/E'],
	terraform: [
		'APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.40.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.25.3 os/linux lang/go#1.21.8 md/GOOS#linux md/GOARCH#amd64 api/iot#1.36.2',
		'aws-sdk-js/3.1137.0 ua/2.1 os/linux#6.1.79 lang/js md/nodejs#20.19.0 api/iot#3.1137.0 m/E',
	],
	boto: ['Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10.213 md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.69'],
};

/** Where the call came from: an IP from a documentation range, or a service DNS name. */
export function originOf(key: ActorKey, rng: Rng): {sourceIp: string; userAgent: string} {
	const actor = actorOf(key);
	const sourceIp = pickOne(rng, actor.ips);
	if (actor.style === 'service') return {sourceIp, userAgent: sourceIp};
	return {sourceIp, userAgent: pickOne(rng, USER_AGENTS[actor.style])};
}

/** A plausible userIdentity for an injected event of any type (tests set only type and name). */
export function injectedIdentity(
	ctx: TrailContext,
	type: IdentityType,
	username: string | null,
	accessKeyId: string | null,
): Record<string, unknown> {
	const accountId = ctx.accountId;
	const name = username ?? 'test-user';
	const id = awsId(makeRng(hashString(name, ctx.seed)), '', 17);
	switch (type) {
		case 'Root':
			return {type, principalId: accountId, arn: `arn:aws:iam::${accountId}:root`, accountId, accessKeyId};
		case 'AssumedRole':
			return {
				type,
				principalId: `AROA${id}:${name}`,
				arn: `arn:aws:sts::${accountId}:assumed-role/test-role/${name}`,
				accountId,
				accessKeyId,
				sessionContext: {
					sessionIssuer: {
						type: 'Role',
						principalId: `AROA${id}`,
						arn: `arn:aws:iam::${accountId}:role/test-role`,
						accountId,
						userName: 'test-role',
					},
					attributes: {creationDate: '2024-01-01T00:00:00Z', mfaAuthenticated: 'false'},
				},
			};
		case 'FederatedUser':
			return {
				type,
				principalId: `${accountId}:${name}`,
				arn: `arn:aws:sts::${accountId}:federated-user/${name}`,
				accountId,
				accessKeyId,
			};
		case 'AWSService':
			return {type, invokedBy: username ?? 'iot.amazonaws.com'};
		case 'IAMUser':
			return {type, principalId: `AIDA${id}`, arn: `arn:aws:iam::${accountId}:user/${name}`, accountId, accessKeyId, userName: name};
		default:
			return {type, principalId: `AIDA${id}`, accountId, accessKeyId, userName: name};
	}
}
