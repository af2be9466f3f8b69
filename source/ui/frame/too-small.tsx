import {Box} from 'ink';
import {useDisplay} from '../shared/display-context.js';
import {UNICODE, wrap, type Glyphs} from '../../render/glyphs.js';
import {MIN_COLUMNS, MIN_ROWS} from './layout.js';
import type {Segment} from '../../render/segments.js';
import {Line} from '../shared/line.js';

/**
 * The message shown instead of the layout below MIN_COLUMNS x MIN_ROWS, wrapped to the terminal's own
 * width and cut to its height (less one row, like every frame), so it never breaks either.
 */
export function tooSmallLines(columns: number, rows: number, g: Glyphs = UNICODE): Segment[][] {
	const width = Math.max(1, columns - 1);
	const message = wrap(`terminal too small (${columns}x${rows}); need at least ${MIN_COLUMNS}x${MIN_ROWS}`, width, Number.MAX_SAFE_INTEGER, g);
	const lines: Segment[][] = message.map((text, index) => [{text: ` ${text}`, bold: index === 0}]);
	lines.push([{text: ' q quits', dim: true}]);
	return lines.slice(0, Math.max(1, rows - 1));
}

/** Replaces the whole screen while the terminal is too small; the App comes back when it grows. */
export function TooSmall({columns, rows}: {readonly columns: number; readonly rows: number}) {
	const {glyphs} = useDisplay();
	const lines = tooSmallLines(columns, rows, glyphs);
	return (
		<Box flexDirection="column" width={columns}>
			{lines.map((segments, index) => (
				<Line key={index} segments={segments} width={columns} />
			))}
		</Box>
	);
}
