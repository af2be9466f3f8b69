import {textWidth} from '../../text/width.js';
import {useDisplay} from '../shared/display-context.js';
import {formatCount} from '../../render/format.js';
import {cutStart, UNICODE, type Glyphs} from '../../render/glyphs.js';
import type {Segment} from '../../render/segments.js';
import type {StatusMessage} from '../state/ui-reducer.js';
import {Line} from '../shared/line.js';

export type FilterInputProps = {
	/** The text typed so far (already cleaned of controls). */
	readonly draft: string;
	/** Events matching the draft, and in all. */
	readonly shown: number;
	readonly total: number;
	readonly width: number;
};

/** The filter line that replaces the footer while `/` is open; the end of long text stays visible. */
export function filterInputSegments({draft, shown, total, width}: FilterInputProps, g: Glyphs = UNICODE): Segment[] {
	const prompt: Segment = {text: ' / ', bold: true, color: 'cyan'};
	const hint: Segment = {
		text: `  ${formatCount(shown, g)} of ${formatCount(total, g)} ${g.sep} ${g.keys.enter} apply ${g.sep} Esc cancel`,
		dim: true,
	};
	const room = Math.max(1, width - textWidth(prompt.text) - textWidth(hint.text) - 1);
	return [prompt, {text: cutStart(draft, room, g)}, {text: ' ', inverse: true}, hint];
}

export function FilterInput(props: FilterInputProps) {
	const {glyphs} = useDisplay();
	return <Line segments={filterInputSegments(props, glyphs)} width={props.width} />;
}

/** A transient message (export done or failed) in place of the footer; a path keeps its end visible. */
export function statusSegments(status: StatusMessage, width: number, g: Glyphs = UNICODE): Segment[] {
	const glyph = status.tone === 'ok' ? g.check : g.cross;
	const color = status.tone === 'ok' ? 'green' : 'red';
	const head = ` ${glyph} ${status.text}`;
	const tail = status.path === undefined ? '' : ` ${status.path}${status.suffix ?? ''}`;
	if (textWidth(head + tail) <= width || tail === '') return [{text: head + tail, color}];
	const room = width - textWidth(head) - 1 - textWidth(status.suffix ?? '');
	const path = room >= 12 ? cutStart(status.path ?? '', room, g) : '';
	return [{text: `${head} ${path}${status.suffix ?? ''}`, color}];
}

export function StatusLine({status, width}: {readonly status: StatusMessage; readonly width: number}) {
	const {glyphs} = useDisplay();
	return <Line segments={statusSegments(status, width, glyphs)} width={width} />;
}
