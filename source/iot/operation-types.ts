/**
 * What the risk catalog says about one operation, and the words for its areas. The fields:
 *
 * `impact` is what a change can do to the devices' traffic, which is what the metrics measure:
 * - credentials: can stop devices authenticating (fewer connects, more connect auth errors): a
 *   certificate revoked, a CA, authorizer or endpoint changed;
 * - permissions: can change what connected devices may do (fewer publishes, more publish and subscribe
 *   auth errors): a policy version put in force, a policy detached, a thing moved out of its group;
 * - deploy: sends work to devices (jobs, OTA updates, commands): downloads, reboots, reconnect storms;
 * - route: changes where device messages go (topic rules and their destinations, registry events);
 * - grant: adds devices, credentials or permissions (provisioning); it can raise traffic, not cut it;
 * - none: no effect on device traffic (registry metadata, tags, logging, Device Defender, reads).
 * `strength` (0-1, default 1) scales the impact for calls that can move traffic only a little or only in
 * an unusual case (DeletePolicyVersion cannot delete the version in force; a cancelled job stops work).
 * `scope` is how much of the fleet the call reaches by default: the whole fleet (or a group), one
 * device, or nothing; suspects.ts refines it from the request (a job aimed at one thing, a policy
 * detached from one certificate or from a thing group).
 * `risk` marks the calls an on-call engineer should notice in the trail (⚠): high and medium.
 */

export type OperationAccess = 'read' | 'write';

export type OperationArea =
	| 'policy'
	| 'certificate'
	| 'ca'
	| 'authorizer'
	| 'domain'
	| 'role-alias'
	| 'provisioning'
	| 'thing'
	| 'thing-group'
	| 'thing-type'
	| 'billing-group'
	| 'fleet'
	| 'rule'
	| 'events'
	| 'logging'
	| 'defender'
	| 'encryption'
	| 'indexing'
	| 'tags'
	| 'account'
	| 'shadow'
	| 'messaging';

export type OperationImpact = 'credentials' | 'permissions' | 'deploy' | 'route' | 'grant' | 'none';
export type OperationScope = 'fleet' | 'device' | 'none';
export type OperationRisk = 'high' | 'medium' | 'low' | 'none';

export type Operation = {
	readonly access: OperationAccess;
	readonly area: OperationArea;
	readonly impact: OperationImpact;
	/** 0-1: how strongly the call can move traffic in the way `impact` says. */
	readonly strength: number;
	readonly scope: OperationScope;
	readonly risk: OperationRisk;
	/** What the call does, present tense, lower case: "sets which version of a policy is in force ...". */
	readonly words: string;
};

/** The areas in words, for reasons ("certificate change", "fleet change (jobs, OTA, firmware)"). */
export const AREA_WORDS: Readonly<Record<OperationArea, string>> = {
	policy: 'policy',
	certificate: 'device certificate',
	ca: 'CA certificate',
	authorizer: 'custom authorizer',
	domain: 'endpoint (domain configuration)',
	'role-alias': 'role alias',
	provisioning: 'fleet provisioning',
	thing: 'thing',
	'thing-group': 'thing group',
	'thing-type': 'thing type',
	'billing-group': 'billing group',
	fleet: 'fleet change (jobs, OTA, firmware)',
	rule: 'topic rule',
	events: 'registry events',
	logging: 'logging',
	defender: 'Device Defender',
	encryption: 'encryption',
	indexing: 'fleet indexing',
	tags: 'tags',
	account: 'account settings',
	shadow: 'device shadow',
	messaging: 'MQTT messaging',
};
