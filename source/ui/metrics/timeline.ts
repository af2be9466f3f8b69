/**
 * Pure: control-plane changes on the metrics' time axis. For each metric, the minutes (bucket starts) in
 * which a risky change that can explain it happened, weighted like suspectsFor weighs them: a write call
 * that succeeded, that highlight.ts calls risky (a certificate switched off, a policy version created or
 * made default, a policy or principal detached, a topic rule replaced or disabled, deletions, ...), in an
 * area suspectsFor ranks as relevant to the metric (areasFor: certificates, policies and authorizers for
 * connects and publishes, topic rules for the rules metrics, ...), the most direct area weighing most.
 *
 * Routine changes (CreateKeysAndCertificate, AttachPolicy, CreateThing: fleet provisioning makes them
 * every minute) get no tick, and neither do refused calls (they changed nothing) or reads. All of them
 * still show in the What-changed view, which is where an engineer reads the whole story.
 *
 * The sparkline draws a changed minute as a tick glyph in its own slot (metric-row.ts): it costs no row
 * at 80x24 and reads without colour. Only flagged metrics get ticks, and only for the window What changed
 * lists (30 minutes before the deviation began to the end of its first minute), so the ticks on a WARN or
 * CRIT row point where `W` looks; a calm row keeps its whole curve. A busy account would still tick every
 * slot, so a sparkline shows at most one tick per TICK_SPACING cells (two at 80 columns), the heaviest
 * first, then the newest. The value of a ticked slot is hidden, but its neighbours show the trend.
 *
 * Computed once per snapshot (the App memoises it on the events and metrics), not per frame: one pass
 * over the events of the sparklines' window, which the newest-first buffer lets us stop early.
 */
import {deviationOnset} from '../../monitor/deviation-onset.js';
import {riskOf} from '../../trail/highlight.js';
import {areaOf, areasFor, SUSPECT_WINDOW_MS, type Area} from '../../trail/suspects.js';
import type {MetricSeries, TrailEvent} from '../../types.js';

const MINUTE_MS = 60_000;
/** The sparklines' window (metric-row.ts draws the last 90 minutes). */
const WINDOW_MS = 90 * MINUTE_MS;
/** A sparkline of `n` cells shows at most max(1, n / TICK_SPACING) ticks. */
export const TICK_SPACING = 8;
/** Added to the weight of a minute inside a flagged metric's suspect window. */
const WINDOW_BONUS = 10;

/** Minute start -> weight (higher: more suspicious), for one metric. */
export type MinuteWeights = ReadonlyMap<number, number>;
/** Per metric name: the weights of the minutes with a relevant risky change. */
export type ChangeTicks = ReadonlyMap<string, MinuteWeights>;

const NO_TICKS: MinuteWeights = new Map();

/** Whether `event` changed something risky: a write (or unknown) call that did not fail, that highlight.ts flags. */
function isRiskyChange(event: TrailEvent): boolean {
	if (event.readOnly === true || (typeof event.errorCode === 'string' && event.errorCode !== '')) return false;
	return typeof event.eventName === 'string' && riskOf(event) !== null;
}

/**
 * The risky-change minutes of every metric in `metrics`, from `events` (newest first, as the snapshot
 * keeps them). Only minutes the sparklines can show are collected. A minute weighs 10 for a change in
 * the metric's most direct area, one less per area further down areasFor, one more by the root user,
 * and WINDOW_BONUS more inside a flagged metric's suspect window.
 */
export function changeTicks(events: readonly TrailEvent[], metrics: readonly MetricSeries[]): ChangeTicks {
	const ends = metrics.flatMap(metric => (metric.latest === null ? [] : [metric.latest.t]));
	const out = new Map<string, MinuteWeights>();
	if (ends.length === 0) return out;
	const from = Math.min(...ends) - WINDOW_MS;
	const to = Math.max(...ends) + MINUTE_MS;
	// Per area: minute -> 1 (a risky change) or 2 (one of them by root).
	const byArea = new Map<Area, Map<number, number>>();
	for (const event of events) {
		const time = event.eventTime;
		if (!Number.isFinite(time)) continue;
		if (time < from) break; // newest first: everything after this is older still
		if (time >= to || !isRiskyChange(event)) continue;
		const area = areaOf(event.eventName);
		let minutes = byArea.get(area);
		if (!minutes) byArea.set(area, (minutes = new Map()));
		const minute = Math.floor(time / MINUTE_MS) * MINUTE_MS;
		minutes.set(minute, Math.max(minutes.get(minute) ?? 0, event.identityType === 'Root' ? 2 : 1));
	}
	for (const metric of metrics) {
		const weights = new Map<number, number>();
		const onset = deviationOnset(metric);
		// Only a flagged metric gets ticks, and only in the window What changed looks at: on a calm metric
		// (or before the window) a busy account's changes would tick every few cells and hide the curve.
		if (onset === null) {
			out.set(metric.name, NO_TICKS);
			continue;
		}
		const suspected = (minute: number): boolean => minute >= onset - SUSPECT_WINDOW_MS && minute < onset + MINUTE_MS;
		areasFor(metric.name).forEach((area, rank) => {
			for (const [minute, mark] of byArea.get(area) ?? []) {
				if (!suspected(minute)) continue;
				const weight = 10 - rank + (mark - 1) + WINDOW_BONUS;
				weights.set(minute, Math.max(weights.get(minute) ?? 0, weight));
			}
		});
		out.set(metric.name, weights.size === 0 ? NO_TICKS : weights);
	}
	return out;
}

/**
 * The weight in each of `slots` buckets of `periodMs` ending at `end` (the newest bucket start), 0 for
 * none: the same time grid as pointsToSlots (sparkline.ts).
 */
export function tickSlots(ticks: MinuteWeights, periodMs: number, end: number, slots: number): number[] {
	const out: number[] = Array.from({length: slots}, () => 0);
	if (ticks.size === 0 || periodMs <= 0) return out;
	for (const [minute, weight] of ticks) {
		// A minute belongs to the bucket it falls in (buckets of 60 s are exactly the minutes).
		const index = slots - 1 - Math.floor((end + periodMs - 1 - minute) / periodMs);
		if (index >= 0 && index < slots) out[index] = Math.max(out[index] ?? 0, weight);
	}
	return out;
}

/** How many ticks a sparkline of `cells` cells shows at most. */
export const maxTicks = (cells: number): number => Math.max(1, Math.floor(cells / TICK_SPACING));

/**
 * Whether two results of changeTicks tick the same minutes with the same weights. A new CloudTrail event
 * makes a new result, but mostly one equal to the last; the App keeps the old one then, so the memoised
 * table is not redrawn for it.
 */
export function sameTicks(a: ChangeTicks, b: ChangeTicks): boolean {
	if (a === b) return true;
	if (a.size !== b.size) return false;
	for (const [metric, minutes] of a) {
		const other = b.get(metric);
		if (other === undefined || other.size !== minutes.size) return false;
		for (const [minute, weight] of minutes) if (other.get(minute) !== weight) return false;
	}
	return true;
}
