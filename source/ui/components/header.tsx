import {sanitize} from '../../text/sanitize.js';
import type {Snapshot, SourceHealth} from '../../types.js';
import {formatAge, formatClock, MISSING} from '../format.js';
import {fitSegments, segmentsWidth, type Segment} from '../segments.js';
import {truncate} from '../../text/width.js';
import {Line} from './line.js';

/** How much each data source says, from most (2) to least (0). */
type Detail = 0 | 1 | 2;

/** Columns an error message keeps at least before the header gives up detail elsewhere. */
const MIN_ERROR_WIDTH = 16;

function sourceSegments(
	label: string,
	health: SourceHealth,
	now: number,
	detail: Detail,
	utc: boolean,
	errorWidth: number,
): Segment[] {
	const out: Segment[] = [{text: ' · ', dim: true}, {text: `${label} `}];
	const last = health.lastSuccess;
	if (last === null) out.push({text: MISSING, dim: true});
	else if (detail === 2) out.push({text: `${formatClock(last)}${utc ? ' UTC' : ''} (${formatAge(last, now)})`});
	else out.push({text: detail === 1 ? formatAge(last, now) : formatAge(last, now).replace(' ago', '')});
	if (health.throttled) out.push({text: ' ⚠ throttled', color: 'yellow'});
	if (health.error !== null) {
		out.push({text: ` ✗ ${truncate(sanitize(health.error), errorWidth)}`, color: 'red'});
	}
	return out;
}

/**
 * The header line: app name, region and profile (or a DEMO badge), live/paused, and when each source
 * last refreshed with its error or throttle mark. Picks the most detailed form that fits `width`.
 */
export function headerSegments(snapshot: Snapshot, now: number, width: number): Segment[] {
	const where = sanitize(snapshot.region) + (snapshot.profile ? ` · ${sanitize(snapshot.profile)}` : '');
	const left = (detail: Detail): Segment[] => [
		// At the least detail the app name goes first: region and source health matter more at 3 a.m.
		detail > 0 ? {text: ' iot-monitor ', bold: true} : {text: ' '},
		...(snapshot.demo ? [{text: ' DEMO ', inverse: true, bold: true, color: 'yellow' as const}, {text: ' '}] : []),
		{text: where},
		{text: '  '},
		snapshot.paused ? {text: '‖ paused', color: 'yellow', bold: true} : {text: '● live', color: 'green'},
	];
	const {metrics, trail} = snapshot.health;
	const errors = (metrics.error === null ? 0 : 1) + (trail.error === null ? 0 : 1);
	const build = (detail: Detail, errorWidth: number): Segment[] => [
		...left(detail),
		...sourceSegments('metrics', metrics, now, detail, true, errorWidth),
		...sourceSegments('trail', trail, now, detail, false, errorWidth),
	];
	// Most detail that still leaves each error message MIN_ERROR_WIDTH; messages take what is left.
	for (const detail of [2, 1, 0] as const) {
		const bare = segmentsWidth(build(detail, 0));
		const spare = errors === 0 ? 0 : Math.floor((width - bare) / errors);
		if (bare <= width && (errors === 0 || spare >= MIN_ERROR_WIDTH)) return build(detail, spare);
	}
	return fitSegments(build(0, MIN_ERROR_WIDTH), width);
}

export type HeaderProps = {readonly snapshot: Snapshot; readonly now: number; readonly width: number};

/** The one-line status header. */
export function Header({snapshot, now, width}: HeaderProps) {
	return <Line segments={headerSegments(snapshot, now, width)} width={width} />;
}
