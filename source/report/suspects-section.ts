/** "What changed before": for each flagged metric, the control-plane changes of the 30 minutes before its onset, ranked as `W` ranks them. */
import {deviationOnset} from '../monitor/deviation-onset.js';
import {formatClockShort} from '../render/format.js';
import {flagText} from '../render/judgement.js';
import {identityLabel} from '../trail/identity.js';
import type {EventCoverage} from '../trail/coverage.js';
import {eventResources, resourceText} from '../trail/resources.js';
import {suspectsFor, SUSPECT_WINDOW_MS, type Suspect} from '../trail/suspects.js';
import {cell, short, when} from './md-text.js';
import type {MetricSeries, TrailEvent} from '../types.js';

/** Suspects listed per flagged metric. */
export const MAX_SUSPECTS = 10;

/** The resources an event acted on, for a suspect line: " on AWS::IoT::Policy device-policy". */
function onResources(event: TrailEvent): string {
	const resources = eventResources(event);
	if (resources.length === 0) return '';
	const shown = resources.slice(0, 2).map(resource => short(resourceText(resource), 120));
	return ` on ${shown.join(', ')}${resources.length > 2 ? ` and ${resources.length - 2} more` : ''}`;
}

function suspectLine(suspect: Suspect, marker: string): string {
	const event = suspect.event;
	const where = event.sourceIp ? ` from ${short(event.sourceIp, 64)}` : '';
	// The resource the ranking named ("FleetTelemetryPolicy v7"), else what the event says it acted on.
	const on = suspect.resource === null ? onResources(event) : ` (${short(suspect.resource, 120)})`;
	return `${marker} **${short(event.eventName, 64)}**${on} at ${when(event.eventTime)} by ${short(identityLabel(event))}${where}: ${short(suspect.why)}. ${short(suspect.evidence)} (event ${short(event.eventId, 64)})`;
}

/**
 * The suspects of each flagged metric with a known onset, in the order of `flagged`: the same query and
 * sections as `W` (ranked by evidence; then the changes after the onset; `more` counts the weaker rest).
 */
export type SuspectList = {
	readonly series: MetricSeries;
	readonly onset: number;
	readonly suspects: readonly Suspect[];
	readonly after: readonly Suspect[];
	readonly more: number;
};

export function suspectLists(flagged: readonly MetricSeries[], events: readonly TrailEvent[]): SuspectList[] {
	return flagged.flatMap(series => {
		const onset = deviationOnset(series);
		if (onset === null) return [];
		const all = suspectsFor(events, {metric: series.name, onset, ...(series.deviation ? {direction: series.deviation.direction} : {})});
		return [
			{
				series,
				onset,
				suspects: all.filter(suspect => suspect.section === 'ranked'),
				after: all.filter(suspect => suspect.section === 'after'),
				more: all.filter(suspect => suspect.section === 'more').length,
			},
		];
	});
}

/** Says so when the event list does not reach back to the start of a suspect window. */
function coverageNote(from: number, to: number, coverage: EventCoverage): string | null {
	if (coverage.completeFrom <= from) return null;
	const why = coverage.dropped > 0 ? 'older ones were dropped at the buffer limit' : 'nothing older was read';
	if (coverage.completeFrom >= to) return `The event list is complete only from ${when(coverage.completeFrom)} (${why}): this window is not covered.`;
	return `The event list is complete only from ${when(coverage.completeFrom)} (${why}): the first ${Math.round((coverage.completeFrom - from) / 60_000)} minutes of this window are not covered.`;
}

export function suspectsSection(lists: readonly SuspectList[], flaggedCount: number, coverage: EventCoverage, limit: number): string[] {
	const lines = ['## What changed before', ''];
	if (flaggedCount === 0) return [...lines, 'Nothing is flagged, so no window to look at.', ''];
	const shownBefore: Array<{name: string; onset: number; ids: string; total: number}> = [];
	for (const {series, onset, suspects, after, more} of lists) {
		const top = suspects.slice(0, limit);
		const ids = [...top, ...after].map(suspect => suspect.event.eventId).join('\n');
		const total = suspects.length + after.length + more;
		lines.push(`### ${cell(series.name)} ${flagText(series)} since ${formatClockShort(onset)} UTC`, '');
		const same = shownBefore.find(before => before.onset === onset && before.ids === ids && before.total === total);
		if (same !== undefined && top.length > 0) {
			lines.push(`The same window and suspects as ${cell(same.name)} above.`, '');
			continue;
		}
		shownBefore.push({name: series.name, onset, ids, total});
		const from = onset - SUSPECT_WINDOW_MS;
		lines.push(`Control-plane changes from ${formatClockShort(from)} to ${formatClockShort(onset)} UTC, best explanation first:`, '');
		const note = coverageNote(from, onset + 60_000, coverage);
		if (note !== null) lines.push(note, '');
		if (top.length === 0) lines.push('None that can explain it in the events held.');
		for (const suspect of top) lines.push(suspectLine(suspect, `${suspect.rank}.`));
		const weaker = suspects.length - top.length + more;
		if (weaker > 0) lines.push('', `${weaker} more change${weaker === 1 ? '' : 's'} before the onset with weaker evidence ${weaker === 1 ? 'is' : 'are'} not listed (\`W\` in the UI lists them all).`);
		const afterShown = after.slice(0, limit);
		if (afterShown.length > 0) {
			lines.push('', `After the onset (${formatClockShort(onset)} UTC), so they cannot have caused it:`, '');
			for (const suspect of afterShown) lines.push(suspectLine(suspect, '-'));
			if (after.length > afterShown.length) lines.push(`- and ${after.length - afterShown.length} more after the onset`);
		}
		lines.push('');
	}
	return lines;
}

/** The distinct suspect events shown (the ranked ones), in order of first appearance. */
export function shownEvents(lists: readonly SuspectList[], limit: number): TrailEvent[] {
	const shown = new Map<string, TrailEvent>();
	for (const {suspects} of lists) for (const suspect of suspects.slice(0, limit)) shown.set(suspect.event.eventId, suspect.event);
	return [...shown.values()];
}
