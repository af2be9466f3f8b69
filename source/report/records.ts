/** The suspects' full CloudTrail records: inline (--full), in a file beside the hand-off (`s`), or left out with a note. */
import {safeJsonStringify} from '../text/json.js';
import {sanitizeMultiline} from '../text/sanitize.js';
import {recordText} from '../trail/packed-record.js';
import {recordOf} from '../trail/record.js';
import {cell, fence} from './md-text.js';
import {MAX_SUSPECTS, shownEvents, suspectLists} from './suspects-section.js';
import type {Snapshot, TrailEvent} from '../types.js';

function recordBlock(event: TrailEvent): string {
	const record = recordOf(event);
	if (record !== undefined) {
		try {
			return fence(safeJsonStringify(record, 2));
		} catch {
			// nested too deep to print: shown as received below
		}
	}
	const raw = recordText(event.raw);
	return raw === '' ? '_(LookupEvents returned no record)_' : fence(sanitizeMultiline(raw.slice(0, 64 * 1024)));
}

/** How the full CloudTrail records of the suspects are handed over. */
export type RecordsMode =
	/** In the hand-off itself (--full). */
	| {readonly kind: 'inline'}
	/** In a file written beside the hand-off (the UI's `s`), named here. */
	| {readonly kind: 'file'; readonly name: string}
	/** Left out with a note saying how to get them (--once without --full). */
	| {readonly kind: 'omitted'};

export function recordsSection(events: readonly TrailEvent[], mode: RecordsMode): string[] {
	if (events.length === 0) return [];
	const count = `${events.length} suspect event${events.length === 1 ? '' : 's'} above`;
	switch (mode.kind) {
		case 'inline':
			return ['## Records', '', ...events.flatMap(event => [`### ${cell(event.eventName)} ${cell(event.eventId)}`, '', recordBlock(event), ''])];
		case 'file':
			return ['## Records', '', `The full CloudTrail records of the suspect events (up to ${MAX_SUSPECTS} per flagged metric) are in ${cell(mode.name)}, beside this file.`, ''];
		case 'omitted':
			return [
				'## Records',
				'',
				`The full CloudTrail records of the ${count} are left out to keep this hand-off ticket-sized: \`iot-monitor --once --format markdown --full\` includes them, and \`s\` in the UI writes them to a file beside the hand-off.`,
				'',
			];
	}
}

/** The full records of the suspects a default hand-off lists, as a Markdown file of its own (null when there are none). */
export function incidentRecords(snapshot: Snapshot, handoffName: string): string | null {
	const flagged = snapshot.metrics.filter(series => series.judgement === 'judged' && series.deviation && series.deviation.severity !== 'ok');
	const events = shownEvents(suspectLists(flagged, snapshot.events), MAX_SUSPECTS);
	if (events.length === 0) return null;
	return [
		`# CloudTrail records for ${cell(handoffName)}`,
		'',
		`The full records of the ${events.length} suspect event${events.length === 1 ? '' : 's'} (up to ${MAX_SUSPECTS} per flagged metric, most suspicious first), as LookupEvents returned them.`,
		'',
		...events.flatMap(event => [`## ${cell(event.eventName)} ${cell(event.eventId)}`, '', recordBlock(event), '']),
	].join('\n');
}
