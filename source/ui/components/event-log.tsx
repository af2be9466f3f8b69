import {memo} from 'react';
import {Box} from 'ink';
import {sanitize} from '../../text/sanitize.js';
import {pad} from '../../text/width.js';
import type {IdentityType, TrailEvent} from '../../types.js';
import {formatClock, formatClockShort, formatCount, MISSING} from '../format.js';
import {COLUMN_GAP, eventColumns, type EventColumn} from '../layout.js';
import type {Segment} from '../segments.js';
import type {EventView} from '../state/ui-reducer.js';
import {Line} from './line.js';

const SHORT_IDENTITY: Record<IdentityType, string> = {
	Root: 'ROOT',
	IAMUser: 'User',
	AssumedRole: 'Role',
	FederatedUser: 'Fed',
	AWSAccount: 'Account',
	AWSService: 'Service',
	SAMLUser: 'SAML',
	WebIdentityUser: 'WebId',
	IdentityCenterUser: 'SSO',
	Unknown: '?',
};

/** The identity type in a few columns; anything unexpected is shown (sanitized) as it came. */
export function shortIdentity(type: string): string {
	return SHORT_IDENTITY[type as IdentityType] ?? sanitize(type);
}

function cell(event: TrailEvent, column: EventColumn): Segment {
	switch (column.id) {
		case 'time':
			return {text: formatClock(event.eventTime)};
		case 'event':
			return {text: sanitize(event.eventName), bold: true};
		case 'error':
			return event.errorCode === null ? {text: ''} : {text: `✗ ${sanitize(event.errorCode)}`, color: 'red'};
		case 'idType':
			return {text: shortIdentity(event.identityType), color: event.identityType === 'Root' ? 'yellow' : undefined};
		case 'user':
			return {text: event.username === null ? MISSING : sanitize(event.username)};
		case 'ip':
			return {text: event.sourceIp === null ? MISSING : sanitize(event.sourceIp), dim: true};
	}
}

/** One event as padded, sanitized cells; every string of the event passes through sanitize() first. */
export function eventRowSegments(event: TrailEvent, columns: readonly EventColumn[], selected: boolean): Segment[] {
	const out: Segment[] = [{text: selected ? '▸' : ' ', inverse: selected}];
	columns.forEach((column, index) => {
		const content = cell(event, column);
		const gap = index === columns.length - 1 ? '' : ' '.repeat(COLUMN_GAP);
		out.push({...content, text: pad(content.text, column.width) + gap, inverse: selected});
	});
	return out;
}

export type EventLogProps = {
	/** All events, newest first; only the visible slice is rendered. */
	readonly events: readonly TrailEvent[];
	readonly view: EventView;
	readonly follow: boolean;
	/** Start of the CloudTrail window (epoch ms). */
	readonly since: number;
	readonly width: number;
	/** Event rows, title and column header not included. */
	readonly height: number;
};

/** The CloudTrail event list, virtualised: renders `height` rows whatever the buffer holds. */
/** Memoised: re-renders only when events, selection or size change, not on the clock tick. */
export const EventLog = memo(function EventLog({events, view, follow, since, width, height}: EventLogProps) {
	const columns = eventColumns(width - 1);
	const title: Segment[] = [
		{text: ' EVENTS ', bold: true},
		{text: `iot.amazonaws.com · ${formatCount(events.length)} · since ${formatClockShort(since)} UTC`},
	];
	if (!follow && events.length > 0) {
		if (view.newCount > 0) title.push({text: ` · ↑ ${formatCount(view.newCount)} new`, color: 'yellow', bold: true});
		title.push({text: ` · ${formatCount(view.selectedIndex + 1)}/${formatCount(events.length)}`, dim: true});
	}
	const header = ' ' + columns.map(column => pad(column.title, column.width)).join(' '.repeat(COLUMN_GAP));
	const visible = events.slice(view.offset, view.offset + height);
	return (
		<Box flexDirection="column" width={width}>
			<Line segments={title} width={width} />
			<Line segments={[{text: header, dim: true}]} width={width} />
			{visible.length === 0 && height > 0 && <Line segments={[{text: ' no events yet', dim: true}]} width={width} />}
			{visible.map((event, index) => (
				<Line
					key={index}
					segments={eventRowSegments(event, columns, view.offset + index === view.selectedIndex)}
					width={width}
				/>
			))}
		</Box>
	);
});
