/**
 * The legacy coarse areas of an API call (the timeline's ticks use them): which part of IoT a call
 * changes, from the risk catalog or, for a name it does not know, from the words in the name.
 */
import {operationOf} from '../iot/operations.js';

/** What part of IoT an API call changes. */
export type Area = 'certificate' | 'policy' | 'authentication' | 'rule' | 'thing' | 'fleet' | 'logging' | 'other';

const AREA_PATTERNS: ReadonlyArray<readonly [RegExp, Area]> = [
	[/Certificate/, 'certificate'],
	[/Policy|PolicyVersion|PrincipalPolicy/, 'policy'],
	[/Authorizer|RoleAlias|DomainConfiguration|ProvisioningTemplate/, 'authentication'],
	[/TopicRule|Destination/, 'rule'],
	[/Job|OTAUpdate/, 'fleet'],
	[/Thing|Shadow/, 'thing'],
	[/Logging/, 'logging'],
];

export function areaOf(eventName: string): Area {
	const operation = operationOf(eventName);
	if (operation !== null) {
		switch (operation.area) {
			case 'policy':
				return 'policy';
			case 'certificate':
			case 'ca':
				return 'certificate';
			case 'authorizer':
			case 'domain':
			case 'role-alias':
			case 'provisioning':
				return 'authentication';
			case 'rule':
			case 'events':
				return 'rule';
			case 'fleet':
				return 'fleet';
			case 'thing':
			case 'thing-group':
			case 'thing-type':
			case 'shadow':
				return 'thing';
			case 'logging':
				return 'logging';
			default:
				return 'other';
		}
	}
	for (const [pattern, area] of AREA_PATTERNS) if (pattern.test(eventName)) return area;
	return 'other';
}

/** The areas whose changes can explain a deviation of `metric`, most direct first. */
export function areasFor(metric: string): readonly Area[] {
	if (/^Rule|^RulesExecuted$|^ParseError$|^Failure$|^Success$|^TopicMatch$/.test(metric)) return ['rule', 'policy'];
	if (/Shadow/.test(metric)) return ['policy', 'thing', 'certificate', 'fleet'];
	if (/^(Connect|Ping)\./.test(metric)) return ['certificate', 'policy', 'authentication', 'fleet'];
	if (/^(PublishIn|PublishOut|Subscribe)\./.test(metric)) return ['policy', 'certificate', 'authentication', 'fleet'];
	return ['policy', 'certificate', 'rule', 'authentication', 'fleet'];
}
