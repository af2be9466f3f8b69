import {useDisplay} from '../shared/display-context.js';
import {cut} from '../../render/glyphs.js';
import type {Segment} from '../../render/segments.js';
import {Pager} from '../shared/pager.js';

export type EventDetailProps = {
	/** Summary lines (detailSummary), already sanitized. */
	readonly summary: readonly Segment[][];
	/** Record lines, sanitized and wrapped to the width (wrapRecordLines). */
	readonly record: readonly string[];
	/** First visible line (clamped here too). */
	readonly scroll: number;
	readonly width: number;
	/** Rows including the title line. */
	readonly height: number;
};

/** Lines in the scrollable part of the detail view. */
export const detailLineCount = (summary: readonly unknown[], record: readonly unknown[]): number => summary.length + record.length;

/** The detail view of one event, virtualised: renders `height` lines whatever the record holds. */
export function EventDetail({summary, record, scroll, width, height}: EventDetailProps) {
	const {glyphs: g} = useDisplay();
	const lineAt = (index: number): Segment[] =>
		summary[index] ?? [{text: ' ' + cut(record[index - summary.length] ?? '', width - 1, g)}];
	return (
		<Pager
			title={[{text: ' DETAIL', bold: true}]}
			trailer={` ${g.sep} Esc back`}
			total={detailLineCount(summary, record)}
			lineAt={lineAt}
			scroll={scroll}
			width={width}
			height={height}
		/>
	);
}
