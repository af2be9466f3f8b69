/**
 * Pure presentation of the baseline judgement: the FLAG text, the Δ percent, the BASELINE cell and the
 * flag counts the header shows. Every state has a glyph or a word as well as a colour.
 */
import {textWidth} from '../text/width.js';
import type {Baseline, MetricSeries, Severity} from '../types.js';
import {formatCompact, formatCount} from './format.js';
import {UNICODE, type Glyphs} from './glyphs.js';
import type {Segment} from './segments.js';

/** The colour of a severity; ok has none. */
export function severityColor(severity: Severity): Segment['color'] {
	return severity === 'crit' ? 'red' : severity === 'warn' ? 'yellow' : undefined;
}

/** 'up' -> ▲, 'down' -> ▼ (ASCII: ^ and v). */
export const arrow = (direction: 'up' | 'down', g: Glyphs = UNICODE): string => (direction === 'up' ? g.up : g.down);

/** The severity of a flagged (warn/crit) judged metric, else null. */
export function flaggedSeverity(metric: MetricSeries): Exclude<Severity, 'ok'> | null {
	if (metric.state !== 'ok' || metric.judgement !== 'judged') return null;
	const severity = metric.deviation?.severity;
	return severity === 'warn' || severity === 'crit' ? severity : null;
}

/** The FLAG cell: "▼ CRIT", "▲ WARN", a dim "·" when normal, "learning", "no data", "✗ error". */
export function flagSegment(metric: MetricSeries, g: Glyphs = UNICODE): Segment {
	if (metric.state === 'error' || metric.judgement === 'error') return {text: `${g.cross} error`, color: 'red'};
	if (metric.state === 'no-data' || metric.latest === null || metric.judgement === 'no-data') {
		return {text: 'no data', dim: true};
	}
	if (metric.judgement === 'learning') return {text: 'learning', dim: true};
	const deviation = metric.deviation;
	const severity = flaggedSeverity(metric);
	// A shift the baseline accepted (see the README on flags): the row says so for a few hours.
	if (deviation?.phase === 'new-normal') return {text: 'new norm', dim: true};
	if (deviation === null || severity === null) return {text: g.normal, dim: true};
	// Recovering k/N calm minutes: the count replaces the word, in the flag's colour, not bold.
	if (deviation.phase === 'recovering') return {text: `${arrow(deviation.direction, g)} ${deviation.calm}/${deviation.calmNeeded}`, color: severityColor(severity)};
	return {text: `${arrow(deviation.direction, g)} ${severity.toUpperCase()}`, color: severityColor(severity), bold: true};
}

/** The flag as plain words for text read outside the screen (--once text, the Markdown hand-off): "▼ CRIT", "▼ CRIT recovering 2/3", "new normal", "ok". */
export function flagText(metric: MetricSeries, g: Glyphs = UNICODE): string {
	const deviation = metric.deviation;
	const severity = flaggedSeverity(metric);
	if (deviation?.phase === 'new-normal' && metric.judgement === 'judged') return 'new normal';
	if (deviation !== null && severity !== null && deviation.phase === 'recovering') {
		return `${arrow(deviation.direction, g)} ${severity.toUpperCase()} recovering ${deviation.calm}/${deviation.calmNeeded}`;
	}
	const {text} = flagSegment(metric, g);
	return text === g.normal ? 'ok' : text;
}

/** The flag's reason in words (deviation.reason), or null when there is none to tell. */
export function flagReason(metric: MetricSeries): string | null {
	return metric.state === 'ok' && metric.judgement === 'judged' ? (metric.deviation?.reason ?? null) : null;
}

/** A signed percent: "-84%", "+327%", "0%", "+16k%"; "—" when unknown. At most 6 columns. */
export function formatDelta(percent: number | null, g: Glyphs = UNICODE): string {
	if (percent === null || !Number.isFinite(percent)) return g.missing;
	const rounded = Math.round(percent);
	if (rounded === 0) return '0%';
	const sign = rounded > 0 ? '+' : '-';
	const abs = Math.abs(rounded);
	// Whole thousands from 10 000 % on: a tenth of a k is noise at that size, and it keeps 6 columns.
	const text = abs < 10_000 ? String(abs) : abs < 999_500 ? `${Math.round(abs / 1000)}k` : `${Math.round(abs / 1e6)}M`;
	return `${sign}${text}%`;
}

/**
 * The Δ of a metric when judged, "—" otherwise (learning, no data, error): its percent, or the absolute
 * change ("+3", "-0.2") when the expected value is too small to divide by (a count's percent is null then).
 */
export function metricDelta(metric: MetricSeries, g: Glyphs = UNICODE): string {
	if (metric.state !== 'ok' || metric.judgement !== 'judged' || !metric.deviation) return g.missing;
	const {percent, change} = metric.deviation;
	if (percent === null && typeof change === 'number' && Number.isFinite(change)) {
		const rounded = Math.abs(change) >= 10 ? Math.round(change) : Math.round(change * 10) / 10;
		if (rounded !== 0) return `${rounded > 0 ? '+' : '-'}${formatCompact(Math.abs(rounded), g)}`;
	}
	return formatDelta(percent, g);
}

/** Counts keep one decimal below 100 (formatCount); a baseline is an estimate, so whole numbers from 10. */
const estimate = (value: number, compact: boolean, g: Glyphs): string => {
	const rounded = Math.abs(value) >= 10 ? Math.round(value) : value;
	return compact ? formatCompact(rounded, g) : formatCount(rounded, g);
};

/**
 * "96 (80–115)"; from 1000 on always compact, "18.2k (14.6k–21.8k)", so every row of the column follows
 * one precision rule whatever its width (and narrower ones go compact too). At most 19 columns.
 */
export function formatBaseline(baseline: Baseline, width: number, g: Glyphs = UNICODE): string {
	const text = (compact: boolean): string =>
		`${estimate(baseline.expected, compact, g)} (${estimate(baseline.low, compact, g)}${g.range}${estimate(baseline.high, compact, g)})`;
	const large = Math.max(Math.abs(baseline.expected), Math.abs(baseline.low), Math.abs(baseline.high)) >= 1000;
	const full = text(false);
	return !large && textWidth(full) <= width ? full : text(true);
}

/** How many judged metrics are flagged, and in which directions. */
export type FlagCounts = {readonly crit: number; readonly warn: number; readonly up: boolean; readonly down: boolean};

export function flagCounts(metrics: readonly MetricSeries[]): FlagCounts {
	let crit = 0;
	let warn = 0;
	let up = false;
	let down = false;
	for (const metric of metrics) {
		const severity = flaggedSeverity(metric);
		if (severity === null) continue;
		if (severity === 'crit') crit++;
		else warn++;
		if (metric.deviation?.direction === 'up') up = true;
		else down = true;
	}
	return {crit, warn, up, down};
}
