/**
 * The CloudTrail side of the embedded AWS-compatible endpoint: LookupEvents over a deterministic,
 * seeded stream of management events (IoT control plane plus some EC2, S3, STS, sign-in, CloudWatch),
 * delivered with realistic delays. The HTTP server routes every CloudTrail operation here.
 */

import {SimError, type ServiceHandler} from '../protocol.js';
import {fromInput, storyEvents} from './inject.js';
import {lookupEvents} from './lookup.js';
import {createTrailStore} from './store.js';
import type {SimTrailEventInput, TrailContext} from './types.js';

export type {SimTrailEventInput} from './types.js';
export {MAX_DELIVERY_DELAY_MS, HORIZON_MS, SLOT_MS} from './generator.js';

/** The account every simulated record belongs to. */
export const SIM_ACCOUNT_ID = '123456789012';

export type CloudTrailServiceOptions = {
	readonly seed: number;
	/** Fallback clock, used only when the server passes no usable time to `handle`. */
	readonly now: () => number;
	/** When the simulator started: the demo story is placed just before it. */
	readonly startedAt: number;
	/** Quiet runs keep the same background stream but skip the scripted story. */
	readonly quiet: boolean;
	/** awsRegion written into records (default us-east-1). */
	readonly region?: string;
	/** Deliver every event exactly this long after its EventTime (default: realistic random delays). */
	readonly deliveryDelayMs?: number | null;
};

export type CloudTrailService = {
	readonly handle: ServiceHandler;
	/** Adds events that go through the same delivery, filtering and paging as generated ones. */
	injectEvents(events: readonly SimTrailEventInput[]): void;
};

/** Creates the simulated CloudTrail service. State lives in the returned object only. */
export function createCloudTrailService(options: CloudTrailServiceOptions): CloudTrailService {
	const ctx: TrailContext = {
		seed: options.seed,
		region: options.region ?? 'us-east-1',
		accountId: SIM_ACCOUNT_ID,
		deliveryDelayMs: options.deliveryDelayMs ?? null,
	};
	const store = createTrailStore(ctx);
	let injected = 0;
	if (!options.quiet) store.add(storyEvents(ctx, options.startedAt));

	const handle: ServiceHandler = (operation, input, now) => {
		const at = Number.isFinite(now) ? now : options.now();
		switch (operation) {
			case 'LookupEvents':
				return lookupEvents(store, ctx.seed, input ?? {}, at);
			default:
				throw new SimError('UnknownOperationException', `Operation ${operation} is not supported by this endpoint.`, 400);
		}
	};

	return {
		handle,
		injectEvents(events) {
			store.add(events.map(event => fromInput(ctx, event, injected++)));
		},
	};
}
