import {sanitize} from '../../text/sanitize.js';
import type {Snapshot, SourceHealth} from '../../types.js';
import {alarmErrorNote} from '../alarms/alarm-lines.js';
import {useDisplay} from '../shared/display-context.js';
import {formatAge, formatClock, formatCount} from '../../render/format.js';
import {cut, UNICODE, type Glyphs} from '../../render/glyphs.js';
import {fitSegments, segmentsWidth, type Segment} from '../../render/segments.js';
import {flagCounts} from '../../render/judgement.js';
import {isStale} from './source-status.js';
import {Line} from '../shared/line.js';

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
	paused: boolean,
	g: Glyphs,
): Segment[] {
	const out: Segment[] = [{text: ` ${g.sep} `, dim: true}, {text: `${label} `}];
	const last = health.lastSuccess;
	let age: string;
	if (last === null) age = g.missing;
	else if (detail === 2) age = `${formatClock(last)}${utc ? ' UTC' : ''} (${formatAge(last, now)})`;
	else age = detail === 1 ? formatAge(last, now) : formatAge(last, now).replace(' ago', '');
	// Old data is stale unless the user paused polling (source-status.ts): glyph, colour and the word.
	if (last !== null && !paused && isStale(health, now)) out.push({text: `${g.warn} stale ${age}`, color: 'yellow', bold: true});
	else out.push(last === null ? {text: age, dim: true} : {text: age});
	if (health.throttled) out.push({text: ` ${g.warn} throttled`, color: 'yellow'});
	if (health.error !== null) {
		out.push({text: ` ${g.cross} ${cut(sanitize(health.error), errorWidth, g)}`, color: 'red'});
	}
	return out;
}

/** How much the judgement says besides flag counts, which always show in full. */
type StatusForm = 'long' | 'short' | 'tiny';

/**
 * The overall judgement: flag counts and IoT alarms in ALARM ("▼▲ 2 CRIT · 1 WARN · ◆ 1 ALARM"),
 * baseline learning progress, or else "✓ all normal" / "? unknown". Shorter forms drop the learning
 * progress beside flags, then the words.
 */
export function statusSegments(snapshot: Snapshot, form: StatusForm, g: Glyphs = UNICODE): Segment[] {
	const {crit, warn, up, down} = flagCounts(snapshot.metrics);
	const alarms = snapshot.alarms.filter(alarm => alarm.state === 'ALARM').length;
	const out: Segment[] = [];
	if (crit + warn > 0) {
		const arrows = (down ? g.down : '') + (up ? g.up : '');
		if (crit > 0) out.push({text: `${arrows} ${crit} CRIT`, color: 'red', bold: true});
		if (warn > 0) out.push({text: `${crit > 0 ? ` ${g.sep} ` : `${arrows} `}${warn} WARN`, color: 'yellow', bold: true});
	}
	if (alarms > 0) out.push({text: `${out.length > 0 ? ` ${g.sep} ` : ''}${g.alarm} ${alarms} ALARM`, color: 'red', bold: true});
	if (out.length === 0 && (snapshot.status === 'CRIT' || snapshot.status === 'WARN')) {
		out.push({text: `${g.warn} ${snapshot.status}`, color: snapshot.status === 'CRIT' ? 'red' : 'yellow', bold: true});
	}
	const learning = snapshot.learning;
	if (learning !== null && (out.length === 0 || form === 'long')) {
		if (out.length > 0) out.push({text: ` ${g.sep} `, dim: true});
		out.push({text: `learning ${learning.done}/${learning.total}`, color: 'cyan'});
	}
	if (out.length > 0) return out;
	if (snapshot.status === 'OK') return [{text: {long: `${g.check} all normal`, short: `${g.check} OK`, tiny: g.check}[form], color: 'green'}];
	return [{text: form === 'tiny' ? '?' : '? unknown', color: 'yellow'}];
}

/** One way to draw the header, from the most detailed to the most compact. */
type Form = {readonly appName: boolean; readonly status: StatusForm; readonly detail: Detail; readonly liveWord: boolean};

const FORMS: readonly Form[] = [
	{appName: true, status: 'long', detail: 2, liveWord: true},
	{appName: true, status: 'long', detail: 1, liveWord: true},
	{appName: true, status: 'short', detail: 1, liveWord: true},
	// Then the app name goes: region, status and source health matter more at 3 a.m.
	{appName: false, status: 'short', detail: 1, liveWord: true},
	{appName: false, status: 'short', detail: 0, liveWord: true},
	// Last resort, so that a source's error message keeps MIN_ERROR_WIDTH: glyphs only.
	{appName: false, status: 'tiny', detail: 0, liveWord: false},
];

/** The active event filter for the header: its words and how many events pass. */
export type HeaderFilter = {readonly words: string; readonly shown: number; readonly total: number};

/** Columns the filter words may take in the header; the event-log title shows them in full. */
const FILTER_WORDS_WIDTH = 24;

function filterSegments(filter: HeaderFilter | null, long: boolean, g: Glyphs): Segment[] {
	if (filter === null) return [];
	const counts = `${formatCount(filter.shown, g)}/${formatCount(filter.total, g)}`;
	const text = long ? `${g.filter} ${cut(filter.words, FILTER_WORDS_WIDTH, g)} ${counts}` : `${g.filter} ${counts}`;
	return [{text: '  '}, {text, color: 'cyan'}];
}

/**
 * The header line: app name, region and profile (or a DEMO badge), live/paused, the overall judgement,
 * the active event filter, and when each source last refreshed with its error or throttle mark. Picks
 * the most detailed form that fits `width`; the judgement comes before the sources so that a cut line
 * still shows it.
 */
export function headerSegments(
	snapshot: Snapshot,
	now: number,
	width: number,
	filter: HeaderFilter | null = null,
	g: Glyphs = UNICODE,
): Segment[] {
	const where = sanitize(snapshot.region) + (snapshot.profile ? ` ${g.sep} ${sanitize(snapshot.profile)}` : '');
	const left = (form: Form): Segment[] => [
		form.appName ? {text: ' iot-monitor ', bold: true} : {text: ' '},
		// Inverse of the user's own colours: a coloured badge background is unreadable on some themes.
		...(snapshot.demo ? [{text: ' DEMO ', inverse: true, bold: true}, {text: ' '}] : []),
		{text: where},
		{text: '  '},
		snapshot.paused
			? {text: `${g.paused} paused`, color: 'yellow', bold: true}
			: {text: form.liveWord ? `${g.live} live` : g.live, color: 'green'},
		{text: '  '},
		...statusSegments(snapshot, form.status, g),
	];
	const {metrics, trail} = snapshot.health;
	const errors = (metrics.error === null ? 0 : 1) + (trail.error === null ? 0 : 1);
	const build = (form: Form, errorWidth: number, longFilter = false): Segment[] => [
		...left(form),
		...filterSegments(filter, longFilter, g),
		...sourceSegments('metrics', metrics, now, form.detail, true, errorWidth, snapshot.paused, g),
		...sourceSegments('trail', trail, now, form.detail, false, errorWidth, snapshot.paused, g),
	];
	// Most detail that still leaves each error message MIN_ERROR_WIDTH; messages take what is left.
	for (const form of FORMS) {
		for (const longFilter of filter === null ? [false] : [true, false]) {
			const bare = segmentsWidth(build(form, 0, longFilter));
			const spare = errors === 0 ? 0 : Math.floor((width - bare) / errors);
			if (bare <= width && (errors === 0 || spare >= MIN_ERROR_WIDTH)) return withAlarmNote(build(form, spare, longFilter), snapshot.alarmsError, width, g);
		}
	}
	const last = FORMS.at(-1) ?? {appName: false, status: 'tiny', detail: 0, liveWord: false};
	return fitSegments(build(last, MIN_ERROR_WIDTH), width, g);
}

/** The header with the quiet note of a failed DescribeAlarms (alarm-view.ts) in the room left. */
function withAlarmNote(segments: Segment[], error: string | null, width: number, g: Glyphs): Segment[] {
	const note = alarmErrorNote(error, width - segmentsWidth(segments), g);
	return note === null ? segments : [...segments, note];
}

export type HeaderProps = {
	readonly snapshot: Snapshot;
	readonly now: number;
	readonly width: number;
	readonly filter?: HeaderFilter | null;
};

/** The one-line status header. */
export function Header({snapshot, now, width, filter = null}: HeaderProps) {
	const {glyphs} = useDisplay();
	return <Line segments={headerSegments(snapshot, now, width, filter, glyphs)} width={width} />;
}
