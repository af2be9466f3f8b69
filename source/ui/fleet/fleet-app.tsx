/**
 * Fleet mode's root: the overview of every scope (account x region) at the bottom of its screen stack,
 * help over it, or one scope opened over it as today's single-scope App. The App gets that scope's
 * Snapshot through the same MonitorHandle it always uses (monitor/fleet/scope-handle.ts) and a keymap
 * with the fleet's scope keys (Esc back to the overview, [ and ] for the previous and next scope).
 * Drawing is in fleet-lines.ts; what keys do in route-fleet-key.ts and fleet-state.ts.
 */
import {useCallback, useMemo, useSyncExternalStore} from 'react';
import {Box} from 'ink';
import type {FleetHandle} from '../../monitor/types.js';
import {scopeHandle, scopeKeyOf} from '../../monitor/fleet/scope-handle.js';
import type {FleetSnapshot} from '../../types.js';
import type {ResolvedDisplay} from '../../render/display.js';
import {glyphsFor} from '../../render/glyphs.js';
import {App} from '../app.js';
import {StatusLine} from '../frame/bottom-line.js';
import {fitsScreen} from '../frame/layout.js';
import {TooSmall} from '../frame/too-small.js';
import {Footer} from '../keys/footer.js';
import {Help} from '../keys/help.js';
import {helpLines} from '../keys/help-lines.js';
import {FLEET_KEYMAP, type Keymap, type KeyCommand} from '../keys/keymap.js';
import {useKeymap} from '../keys/use-keymap.js';
import {DisplayContext, type DisplayStyle} from '../shared/display-context.js';
import {Line} from '../shared/line.js';
import {Clocked, createTicker, type Clock} from '../shared/ticker.js';
import {useLatestReducer} from '../shared/use-latest-reducer.js';
import {useTerminalSize, type TerminalSize} from '../shared/use-terminal-size.js';
import {STATUS_MS} from '../state/ui-state.js';
import {
	eventsTitleSegments,
	overviewColumnHeader,
	overviewColumns,
	overviewEvents,
	eventNameColumns,
	overviewEventSegments,
	scopeColumns,
	overviewHeaderSegments,
	overviewLayout,
	scopeDetailLines,
	scopeRowSegments,
	scopeBarSegments,
} from './fleet-lines.js';
import {fleetReducer, fleetTop, initialFleetState, selectedScopeIndex} from './fleet-state.js';
import {routeFleetKey, type FleetEffect} from './route-fleet-key.js';

export type FleetAppProps = {
	readonly fleet: FleetHandle;
	readonly onExit: () => void;
	readonly size?: TerminalSize;
	readonly clock?: Clock;
	readonly keymap?: Keymap;
	readonly display?: ResolvedDisplay;
	readonly fullHandoff?: boolean;
	readonly exportDir?: string;
};

const DEFAULT_DISPLAY: ResolvedDisplay = {color: 'always', ascii: false};

function useFleet(fleet: FleetHandle): FleetSnapshot {
	const subscribe = useCallback((onChange: () => void) => fleet.subscribe(() => onChange()), [fleet]);
	const get = useCallback(() => fleet.getSnapshot(), [fleet]);
	return useSyncExternalStore(subscribe, get, get);
}

export function FleetApp({fleet, onExit, size: sizeOverride, clock = Date.now, keymap = FLEET_KEYMAP, display = DEFAULT_DISPLAY, fullHandoff, exportDir}: FleetAppProps) {
	const style = useMemo<DisplayStyle>(() => ({color: display.color === 'always', glyphs: glyphsFor(display.ascii)}), [display.color, display.ascii]);
	const g = style.glyphs;
	const size = useTerminalSize(sizeOverride);
	const snapshot = useFleet(fleet);
	// A status message expires after STATUS_MS: its own 1 s clock, running only while one is shown.
	const statusTicker = useMemo(() => createTicker(clock, 1000), [clock]);
	const [state, dispatch, latestState] = useLatestReducer(fleetReducer, initialFleetState);
	const summaries = useMemo(() => snapshot.scopes.map(view => view.summary), [snapshot.scopes]);
	const keys = useMemo(() => summaries.map(scopeKeyOf), [summaries]);
	const names = useMemo(() => new Map(summaries.map(s => [s.account, s.accountName])), [summaries]);
	const top = fleetTop(state);
	const width = size.columns;
	const layout = overviewLayout(size.rows, summaries.length);
	const help = useMemo(() => helpLines(keymap, g), [keymap, g]);
	const selectedIndex = selectedScopeIndex(state, keys);
	const selected = summaries[selectedIndex];
	const openKey = top.kind === 'scope' ? top.key : null;
	// One handle per opened scope: App subscribes to it; [ and ] make a new one (a new App, fresh screens).
	const scopeMonitor = useMemo(() => {
		if (openKey === null) return null;
		const view = fleet.getSnapshot().scopes.find(candidate => scopeKeyOf(candidate.summary) === openKey);
		return view ? scopeHandle(fleet, openKey, view.snapshot) : null;
	}, [fleet, openKey]);

	const runEffect = (effect: FleetEffect): void => {
		if (effect.type === 'quit') onExit();
		else if (effect.type === 'pause') fleet.setPaused(effect.paused);
		else fleet.refreshNow();
	};
	const onCommand = (command: KeyCommand): void => {
		const current = fleetTop(latestState());
		if (current.kind === 'scope') return;
		const latest = fleet.getSnapshot();
		const view = {
			screen: current.kind,
			keys: latest.scopes.map(s => scopeKeyOf(s.summary)),
			pageRows: current.kind === 'help' ? Math.max(1, size.rows - 2) : layout.scopeRows,
			helpLines: help.length,
			paused: latest.paused,
			now: clock(),
		};
		for (const routed of routeFleetKey(command, view)) {
			if (routed.to === 'reducer') dispatch(routed.event);
			else runEffect(routed.effect);
		}
	};
	useKeymap(keymap, top.kind === 'help' ? 'help' : 'overview', onCommand, top.kind !== 'scope');
	const scopeControls = useMemo(
		() => ({
			leave: () => dispatch({type: 'scope-closed'}),
			switchScope: (direction: 1 | -1) => dispatch({type: 'scope-switched', direction, keys: fleet.getSnapshot().scopes.map(s => scopeKeyOf(s.summary))}),
		}),
		[fleet, dispatch],
	);

	if (!fitsScreen(size.columns, size.rows)) {
		return (
			<DisplayContext.Provider value={style}>
				<TooSmall columns={size.columns} rows={size.rows} />
			</DisplayContext.Provider>
		);
	}

	if (top.kind === 'scope' && scopeMonitor !== null) {
		const at = keys.indexOf(top.key);
		const summary = summaries[at];
		return (
			<Box flexDirection="column" width={width} height={size.rows}>
				<DisplayContext.Provider value={style}>
					<Line segments={scopeBarSegments(summary, at, keys.length, top.key, g)} width={width} />
				</DisplayContext.Provider>
				<App
					key={top.key}
					monitor={scopeMonitor}
					onExit={onExit}
					size={{columns: width, rows: size.rows - 1}}
					clock={clock}
					keymap={keymap}
					display={display}
					fleet={scopeControls}
					{...(fullHandoff === undefined ? {} : {fullHandoff})}
					{...(exportDir === undefined ? {} : {exportDir})}
				/>
			</Box>
		);
	}

	const columns = overviewColumns(summaries, width);
	const offset = Math.max(0, Math.min(selectedIndex - layout.scopeRows + 1, summaries.length - layout.scopeRows));
	const shownScopes = summaries.slice(offset, offset + layout.scopeRows);
	const events = overviewEvents(snapshot, selected, state.allScopes);
	const detail = scopeDetailLines(selected, width, layout.detailRows, g);
	// Detail rows the selected scope does not need go to the event list.
	const eventRows = layout.eventRows + layout.detailRows - detail.length;
	const eventLines = Math.max(0, eventRows - 1);
	const shownEvents = events.slice(0, eventLines);
	const nameColumns = eventNameColumns(shownEvents);
	const withScope = state.allScopes || selected === undefined ? scopeColumns(summaries, names) : null;
	const status = state.status;
	const bottom = (now: number) =>
		status !== null && now - status.at < STATUS_MS ? (
			<StatusLine status={status} width={width} />
		) : (
			<Footer keymap={keymap} width={width} mode={top.kind === 'help' ? 'help' : 'overview'} paused={snapshot.paused} />
		);
	return (
		<DisplayContext.Provider value={style}>
			<Box flexDirection="column" width={width} height={size.rows} overflowY="hidden">
				<Line segments={overviewHeaderSegments(snapshot, width, g)} width={width} />
				{top.kind === 'help' ? (
					<Box flexDirection="column" flexGrow={1} overflowY="hidden">
						<Help keymap={keymap} width={width} height={size.rows - 2} scroll={top.scroll} />
					</Box>
				) : (
					<Box flexDirection="column" flexGrow={1} overflowY="hidden">
						<Line segments={overviewColumnHeader(columns, g)} width={width} />
						{shownScopes.map((summary, index) => (
							<Line key={`s${index}`} segments={scopeRowSegments(summary, offset + index === selectedIndex, columns, g)} width={width} />
						))}
						{Array.from({length: layout.scopeRows - shownScopes.length}, (_, index) => (
							<Line key={`e${index}`} segments={[]} width={width} />
						))}
						{detail.map((segments, index) => (
							<Line key={`d${index}`} segments={segments} width={width} />
						))}
						{eventRows > 0 && <Line segments={eventsTitleSegments(snapshot, selected, state.allScopes, events.length, g)} width={width} />}
						{shownEvents.map((event, index) => (
							<Line key={`v${index}`} segments={overviewEventSegments(event, names, withScope, width, g, nameColumns)} width={width} />
						))}
					</Box>
				)}
				{status !== null ? <Clocked ticker={statusTicker}>{bottom}</Clocked> : bottom(0)}
			</Box>
		</DisplayContext.Provider>
	);
}
