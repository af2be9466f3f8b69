/**
 * Pure: the overview row of one scope from its single-scope snapshot, and the order of rows (worst
 * first). The words here are what the on-call engineer reads at 3 a.m.: the worst flag and its change,
 * or what is wrong with the source, never a bare code.
 */
import type {FlaggedMetric, ScopeRef, ScopeSummary, ScopeView} from '../../types.js';
import type {Snapshot} from '../../types.js';

const STATUS_RANK: Record<Snapshot['status'], number> = {CRIT: 0, WARN: 1, UNKNOWN: 2, OK: 3};

function flaggedOf(snapshot: Snapshot): FlaggedMetric[] {
	const flagged: FlaggedMetric[] = [];
	for (const series of snapshot.metrics) {
		const deviation = series.judgement === 'judged' ? series.deviation : null;
		if (!deviation || deviation.severity === 'ok') continue;
		flagged.push({name: series.name, severity: deviation.severity, direction: deviation.direction, percent: deviation.percent});
	}
	return flagged.sort((a, b) => (a.severity === b.severity ? Math.abs(b.percent ?? 0) - Math.abs(a.percent ?? 0) : a.severity === 'crit' ? -1 : 1));
}

function change(metric: FlaggedMetric): string {
	const word = metric.direction === 'up' ? 'up' : 'down';
	return metric.percent === null ? `${metric.name} ${word}` : `${metric.name} ${word} ${Math.round(Math.abs(metric.percent))}%`;
}

export function summarize(
	scope: ScopeRef,
	accountName: string,
	snapshot: Snapshot,
	eventsLast15m: number | null,
	extraErrors: readonly string[] = [],
): ScopeSummary {
	const flagged = flaggedOf(snapshot);
	const errors = [snapshot.health.metrics.error, snapshot.health.trail.error, ...extraErrors].filter((e): e is string => Boolean(e));
	const unique = [...new Set(errors)];
	let statusText: string;
	if (flagged.length > 0) {
		statusText = `${snapshot.status}: ${change(flagged[0]!)}${flagged.length > 1 ? ` (+${flagged.length - 1} more)` : ''}`;
	} else if (snapshot.alarms.some(alarm => alarm.state === 'ALARM')) {
		// The scope's own CloudWatch alarm says CRIT even where no baseline flag does.
		const firing = snapshot.alarms.filter(alarm => alarm.state === 'ALARM');
		statusText = `${snapshot.status}: alarm ${firing[0]!.name} in ALARM${firing.length > 1 ? ` (+${firing.length - 1} more)` : ''}`;
	} else if (unique.length > 0) {
		statusText = unique[0]!;
	} else if (snapshot.learning) {
		statusText = `learning baselines (${snapshot.learning.done}/${snapshot.learning.total})`;
	} else if (snapshot.status === 'UNKNOWN') {
		statusText = snapshot.metrics.every(s => s.state === 'no-data') ? 'no AWS/IoT data here' : 'nothing could be judged yet';
	} else {
		statusText = snapshot.status;
	}
	return {
		...scope,
		accountName,
		status: snapshot.status,
		worst: flagged[0]?.severity ?? null,
		flagged,
		eventsLast15m,
		errors: unique,
		statusText,
	};
}

/** Worst first: CRIT, WARN, UNKNOWN, OK; then more flagged metrics; then by account name and region. */
export function compareScopes(a: ScopeView, b: ScopeView): number {
	const x = a.summary;
	const y = b.summary;
	return (
		STATUS_RANK[x.status] - STATUS_RANK[y.status] ||
		y.flagged.length - x.flagged.length ||
		x.accountName.localeCompare(y.accountName) ||
		x.region.localeCompare(y.region)
	);
}

/** The worst status of all scopes (UNKNOWN when there are none). */
export function worstStatus(views: readonly ScopeView[]): Snapshot['status'] {
	let worst: Snapshot['status'] | null = null;
	for (const view of views) if (worst === null || STATUS_RANK[view.summary.status] < STATUS_RANK[worst]) worst = view.summary.status;
	return worst ?? 'UNKNOWN';
}
