/**
 * Pure: a failed source's message, whole and wrapped, for the panel that source feeds. The header and
 * the status line only have room for the start of it; the panel has the rows, and "expired" or the
 * permission to add is what the reader needs.
 */
import {sanitize} from '../../text/sanitize.js';
import {UNICODE, wrap, type Glyphs} from '../../render/glyphs.js';
import type {Segment} from '../../render/segments.js';

/** The message as red lines of at most `width` columns (one space in front), at most `maxLines`. */
export function panelErrorLines(message: string, width: number, maxLines: number, g: Glyphs = UNICODE): Segment[][] {
	if (maxLines <= 0) return [];
	return wrap(`${g.cross} ${sanitize(message)}`, Math.max(1, width - 1), maxLines, g).map(line => [{text: ` ${line}`, color: 'red'}]);
}
