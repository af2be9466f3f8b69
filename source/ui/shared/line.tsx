import {Text} from 'ink';
import {useDisplay} from './display-context.js';
import {fitSegments, type Segment} from '../../render/segments.js';

export type LineProps = {readonly segments: readonly Segment[]; readonly width: number};

/**
 * One screen line of styled segments, cut to `width`. The only place the UI hands colours to Ink:
 * with colour off it passes none, so no colour escape is ever written (bold, dim and inverse stay).
 */
export function Line({segments, width}: LineProps) {
	const {color, glyphs} = useDisplay();
	return (
		<Text wrap="truncate">
			{fitSegments(segments, width, glyphs).map((segment, index) => (
				<Text
					key={index}
					color={color ? segment.color : undefined}
					bold={segment.bold}
					dimColor={segment.dim}
					inverse={segment.inverse}
				>
					{segment.text}
				</Text>
			))}
		</Text>
	);
}
