/**
 * Non-IoT management events sharing the account's Event History (about 30% of the stream), so an
 * EventSource=iot.amazonaws.com filter has something to exclude and ReadOnly=true finds reads.
 */

import type {EventTemplate} from './iot-events.js';
import {awsId, hexString, pickOne} from './random.js';

/** Browser user agent for console sign-ins (other console calls record console.amazonaws.com). */
export const BROWSER_AGENT =
	'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

export const OTHER_TEMPLATES: readonly EventTemplate[] = [
	{
		name: 'DescribeInstances',
		source: 'ec2.amazonaws.com',
		weight: 30,
		readOnly: true,
		kinds: [],
		build: () => ({request: {instancesSet: {}, filterSet: {}}, response: null}),
	},
	{
		name: 'AssumeRole',
		source: 'sts.amazonaws.com',
		weight: 25,
		readOnly: true,
		kinds: ['role'],
		// The rules engine assumes its action roles: most AssumeRole calls come from iot.amazonaws.com.
		service: {actor: 'iot-service', share: 0.6},
		build: (n, rng) => ({
			request: {roleArn: n.role, roleSessionName: `session-${hexString(rng, 8)}`, durationSeconds: 3600},
			response: {
				credentials: {accessKeyId: awsId(rng, 'ASIA'), sessionToken: 'HIDDEN_DUE_TO_SECURITY_REASONS'},
				assumedRoleUser: {assumedRoleId: `${awsId(rng, 'AROA', 17)}:session`, arn: n.role},
			},
		}),
	},
	{
		name: 'PutMetricAlarm',
		source: 'cloudwatch.amazonaws.com',
		weight: 10,
		readOnly: false,
		kinds: ['alarm'],
		humans: ['deploy-role', 'ci-deployer', 'alice'],
		build: (n, rng) => ({
			request: {
				alarmName: n.alarm,
				namespace: 'AWS/IoT',
				metricName: pickOne(rng, ['Connect.AuthError', 'PublishIn.Success', 'RuleMessageThrottled']),
				statistic: 'Sum',
				period: 60,
				evaluationPeriods: 3,
				threshold: pickOne(rng, [10, 50, 100]),
				comparisonOperator: 'GreaterThanThreshold',
			},
			response: null,
		}),
	},
	{
		name: 'ConsoleLogin',
		source: 'signin.amazonaws.com',
		weight: 8,
		readOnly: false,
		eventType: 'AwsConsoleSignIn',
		kinds: [],
		humans: ['alice', 'ops-admin', 'root'],
		canFail: false,
		build: () => ({request: null, response: {ConsoleLogin: 'Success'}}),
	},
	{
		name: 'RunInstances',
		source: 'ec2.amazonaws.com',
		weight: 8,
		readOnly: false,
		kinds: ['instance'],
		humans: ['deploy-role', 'ci-deployer', 'bob'],
		build: (n, rng) => ({
			request: {
				instancesSet: {items: [{imageId: `ami-0${hexString(rng, 16)}`, minCount: 1, maxCount: 1}]},
				instanceType: pickOne(rng, ['t3.micro', 't3.small', 'm6i.large']),
			},
			response: {instancesSet: {items: [{instanceId: n.instance, currentState: {code: 0, name: 'pending'}}]}},
		}),
	},
	{
		name: 'CreateBucket',
		source: 's3.amazonaws.com',
		weight: 4,
		readOnly: false,
		kinds: ['bucket'],
		humans: ['deploy-role', 'bob'],
		build: n => ({request: {bucketName: n.bucket, Host: `${n.bucket ?? ''}.s3.amazonaws.com`}, response: null}),
	},
];
