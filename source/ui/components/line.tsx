import {Text} from 'ink';
import {fitSegments, type Segment} from '../segments.js';

export type LineProps = {readonly segments: readonly Segment[]; readonly width: number};

/** One screen line of styled segments, cut to `width`. */
export function Line({segments, width}: LineProps) {
	return (
		<Text wrap="truncate">
			{fitSegments(segments, width).map((segment, index) => (
				<Text
					key={index}
					color={segment.color}
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
