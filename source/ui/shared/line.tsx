import chalk from 'chalk';
import {Text} from 'ink';
import {useDisplay} from './display-context.js';
import {fitSegments, type Segment} from '../../render/segments.js';

export type LineProps = {readonly segments: readonly Segment[]; readonly width: number};

/**
 * One segment with its styles applied as Ink's <Text> applies its props (dim, colour, bold, inverse, in
 * that order, through the same chalk), so the frame is the same text a nested <Text> per segment makes.
 */
function styled(segment: Segment, color: boolean): string {
	let text = segment.text;
	if (text.length === 0) return text;
	if (segment.dim) text = chalk.dim(text);
	if (color && segment.color) text = chalk[segment.color](text);
	if (segment.bold) text = chalk.bold(text);
	if (segment.inverse) text = chalk.inverse(text);
	return text;
}

/**
 * One screen line of styled segments, cut to `width`. The only place the UI hands colours to Ink:
 * with colour off it passes none, so no colour escape is ever written (bold, dim and inverse stay).
 * One Ink text node per line, not one per segment: Ink lays out, squashes and measures every text node
 * of the screen on every frame, and a tick of the clock is a frame.
 */
export function Line({segments, width}: LineProps) {
	const {color, glyphs} = useDisplay();
	let text = '';
	for (const segment of fitSegments(segments, width, glyphs)) text += styled(segment, color);
	return <Text wrap="truncate">{text}</Text>;
}
