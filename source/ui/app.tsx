import {useMemo} from 'react';
import {Box} from 'ink';
import {errorRate, type ErrorRate} from '../iot/rates.js';
import type {MonitorHandle} from '../monitor/types.js';
import {countMatchingAbove, describeFilter, isFilterActive} from '../trail/filter.js';
import {alarmStatesByMetric} from '../iot/alarm-states.js';
import {alarmBannerLines, alarmLinesWanted, alarmListLines} from './alarms/alarm-lines.js';
import {AlarmList} from './alarms/alarm-list.js';
import {Bottom, SourcesLine} from './frame/bottom.js';
import {detailLineCount, EventDetail} from './detail/event-detail.js';
import {EventLog} from './events/event-log.js';
import {Header} from './frame/header.js';
import {Help} from './keys/help.js';
import {helpLines} from './keys/help-lines.js';
import {Line} from './shared/line.js';
import {panelErrorLines} from './shared/panel-error.js';
import {MetricsTable, splitMetrics} from './metrics/metrics-table.js';
import {TooSmall} from './frame/too-small.js';
import {suspectRows, WhatChanged} from './changes/what-changed.js';
import {detailSummary, recordLines, wrapRecordLines} from './detail/detail-lines.js';
import {fileActions, type ExportEvents, type WriteSnapshot} from './file-actions.js';
import {DisplayContext, type DisplayStyle} from './shared/display-context.js';
import type {ResolvedDisplay} from '../render/display.js';
import {glyphsFor} from '../render/glyphs.js';
import {useKeymap, type KeyTarget} from './keys/use-keymap.js';
import {useMonitor} from './shared/use-monitor.js';
import {Clocked, createTicker, type Clock} from './shared/ticker.js';
import {AGE_STEP_MS} from '../render/format.js';
import {useTerminalSize, type TerminalSize} from './shared/use-terminal-size.js';
import {KEYMAP, type Keymap, type KeyCommand} from './keys/keymap.js';
import {routeKey, type AppEffect, type KeyView} from './keys/route-key.js';
import {computeLayout, fitsScreen} from './frame/layout.js';
import {flagReasonLines} from './frame/flag-reason-lines.js';
import {useLatestReducer} from './shared/use-latest-reducer.js';
import {
	effectiveFilter,
	initialUiState,
	screenOf,
	selectEventView,
	topScreen,
	uiReducer,
	visibleEvents,
} from './state/ui-reducer.js';
import {changeTicks, sameTicks} from './metrics/timeline.js';
import {useSameValue} from './shared/use-same-value.js';
import {flaggedTargets} from './changes/what-changed-lines.js';
import {useWhatChanged} from './changes/use-what-changed.js';


/** Props of the root component. */
export type AppProps = {
	readonly monitor: MonitorHandle;
	/** Called when the user asks to quit (q, Ctrl-C); the caller unmounts. */
	readonly onExit: () => void;
	/** Fixed terminal size instead of stdout's (tests). */
	readonly size?: TerminalSize;
	/** Time source for ages (tests); Date.now by default. */
	readonly clock?: Clock;
	readonly keymap?: Keymap;
	/** Where `x` and `s` write; the current working directory by default. */
	readonly exportDir?: string;
	/** Replaces the file writer (tests). */
	readonly exportEvents?: ExportEvents;
	/** Replaces the snapshot writer (tests). */
	readonly writeSnapshot?: WriteSnapshot;
	/** `s` puts the records inside the hand-off instead of in a file beside it (--full). */
	readonly fullHandoff?: boolean;
	/** Colour and glyphs, as resolveDisplay() decided (display.ts); colour and Unicode by default. */
	readonly display?: ResolvedDisplay;
	/** Fleet mode: this App shows one scope over the overview (ui/fleet/); Esc on the list and [ ] go there. */
	readonly fleet?: {readonly leave: () => void; readonly switchScope: (direction: 1 | -1) => void};
};

const DEFAULT_DISPLAY: ResolvedDisplay = {color: 'always', ascii: false};


/** The root: reads the monitor, owns UI state and the one key listener, lays out the panels. */
export function App({
	monitor,
	onExit,
	size: sizeOverride,
	clock = Date.now,
	keymap = KEYMAP,
	fleet,
	exportDir,
	exportEvents,
	writeSnapshot,
	fullHandoff = false,
	display = DEFAULT_DISPLAY,
}: AppProps) {
	const style = useMemo<DisplayStyle>(
		() => ({color: display.color === 'always', glyphs: glyphsFor(display.ascii)}),
		[display.color, display.ascii],
	);
	const g = style.glyphs;
	const size = useTerminalSize(sizeOverride);
	// Ages tick in the components that show them (Clocked below), not here: a tick redraws only those.
	const ticker = useMemo(() => createTicker(clock, AGE_STEP_MS), [clock]);
	// A snapshot that only moves a poll's time and call count is drawn at the next tick, with the ages.
	const snapshot = useMonitor(monitor, ticker);
	// A status message expires after STATUS_MS: its own 1 s clock, running only while one is shown.
	const statusTicker = useMemo(() => createTicker(clock, 1000), [clock]);
	const [state, dispatch, latestState] = useLatestReducer(uiReducer, initialUiState);
	const {main, errors} = useMemo(() => splitMetrics(snapshot.metrics), [snapshot.metrics]);
	// Per snapshot, not per frame: the clock re-renders every second and the table is memoised on these.
	const alarmStates = useMemo(() => alarmStatesByMetric(snapshot.alarms), [snapshot.alarms]);
	const rates = useMemo(
		() => new Map<string, ErrorRate | null>(errors.map(metric => [metric.name, errorRate(metric, snapshot.metrics)])),
		[errors, snapshot.metrics],
	);
	const ticks = useSameValue(
		useMemo(() => changeTicks(snapshot.events, snapshot.metrics), [snapshot.events, snapshot.metrics]),
		sameTicks,
	);
	const flagged = useMemo(() => flaggedTargets([...main, ...errors]), [main, errors]);
	const width = size.columns;
	// The worst flag's reason under the header, on the main screen (W shows its target's own).
	const onList = topScreen(state).kind === 'list';
	const reason = useMemo(() => (onList ? flagReasonLines([...main, ...errors], width, g) : []), [onList, main, errors, width, g]);
	const layout = computeLayout(size.rows, main.length, errors.length, alarmLinesWanted(snapshot.alarms), reason.length);
	// Header and footer (and the status line, alarm and reason lines when they show) take one row each;
	// the rest is the list, the detail view, the alarm list, What changed or the help.
	const bodyRows = Math.max(0, layout.frameRows - 2 - (layout.statusLine ? 1 : 0) - layout.alarmRows - layout.reasonRows);

	const all = snapshot.events;
	const filter = effectiveFilter(state);
	const filtering = isFilterActive(filter);
	const events = visibleEvents(state, all);
	// Cheap without a memo: it stops at the newest event seen, near the top, and matching is cached per event.
	const newCount = filtering && !state.follow ? countMatchingAbove(all, state.newestSeenId, filter) : undefined;
	// A failed CloudTrail shows its whole message above the list, in rows taken from the list.
	const trailError = snapshot.health.trail.error;
	const trailNotice = useMemo(
		() => (trailError === null ? [] : panelErrorLines(trailError, size.columns, Math.max(1, layout.eventRows - 1), g)),
		[trailError, size.columns, layout.eventRows, g],
	);
	const eventRows = Math.max(1, layout.eventRows - trailNotice.length);
	const view = selectEventView(state, events, eventRows, newCount);

	const top = topScreen(state);
	const mode = top.kind;
	const detailEvent = screenOf(state, 'detail')?.event;
	const record = useMemo(() => (detailEvent ? wrapRecordLines(recordLines(detailEvent), width - 1) : []), [detailEvent, width]);
	const help = useMemo(() => helpLines(keymap, g), [keymap, g]);
	const target: KeyTarget = state.filterDraft !== null ? 'text' : mode;

	// What changed: the chosen metric, its reason and its ranked suspects.
	const {target: changeTarget, live, reason: changeReason, suspects, selected: selectedSuspect} = useWhatChanged(state, snapshot, flagged);
	const alarmLinesAt = (now: number) => alarmListLines(snapshot.alarms, snapshot.alarmsError, now, width, g, snapshot.alarmsNote);

	const files = fileActions({monitor, dispatch, clock, glyphs: g, exportDir, exportEvents, writeSnapshot, fullHandoff});

	/** What routeKey needs, read when the key arrives (the monitor's newest events, the clock now). */
	const keyView = (): KeyView => {
		const now = clock();
		const latest = monitor.getSnapshot();
		return {
			screen: mode,
			events: latest.events,
			// The list as the keys before this one left it (a filter key and x in one burst), not as last drawn.
			listed: visibleEvents(latestState(), latest.events),
			listRows: eventRows,
			pageRows: bodyRows - 1,
			lines: {
				detail: detailEvent ? detailLineCount(detailSummary(detailEvent, now, width, g), record) : 0,
				help: help.length,
				alarms: mode === 'alarms' ? alarmLinesAt(now).length : 0,
			},
			flagged,
			suspects: suspects.map(suspect => suspect.event),
			selectedSuspect,
			suspectRows: suspectRows(bodyRows, changeReason, width),
			paused: latest.paused,
			now,
		};
	};
	const runEffect = (effect: AppEffect): void => {
		if (effect.type === 'quit') onExit();
		else if (effect.type === 'pause') monitor.setPaused(effect.paused);
		else if (effect.type === 'refresh') monitor.refreshNow();
		else if (effect.type === 'export') files.exportEvents(effect.events);
		else if (effect.type === 'leave-scope') fleet?.leave();
		else if (effect.type === 'switch-scope') fleet?.switchScope(effect.direction);
		else files.writeSnapshot();
	};
	// Read through useKeymap's ref: always this render's values, no stale closure.
	const onCommand = (command: KeyCommand): void => {
		for (const routed of routeKey(command, keyView())) {
			if (routed.to === 'reducer') dispatch(routed.event);
			else runEffect(routed.effect);
		}
	};
	useKeymap(keymap, target, onCommand);

	if (!fitsScreen(size.columns, size.rows)) {
		return (
			<DisplayContext.Provider value={style}>
				<TooSmall columns={size.columns} rows={size.rows} />
			</DisplayContext.Provider>
		);
	}

	const words = filtering ? describeFilter(filter, g.sep) : null;
	let body;
	if (top.kind === 'help') body = <Help keymap={keymap} width={width} height={bodyRows} scroll={top.scroll} />;
	else if (top.kind === 'detail') {
		const {event, scroll} = top;
		body = (
			<Clocked ticker={ticker}>
				{now => <EventDetail summary={detailSummary(event, now, width, g)} record={record} scroll={scroll} width={width} height={bodyRows} />}
			</Clocked>
		);
	} else if (top.kind === 'alarms') {
		const {scroll} = top;
		body = <Clocked ticker={ticker}>{now => <AlarmList lines={alarmLinesAt(now)} width={width} height={bodyRows} scroll={scroll} />}</Clocked>;
	}
	else if (changeTarget !== null) {
		body = (
			<WhatChanged
				target={changeTarget}
				stillFlagged={live !== undefined}
				position={live === undefined ? -1 : flagged.indexOf(live)}
				flagged={flagged.length}
				suspects={suspects}
				selected={selectedSuspect}
				eventsSince={snapshot.eventsSince}
				reason={changeReason}
				width={width}
				height={bodyRows}
			/>
		);
	} else {
		body = (
			<>
				<MetricsTable
					main={main}
					errors={errors}
					errorMode={layout.errorMode}
					width={width}
					title={layout.metricsTitle}
					rates={rates}
					alarms={alarmStates}
					ticks={ticks}
					error={snapshot.health.metrics.error}
				/>
				<EventLog
					events={events}
					total={all.length}
					filter={words}
					view={view}
					follow={state.follow}
					since={snapshot.eventsSince}
					dropped={snapshot.eventsDropped}
					unread={snapshot.eventsUnread ?? null}
					width={width}
					height={eventRows}
					columnHeader={layout.eventHeader}
					notice={trailNotice}
					today={snapshot.generatedAt}
				/>
			</>
		);
	}
	// Vertical clipping only: lines are already cut to width, and horizontal clipping makes Ink re-slice
	// every line of every frame.
	return (
		<DisplayContext.Provider value={style}>
			<Box flexDirection="column" width={width} height={layout.frameRows} overflowY="hidden">
				<Clocked ticker={ticker}>
					{now => (
						<>
							<Header
								snapshot={snapshot}
								now={now}
								width={width}
								filter={words === null ? null : {words, shown: events.length, total: all.length}}
							/>
							{alarmBannerLines(snapshot.alarms, now, width, layout.alarmRows, g).map((segments, index) => (
								<Line key={`alarm${index}`} segments={segments} width={width} />
							))}
						</>
					)}
				</Clocked>
				{layout.reasonRows > 0 && reason.map((segments, index) => <Line key={`reason${index}`} segments={segments} width={width} />)}
				<Box flexDirection="column" flexGrow={1} overflowY="hidden">
					{body}
				</Box>
				{layout.statusLine && <Clocked ticker={ticker}>{now => <SourcesLine snapshot={snapshot} now={now} width={width} />}</Clocked>}
				<Bottom
					state={state}
					mode={mode}
					snapshot={snapshot}
					keymap={keymap}
					statusRow={layout.statusLine}
					shown={events.length}
					total={all.length}
					width={width}
					ticker={ticker}
					statusTicker={statusTicker}
				/>
			</Box>
		</DisplayContext.Provider>
	);
}
