import type {Snapshot} from '../../types.js';
import {Footer} from '../keys/footer.js';
import type {Keymap} from '../keys/keymap.js';
import {Line} from '../shared/line.js';
import {useDisplay} from '../shared/display-context.js';
import {Clocked, type Ticker} from '../shared/ticker.js';
import {currentStatus, type ScreenKind, type UiState} from '../state/ui-state.js';
import {FilterInput, StatusLine} from './bottom-line.js';
import {statusLineSegments} from './source-status.js';

/** The sources' status line (AWS calls, poll ages, errors): its own row, or the footer's under the help. */
export function SourcesLine({snapshot, now, width}: {readonly snapshot: Snapshot; readonly now: number; readonly width: number}) {
	const {glyphs} = useDisplay();
	return <Line segments={statusLineSegments(snapshot, now, width, glyphs)} width={width} />;
}

export type BottomProps = {
	readonly state: UiState;
	readonly mode: ScreenKind;
	readonly snapshot: Snapshot;
	readonly keymap: Keymap;
	/** The layout gave the sources' status line a row of its own. */
	readonly statusRow: boolean;
	/** Events the filter line's draft matches, and in all. */
	readonly shown: number;
	readonly total: number;
	readonly width: number;
	/** The ages' ticker, and the 1 s one a status message expires by. */
	readonly ticker: Ticker;
	readonly statusTicker: Ticker;
};

/**
 * The last row: the filter line while `/` is open, else a status message while it lasts, else the
 * footer. On terminals too short for the sources' own row it takes the footer's row while the help is
 * open (the help lists every key anyway). Only a status message or the sources need the clock here.
 */
export function Bottom({state, mode, snapshot, keymap, statusRow, shown, total, width, ticker, statusTicker}: BottomProps) {
	if (state.filterDraft !== null) return <FilterInput draft={state.filterDraft} shown={shown} total={total} width={width} />;
	const sourcesHere = mode === 'help' && !statusRow;
	const at = (now: number) => {
		const status = currentStatus(state, now);
		if (status) return <StatusLine status={status} width={width} />;
		if (sourcesHere) return <SourcesLine snapshot={snapshot} now={now} width={width} />;
		return <Footer keymap={keymap} width={width} mode={mode} paused={snapshot.paused} />;
	};
	if (state.status === null && !sourcesHere) return at(0);
	return <Clocked ticker={state.status !== null ? statusTicker : ticker}>{at}</Clocked>;
}
