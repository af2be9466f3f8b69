/**
 * Which metrics have just become CRIT: the trigger of the terminal bell and of the notify command. A
 * metric notifies when its flag rises to CRIT, once; it can notify again only after the flag has come
 * down (severity hysteresis in source/baseline/severity.ts keeps a held flag from flickering).
 */
import type {Snapshot} from '../types.js';

/** What the notify command reads on stdin, as one JSON object. */
export type CritNotice = {
	readonly metric: string;
	readonly severity: 'crit';
	readonly direction: 'up' | 'down';
	/** The bucket judged: its start (ISO), its Sum, and what was expected. */
	readonly bucket: string;
	readonly value: number;
	readonly expected: number;
	readonly low: number;
	readonly high: number;
	readonly percent: number | null;
	readonly score: number;
	/** When the flag rose (ISO) and why, in words: as `deviation.since` / `deviation.reason` in --once --json. */
	readonly since: string | null;
	readonly reason: string | null;
	readonly region: string;
	readonly profile: string | null;
	readonly demo: boolean;
	readonly generatedAt: string;
};

/** The metrics CRIT in `snapshot`. */
export function critMetrics(snapshot: Snapshot): Set<string> {
	return new Set(snapshot.metrics.filter(series => series.judgement === 'judged' && series.deviation?.severity === 'crit').map(s => s.name));
}

/**
 * Notices for the metrics CRIT in `snapshot` that were not CRIT before (`wasCrit`). `notified` (metric ->
 * onset of the flag it last notified for) keeps a flag that reopened (the same incident flapping, same
 * onset: source/baseline/judge.ts) from paging twice; the caller records each notice's onset there.
 */
export function newCritNotices(wasCrit: ReadonlySet<string>, snapshot: Snapshot, notified: ReadonlyMap<string, number> = new Map()): CritNotice[] {
	const notices: CritNotice[] = [];
	for (const series of snapshot.metrics) {
		const {deviation, baseline, latest} = series;
		if (wasCrit.has(series.name) || series.judgement !== 'judged' || deviation?.severity !== 'crit') continue;
		if (typeof deviation.since === 'number' && notified.get(series.name) === deviation.since) continue;
		if (baseline === null || latest === null) continue;
		notices.push({
			metric: series.name,
			severity: 'crit',
			direction: deviation.direction,
			bucket: new Date(latest.t).toISOString(),
			value: latest.v,
			expected: baseline.expected,
			low: baseline.low,
			high: baseline.high,
			percent: deviation.percent,
			score: deviation.score,
			since: typeof deviation.since === 'number' ? new Date(deviation.since).toISOString() : null,
			reason: deviation.reason,
			region: snapshot.region,
			profile: snapshot.profile,
			demo: snapshot.demo,
			generatedAt: new Date(snapshot.generatedAt).toISOString(),
		});
	}
	return notices;
}
