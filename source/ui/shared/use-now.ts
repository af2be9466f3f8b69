import {useEffect, useState} from 'react';

/** Where the current time comes from; tests pass a fixed one. */
export type Clock = () => number;

/** `clock()` re-read every `intervalMs`, so ages like "8s ago" tick without new data. */
export function useNow(intervalMs: number, clock: Clock = Date.now): number {
	const [now, setNow] = useState(clock);
	useEffect(() => {
		const timer = setInterval(() => setNow(clock()), intervalMs);
		// A clock alone must never keep the process alive (stdin and the monitor's polls do that).
		timer.unref();
		return () => clearInterval(timer);
	}, [intervalMs, clock]);
	return now;
}
