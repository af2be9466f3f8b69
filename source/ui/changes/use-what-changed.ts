import {useMemo} from 'react';
import type {MetricSeries, Snapshot} from '../../types.js';
import {flagReason} from '../../render/judgement.js';
import {suspectsFor, type Suspect} from '../../trail/suspects.js';
import {screenOf, selectedSuspectIndex, type UiState} from '../state/ui-state.js';
import type {ChangeTarget} from './what-changed-lines.js';

export type WhatChangedModel = {
	/** The metric W was opened on: as it is now while still flagged, else as it was when chosen; null when W is closed. */
	readonly target: ChangeTarget | null;
	/** The target as flagged now, if it still is. */
	readonly live: ChangeTarget | undefined;
	/** The target's flag reason in words. */
	readonly reason: string | null;
	readonly suspects: readonly Suspect[];
	/** Index of the selected suspect, -1 when W is closed or has none. */
	readonly selected: number;
};

/**
 * What the What-changed view shows, derived from the UI state, the snapshot and the flagged metrics.
 * The suspects are ranked again only when the events or the target's metric, onset or direction change.
 */
export function useWhatChanged(state: UiState, snapshot: Snapshot, flagged: readonly ChangeTarget[]): WhatChangedModel {
	const changes = screenOf(state, 'changes');
	const live = changes === undefined ? undefined : flagged.find(candidate => candidate.metric === changes.target.metric);
	const target = changes === undefined ? null : (live ?? changes.target);
	const series: MetricSeries | undefined = target === null ? undefined : snapshot.metrics.find(metric => metric.name === target.metric);
	const reason = series === undefined ? null : flagReason(series);
	const suspects = useMemo(
		() => (target === null ? [] : suspectsFor(snapshot.events, {metric: target.metric, onset: target.onset, direction: target.direction})),
		// Keyed on the target's fields: flaggedTargets makes new objects per snapshot for the same metric and onset.
		[snapshot.events, target?.metric, target?.onset, target?.direction],
	);
	const ids = useMemo(() => suspects.map(suspect => suspect.event.eventId), [suspects]);
	const selected = changes === undefined ? -1 : selectedSuspectIndex(changes, ids);
	return {target, live, reason, suspects, selected};
}
