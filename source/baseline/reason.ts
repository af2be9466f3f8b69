/**
 * Pure: a flag in words an on-call engineer can read at 3 a.m.:
 * "-87 % vs the usual Tuesday 14:00 (13.6k, normal 11.7k-15.7k), 4 min running". Counts with a tiny
 * expectation say the absolute change ("+3 vs the usual ..."). Times are UTC, as everywhere on screen.
 */
import type {Baseline, FlagPhase, Severity} from '../types.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * 13 600 -> "13.6k", 1 234 567 -> "1.2M", 0.24 -> "0.2", 7 -> "7". `scale`: write the value in the unit
 * this larger number would get, so a band reads "9.3k-12k", not "9276-12k".
 */
export function compactNumber(value: number, scale = value): string {
	const abs = Math.max(Math.abs(value), Math.abs(scale) >= 1e4 ? Math.min(Math.abs(scale), 1e4) : 0);
	if (abs !== Math.abs(value) && value !== 0) return `${value < 0 ? '-' : ''}${Number((Math.abs(value) / 1e3).toFixed(1))}k`;
	const sign = value < 0 ? '-' : '';
	const short = (n: number, unit: string): string => `${sign}${n >= 100 ? Math.round(n) : Number(n.toFixed(1))}${unit}`;
	if (abs >= 1e9) return short(abs / 1e9, 'G');
	if (abs >= 1e6) return short(abs / 1e6, 'M');
	if (abs >= 1e4) return short(abs / 1e3, 'k');
	if (abs >= 10) return `${sign}${Math.round(abs)}`;
	return `${sign}${Number(abs.toFixed(1))}`;
}

/** "+3" / "-0.2" / "-87 %": the change as it is worth reading. */
export function changeText(percent: number | null, change: number): string {
	if (percent !== null && Number.isFinite(percent)) return `${percent >= 0 ? '+' : '-'}${Math.abs(Math.round(percent))} %`;
	return `${change >= 0 ? '+' : '-'}${compactNumber(Math.abs(change))}`;
}

const clock = (t: number): string => new Date(t).toISOString().slice(11, 16);

/** "4 min", "2 h 05 min". */
export function durationText(ms: number): string {
	const minutes = Math.max(1, Math.round(ms / 60_000));
	if (minutes < 60) return `${minutes} min`;
	return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

export type ReasonInput = {
	readonly t: number;
	readonly stepMs: number;
	readonly severity: Severity;
	readonly phase: FlagPhase;
	readonly since: number | null;
	readonly percent: number | null;
	readonly change: number;
	readonly baseline: Baseline;
	readonly calm: number;
	readonly calmNeeded: number;
	readonly newNormalSince: number | null;
};

/** The reason of a flag, or of a new normal; null when there is nothing to explain. */
export function deviationReason(input: ReasonInput): string | null {
	const {t, baseline} = input;
	if (input.phase === 'new-normal' && input.newNormalSince !== null) return `new normal since ${clock(input.newNormalSince)}: the baseline follows the shifted level`;
	if (input.since === null || (input.severity === 'ok' && input.phase !== 'cleared')) return null;
	const top = Math.max(Math.abs(baseline.expected), Math.abs(baseline.high));
	const n = (value: number): string => compactNumber(value, top >= 1e4 && top < 1e6 ? 1e4 : value);
	const usual = `the usual ${DAYS[new Date(t).getUTCDay()]} ${clock(t)} (${n(baseline.expected)}, normal ${n(baseline.low)}-${n(baseline.high)})`;
	const running = durationText(t + input.stepMs - input.since);
	if (input.phase === 'cleared') return `cleared after ${input.calmNeeded} calm minutes; flagged since ${clock(input.since)} (${running})`;
	const recovering = input.phase === 'recovering' ? `, recovering ${input.calm}/${input.calmNeeded}` : '';
	return `${changeText(input.percent, input.change)} vs ${usual}, ${running} running${recovering}`;
}
