/**
 * The event half of fleet mode. With an organization trail log group: FilterLogEvents on it, in the
 * region an ARN names, or in every watched region where a group of that name exists (a region without it
 * is not an error); each record lands in the scope its own recipientAccountId and awsRegion name. Without
 * one: LookupEvents per region, for the caller's own account, as single-scope mode does. Either way each
 * source is a TrailTail (source/monitor/trail-tail.ts), so overlap, dedupe, late marking, pacing and
 * backoff are the tail's own; this file only chooses the pages and places the events. The log group's
 * pages run oldest first: its tail reads the lookback in slices, newest first (the screen), or as one
 * window oldest first (`tail`, a stream in time order).
 */
import type {FleetClients, RegionClients} from '../../aws/fleet-clients.js';
import {filterIotLogPage, findLogGroup, parseLogGroupArn, type LogEventMemo, type LogGroupRef} from '../../aws/logs.js';
import {lookupIotPage} from '../../aws/trail.js';
import type {ScopedEvent} from '../../types.js';
import {LOOKUP_OVERLAP} from '../overlap-schedule.js';
import {TrailTail, type TrailState} from '../trail-tail.js';
import {describeRegionError} from './scope-errors.js';

/** FilterLogEvents allows 5 requests/s per account and region, shared with everyone: we take at most 2. */
export const LOGS_RATE_PER_SECOND = 2;
/**
 * The organization trail re-reads its overlap in spans (TrailTailOptions.quickOverlapMs): every poll the
 * last 2 minutes, longer spans now and then, the whole overlap every quarter of it. A whole organization's
 * records (50 accounts x 3 regions: about 1,100 a minute) re-read 20 minutes deep at every poll were ~30
 * pages of a megabyte each, without end: most of the process's memory churn.
 */
export const LOGS_QUICK_OVERLAP_MS = 2 * 60_000;

export type EventSourceKind = {readonly kind: 'log-group'; readonly group: string} | {readonly kind: 'lookup-events'};

export type FleetEventsOptions = {
	readonly clients: FleetClients;
	/** The organization trail's log group (name or ARN), or null for LookupEvents. */
	readonly logGroup: string | null;
	/** The caller's account (for LookupEvents events); null when unknown. */
	readonly selfAccount: string | null;
	readonly now: () => number;
	readonly lookbackMs: number;
	readonly overlapMs: number;
	readonly lookupRatePerSecond: number;
	readonly maxEvents: number;
	readonly maxPages: number | null;
	/**
	 * How the organization trail's first fill is read (TrailTailOptions.backfill): 'newest-first' (default,
	 * the screen: the newest minutes first) or 'oldest-first' (`tail`: a stream in time order).
	 */
	readonly backfill?: 'newest-first' | 'oldest-first';
	/** The first fill reads at least this far back even when the buffer is full (TrailTailOptions.minBackfillMs). */
	readonly minBackfillMs?: number;
	/** A live poll reads older slices for at most this long (TrailTailOptions.backfillBudgetMs). */
	readonly backfillBudgetMs?: number | null;
	readonly onChange: () => void;
	/** Every source request (FilterLogEvents, LookupEvents, DescribeLogGroups). */
	readonly onRequest: (operation: string, region: string) => void;
	readonly onEvents: (added: readonly ScopedEvent[]) => void;
};

/** One event source: a tail in one region, or why there is none there. */
export type RegionSource = {
	readonly region: string;
	readonly tail: TrailTail | null;
	/** Set while the log group is being looked for, or when it could not be (in words). */
	readonly note: string | null;
	readonly error: string | null;
};

export class FleetEvents {
	private readonly sources = new Map<string, {tail: TrailTail | null; note: string | null; error: string | null; found: boolean}>();
	readonly kind: EventSourceKind;

	constructor(private readonly options: FleetEventsOptions) {
		this.kind = options.logGroup ? {kind: 'log-group', group: options.logGroup} : {kind: 'lookup-events'};
		const arn = options.logGroup ? parseLogGroupArn(options.logGroup) : null;
		if (arn) {
			const clients = options.clients.extra(arn.region);
			this.sources.set(arn.region, {tail: this.logsTail(clients, {identifier: options.logGroup!.replace(/:\*$/, ''), region: arn.region}), note: null, error: null, found: true});
		} else {
			for (const clients of options.clients.regions) {
				this.sources.set(clients.region, {
					tail: options.logGroup ? null : this.lookupTail(clients),
					note: options.logGroup ? `looking for log group ${options.logGroup}` : null,
					error: null,
					found: !options.logGroup,
				});
			}
		}
	}

	/** Each region's source state (regions without a source too). */
	regions(): RegionSource[] {
		return [...this.sources].map(([region, source]) => ({region, tail: source.tail, note: source.note, error: source.error}));
	}

	/** The tail state of a region's own source, else of the (first) region that serves it. */
	stateFor(region: string): TrailState | null {
		const own = this.sources.get(region)?.tail;
		if (own) return own.getState();
		if (this.kind.kind === 'lookup-events') return null;
		for (const source of this.sources.values()) if (source.tail) return source.tail.getState();
		return null;
	}

	/** Whether no watched region holds the log group (every region looked, none has it). */
	missingEverywhere(): boolean {
		if (this.kind.kind !== 'log-group') return false;
		const all = [...this.sources.values()];
		return all.every(source => source.found && !source.tail && source.error === null) && all.length > 0;
	}

	/** The regions that have (or may have) a source, each polled on its own loop. */
	sourceRegions(): string[] {
		return [...this.sources.keys()];
	}

	/** One poll of every source, side by side, the first fill read whole (for --once and tests). Never throws. */
	async poll(signal: AbortSignal): Promise<void> {
		await Promise.all(this.sourceRegions().map(region => this.pollRegion(region, signal, true)));
	}

	/**
	 * One poll of one region's source (looking for the log group first where still needed); `whole`: the
	 * first fill to its end, whatever the budget. Never throws.
	 */
	async pollRegion(region: string, signal: AbortSignal, whole = false): Promise<void> {
		const source = this.sources.get(region);
		if (!source) return;
		if (!source.found) await this.locate(region, signal);
		if (source.tail && !signal.aborted) await source.tail.poll(signal, whole);
	}

	/** Whether a region's first fill is still stepping back (its next poll should not wait long). */
	backfilling(region: string): boolean {
		return this.sources.get(region)?.tail?.getState().older === 'reading';
	}

	/** Whether the region's last poll failed (for backoff); throttling is the tail's own backoff. */
	failing(region: string): boolean {
		const source = this.sources.get(region);
		if (!source) return false;
		if (source.error) return true;
		const state = source.tail?.getState();
		return Boolean(state?.error && !state.throttled);
	}

	private async locate(region: string, signal: AbortSignal): Promise<void> {
		const source = this.sources.get(region)!;
		const clients = this.options.clients.regions.find(c => c.region === region)!;
		const name = this.options.logGroup!;
		try {
			this.options.onRequest('DescribeLogGroups', region);
			const arn = await findLogGroup(clients.logs, name, signal);
			source.found = true;
			source.error = null;
			source.note = arn ? null : `no log group ${name} in ${region} (its records may come from another region's group)`;
			if (arn) source.tail = this.logsTail(clients, {identifier: arn, region});
		} catch (error) {
			if (signal.aborted) return;
			source.error = describeRegionError(error, region, 'CloudWatch Logs', 'DescribeLogGroups').message;
		}
		this.options.onChange();
	}

	private logsTail(clients: RegionClients, group: LogGroupRef): TrailTail {
		const memo: LogEventMemo = new Map();
		return this.tail(clients, {
			ratePerSecond: LOGS_RATE_PER_SECOND,
			api: {service: 'CloudWatch Logs', operation: 'FilterLogEvents'},
			fetchPage: (request, signal) => filterIotLogPage(clients.logs, group, request, signal, memo),
			operation: 'FilterLogEvents',
			oldestFirst: true,
		});
	}

	private lookupTail(clients: RegionClients): TrailTail {
		const account = this.options.selfAccount;
		return this.tail(clients, {
			ratePerSecond: this.options.lookupRatePerSecond,
			api: {service: 'CloudTrail', operation: 'LookupEvents'},
			// Event History is the caller's own account in this region, whatever the record says.
			fetchPage: async (request, signal) => {
				const page = await lookupIotPage(clients.cloudtrail, request, signal);
				return {...page, events: page.events.map(event => ({...event, account, region: clients.region}))};
			},
			operation: 'LookupEvents',
		});
	}

	private tail(
		clients: RegionClients,
		source: Pick<ConstructorParameters<typeof TrailTail>[0], 'ratePerSecond' | 'api' | 'fetchPage' | 'oldestFirst'> & {operation: string},
	): TrailTail {
		const {options} = this;
		return new TrailTail({
			client: clients.cloudtrail,
			now: options.now,
			lookbackMs: options.lookbackMs,
			overlapMs: options.overlapMs,
			ratePerSecond: source.ratePerSecond,
			maxEvents: options.maxEvents,
			maxPages: options.maxPages,
			api: source.api!,
			fetchPage: source.fetchPage!,
			...(source.oldestFirst
				? {
						oldestFirst: true,
						quickOverlapMs: LOGS_QUICK_OVERLAP_MS,
						backfill: options.backfill ?? 'newest-first',
						minBackfillMs: options.minBackfillMs ?? 0,
						backfillBudgetMs: options.backfillBudgetMs ?? null,
					}
				: // LookupEvents per region: the same two spans as the single-scope tail.
					{quickOverlapMs: LOOKUP_OVERLAP.quickOverlapMs, wholeOverlapEveryMs: LOOKUP_OVERLAP.wholeOverlapEveryMs}),
			onChange: options.onChange,
			onCall: () => options.onRequest(source.operation, clients.region),
			onEvents: added => options.onEvents(added as readonly ScopedEvent[]),
		});
	}
}
