import {textWidth} from '../../text/width.js';
import {truncateStart} from '../../text/wrap.js';
import {formatCount} from '../format.js';
import type {Segment} from '../segments.js';
import type {StatusMessage} from '../state/ui-reducer.js';
import {Line} from './line.js';

export type FilterInputProps = {
	/** The text typed so far (already cleaned of controls). */
	readonly draft: string;
	/** Events matching the draft, and in all. */
	readonly shown: number;
	readonly total: number;
	readonly width: number;
};

/** The filter line that replaces the footer while `/` is open; the end of long text stays visible. */
export function filterInputSegments({draft, shown, total, width}: FilterInputProps): Segment[] {
	const prompt: Segment = {text: ' / ', bold: true, color: 'cyan'};
	const hint: Segment = {text: `  ${formatCount(shown)} of ${formatCount(total)} · ⏎ apply · Esc cancel`, dim: true};
	const room = Math.max(1, width - textWidth(prompt.text) - textWidth(hint.text) - 1);
	return [prompt, {text: truncateStart(draft, room)}, {text: ' ', inverse: true}, hint];
}

export function FilterInput(props: FilterInputProps) {
	return <Line segments={filterInputSegments(props)} width={props.width} />;
}

/** A transient message (export done or failed) in place of the footer; a path keeps its end visible. */
export function statusSegments(status: StatusMessage, width: number): Segment[] {
	const glyph = status.tone === 'ok' ? '✓' : '✗';
	const color = status.tone === 'ok' ? 'green' : 'red';
	const head = ` ${glyph} ${status.text}`;
	const tail = status.path === undefined ? '' : ` ${status.path}${status.suffix ?? ''}`;
	if (textWidth(head + tail) <= width || tail === '') return [{text: head + tail, color}];
	const room = width - textWidth(head) - 1 - textWidth(status.suffix ?? '');
	const path = room >= 12 ? truncateStart(status.path ?? '', room) : '';
	return [{text: `${head} ${path}${status.suffix ?? ''}`, color}];
}

export function StatusLine({status, width}: {readonly status: StatusMessage; readonly width: number}) {
	return <Line segments={statusSegments(status, width)} width={width} />;
}
