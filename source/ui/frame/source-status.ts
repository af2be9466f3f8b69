/**
 * Pure: how the two data sources are doing, for the status line and the top of the `?` help. Per source
 * (metrics = CloudWatch, trail = CloudTrail): the last successful refresh and its age, API calls and
 * throttles in the last minute, unreadable parts of answers skipped since start (when there are any), and
 * for CloudWatch what GetMetricData costs a day at this pace. Data
 * older than two refresh intervals is stale: a glyph, yellow and the word. An error shows its one line
 * and how old the data on screen is.
 *
 * Where it goes (app.tsx, layout.ts): at 80x24 every row is taken by the header, the nine metrics, the
 * error line, eight events and the footer, so the line gets a row of its own only from 25 rows on (once
 * the event log keeps its eight rows). Below that it takes the footer's row while the `?` help is open:
 * the help lists every key itself. The header keeps the ages, the stale mark, throttling and errors at
 * every size, so nothing urgent waits for the extra row.
 */
import {sanitize} from '../../text/sanitize.js';
import {textWidth} from '../../text/width.js';
import type {MetricSeries, Snapshot, SourceHealth} from '../../types.js';
import {alarmErrorNote} from '../alarms/alarm-lines.js';
import {formatAge, formatClock, formatCount} from '../../render/format.js';
import {cut, UNICODE, type Glyphs} from '../../render/glyphs.js';
import {fitSegments, segmentsWidth, type Segment} from '../../render/segments.js';

/**
 * GetMetricData list price in USD per 1,000 metrics requested (us-east-1). Source:
 * ../shared/reference/aws-facts.md, "GetMetricData: $0.01 per 1,000 metrics requested", from the
 * CloudWatch pricing page; GetMetricData has no free tier. Other regions cost the same or a little more.
 */
export const GET_METRIC_DATA_USD_PER_1000 = 0.01;

const DAY_MS = 86_400_000;

/** Data older than this many refresh intervals is stale. */
export const STALE_INTERVALS = 2;

/**
 * Metrics one refresh requests: one GetMetricData query per dimension set (Protocol, RuleName...) of
 * every series; a series CloudWatch has never seen (0 sets) is not queried.
 */
export function metricsPerRefresh(metrics: readonly MetricSeries[]): number {
	return metrics.reduce((sum, metric) => sum + Math.max(0, metric.dimensionSets), 0);
}

/** USD a day at one refresh every `intervalMs`; null when the interval is unknown. */
export function costPerDay(metricsRequested: number, intervalMs: number): number | null {
	if (!Number.isFinite(intervalMs) || intervalMs <= 0) return null;
	return (metricsRequested * (DAY_MS / intervalMs) * GET_METRIC_DATA_USD_PER_1000) / 1000;
}

/** "$0.58", "$12.3", "$140", "<$0.01", "$0"; the set's missing glyph when unknown. */
export function formatUsd(usd: number | null, g: Glyphs = UNICODE): string {
	if (usd === null || !Number.isFinite(usd) || usd < 0) return g.missing;
	if (usd === 0) return '$0';
	if (usd < 0.005) return '<$0.01';
	if (usd < 10) return `$${usd.toFixed(2)}`;
	if (usd < 100) return `$${usd.toFixed(1)}`;
	return `$${formatCount(Math.round(usd), g)}`;
}

/** "≈ $0.58/day" for the snapshot's metrics at the metrics source's interval. */
export function costText(snapshot: Snapshot, g: Glyphs = UNICODE): string {
	const usd = costPerDay(metricsPerRefresh(snapshot.metrics), snapshot.health.metrics.intervalMs);
	return `${g.approx} ${formatUsd(usd, g)}/day`;
}

/** Whether the source's data is older than STALE_INTERVALS refresh intervals (never: not stale, just missing). */
export function isStale(health: SourceHealth, now: number): boolean {
	return health.lastSuccess !== null && health.intervalMs > 0 && now - health.lastSuccess > STALE_INTERVALS * health.intervalMs;
}

/** How much one source's part says. */
type Form = {
	readonly clock: boolean;
	readonly calls: boolean;
	/** Throttle counts always, or only when there were some. */
	readonly throttles: 'always' | 'nonzero';
	readonly cost: boolean;
};

// From the most to the least detailed; the first that fits wins. What goes first: clock times (the
// age says it), then throttle counts of zero, then calls, then the cost. Ages, stale marks, errors and
// non-zero throttles stay to the end.
const FORMS: readonly Form[] = [
	{clock: true, calls: true, throttles: 'always', cost: true},
	{clock: false, calls: true, throttles: 'always', cost: true},
	{clock: false, calls: true, throttles: 'nonzero', cost: true},
	{clock: false, calls: false, throttles: 'nonzero', cost: true},
	{clock: false, calls: false, throttles: 'nonzero', cost: false},
];

/** Columns an error message keeps at least before the line gives up detail elsewhere. */
const MIN_ERROR_WIDTH = 16;

const plural = (count: number, one: string, g: Glyphs, many = `${one}s`): string => `${formatCount(count, g)} ${count === 1 ? one : many}`;

/**
 * One source: label, then its error or age (stale marked), calls, throttles and, for metrics, the cost.
 * `paused`: the data is old because the user paused polling, so it is not called stale.
 */
function sourceStatusSegments(
	label: string,
	health: SourceHealth,
	now: number,
	options: {readonly form: Form; readonly cost: string | null; readonly paused: boolean; readonly errorWidth: number},
	g: Glyphs = UNICODE,
): Segment[] {
	const {form, cost, paused, errorWidth} = options;
	const sep: Segment = {text: ` ${g.sep} `, dim: true};
	const last = health.lastSuccess;
	const age = last === null ? '' : formatAge(last, now);
	const when = last === null ? '' : form.clock ? `${formatClock(last)} UTC (${age})` : age;
	const out: Segment[] = [{text: label, bold: true}];
	if (health.error !== null) {
		out.push({text: ` ${g.cross} ${cut(sanitize(health.error), errorWidth, g)}`, color: 'red'});
		const old = `data ${age}`;
		if (last === null) out.push(sep, {text: 'no data yet', dim: true});
		else out.push(sep, isStale(health, now) && !paused ? {text: `${g.warn} ${old}`, color: 'yellow', bold: true} : {text: old});
	} else if (last === null) out.push({text: ` ${g.missing} waiting`, dim: true});
	else if (isStale(health, now) && !paused) out.push({text: ` ${g.warn} stale ${when}`, color: 'yellow', bold: true});
	else out.push({text: ` ${when}`});
	if (form.calls) out.push(sep, {text: `${plural(health.callsLastMinute, 'call', g)}/min`});
	const throttles = health.throttlesLastMinute;
	if (throttles > 0 || form.throttles === 'always') {
		out.push(sep, {text: `${plural(throttles, 'throttle', g)}/min`, ...(throttles > 0 ? {color: 'yellow' as const, bold: true} : {dim: true})});
	}
	// Parts of AWS answers that could not be read: the rest was used, but the user should know.
	const skipped = health.skipped ?? 0;
	if (skipped > 0) out.push(sep, {text: `${g.warn} ${formatCount(skipped, g)} malformed`, color: 'yellow'});
	if (cost !== null && form.cost) out.push(sep, {text: cost});
	return out;
}

/**
 * The status line at `width`: both sources, the most detail that still shows error messages whole;
 * failing that, the most detail that leaves each message MIN_ERROR_WIDTH of what is left; cut with an
 * ellipsis only when even the least detail is too wide. A failed DescribeAlarms is a quiet note in
 * the room left.
 */
export function statusLineSegments(snapshot: Snapshot, now: number, width: number, g: Glyphs = UNICODE): Segment[] {
	const line = sourcesLine(snapshot, now, width, g);
	const note = alarmErrorNote(snapshot.alarmsError, width - segmentsWidth(line), g);
	return note === null ? line : [...line, note];
}

function sourcesLine(snapshot: Snapshot, now: number, width: number, g: Glyphs): Segment[] {
	const {metrics, trail} = snapshot.health;
	const cost = costText(snapshot, g);
	const full = (health: SourceHealth): number => (health.error === null ? 0 : textWidth(sanitize(health.error)));
	const errors = (metrics.error === null ? 0 : 1) + (trail.error === null ? 0 : 1);
	const build = (form: Form, metricsError: number, trailError: number): Segment[] => [
		{text: ' '},
		...sourceStatusSegments('metrics', metrics, now, {form, cost, paused: snapshot.paused, errorWidth: metricsError}, g),
		{text: '   '},
		...sourceStatusSegments('trail', trail, now, {form, cost: null, paused: snapshot.paused, errorWidth: trailError}, g),
	];
	const bare = (form: Form): number => segmentsWidth(build(form, 0, 0));
	for (const form of FORMS) {
		if (bare(form) + full(metrics) + full(trail) <= width) return build(form, full(metrics), full(trail));
	}
	for (const form of FORMS) {
		const spare = errors === 0 ? 0 : Math.floor((width - bare(form)) / errors);
		if (bare(form) <= width && spare >= MIN_ERROR_WIDTH) return build(form, spare, spare);
	}
	// Even the least detail is too wide for such error messages: they share what is left.
	const least = FORMS.at(-1) ?? {clock: false, calls: false, throttles: 'nonzero', cost: false};
	const spare = Math.max(1, errors === 0 ? 0 : Math.floor((width - bare(least)) / errors));
	return fitSegments(build(least, spare, spare), width, g);
}
