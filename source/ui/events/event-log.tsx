import {memo} from 'react';
import {Box} from 'ink';
import {useDisplay} from '../shared/display-context.js';
import {padCell} from '../../render/glyphs.js';
import {COLUMN_GAP, eventColumns} from '../frame/layout.js';
import {Line} from '../shared/line.js';
import {columnNeeds, eventRowSegments, eventTitleSegments, sameEventLogProps, spansDays, type EventLogProps} from './event-lines.js';

/** The CloudTrail event list, virtualised: renders `height` rows whatever the buffer holds. */
/** Memoised: re-renders only when events, selection, size or the day change, not on the clock tick or a poll that brought nothing. */
export const EventLog = memo(function EventLog(props: EventLogProps) {
	const {events, view, width, height, filter, columnHeader = true, notice = [], today} = props;
	const {glyphs} = useDisplay();
	const visible = events.slice(view.offset, view.offset + height);
	// Widths by what the visible rows need: identity and error before empty space.
	const columns = eventColumns(width - 1, today !== undefined && spansDays(events, today), columnNeeds(visible, glyphs));
	const header = ' ' + columns.map(column => padCell(column.title, column.width, 'left', glyphs)).join(' '.repeat(COLUMN_GAP));
	const empty = notice.length > 0 ? '' : filter === null ? ' no events yet' : ' no events match the filter (c clears it)';
	return (
		<Box flexDirection="column" width={width}>
			<Line segments={eventTitleSegments(props, glyphs)} width={width} />
			{notice.map((segments, index) => (
				<Line key={`notice${index}`} segments={segments} width={width} />
			))}
			{columnHeader && <Line segments={[{text: header, dim: true}]} width={width} />}
			{visible.length === 0 && height > 0 && <Line segments={[{text: empty, dim: true}]} width={width} />}
			{visible.map((event, index) => (
				<Line
					key={index}
					segments={eventRowSegments(event, columns, view.offset + index === view.selectedIndex, glyphs)}
					width={width}
				/>
			))}
		</Box>
	);
}, sameEventLogProps);
