/**
 * Pure: the fleet overview's lines. One row per scope (account x region), worst first as the monitor
 * sorted them: the worst flag with the metric table's glyphs and colours, the account (name and id),
 * the region, IoT events in the last 15 minutes and the flagged metrics or, with none, the state in
 * words ("access denied", "region not enabled", "throttled"). Under the rows, the selected scope in
 * full (its state, every flagged metric, each error wrapped), then the event list of every scope (with
 * account and region columns) or of the selected one. Text from AWS is sanitized here.
 */
import {arrow, severityColor} from '../../render/judgement.js';
import {formatClock, formatClockShort, unreadText} from '../../render/format.js';
import {cut, padCell, UNICODE, wrap, type Glyphs} from '../../render/glyphs.js';
import {segmentsWidth, type Segment} from '../../render/segments.js';
import {sanitize} from '../../text/sanitize.js';
import {textWidth} from '../../text/width.js';
import {identityLabel} from '../../trail/identity.js';
import type {FleetSnapshot, FlaggedMetric, ScopedEvent, ScopeSummary} from '../../types.js';

/** Rows of each part of the overview for a terminal `rows` high (header and footer included). */
export type OverviewLayout = {
	readonly scopeRows: number;
	readonly detailRows: number;
	/** The event list's rows, its title included (0: no room). */
	readonly eventRows: number;
};

/** Header, column header and footer take a row each; the selected scope's lines up to 3; events get the rest. */
export function overviewLayout(rows: number, scopes: number): OverviewLayout {
	const body = Math.max(1, rows - 3);
	const detailRows = body >= 10 ? 3 : body >= 6 ? 1 : 0;
	const minEvents = body >= 14 ? 5 : 0;
	const scopeRows = Math.max(1, Math.min(Math.max(1, scopes), body - detailRows - minEvents));
	return {scopeRows, detailRows, eventRows: Math.max(0, body - scopeRows - detailRows)};
}

/** "prod-eu 210987654321", or the id alone when it has no name. */
export function accountText(summary: Pick<ScopeSummary, 'account' | 'accountName'>): string {
	const name = sanitize(summary.accountName);
	return name === summary.account ? summary.account : `${name} ${summary.account}`;
}

/** The account cell: the name is cut before the 12-digit id is. */
function accountCell(summary: ScopeSummary, width: number, g: Glyphs): string {
	const full = accountText(summary);
	if (textWidth(full) <= width || full === summary.account) return padCell(full, width, 'left', g);
	const room = width - summary.account.length - 1;
	return room >= 3 ? padCell(`${cut(sanitize(summary.accountName), room, g)} ${summary.account}`, width, 'left', g) : padCell(full, width, 'left', g);
}

const FLAG_WIDTH = 6;
const EVENTS_WIDTH = 6;

/** The FLAG cell of a scope, as the metric table draws a metric's: "▼ CRIT", "▲ WARN", else the state. */
export function scopeFlagSegment(summary: ScopeSummary, g: Glyphs = UNICODE): Segment {
	const first = summary.flagged[0];
	if (summary.worst !== null && first !== undefined) {
		return {text: `${arrow(first.direction, g)} ${summary.worst.toUpperCase()}`, color: severityColor(summary.worst), bold: true};
	}
	if (summary.errors.length > 0) return {text: `${g.cross} fail`, color: 'red'};
	if (summary.status === 'OK') return {text: g.normal, dim: true};
	if (summary.statusText.startsWith('learning')) return {text: 'learning', dim: true};
	return {text: '?', color: 'yellow'};
}

/** "PublishIn.Success ▼62%": one flagged metric, short. */
export function flaggedText(metric: FlaggedMetric, g: Glyphs = UNICODE): string {
	const percent = metric.percent === null ? '' : `${Math.round(Math.abs(metric.percent))}%`;
	return `${sanitize(metric.name)} ${arrow(metric.direction, g)}${percent}`;
}

/**
 * The flagged metrics in `width` columns: whole names while they fit, then "+N"; the first is cut only
 * when it alone does not fit (the detail line under the rows has them all).
 */
export function flaggedCell(flagged: readonly FlaggedMetric[], width: number, g: Glyphs = UNICODE): string {
	if (flagged.length === 0) return '';
	const parts = flagged.map(metric => flaggedText(metric, g));
	let text = '';
	for (let i = 0; i < parts.length; i++) {
		const next = text === '' ? parts[i]! : `${text}, ${parts[i]}`;
		const more = parts.length - i - 1;
		const tail = more > 0 ? ` +${more}` : '';
		if (textWidth(next + tail) <= width) {
			text = next;
			continue;
		}
		const rest = parts.length - i;
		if (text === '') return cut(parts[0]!, Math.max(1, width - (parts.length > 1 ? ` +${parts.length - 1}`.length : 0)), g) + (parts.length > 1 ? ` +${parts.length - 1}` : '');
		return `${text} +${rest}`;
	}
	return text;
}

type Columns = {readonly account: number; readonly region: number; readonly what: number};

/** Column widths for these scopes at `width`. */
export function overviewColumns(scopes: readonly ScopeSummary[], width: number): Columns {
	const region = Math.max(6, ...scopes.map(s => s.region.length));
	const accountWanted = Math.max(7, ...scopes.map(s => textWidth(accountText(s))));
	// marker, flag, account, region, events, what: a space between each.
	const fixed = 2 + FLAG_WIDTH + 1 + 1 + region + 1 + EVENTS_WIDTH + 1;
	const account = Math.min(accountWanted, Math.max(12, Math.floor((width - fixed) * 0.45)));
	return {account, region, what: Math.max(0, width - fixed - account)};
}

export function overviewColumnHeader(columns: Columns, g: Glyphs = UNICODE): Segment[] {
	const text = `  ${padCell('FLAG', FLAG_WIDTH, 'left', g)} ${padCell('ACCOUNT', columns.account, 'left', g)} ${padCell('REGION', columns.region, 'left', g)} ${padCell('EV/15m', EVENTS_WIDTH, 'right', g)} FLAGGED METRICS OR STATE`;
	return [{text, bold: true}];
}

/** One scope's row. */
export function scopeRowSegments(summary: ScopeSummary, selected: boolean, columns: Columns, g: Glyphs = UNICODE): Segment[] {
	const flag = scopeFlagSegment(summary, g);
	const events = summary.eventsLast15m === null ? g.missing : String(summary.eventsLast15m);
	const what: Segment =
		summary.flagged.length > 0
			? {text: flaggedCell(summary.flagged, columns.what, g), color: severityColor(summary.worst ?? 'ok')}
			: summary.errors.length > 0
				? {text: cut(sanitize(summary.errors.join('; ')), columns.what, g), color: 'red'}
				: {text: cut(sanitize(summary.statusText), columns.what, g), dim: summary.status === 'OK'};
	const row: Segment[] = [
		{text: selected ? `${g.select} ` : '  ', bold: selected},
		{...flag, text: padCell(flag.text, FLAG_WIDTH, 'left', g)},
		{text: ` ${accountCell(summary, columns.account, g)} ${padCell(summary.region, columns.region, 'left', g)} `},
		{text: padCell(events, EVENTS_WIDTH, 'right', g), dim: summary.eventsLast15m === null},
		{text: ' '},
		what,
	];
	return selected ? row.map(segment => ({...segment, inverse: true})) : row;
}

/**
 * The selected scope in full, at most `rows` lines: where and its state in words, every flagged metric,
 * then each error (wrapped; the errors come before the metric list when room is short).
 */
export function scopeDetailLines(summary: ScopeSummary | undefined, width: number, rows: number, g: Glyphs = UNICODE): Segment[][] {
	if (rows <= 0) return [];
	if (summary === undefined) return [[{text: 'no scopes yet: listing accounts and metrics in each region', dim: true}]];
	const lines: Segment[][] = [];
	const head = `${accountText(summary)} ${g.sep} ${summary.region} ${g.sep} `;
	const state = sanitize(summary.statusText);
	lines.push([{text: head, bold: true}, {text: cut(state, Math.max(1, width - textWidth(head)), g), color: summary.worst ? severityColor(summary.worst) : summary.errors.length > 0 ? 'red' : undefined}]);
	const errors = summary.errors.flatMap(error => wrap(`${g.cross} ${sanitize(error)}`, width, rows, g).map(text => [{text, color: 'red'} as Segment]));
	const flagged = summary.flagged.length > 1 ? wrap(`flagged: ${summary.flagged.map(m => flaggedText(m, g)).join(', ')}`, width, rows, g).map(text => [{text} as Segment]) : [];
	const rest = [...errors, ...flagged];
	return [...lines, ...rest].slice(0, rows);
}

/**
 * The fleet's header line: what is watched, live or paused, and the worst states ("▼ 1 CRIT · ✗ 1
 * failing"), which always show; the app name and the account x region count go first when narrow.
 */
export function overviewHeaderSegments(fleet: FleetSnapshot, width: number, g: Glyphs = UNICODE): Segment[] {
	const accounts = new Set(fleet.scopes.map(view => view.summary.account)).size;
	const crit = fleet.scopes.filter(view => view.summary.status === 'CRIT').length;
	const warn = fleet.scopes.filter(view => view.summary.status === 'WARN').length;
	const failing = fleet.scopes.filter(view => view.summary.errors.length > 0).length;
	const judged: Segment[] = [];
	if (crit > 0) judged.push({text: `${g.down} ${crit} CRIT`, color: 'red', bold: true});
	if (warn > 0) judged.push({text: `${g.up} ${warn} WARN`, color: 'yellow', bold: true});
	if (failing > 0) judged.push({text: `${g.cross} ${failing} failing`, color: 'red'});
	if (judged.length === 0) judged.push(fleet.status === 'OK' ? {text: `${g.check} all normal`, color: 'green'} : {text: '? unknown', color: 'yellow'});
	const forms = [
		{name: 'iot-monitor fleet', what: `${fleet.scopes.length} scopes: ${accounts} accounts x ${fleet.regions.length} regions`},
		{name: 'fleet', what: `${fleet.scopes.length} scopes: ${accounts} accounts x ${fleet.regions.length} regions`},
		{name: 'fleet', what: `${fleet.scopes.length} scopes`},
	];
	let out: Segment[] = [];
	for (const form of forms) {
		out = [];
		if (fleet.demo) out.push({text: ' DEMO ', inverse: true, bold: true}, {text: ' '});
		out.push({text: form.name, bold: true}, {text: ` ${g.sep} ${form.what}`}, {text: ` ${g.sep} `, dim: true});
		out.push(fleet.paused ? {text: `${g.paused} PAUSED`, color: 'yellow', bold: true} : {text: `${g.live} live`, color: 'green'});
		for (const segment of judged) out.push({text: ` ${g.sep} `, dim: true}, segment);
		if (segmentsWidth(out) <= width) break;
	}
	return out;
}

/** The event list's title: whose events, how many. */
export function eventsTitleSegments(fleet: FleetSnapshot, scope: ScopeSummary | undefined, allScopes: boolean, shown: number, g: Glyphs = UNICODE): Segment[] {
	const whose = allScopes || scope === undefined ? 'all scopes' : `${accountText(scope)} ${scope.region}`;
	const source = fleet.eventSource.kind === 'log-group' ? `organization trail ${sanitize(fleet.eventSource.group)}` : 'LookupEvents';
	// What the list covers comes before the source's name, which gives way first on a narrow screen.
	const {since, unread} = fleet.eventsCoverage;
	return [
		{text: `EVENTS ${g.sep} ${whose}`, bold: true},
		{text: ` ${g.sep} ${shown} events since ${formatClockShort(since)}`, dim: true},
		...(unread ? [{text: ` (${unreadText(unread, g)})`, ...(unread.reason === 'reading' ? {dim: true} : {color: 'yellow' as const})}] : []),
		{text: ` ${g.sep} ${source}`, dim: true},
	];
}

/** The events of the list: all scopes', or the selected scope's, newest first. */
export function overviewEvents(fleet: FleetSnapshot, scope: ScopeSummary | undefined, allScopes: boolean): readonly ScopedEvent[] {
	if (allScopes || scope === undefined) return fleet.events;
	return fleet.events.filter(event => event.account === scope.account && event.region === scope.region);
}

/** Widths of the account and region columns of the all-scopes event list: the longest watched, within bounds. */
export type ScopeColumns = {readonly account: number; readonly region: number};

export function scopeColumns(scopes: readonly ScopeSummary[], names: ReadonlyMap<string, string>): ScopeColumns {
	const accounts = scopes.map(scope => textWidth(sanitize(names.get(scope.account) ?? scope.account)));
	const regions = scopes.map(scope => scope.region.length);
	return {account: Math.min(16, Math.max(7, ...accounts)), region: Math.min(14, Math.max(6, ...regions))};
}

/** Columns for the event names of these rows: the longest, at most 28. */
export function eventNameColumns(events: readonly ScopedEvent[]): number {
	return Math.min(28, Math.max(8, ...events.map(event => textWidth(sanitize(event.eventName)))));
}

/** One event row: time, account and region (all scopes), event name, caller, error. */
export function overviewEventSegments(
	event: ScopedEvent,
	names: ReadonlyMap<string, string>,
	scope: ScopeColumns | null,
	width: number,
	g: Glyphs = UNICODE,
	nameMax = 28,
): Segment[] {
	const out: Segment[] = [{text: `${formatClock(event.eventTime)} `, dim: true}];
	if (scope !== null) {
		const account = event.account === null ? '?' : (names.get(event.account) ?? event.account);
		out.push({text: `${padCell(sanitize(account), scope.account, 'left', g)} ${padCell(sanitize(event.region ?? '?'), scope.region, 'left', g)} `});
	}
	const used = out.reduce((n, s) => n + textWidth(s.text), 0);
	// Up to `nameMax` columns for the name (the longest listed; most IoT operations fit in 28, the longest
	// is 37) while the caller keeps ~20.
	const nameWidth = Math.min(nameMax, Math.max(8, width - used - 20));
	out.push({text: padCell(sanitize(event.eventName), nameWidth, 'left', g), bold: event.errorCode === null});
	// The error before the caller: the caller's name is what gets cut on a narrow line.
	if (event.errorCode) out.push({text: ` ${g.cross} ${cut(sanitize(event.errorCode), 24, g)}`, color: 'red'});
	if (event.late) out.push({text: ` ${g.late}`, dim: true});
	out.push({text: ` ${sanitize(identityLabel(event))}`});
	return out;
}

/** The line above a scope opened from the overview: which scope, its place among them, the way back. */
export function scopeBarSegments(summary: ScopeSummary | undefined, index: number, count: number, key: string, g: Glyphs = UNICODE): Segment[] {
	const where = summary ? `${accountText(summary)} ${g.sep} ${summary.region}` : sanitize(key);
	return [
		{text: `fleet ${g.sep} `, dim: true},
		{text: where, bold: true},
		{text: ` ${g.sep} scope ${index >= 0 ? index + 1 : '?'} of ${count} ${g.sep} Esc overview ${g.sep} [ ] scopes`, dim: true},
	];
}
