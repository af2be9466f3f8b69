/**
 * Waits for a monitor's condition: resolves at once when `holds()` already does, else at the first
 * snapshot after which it does, or after `timeoutMs` (whichever comes first). Never rejects.
 */
export function until(
	holds: () => boolean,
	subscribe: (listener: () => void) => () => void,
	timeoutMs: number,
	options: {readonly unref?: boolean} = {},
): Promise<void> {
	if (holds()) return Promise.resolve();
	return new Promise(resolve => {
		const done = () => {
			clearTimeout(timer);
			unsubscribe();
			resolve();
		};
		const timer = setTimeout(done, timeoutMs);
		if (options.unref) timer.unref();
		const unsubscribe = subscribe(() => {
			if (holds()) done();
		});
	});
}
