/**
 * Entry for bench/eventlog.mjs: the real UI (runTui, the App, Ink) over a still monitor holding EVENTS
 * (default 50,000) CloudTrail events with full records, in whatever terminal it is started in. The
 * bench bundles it like scripts/build.mjs bundles the CLI and drives it in a pseudo-terminal.
 */
import {runTui} from '../source/ui/run-tui.js';
import {collectAfterStartup} from '../source/cli/startup-garbage.js';
import type {SourceHealth, TrailEvent} from '../source/types.js';
import {decodeEvent} from '../source/aws/trail.js';
import {cloudTrailRecord, fakeMonitor, incidentMetrics, ROLE_IDENTITY, snapshot} from '../test/ui/helpers.js';

const COUNT = Number(process.env['EVENTS'] ?? 50_000);
const NAMES = ['UpdateThingShadow', 'CreateThing', 'AttachPolicy', 'DetachPolicy', 'UpdateCertificate', 'DeleteThing', 'CreateKeysAndCertificate', 'ListThings', 'DescribeThing', 'CreateTopicRule', 'SetDefaultPolicyVersion', 'AddThingToThingGroup'];
const ALICE = {type: 'IAMUser', principalId: 'AIDAALICE', arn: 'arn:aws:iam::123456789012:user/alice', accountId: '123456789012', userName: 'alice', accessKeyId: 'AKIAALICE00000000001'};
const SERVICE = {type: 'AWSService', invokedBy: 'iot.amazonaws.com'};

/**
 * Newest first, one every 7 s back from `now`: a mix of callers, about one in eight failed. Each is built
 * as LookupEvents answers it and decoded by the app's own decodeEvent, so it is kept as the app keeps it.
 */
function events(count: number, now: number): TrailEvent[] {
	const out: TrailEvent[] = [];
	for (let i = 0; i < count; i++) {
		const eventId = `b${i.toString(36)}-${(i * 2654435761) % 4294967296}`;
		const eventTime = now - i * 7000;
		const eventName = NAMES[(i * 7) % NAMES.length] ?? 'CreateThing';
		const kind = i % 5;
		const userIdentity = kind === 0 || kind === 3 ? ROLE_IDENTITY : kind === 4 ? SERVICE : ALICE;
		const failed = i % 8 === 3;
		const sourceIp = kind === 4 ? 'iot.amazonaws.com' : `203.0.113.${i % 250}`;
		const readOnly = eventName.startsWith('List') || eventName.startsWith('Describe');
		const decoded = decodeEvent({
			EventId: eventId,
			EventName: eventName,
			ReadOnly: String(readOnly),
			EventTime: new Date(eventTime),
			EventSource: 'iot.amazonaws.com',
			Username: kind === 4 ? undefined : kind === 0 || kind === 3 ? 'ci-1234' : 'alice',
			Resources: [{ResourceType: 'AWS::IoT::Thing', ResourceName: `thing-${i % 4000}`}],
			CloudTrailEvent: cloudTrailRecord({
				eventId,
				eventTime,
				eventName,
				userIdentity,
				sourceIp,
				errorCode: failed ? 'AccessDenied' : undefined,
				errorMessage: `User: ${userIdentity === ALICE ? ALICE.arn : ROLE_IDENTITY.arn} is not authorized to perform: iot:${eventName}`,
				requestParameters: {thingName: `thing-${i % 4000}`, thingTypeName: 'sensor', attributePayload: {attributes: {floor: String(i % 12)}}},
				readOnly,
			}),
		});
		if (decoded) out.push(decoded);
	}
	return out;
}

const now = Date.now();
const fresh = (ago: number): SourceHealth => ({lastSuccess: now - ago, lastAttempt: now - ago, error: null, throttled: false, callsLastMinute: 2, throttlesLastMinute: 0, intervalMs: 60_000});
const list = events(COUNT, now);
const monitor = fakeMonitor(
	snapshot({
		generatedAt: now,
		metrics: incidentMetrics(),
		events: list,
		eventsSince: list.at(-1)?.eventTime ?? now,
		health: {metrics: fresh(8000), trail: fresh(3000)},
	}),
);
// As the CLI does once the trail's first fill is over; a still monitor is settled from the start.
collectAfterStartup({whenSettled: () => Promise.resolve()});
process.exit(await runTui({monitor}));
