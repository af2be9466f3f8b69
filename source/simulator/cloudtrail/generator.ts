/**
 * The background event stream: each 10-second slot independently decides (from a hash of seed and
 * slot) how many events it holds and what they are, so any range is cheap to regenerate. Two streams
 * share the slots: busy per-device churn and other services (an IoT event every 8 s in working hours),
 * and the rare fleet-wide changes (a dozen a working day, a couple a night; iot-events.ts).
 */

import {actorWeight, HUMAN_ACTORS, type ActorKey} from './identities.js';
import {DEVICE_TEMPLATES, FLEET_NIGHT_SHARE, FLEET_TEMPLATES, type EventTemplate} from './iot-events.js';
import {OTHER_TEMPLATES} from './other-events.js';
import {TAG, hash32, intBetween, makeRng, pickWeighted, type Rng} from './random.js';
import {composeEvent} from './record.js';
import type {SimEvent, TrailContext} from './types.js';

/** Width of one generation slot. */
export const SLOT_MS = 10_000;
/** Generated events exist only this far back from the lookup's "as of" time. */
export const HORIZON_MS = 7 * 86_400_000;
/** Usual delivery delay range; LATE_SHARE of events instead arrive 2-12 minutes late. */
export const MIN_DELIVERY_DELAY_MS = 5_000;
export const USUAL_MAX_DELIVERY_DELAY_MS = 60_000;
export const MAX_DELIVERY_DELAY_MS = 12 * 60_000;
export const LATE_SHARE = 0.1;
/** Share of the busy stream that is IoT; the rest is EC2, S3, STS, sign-in and CloudWatch. */
export const IOT_SHARE = 0.7;
/** Mean seconds between per-device IoT events during UTC working hours (07-19) and at night. */
export const DAY_IOT_INTERVAL_S = 8;
export const NIGHT_IOT_INTERVAL_S = 40;

const DAY_RATE = SLOT_MS / 1000 / DAY_IOT_INTERVAL_S / IOT_SHARE;
const NIGHT_RATE = SLOT_MS / 1000 / NIGHT_IOT_INTERVAL_S / IOT_SHARE;
const MAX_PER_SLOT = 14;
const SLOTS_PER_HALF_DAY = (12 * 3_600_000) / SLOT_MS;
const FLEET_PER_WORKING_DAY = FLEET_TEMPLATES.reduce((sum, template) => sum + template.weight, 0);
/** Chance that a slot holds a fleet-wide change (at most one per slot). */
const DAY_FLEET_CHANCE = FLEET_PER_WORKING_DAY / SLOTS_PER_HALF_DAY;
const NIGHT_FLEET_CHANCE = DAY_FLEET_CHANCE * FLEET_NIGHT_SHARE;

/** The slot holding a moment. */
export function slotOf(timeMs: number): number {
	return Math.floor(timeMs / SLOT_MS);
}

function isWorkingHours(timeMs: number): boolean {
	const hour = Math.floor(timeMs / 3_600_000) % 24;
	return hour >= 7 && hour < 19;
}

/** Inverse-CDF Poisson draw from one uniform. */
function poisson(u: number, mean: number): number {
	let p = Math.exp(-mean);
	let cdf = p;
	let k = 0;
	while (u > cdf && k < MAX_PER_SLOT) {
		k++;
		p *= mean / k;
		cdf += p;
	}
	return k;
}

function pickActor(rng: Rng, template: EventTemplate): ActorKey {
	if (template.service && rng() < template.service.share) return template.service.actor;
	const humans = template.humans ?? HUMAN_ACTORS;
	let total = 0;
	for (const key of humans) total += actorWeight(key);
	let u = rng() * total;
	for (const key of humans) {
		u -= actorWeight(key);
		if (u < 0) return key;
	}
	return humans[humans.length - 1] ?? 'alice';
}

/** A delivery delay: usually 5-60 s, sometimes 2-12 minutes. */
export function deliveryDelay(rng: Rng): number {
	return rng() < LATE_SHARE
		? intBetween(rng, 120_000, MAX_DELIVERY_DELAY_MS)
		: intBetween(rng, MIN_DELIVERY_DELAY_MS, USUAL_MAX_DELIVERY_DELAY_MS);
}

/** One generated event: the index `i` picks its random stream, `pick` its template. */
function generateEvent(ctx: TrailContext, slot: number, i: number, pick: (rng: Rng) => EventTemplate): SimEvent {
	const start = slot * SLOT_MS;
	const rng = makeRng(hash32(ctx.seed, TAG.event, slot, i));
	// CloudTrail eventTime has whole-second precision, so ties within a second are common.
	const eventTime = start + intBetween(rng, 0, SLOT_MS / 1000 - 1) * 1000;
	const drawn = deliveryDelay(rng); // always drawn, so a fixed delay leaves every other field the same
	const deliveredAt = eventTime + (ctx.deliveryDelayMs ?? drawn);
	const template = pick(rng);
	const actor = pickActor(rng, template);
	return composeEvent(ctx, {eventTime, deliveredAt, template, actor, key: [slot, i]});
}

const pickBusy = (rng: Rng): EventTemplate => pickWeighted(rng, rng() < IOT_SHARE ? DEVICE_TEMPLATES : OTHER_TEMPLATES);
const pickFleet = (rng: Rng): EventTemplate => pickWeighted(rng, FLEET_TEMPLATES);

/** All generated events of one slot, unsorted. Pure: the same seed and slot give the same events. */
export function generateSlot(ctx: TrailContext, slot: number): SimEvent[] {
	const working = isWorkingHours(slot * SLOT_MS);
	const count = poisson(makeRng(hash32(ctx.seed, TAG.slot, slot))(), working ? DAY_RATE : NIGHT_RATE);
	const events: SimEvent[] = [];
	for (let i = 0; i < count; i++) events.push(generateEvent(ctx, slot, i, pickBusy));
	if (makeRng(hash32(ctx.seed, TAG.fleet, slot))() < (working ? DAY_FLEET_CHANCE : NIGHT_FLEET_CHANCE)) {
		events.push(generateEvent(ctx, slot, count, pickFleet));
	}
	return events;
}
