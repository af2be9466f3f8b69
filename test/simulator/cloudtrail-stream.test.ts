import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {MAX_DELIVERY_DELAY_MS, createCloudTrailService} from '../../source/simulator/cloudtrail/service.js';

// Tuesday 2026-03-10 14:00 UTC: working hours, so the stream is busy.
const NOW = Date.UTC(2026, 2, 10, 14, 0, 0);
const HOUR = 3_600_000;
const MINUTE = 60_000;

type WireEvent = {
	EventId: string;
	EventName: string;
	ReadOnly: string;
	AccessKeyId?: string;
	EventTime: number;
	EventSource: string;
	Username?: string;
	Resources: Array<{ResourceType: string; ResourceName: string}>;
	CloudTrailEvent: string;
};
type Page = {Events: WireEvent[]; NextToken?: string};
type Service = ReturnType<typeof createCloudTrailService>;
type Input = Record<string, unknown>;

const service = (seed = 7, quiet = true, startedAt = NOW): Service =>
	createCloudTrailService({seed, now: () => NOW, startedAt, quiet});

function pageAll(svc: Service, input: Input, now = NOW): WireEvent[] {
	const events: WireEvent[] = [];
	let token: string | undefined;
	for (let page = 0; page < 1000; page++) {
		const result = svc.handle('LookupEvents', {...input, NextToken: token}, now) as Page;
		events.push(...result.Events);
		token = result.NextToken;
		if (token === undefined) return events;
	}
	throw new Error('paging did not end');
}

const range = (from: number, to: number, extra: Input = {}): Input => ({StartTime: from / 1000, EndTime: to / 1000, ...extra});
const iotOnly = {LookupAttributes: [{AttributeKey: 'EventSource', AttributeValue: 'iot.amazonaws.com'}]};
const ids = (events: readonly WireEvent[]): string[] => events.map(event => event.EventId);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SOURCE_IP = /^(203\.0\.113|198\.51\.100|192\.0\.2)\.\d{1,3}$|^[a-z.]+\.amazonaws\.com$/;

type UserIdentity = {type: string; userName?: string; arn?: string; accessKeyId?: string; invokedBy?: string};

/** The LookupEvents Username AWS derives from a record's userIdentity. */
function expectedUsername(identity: UserIdentity): string | undefined {
	switch (identity.type) {
		case 'Root':
			return 'root';
		case 'IAMUser':
			return identity.userName;
		case 'AWSService':
			return undefined;
		default:
			return identity.arn?.split('/').at(-1);
	}
}

describe('CloudTrail stream: volume and determinism', () => {
	it('emits a few hundred IoT events per daytime hour and far fewer at night', () => {
		const svc = service();
		const day = pageAll(svc, range(NOW - HOUR, NOW, iotOnly)).length;
		const night = pageAll(svc, range(NOW - 12 * HOUR, NOW - 11 * HOUR, iotOnly)).length;
		assert.ok(day >= 200 && day <= 1000, `daytime hour: ${day}`);
		assert.ok(night < day / 2 && night > 20, `night hour (02-03 UTC): ${night}`);
	});

	it('is a pure function of the seed', () => {
		const input = range(NOW - 2 * HOUR, NOW);
		const a = pageAll(service(3), input);
		assert.deepEqual(pageAll(service(3), input), a);
		assert.notDeepEqual(ids(pageAll(service(4), input)).slice(0, 50), ids(a).slice(0, 50));
	});

	it('keeps generated events to the last 7 days', () => {
		const svc = service();
		assert.equal(pageAll(svc, range(NOW - 8 * 24 * HOUR, NOW - 7 * 24 * HOUR - MINUTE)).length, 0);
		assert.ok(pageAll(svc, range(NOW - 7 * 24 * HOUR + HOUR, NOW - 7 * 24 * HOUR + 2 * HOUR)).length > 0);
	});

	it('answers a 3-hour lookup quickly', () => {
		const input = range(NOW - 3 * HOUR, NOW, {LookupAttributes: [{AttributeKey: 'Username', AttributeValue: 'root'}]});
		pageAll(service(20), input); // warm up the JIT
		const started = performance.now();
		pageAll(service(21), input);
		const elapsed = performance.now() - started;
		assert.ok(elapsed < 100, `3-hour scan took ${elapsed.toFixed(1)} ms`);
	});
});

describe('CloudTrail stream: records', () => {
	const events = pageAll(service(), range(NOW - 2 * HOUR, NOW));

	it('keeps top-level fields consistent with the CloudTrailEvent record', () => {
		for (const event of events) {
			const record = JSON.parse(event.CloudTrailEvent) as Record<string, unknown> & {userIdentity: UserIdentity};
			assert.equal(record['eventVersion'], '1.11');
			assert.equal(record['eventID'], event.EventId);
			assert.match(event.EventId, UUID);
			assert.match(String(record['requestID']), UUID);
			assert.equal(record['eventName'], event.EventName);
			assert.equal(record['eventSource'], event.EventSource);
			assert.equal(String(record['readOnly']), event.ReadOnly);
			assert.equal(Date.parse(String(record['eventTime'])) / 1000, event.EventTime);
			assert.equal(record.userIdentity.accessKeyId, event.AccessKeyId);
			assert.equal(expectedUsername(record.userIdentity), event.Username);
			assert.equal(record['recipientAccountId'], '123456789012');
			assert.equal(record['awsRegion'], 'us-east-1');
			assert.equal(record['managementEvent'], true);
			assert.equal(record['eventCategory'], 'Management');
			assert.match(String(record['sourceIPAddress']), SOURCE_IP);
			const resources = (record['resources'] ?? []) as Array<{type: string}>;
			assert.deepEqual(resources.map(r => r.type), event.Resources.map(r => r.ResourceType));
			if (record['errorCode'] !== undefined) {
				assert.equal(record['responseElements'], null);
				assert.equal(typeof record['errorMessage'], 'string');
			}
		}
	});

	it('mixes identities, failures and IoT operations believably', () => {
		const records = events.map(event => JSON.parse(event.CloudTrailEvent) as {userIdentity: UserIdentity; errorCode?: string});
		const types = new Set(records.map(record => record.userIdentity.type));
		for (const type of ['IAMUser', 'AssumedRole', 'FederatedUser', 'AWSService']) assert.ok(types.has(type), type);
		const failed = records.filter(record => record.errorCode !== undefined).length / records.length;
		assert.ok(failed > 0.02 && failed < 0.1, `failure share ${failed}`);
		const service = records.find(record => record.userIdentity.type === 'AWSService');
		assert.match(String(service?.userIdentity.invokedBy), /amazonaws\.com$/);
		const names = new Map<string, number>();
		for (const event of events) names.set(event.EventName, (names.get(event.EventName) ?? 0) + 1);
		assert.ok((names.get('CreateThing') ?? 0) > (names.get('DeleteThing') ?? 0) * 3, 'creates outnumber deletes');
		for (const read of ['ListThings', 'ListTopicRules', 'DescribeThing']) assert.equal(names.get(read), undefined);
	});
});

describe('CloudTrail stream: delivery delay', () => {
	it('shows an event only once it is delivered, behind newer visible events', () => {
		const svc = service();
		svc.injectEvents([{eventTime: NOW - 10 * MINUTE, deliveredAt: NOW + 3 * MINUTE, eventName: 'DetachPolicy', eventId: 'late'}]);
		const before = pageAll(svc, range(NOW - HOUR, NOW));
		assert.ok(!ids(before).includes('late'));
		assert.ok(before.some(event => event.EventTime > (NOW - 10 * MINUTE) / 1000), 'newer events already visible');
		assert.ok(!ids(pageAll(svc, range(NOW - HOUR, NOW), NOW + 3 * MINUTE - 1)).includes('late'));
		assert.ok(ids(pageAll(svc, range(NOW - HOUR, NOW), NOW + 3 * MINUTE)).includes('late'));
	});

	it('delivers generated events late and out of order, but within MAX_DELIVERY_DELAY_MS', () => {
		const svc = service();
		const input = range(NOW - HOUR, NOW);
		const now = ids(pageAll(svc, input));
		const later = pageAll(svc, input, NOW + MAX_DELIVERY_DELAY_MS);
		const arrived = later.filter(event => !now.includes(event.EventId));
		assert.ok(arrived.length > 0);
		const newestVisible = (NOW - 2 * MINUTE) / 1000;
		assert.ok(arrived.some(event => event.EventTime < newestVisible), 'some arrive minutes late');
		// Everything older than the maximum delay was already visible.
		const settled = later.filter(event => event.EventTime <= (NOW - MAX_DELIVERY_DELAY_MS) / 1000);
		assert.ok(settled.every(event => now.includes(event.EventId)));
		assert.deepEqual(ids(pageAll(svc, input, NOW + 2 * HOUR)), ids(later));
	});
});

describe('CloudTrail stream: injected events and the demo story', () => {
	it('passes injected records through verbatim', () => {
		const svc = service();
		const raw = '{"eventVersion":"1.11","userIdentity":{"type":"\u001b[31mRoot"}, not json';
		svc.injectEvents([
			{eventTime: NOW - MINUTE, eventName: 'CreateThing', raw, eventId: 'hostile'},
			{eventTime: NOW - MINUTE, eventName: 'AddThingToThingGroup', identityType: 'AWSService', eventId: 'service'},
		]);
		const [event] = pageAll(svc, range(NOW - HOUR, NOW, {LookupAttributes: [{AttributeKey: 'EventId', AttributeValue: 'hostile'}]}));
		assert.equal(event?.CloudTrailEvent, raw);
		const [byService] = pageAll(svc, range(NOW - HOUR, NOW, {LookupAttributes: [{AttributeKey: 'EventId', AttributeValue: 'service'}]}));
		assert.equal(byService?.Username, undefined);
		assert.equal(byService?.AccessKeyId, undefined);
		assert.equal(JSON.parse(byService?.CloudTrailEvent ?? '{}').userIdentity.type, 'AWSService');
	});

	it('tells a story around each demo incident unless quiet: a change first, then its effect', () => {
		const startedAt = NOW + 17_500;
		const storyOf = (at: number, until: number) => {
			const input = range(startedAt - 10 * MINUTE, until, iotOnly);
			const quiet = ids(pageAll(service(5, true, startedAt), input, at));
			return pageAll(service(5, false, startedAt), input, at).filter(event => !quiet.includes(event.EventId));
		};
		const atStart = storyOf(startedAt, startedAt);
		assert.deepEqual(atStart.map(event => event.EventName).sort(), ['DeleteThing', 'DetachPolicy']);
		const records = atStart.map(event => JSON.parse(event.CloudTrailEvent));
		assert.equal(records.find(record => record.eventName === 'DetachPolicy').userIdentity.type, 'AssumedRole');
		assert.equal(records.find(record => record.eventName === 'DeleteThing').errorCode, 'AccessDenied');

		// The policy change that preceded the first publish drop arrives late, after start-up.
		const later = storyOf(startedAt + 2 * MINUTE, startedAt);
		assert.deepEqual(later.map(event => event.EventName).sort(), ['DeleteThing', 'DetachPolicy', 'SetDefaultPolicyVersion']);
		const policy = later.find(event => event.EventName === 'SetDefaultPolicyVersion');
		// The first publish drop starts 6 minutes before start-up (DEMO_LEAD_MS): the change is 2 minutes before it.
		assert.ok(startedAt - 6 * MINUTE - Number(policy?.EventTime) * 1000 >= 2 * MINUTE - 1000);

		// Ten minutes on: the firmware job before the connect storm, the revocation before the auth errors.
		const cycle = storyOf(startedAt + 10 * MINUTE, startedAt + 10 * MINUTE);
		const revoked = cycle.find(event => event.EventName === 'UpdateCertificate');
		assert.ok(revoked, 'the revocation');
		assert.equal(JSON.parse(revoked.CloudTrailEvent ?? '{}').requestParameters.newStatus, 'REVOKED');
		assert.ok(cycle.some(event => event.EventName === 'CreateJob'), 'the firmware job');
	});
});

describe('CloudTrail stream: the background looks like a real account', () => {
	/**
	 * Devices come and go all day, but a fleet's policies, rollouts, rules and certificates change a few
	 * times a day: changes able to move every device's traffic (or lock devices out) are rare, so the one
	 * that explains an incident is not lost among look-alikes. Classified as W classifies them.
	 */
	it('keeps per-device churn busy and fleet-wide traffic changes to a few a working day', async t => {
		const {generateSlot, SLOT_MS} = await import('../../source/simulator/cloudtrail/generator.js');
		const {toWire} = await import('../../source/simulator/cloudtrail/lookup.js');
		const {decodeEvent} = await import('../../source/aws/trail.js');
		const {operationOf} = await import('../../source/iot/operations.js');
		const {changeOf} = await import('../../source/trail/change.js');
		const day = Date.UTC(2026, 2, 9);
		const days = 3;
		const seeds = [1, 2, 3];
		const count = {dayIot: 0, nightIot: 0, dayFleet: 0, nightFleet: 0};
		for (const seed of seeds) {
			const ctx = {seed, region: 'us-east-1', accountId: '123456789012'};
			for (let slot = day / SLOT_MS; slot < (day + days * 24 * HOUR) / SLOT_MS; slot++) {
				const hour = new Date(slot * SLOT_MS).getUTCHours();
				const working = hour >= 7 && hour < 19;
				for (const sim of generateSlot(ctx, slot)) {
					if (sim.eventSource !== 'iot.amazonaws.com') continue;
					count[working ? 'dayIot' : 'nightIot']++;
					const operation = operationOf(sim.eventName);
					if (operation === null || operation.impact === 'none' || operation.impact === 'grant') continue;
					const wire = toWire(sim) as {EventTime: number};
					const event = decodeEvent({...wire, EventTime: new Date(wire.EventTime * 1000)});
					if (event === null || event.errorCode) continue;
					const change = changeOf(event, operation);
					const movesTraffic = change.impact !== 'none' && change.impact !== 'grant' && change.strength >= 0.5;
					if (movesTraffic && (change.scope === 'fleet' || change.impact === 'credentials')) count[working ? 'dayFleet' : 'nightFleet']++;
				}
			}
		}
		const halves = seeds.length * days;
		const perDay = {iotPerHour: count.dayIot / halves / 12, fleet: count.dayFleet / halves};
		const perNight = {iotPerHour: count.nightIot / halves / 12, fleet: count.nightFleet / halves};
		t.diagnostic(`working hours: ${JSON.stringify(perDay)}; night: ${JSON.stringify(perNight)}`);
		// An IoT change every 8 s in working hours, every 40 s at night (the tail and the volume tests rely on it).
		assert.ok(perDay.iotPerHour > 400 && perDay.iotPerHour < 500, JSON.stringify(perDay));
		assert.ok(perNight.iotPerHour > 75 && perNight.iotPerHour < 105, JSON.stringify(perNight));
		// A few fleet-wide changes a working day, fewer at night; never one every few minutes.
		assert.ok(perDay.fleet >= 3 && perDay.fleet <= 15, `fleet-wide changes per working day: ${perDay.fleet}`);
		assert.ok(perNight.fleet <= 3, `fleet-wide changes per night: ${perNight.fleet}`);
	});
});
