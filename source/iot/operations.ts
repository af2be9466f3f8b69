/**
 * The risk catalog: every AWS IoT control-plane operation (operation-names.ts, generated from the AWS SDK)
 * and the device-side calls CloudTrail can also record, each classified by hand: whether it reads or
 * changes something, what part of IoT it touches, what it can do to device traffic, how risky it is, and
 * what it does, in words. CloudTrail's eventName for an IoT call is the operation name.
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
 *
 * Pure data; the test fails when an operation of the SDK's list is missing here.
 */
import {IOT_OPERATION_NAMES, type IotOperationName} from './operation-names.js';

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

type Options = {readonly strength?: number; readonly scope?: OperationScope};

const read = (area: OperationArea, words: string): Operation => ({access: 'read', area, impact: 'none', strength: 0, scope: 'none', risk: 'none', words});

function write(area: OperationArea, risk: Exclude<OperationRisk, 'none'>, words: string, impact: OperationImpact = 'none', options: Options = {}): Operation {
	const scope = options.scope ?? (impact === 'none' ? 'none' : 'fleet');
	return {access: 'write', area, impact, strength: impact === 'none' ? 0 : (options.strength ?? 1), scope, risk, words};
}

const device: Options = {scope: 'device'};

/** Every operation of the AWS SDK's IoT client. The type makes a missing one a compile error. */
export const IOT_OPERATIONS: Readonly<Record<IotOperationName, Operation>> = {
	AcceptCertificateTransfer: write('certificate', 'medium', 'accepts a device certificate transferred from another account', 'grant', device),
	AddThingToBillingGroup: write('billing-group', 'low', 'adds a thing to a billing group'),
	AddThingToThingGroup: write('thing-group', 'low', "adds a thing to a thing group (it gets the group's policies and jobs)", 'grant', device),
	AssociateSbomWithPackageVersion: write('fleet', 'low', 'attaches a software bill of materials to a software package version'),
	AssociateTargetsWithJob: write('fleet', 'high', 'adds devices or thing groups to a running continuous job', 'deploy'),
	AttachPolicy: write('policy', 'low', 'attaches a policy to a certificate, identity or thing group', 'grant', device),
	AttachPrincipalPolicy: write('policy', 'low', 'attaches a policy to a certificate or identity (older form of AttachPolicy)', 'grant', device),
	AttachSecurityProfile: write('defender', 'low', 'starts Device Defender checking a thing group or the account against a security profile'),
	AttachThingPrincipal: write('thing', 'low', 'attaches a certificate or identity to a thing', 'grant', device),
	CancelAuditMitigationActionsTask: write('defender', 'low', 'cancels a running Device Defender audit mitigation task'),
	CancelAuditTask: write('defender', 'low', 'cancels a running Device Defender audit'),
	CancelCertificateTransfer: write('certificate', 'low', 'cancels a pending transfer of a device certificate to another account'),
	CancelDetectMitigationActionsTask: write('defender', 'low', 'cancels a running Device Defender detect mitigation task'),
	CancelJob: write('fleet', 'medium', 'cancels a job: devices that have not started it will not run it', 'deploy', {strength: 0.4}),
	CancelJobExecution: write('fleet', 'low', 'cancels a job on one device', 'deploy', {strength: 0.4, scope: 'device'}),
	ClearDefaultAuthorizer: write('authorizer', 'high', 'clears the default custom authorizer: devices that connect without naming one lose it', 'credentials'),
	ConfirmTopicRuleDestination: write('rule', 'low', 'confirms a topic rule destination (an HTTP endpoint), so rules can deliver to it', 'route', {strength: 0.5}),
	CreateAuditSuppression: write('defender', 'low', 'suppresses a Device Defender audit finding'),
	CreateAuthorizer: write('authorizer', 'medium', 'creates a custom authorizer (used once a device or endpoint names it)', 'grant', {strength: 0.3}),
	CreateBillingGroup: write('billing-group', 'low', 'creates a billing group'),
	CreateCertificateFromCsr: write('certificate', 'low', 'creates a device certificate from a certificate signing request', 'grant', device),
	CreateCertificateProvider: write('provisioning', 'medium', 'creates a certificate provider: a Lambda function that signs device certificates for fleet provisioning', 'grant'),
	CreateCommand: write('fleet', 'low', 'defines a command that can later be sent to devices'),
	CreateCustomMetric: write('defender', 'low', 'defines a custom metric for Device Defender'),
	CreateDimension: write('defender', 'low', 'creates a Device Defender dimension (a topic filter for security profiles)'),
	CreateDomainConfiguration: write('domain', 'medium', 'creates an IoT endpoint (domain configuration)', 'grant', {strength: 0.3}),
	CreateDynamicThingGroup: write('thing-group', 'low', 'creates a thing group whose members a fleet index query chooses'),
	CreateFleetMetric: write('indexing', 'low', 'creates a fleet metric (aggregated from the fleet index)'),
	CreateJob: write('fleet', 'high', 'sends a job (firmware update or remote operation) to devices', 'deploy'),
	CreateJobTemplate: write('fleet', 'low', 'creates a job template'),
	CreateKeysAndCertificate: write('certificate', 'low', 'creates a device certificate and key pair', 'grant', device),
	CreateMitigationAction: write('defender', 'medium', 'defines a Device Defender mitigation action (run later, it can deactivate certificates or replace policy versions)'),
	CreateOTAUpdate: write('fleet', 'high', 'sends an over-the-air firmware update to devices', 'deploy'),
	CreatePackage: write('fleet', 'low', 'creates a software package in the package catalog'),
	CreatePackageVersion: write('fleet', 'low', 'creates a software package version'),
	CreatePolicy: write('policy', 'low', 'creates a policy (no effect until it is attached)'),
	CreatePolicyVersion: write('policy', 'high', 'creates a policy version (in force at once when set as default)', 'permissions'),
	CreateProvisioningClaim: write('provisioning', 'medium', 'creates a provisioning claim certificate (lets a device register itself for a few minutes)', 'grant'),
	CreateProvisioningTemplate: write('provisioning', 'medium', 'creates a fleet provisioning template (what new devices get: thing, certificate, policy)', 'grant'),
	CreateProvisioningTemplateVersion: write('provisioning', 'medium', 'creates a version of a fleet provisioning template', 'grant'),
	CreateRoleAlias: write('role-alias', 'medium', 'creates a role alias: lets devices get AWS credentials for an IAM role', 'grant'),
	CreateScheduledAudit: write('defender', 'low', 'schedules a Device Defender audit'),
	CreateSecurityProfile: write('defender', 'low', 'creates a Device Defender security profile'),
	CreateStream: write('fleet', 'low', 'creates a stream of files for devices to download (OTA updates)'),
	CreateThing: write('thing', 'low', 'creates a thing'),
	CreateThingGroup: write('thing-group', 'low', 'creates a thing group'),
	CreateThingType: write('thing-type', 'low', 'creates a thing type'),
	CreateTopicRule: write('rule', 'medium', 'creates a topic rule: messages it matches are sent somewhere new', 'route'),
	CreateTopicRuleDestination: write('rule', 'low', 'creates a topic rule destination (an HTTP endpoint or a VPC)', 'route', {strength: 0.3}),
	DeleteAccountAuditConfiguration: write('defender', 'high', 'turns Device Defender audits off for the account and deletes their settings'),
	DeleteAuditSuppression: write('defender', 'low', 'removes a Device Defender audit finding suppression'),
	DeleteAuthorizer: write('authorizer', 'high', 'deletes a custom authorizer', 'credentials'),
	DeleteBillingGroup: write('billing-group', 'low', 'deletes a billing group'),
	DeleteCACertificate: write('ca', 'high', 'deletes a registered CA certificate', 'credentials', {strength: 0.5}),
	DeleteCertificate: write('certificate', 'medium', 'deletes a device certificate (only possible once it is inactive or revoked)', 'credentials', {strength: 0.2, scope: 'device'}),
	DeleteCertificateProvider: write('provisioning', 'medium', 'deletes a certificate provider (AWS IoT signs fleet provisioning certificates again)'),
	DeleteCommand: write('fleet', 'low', 'deletes a command definition'),
	DeleteCommandExecution: write('fleet', 'low', 'deletes the record of a command run on a device'),
	DeleteCustomMetric: write('defender', 'low', 'deletes a Device Defender custom metric'),
	DeleteDimension: write('defender', 'low', 'deletes a Device Defender dimension'),
	DeleteDomainConfiguration: write('domain', 'high', 'deletes an IoT endpoint (domain configuration)', 'credentials', {strength: 0.5}),
	DeleteDynamicThingGroup: write('thing-group', 'low', 'deletes a dynamic thing group', 'permissions', {strength: 0.2}),
	DeleteFleetMetric: write('indexing', 'low', 'deletes a fleet metric'),
	DeleteJob: write('fleet', 'medium', 'deletes a job and its executions (a forced delete stops it on devices)', 'deploy', {strength: 0.3}),
	DeleteJobExecution: write('fleet', 'low', 'deletes a job execution of one device', 'deploy', {strength: 0.2, scope: 'device'}),
	DeleteJobTemplate: write('fleet', 'low', 'deletes a job template'),
	DeleteMitigationAction: write('defender', 'low', 'deletes a Device Defender mitigation action'),
	DeleteOTAUpdate: write('fleet', 'medium', 'deletes an OTA update (and, if asked, its stream and job)', 'deploy', {strength: 0.3}),
	DeletePackage: write('fleet', 'low', 'deletes a software package and its versions'),
	DeletePackageVersion: write('fleet', 'low', 'deletes a software package version'),
	DeletePolicy: write('policy', 'medium', 'deletes a policy (only possible once it is detached from everything)', 'permissions', {strength: 0.1}),
	DeletePolicyVersion: write('policy', 'low', 'deletes a policy version that is not in force (the default version cannot be deleted)', 'permissions', {strength: 0.1}),
	DeleteProvisioningTemplate: write('provisioning', 'medium', 'deletes a fleet provisioning template: new devices can no longer register with it', 'credentials', {strength: 0.2}),
	DeleteProvisioningTemplateVersion: write('provisioning', 'low', 'deletes a version of a fleet provisioning template'),
	DeleteRegistrationCode: write('ca', 'low', 'deletes the registration code used to register CA certificates'),
	DeleteRoleAlias: write('role-alias', 'high', 'deletes a role alias: devices can no longer get AWS credentials through it', 'credentials', {strength: 0.3}),
	DeleteScheduledAudit: write('defender', 'medium', 'deletes a scheduled Device Defender audit'),
	DeleteSecurityProfile: write('defender', 'medium', 'deletes a Device Defender security profile (its checks stop)'),
	DeleteStream: write('fleet', 'medium', 'deletes a stream of files (OTA updates that use it fail)', 'deploy', {strength: 0.2}),
	DeleteThing: write('thing', 'medium', 'deletes a thing', 'permissions', {strength: 0.5, scope: 'device'}),
	DeleteThingGroup: write('thing-group', 'medium', "deletes a thing group (its members lose the group's policies)", 'permissions', {strength: 0.5}),
	DeleteThingType: write('thing-type', 'low', 'deletes a thing type'),
	DeleteTopicRule: write('rule', 'high', 'deletes a topic rule: messages it matched are no longer routed', 'route'),
	DeleteTopicRuleDestination: write('rule', 'high', 'deletes a topic rule destination: rules using it cannot deliver', 'route'),
	DeleteV2LoggingLevel: write('logging', 'medium', 'removes the logging level set for a thing group or client (it falls back to the default level)'),
	DeprecateThingType: write('thing-type', 'low', 'deprecates a thing type (no new things of that type)'),
	DescribeAccountAuditConfiguration: read('defender', 'reads the Device Defender audit settings'),
	DescribeAuditFinding: read('defender', 'reads a Device Defender audit finding'),
	DescribeAuditMitigationActionsTask: read('defender', 'reads a Device Defender audit mitigation task'),
	DescribeAuditSuppression: read('defender', 'reads a Device Defender audit finding suppression'),
	DescribeAuditTask: read('defender', 'reads a Device Defender audit'),
	DescribeAuthorizer: read('authorizer', 'reads a custom authorizer'),
	DescribeBillingGroup: read('billing-group', 'reads a billing group'),
	DescribeCACertificate: read('ca', 'reads a CA certificate'),
	DescribeCertificate: read('certificate', 'reads a device certificate'),
	DescribeCertificateProvider: read('provisioning', 'reads a certificate provider'),
	DescribeCustomMetric: read('defender', 'reads a Device Defender custom metric'),
	DescribeDefaultAuthorizer: read('authorizer', 'reads which custom authorizer is the default'),
	DescribeDetectMitigationActionsTask: read('defender', 'reads a Device Defender detect mitigation task'),
	DescribeDimension: read('defender', 'reads a Device Defender dimension'),
	DescribeDomainConfiguration: read('domain', 'reads an IoT endpoint (domain configuration)'),
	DescribeEncryptionConfiguration: read('encryption', 'reads how AWS IoT encrypts data at rest'),
	DescribeEndpoint: read('account', "reads the account's IoT endpoint address"),
	DescribeEventConfigurations: read('events', 'reads which registry events are published'),
	DescribeFleetMetric: read('indexing', 'reads a fleet metric'),
	DescribeIndex: read('indexing', 'reads a fleet index'),
	DescribeJob: read('fleet', 'reads a job'),
	DescribeJobExecution: read('fleet', 'reads a job execution of one device'),
	DescribeJobTemplate: read('fleet', 'reads a job template'),
	DescribeManagedJobTemplate: read('fleet', 'reads an AWS managed job template'),
	DescribeMitigationAction: read('defender', 'reads a Device Defender mitigation action'),
	DescribeProvisioningTemplate: read('provisioning', 'reads a fleet provisioning template'),
	DescribeProvisioningTemplateVersion: read('provisioning', 'reads a version of a fleet provisioning template'),
	DescribeRoleAlias: read('role-alias', 'reads a role alias'),
	DescribeScheduledAudit: read('defender', 'reads a scheduled Device Defender audit'),
	DescribeSecurityProfile: read('defender', 'reads a Device Defender security profile'),
	DescribeStream: read('fleet', 'reads a stream of files'),
	DescribeThing: read('thing', 'reads a thing'),
	DescribeThingGroup: read('thing-group', 'reads a thing group'),
	DescribeThingRegistrationTask: read('provisioning', 'reads a bulk thing registration task'),
	DescribeThingType: read('thing-type', 'reads a thing type'),
	// Strength 0.8: the target loses what this policy allowed, but may hold others (its thing groups', others attached).
	DetachPolicy: write('policy', 'high', 'detaches a policy from a certificate, identity or thing group: they lose what it allowed', 'permissions', {strength: 0.8, scope: 'device'}),
	DetachPrincipalPolicy: write('policy', 'high', 'detaches a policy from a certificate or identity (older form of DetachPolicy)', 'permissions', {strength: 0.8, scope: 'device'}),
	DetachSecurityProfile: write('defender', 'medium', 'stops Device Defender checking a thing group or the account against a security profile'),
	DetachThingPrincipal: write('thing', 'medium', 'detaches a certificate or identity from a thing (policies that use the thing name stop matching)', 'permissions', {strength: 0.5, scope: 'device'}),
	DisableTopicRule: write('rule', 'high', 'disables a topic rule: messages it matched are no longer routed', 'route'),
	DisassociateSbomFromPackageVersion: write('fleet', 'low', 'removes the software bill of materials from a software package version'),
	EnableTopicRule: write('rule', 'medium', 'enables a topic rule: it routes messages again', 'route'),
	GetBehaviorModelTrainingSummaries: read('defender', 'reads Device Defender ML model training summaries'),
	GetBucketsAggregation: read('indexing', 'aggregates fleet index fields into buckets'),
	GetCardinality: read('indexing', 'counts distinct values in the fleet index'),
	GetCommand: read('fleet', 'reads a command definition'),
	GetCommandExecution: read('fleet', 'reads a command run on a device'),
	GetEffectivePolicies: read('policy', 'reads the policies in force for a certificate or identity'),
	GetIndexingConfiguration: read('indexing', 'reads the fleet indexing settings'),
	GetJobDocument: read('fleet', 'reads the document of a job'),
	GetLoggingOptions: read('logging', 'reads the IoT logging options (v1)'),
	GetOTAUpdate: read('fleet', 'reads an OTA update'),
	GetPackage: read('fleet', 'reads a software package'),
	GetPackageConfiguration: read('fleet', 'reads the software package catalog settings'),
	GetPackageVersion: read('fleet', 'reads a software package version'),
	GetPercentiles: read('indexing', 'computes percentiles over the fleet index'),
	GetPolicy: read('policy', 'reads a policy'),
	GetPolicyVersion: read('policy', 'reads a policy version'),
	GetRegistrationCode: read('ca', 'reads the registration code for CA certificates'),
	GetStatistics: read('indexing', 'computes statistics over the fleet index'),
	GetThingConnectivityData: read('thing', 'reads whether a thing is connected'),
	GetTopicRule: read('rule', 'reads a topic rule'),
	GetTopicRuleDestination: read('rule', 'reads a topic rule destination'),
	GetV2LoggingOptions: read('logging', 'reads the IoT logging options'),
	ListActiveViolations: read('defender', 'lists active Device Defender violations'),
	ListAttachedPolicies: read('policy', 'lists the policies attached to a target'),
	ListAuditFindings: read('defender', 'lists Device Defender audit findings'),
	ListAuditMitigationActionsExecutions: read('defender', 'lists Device Defender audit mitigation executions'),
	ListAuditMitigationActionsTasks: read('defender', 'lists Device Defender audit mitigation tasks'),
	ListAuditSuppressions: read('defender', 'lists Device Defender audit finding suppressions'),
	ListAuditTasks: read('defender', 'lists Device Defender audits'),
	ListAuthorizers: read('authorizer', 'lists custom authorizers'),
	ListBillingGroups: read('billing-group', 'lists billing groups'),
	ListCACertificates: read('ca', 'lists CA certificates'),
	ListCertificateProviders: read('provisioning', 'lists certificate providers'),
	ListCertificates: read('certificate', 'lists device certificates'),
	ListCertificatesByCA: read('certificate', 'lists the device certificates a CA signed'),
	ListCommandExecutions: read('fleet', 'lists commands run on devices'),
	ListCommands: read('fleet', 'lists command definitions'),
	ListCustomMetrics: read('defender', 'lists Device Defender custom metrics'),
	ListDetectMitigationActionsExecutions: read('defender', 'lists Device Defender detect mitigation executions'),
	ListDetectMitigationActionsTasks: read('defender', 'lists Device Defender detect mitigation tasks'),
	ListDimensions: read('defender', 'lists Device Defender dimensions'),
	ListDomainConfigurations: read('domain', 'lists IoT endpoints (domain configurations)'),
	ListFleetMetrics: read('indexing', 'lists fleet metrics'),
	ListIndices: read('indexing', 'lists fleet indexes'),
	ListJobExecutionsForJob: read('fleet', 'lists the executions of a job'),
	ListJobExecutionsForThing: read('fleet', 'lists the job executions of a thing'),
	ListJobTemplates: read('fleet', 'lists job templates'),
	ListJobs: read('fleet', 'lists jobs'),
	ListManagedJobTemplates: read('fleet', 'lists AWS managed job templates'),
	ListMetricValues: read('defender', 'lists Device Defender metric values of a thing'),
	ListMitigationActions: read('defender', 'lists Device Defender mitigation actions'),
	ListOTAUpdates: read('fleet', 'lists OTA updates'),
	ListOutgoingCertificates: read('certificate', 'lists certificates being transferred to other accounts'),
	ListPackageVersions: read('fleet', 'lists software package versions'),
	ListPackages: read('fleet', 'lists software packages'),
	ListPolicies: read('policy', 'lists policies'),
	ListPolicyPrincipals: read('policy', 'lists the principals a policy is attached to (older form)'),
	ListPolicyVersions: read('policy', 'lists the versions of a policy'),
	ListPrincipalPolicies: read('policy', 'lists the policies attached to a principal (older form)'),
	ListPrincipalThings: read('thing', 'lists the things a principal is attached to'),
	ListPrincipalThingsV2: read('thing', 'lists the things a principal is attached to, with the attachment type'),
	ListProvisioningTemplateVersions: read('provisioning', 'lists the versions of a fleet provisioning template'),
	ListProvisioningTemplates: read('provisioning', 'lists fleet provisioning templates'),
	ListRelatedResourcesForAuditFinding: read('defender', 'lists the resources of a Device Defender audit finding'),
	ListRoleAliases: read('role-alias', 'lists role aliases'),
	ListSbomValidationResults: read('fleet', 'lists software bill of materials validation results'),
	ListScheduledAudits: read('defender', 'lists scheduled Device Defender audits'),
	ListSecurityProfiles: read('defender', 'lists Device Defender security profiles'),
	ListSecurityProfilesForTarget: read('defender', 'lists the Device Defender security profiles of a target'),
	ListStreams: read('fleet', 'lists streams of files'),
	ListTagsForResource: read('tags', 'lists the tags of a resource'),
	ListTargetsForPolicy: read('policy', 'lists the targets a policy is attached to'),
	ListTargetsForSecurityProfile: read('defender', 'lists the targets of a Device Defender security profile'),
	ListThingGroups: read('thing-group', 'lists thing groups'),
	ListThingGroupsForThing: read('thing-group', 'lists the thing groups of a thing'),
	ListThingPrincipals: read('thing', 'lists the principals attached to a thing'),
	ListThingPrincipalsV2: read('thing', 'lists the principals attached to a thing, with the attachment type'),
	ListThingRegistrationTaskReports: read('provisioning', 'lists the reports of a bulk thing registration task'),
	ListThingRegistrationTasks: read('provisioning', 'lists bulk thing registration tasks'),
	ListThingTypes: read('thing-type', 'lists thing types'),
	ListThings: read('thing', 'lists things'),
	ListThingsInBillingGroup: read('billing-group', 'lists the things in a billing group'),
	ListThingsInThingGroup: read('thing-group', 'lists the things in a thing group'),
	ListTopicRuleDestinations: read('rule', 'lists topic rule destinations'),
	ListTopicRules: read('rule', 'lists topic rules'),
	ListV2LoggingLevels: read('logging', 'lists the logging levels set for thing groups and clients'),
	ListViolationEvents: read('defender', 'lists Device Defender violation events'),
	PutVerificationStateOnViolation: write('defender', 'low', 'marks a Device Defender violation (benign, true positive, ...)'),
	RegisterCACertificate: write('ca', 'high', 'registers a CA certificate: device certificates it signed can be trusted', 'grant'),
	RegisterCertificate: write('certificate', 'low', 'registers a device certificate signed by a registered CA', 'grant', device),
	RegisterCertificateWithoutCA: write('certificate', 'low', 'registers a device certificate without registering its CA', 'grant', device),
	RegisterThing: write('provisioning', 'low', 'provisions a device from a provisioning template', 'grant', device),
	RejectCertificateTransfer: write('certificate', 'low', 'rejects a device certificate transferred from another account'),
	RemoveThingFromBillingGroup: write('billing-group', 'low', 'removes a thing from a billing group'),
	RemoveThingFromThingGroup: write('thing-group', 'medium', "removes a thing from a thing group (it loses the group's policies)", 'permissions', {strength: 0.5, scope: 'device'}),
	ReplaceTopicRule: write('rule', 'high', "replaces a topic rule's query and actions", 'route'),
	SearchIndex: read('indexing', 'searches the fleet index'),
	SetDefaultAuthorizer: write('authorizer', 'high', 'sets the default custom authorizer for devices that connect without naming one', 'credentials'),
	SetDefaultPolicyVersion: write('policy', 'high', 'sets which version of a policy is in force for everything it is attached to', 'permissions'),
	SetLoggingOptions: write('logging', 'medium', 'changes IoT logging (v1: role and level)'),
	SetV2LoggingLevel: write('logging', 'medium', 'sets the logging level for a thing group, client or source'),
	SetV2LoggingOptions: write('logging', 'medium', 'changes IoT logging (default level, role, on or off)'),
	StartAuditMitigationActionsTask: write('defender', 'high', 'runs Device Defender mitigation actions on audit findings (they can deactivate certificates or replace policy versions)', 'credentials', {strength: 0.7}),
	StartDetectMitigationActionsTask: write('defender', 'high', 'runs Device Defender mitigation actions on detected violations (they can deactivate certificates or replace policy versions)', 'credentials', {strength: 0.7}),
	StartOnDemandAuditTask: write('defender', 'low', 'starts a Device Defender audit now'),
	StartThingRegistrationTask: write('provisioning', 'medium', 'starts registering many things at once from a file in S3', 'grant'),
	StopThingRegistrationTask: write('provisioning', 'low', 'stops a bulk thing registration task'),
	TagResource: write('tags', 'low', 'adds tags to a resource'),
	TestAuthorization: read('policy', 'tests what the policies of a principal allow (changes nothing)'),
	TestInvokeAuthorizer: read('authorizer', 'tests a custom authorizer with a token (changes nothing)'),
	TransferCertificate: write('certificate', 'high', 'transfers a device certificate to another account (it stops working here)', 'credentials', device),
	UntagResource: write('tags', 'low', 'removes tags from a resource'),
	UpdateAccountAuditConfiguration: write('defender', 'medium', 'changes the Device Defender audit settings (checks, notifications, role)'),
	UpdateAuditSuppression: write('defender', 'low', 'changes a Device Defender audit finding suppression'),
	UpdateAuthorizer: write('authorizer', 'high', 'changes a custom authorizer (function, signing keys or status)', 'credentials'),
	UpdateBillingGroup: write('billing-group', 'low', 'changes a billing group'),
	UpdateCACertificate: write('ca', 'high', "changes a CA certificate's status or auto-registration", 'credentials'),
	UpdateCertificate: write('certificate', 'high', "changes a device certificate's status", 'credentials', device),
	UpdateCertificateProvider: write('provisioning', 'medium', 'changes a certificate provider (who signs fleet provisioning certificates)', 'grant'),
	UpdateCommand: write('fleet', 'low', 'changes or deprecates a command definition'),
	UpdateCustomMetric: write('defender', 'low', 'changes a Device Defender custom metric'),
	UpdateDimension: write('defender', 'low', 'changes a Device Defender dimension'),
	UpdateDomainConfiguration: write('domain', 'high', 'changes an IoT endpoint (domain configuration): status, authorizer, TLS or certificates', 'credentials'),
	UpdateDynamicThingGroup: write('thing-group', 'medium', 'changes which things a dynamic thing group holds (its policies and jobs follow)', 'permissions', {strength: 0.3}),
	UpdateEncryptionConfiguration: write('encryption', 'high', 'changes the key AWS IoT encrypts its data with (AWS-owned or a customer-managed KMS key)', 'credentials', {strength: 0.5}),
	UpdateEventConfigurations: write('events', 'medium', 'turns registry event messages ($aws/events topics) on or off', 'route', {strength: 0.5}),
	UpdateFleetMetric: write('indexing', 'low', 'changes a fleet metric'),
	UpdateIndexingConfiguration: write('indexing', 'low', 'changes what the fleet index holds'),
	UpdateJob: write('fleet', 'medium', "changes a job's rollout, abort or timeout settings", 'deploy', {strength: 0.6}),
	UpdateMitigationAction: write('defender', 'medium', 'changes a Device Defender mitigation action'),
	UpdatePackage: write('fleet', 'low', 'changes a software package (description, default version)'),
	UpdatePackageConfiguration: write('fleet', 'low', 'changes the software package catalog settings'),
	UpdatePackageVersion: write('fleet', 'low', 'changes a software package version (publishes or deprecates it)'),
	UpdateProvisioningTemplate: write('provisioning', 'medium', 'changes a fleet provisioning template (default version, role, enabled)', 'grant'),
	UpdateRoleAlias: write('role-alias', 'high', 'changes which IAM role a role alias gives devices, or for how long', 'credentials', {strength: 0.3}),
	UpdateScheduledAudit: write('defender', 'low', 'changes a scheduled Device Defender audit'),
	UpdateSecurityProfile: write('defender', 'medium', 'changes a Device Defender security profile (behaviours, alerts)'),
	UpdateStream: write('fleet', 'low', 'changes the files of a stream', 'deploy', {strength: 0.2}),
	UpdateThing: write('thing', 'low', "changes a thing's attributes or type"),
	UpdateThingGroup: write('thing-group', 'low', "changes a thing group's properties"),
	UpdateThingGroupsForThing: write('thing-group', 'medium', 'moves a thing between thing groups (their policies and jobs follow)', 'permissions', {strength: 0.4, scope: 'device'}),
	UpdateThingType: write('thing-type', 'low', 'changes a thing type'),
	UpdateTopicRuleDestination: write('rule', 'medium', 'enables or disables a topic rule destination', 'route'),
	ValidateSecurityProfileBehaviors: read('defender', 'checks Device Defender behaviours for errors (changes nothing)'),
};

/**
 * Calls CloudTrail can record for IoT that are not control-plane operations: the device side (MQTT
 * messaging, shadows, jobs for devices), logged only as data events when a trail asks for them.
 */
export const IOT_DATA_OPERATIONS: Readonly<Record<string, Operation>> = {
	Publish: write('messaging', 'low', 'publishes an MQTT message'),
	DeleteConnection: write('messaging', 'medium', 'disconnects an MQTT client', 'credentials', {strength: 0.5, scope: 'device'}),
	GetRetainedMessage: read('messaging', 'reads a retained MQTT message'),
	ListRetainedMessages: read('messaging', 'lists retained MQTT messages'),
	GetThingShadow: read('shadow', 'reads a device shadow'),
	ListNamedShadowsForThing: read('shadow', 'lists the named shadows of a thing'),
	UpdateThingShadow: write('shadow', 'low', 'updates a device shadow'),
	DeleteThingShadow: write('shadow', 'medium', 'deletes a device shadow'),
	GetPendingJobExecutions: read('fleet', 'lists the jobs waiting for a device'),
	StartNextPendingJobExecution: write('fleet', 'low', 'starts the next job waiting for a device'),
	UpdateJobExecution: write('fleet', 'low', "reports a device's progress on a job"),
	StartCommandExecution: write('fleet', 'medium', 'sends a command to a device', 'deploy', {strength: 0.6, scope: 'device'}),
};

/** The classification of an eventName, or null when it is none of the above (or not a string). */
export function operationOf(eventName: unknown): Operation | null {
	if (typeof eventName !== 'string') return null;
	if (Object.hasOwn(IOT_OPERATIONS, eventName)) return IOT_OPERATIONS[eventName as IotOperationName];
	if (Object.hasOwn(IOT_DATA_OPERATIONS, eventName)) return IOT_DATA_OPERATIONS[eventName] ?? null;
	return null;
}

export {IOT_OPERATION_NAMES};
