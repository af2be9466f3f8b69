/**
 * Fleet mode's CloudWatch alarms: per watched region one DescribeAlarms refresh a minute in the caller's
 * (monitoring) account, shared out to the scopes. An alarm on a linked account's metrics (its metric
 * queries carry that AccountId) belongs to that account's scope; every other alarm to the caller's own.
 * A linked account's own alarms live in that account and OAM does not share them: its scope says so.
 */
import type {CloudWatchClient} from '../../aws/clients.js';
import type {Alarm} from '../../types.js';
import {AlarmsPoller} from '../alarms-poller.js';

export type ScopeAlarms = {
	readonly alarms: readonly Alarm[];
	readonly error: string | null;
	readonly skipped: number;
	readonly note?: string;
};

const LINKED_NOTE = "alarms of the monitoring account on this account's metrics; the account's own alarms are not shared through OAM";

export class RegionAlarms {
	private readonly poller: AlarmsPoller;

	constructor(
		readonly region: string,
		client: CloudWatchClient,
		now: () => number,
		onCall: () => void,
	) {
		this.poller = new AlarmsPoller({client, now, onCall});
	}

	/** One refresh; never throws (a failure keeps the last list and becomes its error). */
	poll(signal: AbortSignal): Promise<void> {
		return this.poller.poll(signal);
	}

	getState() {
		return this.poller.getState();
	}

	/** The alarms of one scope of this region: `own` is the caller's account (where the alarms live). */
	forScope(account: string, own: boolean): ScopeAlarms {
		const state = this.poller.getState();
		const alarms = state.alarms.filter(alarm => (alarm.accounts && alarm.accounts.length > 0 ? alarm.accounts.includes(account) : own));
		return {alarms, error: state.error, skipped: own ? state.skipped : 0, ...(own ? {} : {note: LINKED_NOTE})};
	}
}
