import {useCallback, useMemo, useReducer} from 'react';
import {Box} from 'ink';
import type {MonitorHandle} from '../monitor/types.js';
import {EventLog} from './components/event-log.js';
import {Footer} from './components/footer.js';
import {Header} from './components/header.js';
import {Help} from './components/help.js';
import {MetricsTable, splitMetrics} from './components/metrics-table.js';
import {useKeymap} from './hooks/use-keymap.js';
import {useMonitor} from './hooks/use-monitor.js';
import {useNow, type Clock} from './hooks/use-now.js';
import {useTerminalSize, type TerminalSize} from './hooks/use-terminal-size.js';
import {KEYMAP, type Keymap, type KeymapAction} from './keymap.js';
import {computeLayout} from './layout.js';
import {initialUiState, selectEventView, uiReducer} from './state/ui-reducer.js';

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
};

/** The root: reads the monitor, owns UI state and the one key listener, lays out the panels. */
export function App({monitor, onExit, size: sizeOverride, clock, keymap = KEYMAP}: AppProps) {
	const size = useTerminalSize(sizeOverride);
	const snapshot = useMonitor(monitor);
	const now = useNow(1000, clock);
	const [state, dispatch] = useReducer(uiReducer, initialUiState);
	const {main, errors} = useMemo(() => splitMetrics(snapshot.metrics), [snapshot.metrics]);
	const layout = computeLayout(size.rows, main.length, errors.length);
	const view = useMemo(
		() => selectEventView(state, snapshot.events, layout.eventRows),
		[state, snapshot.events, layout.eventRows],
	);

	const onAction = useCallback(
		(action: KeymapAction) => {
			switch (action.type) {
				case 'quit-requested':
					onExit();
					return;
				case 'pause-toggle-requested':
					monitor.setPaused(!monitor.getSnapshot().paused);
					return;
				case 'refresh-requested':
					monitor.refreshNow();
					return;
				case 'scroll-requested':
					dispatch({...action, events: monitor.getSnapshot().events, pageSize: layout.eventRows});
					return;
				default:
					dispatch(action);
			}
		},
		[monitor, onExit, layout.eventRows],
	);
	useKeymap(keymap, onAction);

	const width = size.columns;
	// Vertical clipping only: lines are already cut to width, and horizontal clipping makes Ink re-slice
	// every line of every frame.
	return (
		<Box flexDirection="column" width={width} height={layout.frameRows} overflowY="hidden">
			<Header snapshot={snapshot} now={now} width={width} />
			<Box flexDirection="column" flexGrow={1} overflowY="hidden">
				{state.helpOpen ? (
					<Help keymap={keymap} width={width} height={Math.max(0, layout.frameRows - 2)} />
				) : (
					<>
						<MetricsTable main={main} errors={errors} errorMode={layout.errorMode} width={width} />
						<EventLog
							events={snapshot.events}
							view={view}
							follow={state.follow}
							since={snapshot.eventsSince}
							width={width}
							height={layout.eventRows}
						/>
					</>
				)}
			</Box>
			<Footer keymap={keymap} width={width} />
		</Box>
	);
}
