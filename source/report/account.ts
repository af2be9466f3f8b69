/**
 * Which AWS account the hand-off is about. iot-monitor makes no STS call: the account is read from
 * what it already holds, the CloudTrail records (recipientAccountId: Event History lists only the
 * account's own events) or else the alarm ARNs. Only a 12-digit id is believed.
 */
import {recordOf, textAt} from '../trail/record.js';
import type {Alarm, TrailEvent} from '../types.js';

export type AccountSource = 'CloudTrail records' | 'alarm ARNs';
export type Account = {readonly id: string; readonly from: AccountSource};

/** Records read at most: the first parsable ones agree (they are all this account's). */
const RECORDS_READ = 20;
const ACCOUNT_ID = /^\d{12}$/;

function mostCommon(ids: readonly string[]): string | null {
	const counts = new Map<string, number>();
	for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
	let best: string | null = null;
	for (const [id, count] of counts) if (best === null || count > (counts.get(best) ?? 0)) best = id;
	return best;
}

function fromRecords(events: readonly TrailEvent[]): string | null {
	const ids: string[] = [];
	for (const event of events.slice(0, RECORDS_READ)) {
		const id = textAt(recordOf(event), 'recipientAccountId');
		if (id !== null && ACCOUNT_ID.test(id)) ids.push(id);
	}
	return mostCommon(ids);
}

function fromAlarms(alarms: readonly Alarm[]): string | null {
	const ids = alarms.flatMap(alarm => {
		const id = /^arn:aws[\w-]*:cloudwatch:[^:]*:(\d{12}):alarm:/.exec(alarm.arn ?? '')?.[1];
		return id === undefined ? [] : [id];
	});
	return mostCommon(ids);
}

/** The account id and where it was read, or null when nothing held names it. */
export function accountOf(events: readonly TrailEvent[], alarms: readonly Alarm[]): Account | null {
	const records = fromRecords(events);
	if (records !== null) return {id: records, from: 'CloudTrail records'};
	const arns = fromAlarms(alarms);
	return arns === null ? null : {id: arns, from: 'alarm ARNs'};
}
