/**
 * Pure presentation of CloudWatch alarms on AWS/IoT metrics, in three places, for what an on-call
 * engineer needs at each size:
 *
 * - ALM, beside each metric's own FLAG: the worst state of the metric alarms that watch it, so "our
 *   baseline says CRIT" and "your own alarm says ALARM" read side by side (◆ ALM / ◇ ins / ok).
 * - The alarm line(s) under the header, only while some IoT alarm is in ALARM: at 80x24 one line (how
 *   many, the newest one's name and how long ago it fired, its reason when one alarm fires), which
 *   costs the event log one of its eight rows, because a paging alarm matters more than the eighth
 *   event. Taller terminals give one line per alarm (name, since, reason), up to four.
 * - The `a` view: every IoT alarm, ALARM first (newest first), each with its kind, since when, what it
 *   watches (metrics, or a composite's child alarms) and the reason in full. The header counts alarms
 *   in ALARM beside the flags, so the count shows at every size, and a failed DescribeAlarms is a quiet
 *   note (header, status line, `a` view), never an error in the way.
 *
 * Alarm names, reasons, descriptions, metric and child names come from CloudWatch: untrusted text, each
 * passes through sanitize() before it is drawn.
 */
import {ALARM_STATE_RANK} from '../../iot/alarm-states.js';
import {sanitize} from '../../text/sanitize.js';
import {textWidth} from '../../text/width.js';
import type {Alarm, AlarmState} from '../../types.js';
import {formatAge, formatClock} from '../../render/format.js';
import {cut, UNICODE, wrap, type Glyphs} from '../../render/glyphs.js';
import {segmentsWidth, type Segment} from '../../render/segments.js';

/** Lines the alarm banner takes at most (the `a` view has the rest). */
export const MAX_ALARM_LINES = 4;

/** The ALM cell: ◆ ALM (red) in ALARM, ◇ ins (dim) with insufficient data, a dim ok, blank without an alarm. */
export function alarmCell(state: AlarmState | undefined, g: Glyphs = UNICODE): Segment {
	if (state === 'ALARM') return {text: `${g.alarm} ALM`, color: 'red', bold: true};
	if (state === 'INSUFFICIENT_DATA') return {text: `${g.alarmUnknown} ins`, dim: true};
	if (state === 'OK') return {text: 'ok', dim: true};
	return {text: ''};
}

/** The IoT alarms in ALARM, the one that fired last first (then by name). */
export function firingAlarms(alarms: readonly Alarm[]): Alarm[] {
	return alarms
		.filter(alarm => alarm.state === 'ALARM')
		.sort((a, b) => (b.since ?? -Infinity) - (a.since ?? -Infinity) || a.name.localeCompare(b.name));
}

/** How many banner lines the alarms want: one per alarm in ALARM, at most MAX_ALARM_LINES. */
export const alarmLinesWanted = (alarms: readonly Alarm[]): number =>
	Math.min(MAX_ALARM_LINES, alarms.filter(alarm => alarm.state === 'ALARM').length);

const ageOf = (since: number | null, now: number): string => (since === null ? 'since ?' : formatAge(since, now));

/** One line per alarm: "◆ ALARM name · since 11:51 (12m ago) · reason". */
function alarmLine(alarm: Alarm, now: number, g: Glyphs): Segment[] {
	const since = alarm.since === null ? 'since ?' : `since ${formatClock(alarm.since)} (${formatAge(alarm.since, now)})`;
	return [
		{text: ` ${g.alarm} ALARM `, color: 'red', bold: true},
		{text: sanitize(alarm.name), bold: true},
		{text: ` ${g.sep} ${since}`},
		...(alarm.reason === null ? [] : [{text: ` ${g.sep} ${sanitize(alarm.reason)}`, dim: true}]),
	];
}

/**
 * The alarm banner in at most `rows` lines of `width`: nothing while no alarm is in ALARM. One line
 * says how many, the newest one and its age (and its reason when it is the only one), then as many of
 * the others as fit; more lines give each alarm its own, the last saying how many more the `a` view has.
 */
export function alarmBannerLines(alarms: readonly Alarm[], now: number, width: number, rows: number, g: Glyphs = UNICODE): Segment[][] {
	const firing = firingAlarms(alarms);
	if (firing.length === 0 || rows <= 0) return [];
	if (firing.length === 1) return [alarmLine(firing[0]!, now, g)];
	if (rows === 1) {
		const [first, ...others] = firing;
		const line: Segment[] = [
			{text: ` ${g.alarm} ${firing.length} ALARM: `, color: 'red', bold: true},
			{text: sanitize(first!.name), bold: true},
			{text: ` ${ageOf(first!.since, now)}`},
		];
		// Names before the hint: the `a` view is in the footer and the help too.
		const more = (count: number): Segment[] => (count > 0 ? [{text: `, +${count} more`}] : []);
		let shown = 0;
		for (const alarm of others) {
			const next: Segment = {text: `, ${sanitize(alarm.name)} ${ageOf(alarm.since, now)}`};
			if (segmentsWidth([...line, next, ...more(others.length - shown - 1)]) > width) break;
			line.push(next);
			shown++;
		}
		line.push(...more(others.length - shown));
		const hint: Segment = {text: ` ${g.sep} a lists all`, dim: true};
		if (segmentsWidth([...line, hint]) <= width) line.push(hint);
		return [line];
	}
	if (firing.length <= rows) return firing.map(alarm => alarmLine(alarm, now, g));
	const more = firing.length - (rows - 1);
	return [
		...firing.slice(0, rows - 1).map(alarm => alarmLine(alarm, now, g)),
		[{text: ` ${g.alarm} +${more} more in ALARM`, color: 'red'}, {text: ` ${g.sep} a lists all`, dim: true}],
	];
}

const STATE_TEXT: Record<AlarmState, (g: Glyphs) => Segment> = {
	ALARM: g => ({text: `${g.alarm} ALARM`, color: 'red', bold: true}),
	INSUFFICIENT_DATA: g => ({text: `${g.alarmUnknown} INSUFFICIENT_DATA`, dim: true}),
	OK: () => ({text: '  OK', dim: true}),
};

/** Width of the labels under an alarm's name ("since", "watches", "reason"). */
const LABEL_WIDTH = 10;

/**
 * Every line of the `a` view at `width`: a note when DescribeAlarms failed (the list is then the last
 * one read), a count, then each alarm, ALARM first with the newest first, then insufficient data, then
 * OK: its state and name, its kind, since when, what it watches, its reason wrapped (and description).
 */
export function alarmListLines(alarms: readonly Alarm[], error: string | null, now: number, width: number, g: Glyphs = UNICODE, note?: string): Segment[][] {
	const lines: Segment[][] = [];
	// Which alarms can be here at all (fleet mode, a linked account): said before "none".
	if (note) for (const piece of wrap(`(${note})`, Math.max(8, width - 2), 3, g)) lines.push([{text: ` ${piece}`, dim: true}]);
	if (error !== null) {
		lines.push([{text: ` ${g.cross} alarms not refreshed: ${sanitize(error)}`, color: 'red', dim: true}]);
		if (alarms.length > 0) lines.push([{text: '   (the list below is the last one read)', dim: true}]);
	}
	const firing = firingAlarms(alarms);
	const rest = alarms
		.filter(alarm => alarm.state !== 'ALARM')
		.sort((a, b) => ALARM_STATE_RANK[a.state] - ALARM_STATE_RANK[b.state] || a.name.localeCompare(b.name));
	if (alarms.length === 0) {
		if (error === null) lines.push([{text: note ? ' No such alarm watches AWS/IoT metrics.' : ' No CloudWatch alarm watches AWS/IoT metrics in this region.', dim: true}]);
		return lines;
	}
	lines.push([{text: ` ${firing.length} of ${alarms.length} IoT alarm${alarms.length === 1 ? '' : 's'} in ALARM`, bold: firing.length > 0}]);
	const text = Math.max(8, width - LABEL_WIDTH - 2);
	const row = (label: string, body: string, max: number, style: Omit<Segment, 'text'> = {}): Segment[][] =>
		wrap(body, text, max, g).map((piece, index) => [
			{text: ` ${(index === 0 ? label : '').padEnd(LABEL_WIDTH)} `, dim: true},
			{...style, text: piece},
		]);
	for (const alarm of [...firing, ...rest]) {
		lines.push([{text: ' '}]);
		lines.push([
			{text: ' '},
			STATE_TEXT[alarm.state](g),
			{text: '  '},
			{text: sanitize(alarm.name), bold: true},
			{text: `  ${alarm.kind === 'composite' ? 'composite alarm' : 'metric alarm'}`, dim: true},
		]);
		const since = alarm.since === null ? 'unknown' : `${new Date(alarm.since).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} (${formatAge(alarm.since, now)})`;
		lines.push(...row('since', since, 1));
		if (alarm.kind === 'composite') lines.push(...row('of', alarm.children.map(sanitize).join(', ') || 'no alarm named', 2));
		else lines.push(...row('watches', alarm.metrics.map(sanitize).join(', ') || 'no AWS/IoT metric named', 2));
		if (alarm.reason !== null) lines.push(...row('reason', sanitize(alarm.reason), 4, alarm.state === 'ALARM' ? {color: 'red'} : {}));
		if (alarm.description !== null) lines.push(...row('about', sanitize(alarm.description), 2, {dim: true}));
	}
	return lines;
}

/**
 * A failed DescribeAlarms as a quiet (dim) note for the end of a line, in `room` columns: with the
 * message when there is room for a useful part of it, else just "· alarms ✗", else nothing. The alarm
 * list keeps its last contents meanwhile, so this is worth a glance, not a red error.
 */
export function alarmErrorNote(error: string | null, room: number, g: Glyphs = UNICODE): Segment | null {
	if (error === null) return null;
	const short = ` ${g.sep} alarms ${g.cross}`;
	if (room < textWidth(short)) return null;
	const text = room >= textWidth(short) + 9 ? cut(`${short} ${sanitize(error)}`, room, g) : short;
	return {text, dim: true};
}
