import {useEffect, useState} from 'react';
import {useStdout} from 'ink';

/** Terminal size in columns and rows. */
export type TerminalSize = {readonly columns: number; readonly rows: number};

/** Used when stdout reports no size (pipes, test streams). */
export const DEFAULT_SIZE: TerminalSize = {columns: 80, rows: 24};

const read = (stdout: NodeJS.WriteStream): TerminalSize => ({
	columns: stdout.columns > 0 ? stdout.columns : DEFAULT_SIZE.columns,
	rows: stdout.rows > 0 ? stdout.rows : DEFAULT_SIZE.rows,
});

/**
 * The terminal size, updated on stdout 'resize' (Ink 6 re-lays out on resize but does not re-render).
 * `override` fixes the size (tests: ink-testing-library's stdout has 100 columns and no rows).
 */
export function useTerminalSize(override?: TerminalSize): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState<TerminalSize>(() => read(stdout));
	useEffect(() => {
		if (override) return;
		const onResize = (): void => setSize(read(stdout));
		onResize();
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, override]);
	return override ?? size;
}
