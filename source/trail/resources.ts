/**
 * What an event acted on: the resources LookupEvents lists, else the ARNs in the record's `resources`
 * block, else the names in its request parameters (IoT records often list no resource at all, but
 * SetDefaultPolicyVersion still says which policy). Values are as received (cut, not sanitized): the
 * writers make them safe for where they go.
 */
import type {TrailEvent} from '../types.js';
import {asObject, field, objectAt, recordOf, textAt, textOf} from './record.js';

export type EventResource = {readonly type: string | null; readonly name: string};

/** Beyond this many resources per event, the rest are counted, not listed. */
export const MAX_EVENT_RESOURCES = 20;

/** Request parameters that name an IoT resource, and the CloudFormation-style type they name. */
const REQUEST_NAMES: ReadonlyArray<readonly [string, string]> = [
	['policyName', 'AWS::IoT::Policy'],
	['thingName', 'AWS::IoT::Thing'],
	['certificateId', 'AWS::IoT::Certificate'],
	['ruleName', 'AWS::IoT::TopicRule'],
	['thingGroupName', 'AWS::IoT::ThingGroup'],
	['thingTypeName', 'AWS::IoT::ThingType'],
	['billingGroupName', 'AWS::IoT::BillingGroup'],
	['authorizerName', 'AWS::IoT::Authorizer'],
	['roleAlias', 'AWS::IoT::RoleAlias'],
	['domainConfigurationName', 'AWS::IoT::DomainConfiguration'],
	['templateName', 'AWS::IoT::ProvisioningTemplate'],
	['jobId', 'AWS::IoT::Job'],
];

function fromLookup(event: TrailEvent): EventResource[] {
	const listed = Array.isArray(event.resources) ? event.resources.slice(0, 50) : [];
	return listed.flatMap(resource => {
		const name = textOf(resource?.name);
		return name === null ? [] : [{type: textOf(resource?.type), name}];
	});
}

function fromRecordBlock(event: TrailEvent): EventResource[] {
	const block = field(recordOf(event), 'resources');
	if (!Array.isArray(block)) return [];
	return block.slice(0, 50).flatMap(item => {
		const object = asObject(item);
		const name = textAt(object, 'ARN') ?? textAt(object, 'arn');
		return name === null ? [] : [{type: textAt(object, 'type'), name}];
	});
}

function fromRequest(event: TrailEvent): EventResource[] {
	const request = objectAt(recordOf(event), 'requestParameters');
	if (!request) return [];
	return REQUEST_NAMES.flatMap(([key, type]) => {
		const name = textOf(field(request, key));
		return name === null ? [] : [{type, name}];
	});
}

/** The resources `event` acted on, without duplicates, at most MAX_EVENT_RESOURCES; [] when none is known. */
export function eventResources(event: TrailEvent): readonly EventResource[] {
	let found = fromLookup(event);
	if (found.length === 0) found = fromRecordBlock(event);
	if (found.length === 0) found = fromRequest(event);
	const seen = new Set<string>();
	const out: EventResource[] = [];
	for (const resource of found) {
		const key = `${resource.type ?? ''}\n${resource.name}`;
		if (seen.has(key)) continue;
		seen.add(key);
		out.push(resource);
		if (out.length === MAX_EVENT_RESOURCES) break;
	}
	return out;
}

/** "AWS::IoT::Policy device-policy", or the name alone when the type is unknown (unsanitized). */
export function resourceText(resource: EventResource): string {
	return resource.type === null ? resource.name : `${resource.type} ${resource.name}`;
}
