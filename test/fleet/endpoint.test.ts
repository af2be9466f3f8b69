/**
 * The embedded endpoint as an organization, through the real @aws-sdk/client-cloudwatch and
 * @aws-sdk/client-cloudwatch-logs clients: the region from the SigV4 credential scope, OAM linked
 * accounts, the organization trail log group, throttling and the fault hooks.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {CloudWatchClient, GetMetricDataCommand, ListMetricsCommand} from '@aws-sdk/client-cloudwatch';
import {CloudWatchLogsClient, DescribeLogGroupsCommand, FilterLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {startSimulator, type Simulator} from '../../source/simulator/server.js';
import {BASE} from '../aws/helpers.js';
import {rejection} from '../simulator/helpers.js';
import {GROUP, PROD, SELF, STAGING} from './helpers.js';

const MINUTE = 60_000;
const credentials = {accessKeyId: 'test', secretAccessKey: 'test'};
const cw = (sim: Simulator, region: string) => new CloudWatchClient({region, endpoint: sim.url, credentials, maxAttempts: 1});
const logs = (sim: Simulator, region: string) => new CloudWatchLogsClient({region, endpoint: sim.url, credentials, maxAttempts: 1});

async function org(options: {quiet?: boolean; filterLogEventsTps?: number} = {}): Promise<Simulator> {
	return startSimulator({
		seed: 1,
		...(options.filterLogEventsTps ? {filterLogEventsTps: options.filterLogEventsTps} : {}),
		now: () => BASE,
		quiet: options.quiet ?? true,
		org: {linkedAccounts: [PROD, STAGING], trailRegions: ['us-east-1', 'eu-west-1']},
	});
}

async function publishIn(sim: Simulator, region: string, account?: string): Promise<number[]> {
	const end = Math.floor(BASE / MINUTE) * MINUTE - 5 * MINUTE;
	const answer = await cw(sim, region).send(
		new GetMetricDataCommand({
			StartTime: new Date(end - 10 * MINUTE),
			EndTime: new Date(end),
			ScanBy: 'TimestampAscending',
			MetricDataQueries: [
				{Id: 'a', ...(account ? {AccountId: account} : {}), MetricStat: {Metric: {Namespace: 'AWS/IoT', MetricName: 'PublishIn.Success', Dimensions: [{Name: 'Protocol', Value: 'MQTT'}]}, Period: 60, Stat: 'Sum'}},
			],
		}),
	);
	return answer.MetricDataResults?.[0]?.Values ?? [];
}

test('each region is its own fleet, and us-east-1 without AccountId is the single-account fleet of old', async () => {
	const sim = await org();
	const classic = await startSimulator({seed: 1, now: () => BASE, quiet: true});
	try {
		const [east, west, old] = await Promise.all([publishIn(sim, 'us-east-1'), publishIn(sim, 'eu-west-1'), publishIn(classic, 'us-east-1')]);
		assert.equal(east.length, 10);
		assert.deepEqual(east, old);
		assert.notDeepEqual(east, west);
		assert.deepEqual(new Set(sim.requestLog().map(entry => entry.region)), new Set(['us-east-1', 'eu-west-1']));
	} finally {
		await sim.close();
		await classic.close();
	}
});

test('OAM: IncludeLinkedAccounts lists OwningAccounts 1:1 with Metrics; OwningAccount narrows; AccountId reads that account', async () => {
	const sim = await org();
	try {
		const client = cw(sim, 'eu-west-1');
		const own = await client.send(new ListMetricsCommand({Namespace: 'AWS/IoT'}));
		assert.equal(own.OwningAccounts, undefined);
		const all = await client.send(new ListMetricsCommand({Namespace: 'AWS/IoT', IncludeLinkedAccounts: true}));
		assert.equal(all.OwningAccounts?.length, all.Metrics?.length);
		assert.deepEqual(new Set(all.OwningAccounts), new Set([SELF, PROD, STAGING]));
		assert.equal(all.Metrics!.length, 3 * own.Metrics!.length);
		const narrowed = await client.send(new ListMetricsCommand({Namespace: 'AWS/IoT', IncludeLinkedAccounts: true, OwningAccount: PROD}));
		assert.deepEqual(new Set(narrowed.OwningAccounts), new Set([PROD]));
		assert.equal(narrowed.Metrics!.length, own.Metrics!.length);
		const [self, selfById, prod] = await Promise.all([publishIn(sim, 'eu-west-1'), publishIn(sim, 'eu-west-1', SELF), publishIn(sim, 'eu-west-1', PROD)]);
		assert.deepEqual(self, selfById);
		assert.notDeepEqual(self, prod);
		assert.equal(prod.length, 10);
	} finally {
		await sim.close();
	}
});

test('a denied account answers Forbidden for its queries only; a disabled region answers UnrecognizedClientException to every service', async () => {
	const sim = await org();
	try {
		sim.denyAccount(PROD);
		const client = cw(sim, 'us-east-1');
		const end = Math.floor(BASE / MINUTE) * MINUTE - 5 * MINUTE;
		const query = (id: string, account: string) => ({
			Id: id,
			AccountId: account,
			MetricStat: {Metric: {Namespace: 'AWS/IoT', MetricName: 'Connect.Success', Dimensions: [{Name: 'Protocol', Value: 'MQTT'}]}, Period: 60, Stat: 'Sum'},
		});
		const answer = await client.send(
			new GetMetricDataCommand({StartTime: new Date(end - 5 * MINUTE), EndTime: new Date(end), MetricDataQueries: [query('p', PROD), query('s', STAGING)]}),
		);
		const [prod, staging] = answer.MetricDataResults!;
		assert.equal(prod?.StatusCode, 'Forbidden');
		assert.match(prod?.Messages?.[0]?.Value ?? '', /not authorized/);
		assert.equal(staging?.StatusCode, 'Complete');
		assert.ok((staging?.Values?.length ?? 0) > 0);
		const denied = await rejection(client.send(new ListMetricsCommand({Namespace: 'AWS/IoT', IncludeLinkedAccounts: true, OwningAccount: PROD})));
		assert.equal(denied.name, 'AccessDenied');

		sim.disableRegion('eu-west-1');
		const metrics = await rejection(cw(sim, 'eu-west-1').send(new ListMetricsCommand({Namespace: 'AWS/IoT'})));
		assert.equal(metrics.name, 'UnrecognizedClientException');
		const events = await rejection(logs(sim, 'eu-west-1').send(new DescribeLogGroupsCommand({})));
		assert.equal(events.name, 'UnrecognizedClientException');
		await client.send(new ListMetricsCommand({Namespace: 'AWS/IoT'})); // us-east-1 goes on
	} finally {
		await sim.close();
	}
});

test('CloudWatch Logs: the organization trail group in its home region, IoT records of every account and region, paged without gaps or repeats', async () => {
	const sim = await org({quiet: false, filterLogEventsTps: 1000});
	try {
		const east = logs(sim, 'us-east-1');
		const groups = await east.send(new DescribeLogGroupsCommand({logGroupNamePrefix: 'aws-controltower/'}));
		assert.deepEqual(groups.logGroups?.map(g => g.logGroupName), [GROUP]);
		assert.equal(groups.logGroups?.[0]?.logGroupArn, `arn:aws:logs:us-east-1:${SELF}:log-group:${GROUP}`);
		const none = await logs(sim, 'eu-west-1').send(new DescribeLogGroupsCommand({logGroupNamePrefix: 'aws-controltower/'}));
		assert.deepEqual(none.logGroups, []);

		const window = {startTime: BASE - 8 * MINUTE, endTime: BASE, filterPattern: '{ $.eventSource = "iot.amazonaws.com" }'};
		const whole = await east.send(new FilterLogEventsCommand({logGroupName: GROUP, ...window}));
		assert.equal(whole.nextToken, undefined);
		const events = whole.events ?? [];
		assert.ok(events.length > 20 && events.length < 500, `${events.length} events`);
		const scopes = new Set<string>();
		for (const event of events) {
			const record = JSON.parse(event.message!) as {eventSource: string; recipientAccountId: string; awsRegion: string; eventTime: string};
			assert.equal(record.eventSource, 'iot.amazonaws.com');
			assert.equal(event.logStreamName, `o-sim1234567_${record.recipientAccountId}_CloudTrail_${record.awsRegion}`);
			assert.equal(event.timestamp, Date.parse(record.eventTime));
			assert.ok(event.ingestionTime! <= BASE && event.ingestionTime! >= event.timestamp!);
			scopes.add(`${record.recipientAccountId}/${record.awsRegion}`);
		}
		assert.equal(scopes.size, 6);
		const times = events.map(e => e.timestamp!);
		assert.deepEqual(times, [...times].sort((a, b) => a - b));

		// The same window in pages of 7, by ARN: the same events, once each.
		const paged: string[] = [];
		let nextToken: string | undefined;
		let pages = 0;
		do {
			const page = await east.send(
				new FilterLogEventsCommand({logGroupIdentifier: `arn:aws:logs:us-east-1:${SELF}:log-group:${GROUP}`, ...window, limit: 7, nextToken}),
			);
			paged.push(...(page.events ?? []).map(e => e.eventId!));
			nextToken = page.nextToken;
			pages++;
		} while (nextToken);
		assert.equal(pages, Math.ceil(events.length / 7));
		assert.deepEqual(paged, events.map(e => e.eventId));

		const wrongRegion = await rejection(
			logs(sim, 'eu-west-1').send(new FilterLogEventsCommand({logGroupIdentifier: `arn:aws:logs:us-east-1:${SELF}:log-group:${GROUP}`, ...window})),
		);
		assert.equal(wrongRegion.name, 'ResourceNotFoundException');
		const both = await rejection(east.send(new FilterLogEventsCommand({logGroupName: GROUP, logGroupIdentifier: GROUP, ...window})));
		assert.equal(both.name, 'InvalidParameterException');
		const pattern = await rejection(east.send(new FilterLogEventsCommand({logGroupName: GROUP, filterPattern: '{ $.eventSource = }'})));
		assert.equal(pattern.name, 'InvalidParameterException');
		const narrowed = await east.send(
			new FilterLogEventsCommand({logGroupName: GROUP, ...window, filterPattern: `{ $.eventSource = "iot.amazonaws.com" && $.recipientAccountId = "${PROD}" && $.awsRegion = "eu-west-1" }`}),
		);
		assert.ok((narrowed.events?.length ?? 0) > 0);
		assert.ok(narrowed.events!.every(e => e.logStreamName === `o-sim1234567_${PROD}_CloudTrail_eu-west-1`));
	} finally {
		await sim.close();
	}
});

test('CloudWatch Logs: FilterLogEvents above 5 requests/s in one region is ThrottlingException; another region has its own quota', async () => {
	const sim = await org();
	try {
		const request = () => new FilterLogEventsCommand({logGroupName: GROUP, startTime: BASE - MINUTE, endTime: BASE});
		const east = logs(sim, 'us-east-1');
		const answers = await Promise.allSettled(Array.from({length: 8}, () => east.send(request())));
		const throttled = answers.filter(a => a.status === 'rejected' && (a.reason as Error).name === 'ThrottlingException');
		assert.equal(answers.filter(a => a.status === 'fulfilled').length, 5);
		assert.equal(throttled.length, 3);
		// eu-west-1 has no such group, but its quota is untouched: ResourceNotFound, not throttling.
		const west = await rejection(logs(sim, 'eu-west-1').send(request()));
		assert.equal(west.name, 'ResourceNotFoundException');
	} finally {
		await sim.close();
	}
});
