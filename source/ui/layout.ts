/**
 * Pure screen layout: how many rows each panel gets and which event-log columns fit. Computed once
 * at the root from the terminal size and passed down, so no component measures anything.
 */

/** Event rows we keep at least before the error group may take its full height. */
export const MIN_EVENT_ROWS_WITH_FULL_ERRORS = 8;

/** Rows per panel for one terminal size. */
export type ScreenLayout = {
	/** Rows of the whole frame: one less than the terminal, so Ink never clears the screen per frame. */
	readonly frameRows: number;
	/** 'full': one row per error metric; 'summary': one line for the group; 'none': no error metrics. */
	readonly errorMode: 'full' | 'summary' | 'none';
	/** Rows of the metrics panel, its column header included. */
	readonly metricsRows: number;
	/** Event rows below the event log's title and column header. */
	readonly eventRows: number;
};

// header + footer + metrics column header + event title + event column header
const FIXED_ROWS = 5;

/** Rows for each panel at `rows` terminal rows, given how many main and error metric rows exist. */
export function computeLayout(rows: number, mainMetrics: number, errorMetrics: number): ScreenLayout {
	const frameRows = Math.max(1, rows - 1);
	const available = frameRows - FIXED_ROWS - mainMetrics;
	let errorMode: ScreenLayout['errorMode'] = 'none';
	let errorRows = 0;
	if (errorMetrics > 0) {
		const full = available - errorMetrics >= MIN_EVENT_ROWS_WITH_FULL_ERRORS;
		errorMode = full ? 'full' : 'summary';
		errorRows = full ? errorMetrics : 1;
	}
	return {
		frameRows,
		errorMode,
		metricsRows: 1 + mainMetrics + errorRows,
		eventRows: Math.max(0, available - errorRows),
	};
}

/** The event-log columns. */
export type EventColumnId = 'time' | 'mark' | 'event' | 'error' | 'identity' | 'ip';

/** One event-log column that fits, with its width in columns. */
export type EventColumn = {
	readonly id: EventColumnId;
	readonly title: string;
	readonly width: number;
};

type ColumnSpec = {
	readonly id: EventColumnId;
	readonly title: string;
	readonly min: number;
	/** Extra columns this one may take when there is room. */
	readonly grow: number;
	/** Lower gets its extra columns first. */
	readonly growOrder: number;
	/** Lower drops first when the terminal is narrow. */
	readonly keep: number;
};

// `mark` holds the risk glyph (⚠) and the late marker (↶). The identity label ("role deploy-role/ci-1")
// says the identity type too, so there is no separate type column.
const EVENT_COLUMNS: readonly ColumnSpec[] = [
	{id: 'time', title: 'TIME UTC', min: 8, grow: 0, growOrder: 9, keep: 9},
	{id: 'mark', title: '', min: 2, grow: 0, growOrder: 9, keep: 10},
	{id: 'event', title: 'EVENT', min: 20, grow: 6, growOrder: 1, keep: 8},
	{id: 'error', title: 'ERROR', min: 14, grow: 8, growOrder: 3, keep: 7},
	{id: 'identity', title: 'IDENTITY', min: 20, grow: 24, growOrder: 2, keep: 6},
	{id: 'ip', title: 'SOURCE IP', min: 15, grow: 24, growOrder: 4, keep: 1},
];

/** Columns between each other. */
export const COLUMN_GAP = 1;

const span = (columns: ReadonlyArray<{width: number}>): number =>
	columns.reduce((sum, column) => sum + column.width, 0) + Math.max(0, columns.length - 1) * COLUMN_GAP;

/**
 * The event-log columns that fit in `width`, widths summing (with gaps) to at most `width`: source IP
 * drops first, then identity; leftover space grows event, identity, error and IP in that order.
 */
export function eventColumns(width: number): EventColumn[] {
	let specs = [...EVENT_COLUMNS];
	const byKeep = [...EVENT_COLUMNS].sort((a, b) => a.keep - b.keep);
	for (const spec of byKeep) {
		if (span(specs.map(s => ({width: s.min}))) <= width || specs.length === 1) break;
		specs = specs.filter(s => s !== spec);
	}
	let spare = Math.max(0, width - span(specs.map(s => ({width: s.min}))));
	const extra = new Map<EventColumnId, number>();
	for (const spec of [...specs].sort((a, b) => a.growOrder - b.growOrder)) {
		const given = Math.min(spec.grow, spare);
		extra.set(spec.id, given);
		spare -= given;
	}
	const columns = specs.map(spec => ({id: spec.id, title: spec.title, width: spec.min + (extra.get(spec.id) ?? 0)}));
	// A single column left (absurdly narrow terminal) still must not exceed the width.
	if (columns.length === 1 && columns[0]) return [{...columns[0], width: Math.max(0, Math.min(columns[0].width, width))}];
	return columns;
}
