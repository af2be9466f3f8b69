/**
 * Pure screen layout: how many rows each panel gets and which event-log columns fit. Computed once
 * at the root from the terminal size and passed down, so no component measures anything.
 */

/** Event rows we keep at least before the status line and the full error group take rows. */
export const MIN_EVENT_ROWS_WITH_FULL_ERRORS = 8;

/**
 * The smallest terminal the layout is drawn in; below it the App says so instead. At 60x15 every
 * metric still gets its row with value and flag, the error group its line and the event log one row.
 */
export const MIN_COLUMNS = 60;
export const MIN_ROWS = 15;

/** Whether a terminal of this size gets the layout (else the "too small" message). */
export const fitsScreen = (columns: number, rows: number): boolean => columns >= MIN_COLUMNS && rows >= MIN_ROWS;

/** Rows per panel for one terminal size. */
export type ScreenLayout = {
	/** Rows of the whole frame: one less than the terminal, so Ink never clears the screen per frame. */
	readonly frameRows: number;
	/**
	 * 'full': the error group's title row (with the metrics titles) and one row per error metric;
	 * 'summary': one line for the group; 'none': no error metrics.
	 */
	readonly errorMode: 'full' | 'summary' | 'none';
	/** Lines under the header for the alarms in ALARM (alarm-view.ts), 0 while none is. */
	readonly alarmRows: number;
	/** Lines under those for the worst flag's reason (flag-reason-lines.ts): all it asked for, or 0. */
	readonly reasonRows: number;
	/** The metrics table's column titles (dropped first on short terminals). */
	readonly metricsTitle: boolean;
	/** Rows of the metrics panel, its column titles included. */
	readonly metricsRows: number;
	/** The event log's column titles (dropped next). */
	readonly eventHeader: boolean;
	/** Event rows below the event log's title and column header. */
	readonly eventRows: number;
	/** The source status line above the footer (source-status.ts), once the event log has its rows. */
	readonly statusLine: boolean;
};

// header + footer + event-log title: always there.
const FIXED_ROWS = 3;

/**
 * Rows for each panel at `rows` terminal rows, given how many main and error metric rows exist and how
 * many alarm lines are wanted (alarm-view.ts: one per alarm in ALARM, at most four). The header,
 * footer, every main metric and the error line always get theirs; what is left goes, in this order, to
 * one event row, the metrics column titles, the event column titles, the first alarm line, the worst
 * flag's reason (all of its `reasonLines` or none: a reason is never cut), event rows up to
 * MIN_EVENT_ROWS_WITH_FULL_ERRORS, the status line, the error group in full (its title row and a row
 * per metric instead of the one line), the other alarm lines, and the rest to events.
 * 80x24: titles, error line, 8 events (7 while an alarm is in ALARM, 2 fewer for a two-line reason),
 * no status line; 80x25 adds the status line; 40 rows the full error group.
 */
export function computeLayout(rows: number, mainMetrics: number, errorMetrics: number, alarmLines = 0, reasonLines = 0): ScreenLayout {
	const frameRows = Math.max(1, rows - 1);
	let left = frameRows - FIXED_ROWS - mainMetrics - (errorMetrics > 0 ? 1 : 0);
	const take = (wanted: number): number => {
		const given = Math.max(0, Math.min(wanted, left));
		left -= given;
		return given;
	};
	let eventRows = take(1);
	const metricsTitle = take(1) === 1;
	const eventHeader = take(1) === 1;
	let alarmRows = take(Math.min(1, alarmLines));
	const reasonRows = reasonLines > 0 && left >= reasonLines ? take(reasonLines) : 0;
	eventRows += take(MIN_EVENT_ROWS_WITH_FULL_ERRORS - eventRows);
	const statusLine = take(1) === 1;
	let errorMode: ScreenLayout['errorMode'] = errorMetrics > 0 ? 'summary' : 'none';
	// The group's own title row comes with the metrics titles; the one line it replaces was counted.
	const fullExtra = errorMetrics + (metricsTitle ? 1 : 0) - 1;
	if (errorMetrics > 0 && left >= fullExtra) {
		take(fullExtra);
		errorMode = 'full';
	}
	alarmRows += take(alarmLines - alarmRows);
	eventRows += take(left);
	const errorRows = errorMode === 'full' ? fullExtra + 1 : errorMode === 'summary' ? 1 : 0;
	return {
		frameRows,
		errorMode,
		alarmRows,
		reasonRows,
		metricsTitle,
		metricsRows: (metricsTitle ? 1 : 0) + mainMetrics + errorRows,
		eventHeader,
		eventRows,
		statusLine,
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

/** Leftover space to event, identity, error and IP in that order, each up to its `grow`. */
function growByOrder(specs: readonly ColumnSpec[], width: number): EventColumn[] {
	let spare = Math.max(0, width - span(specs.map(s => ({width: s.min}))));
	const extra = new Map<EventColumnId, number>();
	for (const spec of [...specs].sort((a, b) => a.growOrder - b.growOrder)) {
		const given = Math.min(spec.grow, spare);
		extra.set(spec.id, given);
		spare -= given;
	}
	return specs.map(spec => ({id: spec.id, title: spec.title, width: spec.min + (extra.get(spec.id) ?? 0)}));
}

/**
 * Width by need: a column whose rows need less than its minimum gives the rest away (no error on
 * screen: ERROR keeps its title's width); then each column grows to what its longest row needs, in
 * growth order; what nobody needs stays empty at the end of the row.
 */
function growByNeed(specs: readonly ColumnSpec[], width: number, needs: Partial<Readonly<Record<EventColumnId, number>>>): EventColumn[] {
	const base = new Map(specs.map(spec => [spec.id, spec.min]));
	for (const spec of specs) {
		const need = needs[spec.id];
		if (need !== undefined && spec.grow > 0) base.set(spec.id, Math.min(spec.min, Math.max(spec.title.length, need)));
	}
	let spare = Math.max(0, width - span(specs.map(spec => ({width: base.get(spec.id) ?? spec.min}))));
	for (const spec of [...specs].sort((a, b) => a.growOrder - b.growOrder)) {
		const current = base.get(spec.id) ?? spec.min;
		const want = Math.max(0, (needs[spec.id] ?? current) - current);
		const given = Math.min(want, spare);
		base.set(spec.id, current + given);
		spare -= given;
	}
	return specs.map(spec => ({id: spec.id, title: spec.title, width: base.get(spec.id) ?? spec.min}));
}

/** Columns between each other. */
export const COLUMN_GAP = 1;

/** "MM-DD HH:MM:SS". */
export const DATED_TIME_WIDTH = 14;

const span = (columns: ReadonlyArray<{width: number}>): number =>
	columns.reduce((sum, column) => sum + column.width, 0) + Math.max(0, columns.length - 1) * COLUMN_GAP;

/**
 * The event-log columns that fit in `width`, widths summing (with gaps) to at most `width`: source IP
 * drops first, then identity; leftover space grows event, identity, error and IP in that order.
 */
export function eventColumns(width: number, dated = false, needs?: Partial<Readonly<Record<EventColumnId, number>>>): EventColumn[] {
	// With events from another day than today, TIME carries the date: "12-02 23:59:08".
	const all = dated ? EVENT_COLUMNS.map(spec => (spec.id === 'time' ? {...spec, min: DATED_TIME_WIDTH} : spec)) : EVENT_COLUMNS;
	let specs = [...all];
	const byKeep = [...all].sort((a, b) => a.keep - b.keep);
	for (const spec of byKeep) {
		if (span(specs.map(s => ({width: s.min}))) <= width || specs.length === 1) break;
		specs = specs.filter(s => s !== spec);
	}
	const columns = needs === undefined ? growByOrder(specs, width) : growByNeed(specs, width, needs);
	// A single column left (absurdly narrow terminal) still must not exceed the width.
	if (columns.length === 1 && columns[0]) return [{...columns[0], width: Math.max(0, Math.min(columns[0].width, width))}];
	return columns;
}
