import {useCallback, useSyncExternalStore} from 'react';
import type {MonitorHandle} from '../../monitor/types.js';
import type {Snapshot} from '../../types.js';

/** The monitor's latest snapshot; re-renders on every new one. */
export function useMonitor(monitor: MonitorHandle): Snapshot {
	const subscribe = useCallback((onChange: () => void) => monitor.subscribe(() => onChange()), [monitor]);
	const getSnapshot = useCallback(() => monitor.getSnapshot(), [monitor]);
	return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
