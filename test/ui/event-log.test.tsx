import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup, render} from 'ink-testing-library';
import {textWidth} from '../../source/text/width.js';
import {EventLog} from '../../source/ui/events/event-log.js';
import {sameEventLogProps, type EventLogProps} from '../../source/ui/events/event-lines.js';
import {event, makeEvents, NOW, waitFor} from './helpers.js';

afterEach(cleanup);

type Props = Parameters<typeof EventLog>[0];

async function linesOf(partial: Omit<Props, 'total' | 'filter'> & Partial<Pick<Props, 'total' | 'filter'>>): Promise<string[]> {
	const props: Props = {total: partial.events.length, filter: null, ...partial};
	const {lastFrame} = render(<EventLog {...props} />);
	await waitFor(() => lastFrame() !== undefined, 2000, 'first frame');
	return (lastFrame() ?? '').split('\n');
}

/** Ink's own styling (if colour is on); anything else starting with ESC would be an injection. */
const stripInkStyles = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

test('10,000 events render only the visible rows', async () => {
	const events = makeEvents(10_000);
	const lines = await linesOf({events, view: {selectedIndex: 0, offset: 0, newCount: 0}, follow: true, since: NOW - 3_600_000, width: 80, height: 8});
	assert.equal(lines.length, 2 + 8);
	assert.match(lines[0] ?? '', /EVENTS iot\.amazonaws\.com · 10000 · since 11:03 UTC/);
	assert.equal(lines.filter(line => /Evente\d+/.test(line)).length, 8);
	assert.match(lines[2] ?? '', /▸12:03:08    Evente0 /);
	assert.doesNotMatch(lines.join('\n'), /Evente8\b/);
});

test('the window follows offset and the cursor marks the selected row', async () => {
	const lines = await linesOf({events: makeEvents(100), view: {selectedIndex: 52, offset: 50, newCount: 4}, follow: false, since: NOW, width: 80, height: 5});
	assert.match(lines[2] ?? '', /^ .*Evente50 /);
	assert.match(lines[4] ?? '', /^▸.*Evente52 /);
	assert.match(lines[6] ?? '', /Evente54 /);
	assert.match(lines[0] ?? '', /↑ 4 new · 53\/100/);
});

test('columns: error and identity shown, source IP dropped at 80 and shown at 120', async () => {
	const events = [event({eventId: 'a', errorCode: 'AccessDenied', identityType: 'AssumedRole', username: 'deploy-role/i-35d0', sourceIp: '203.0.113.7'})];
	const view = {selectedIndex: 0, offset: 0, newCount: 0};
	const narrow = await linesOf({events, view, follow: true, since: NOW, width: 80, height: 3});
	assert.match(narrow[2] ?? '', /AttachPolicy\s+✗ AccessDenied\s+role deploy-role\/i-35d0/);
	assert.doesNotMatch(narrow.join('\n'), /203\.0\.113\.7|SOURCE IP/);
	cleanup();
	const wide = await linesOf({events, view, follow: true, since: NOW, width: 120, height: 3});
	assert.match(wide[2] ?? '', /deploy-role\/i-35d0\s+203\.0\.113\.7/);
	for (const line of [...narrow, ...wide]) assert.ok(textWidth(line) <= 120);
});

test('hostile event text is made visible, never sent raw to the terminal', async () => {
	const evil = event({
		eventId: 'evil\u001b[2J',
		eventName: 'Attach\u001b]0;pwned\u0007Policy\u001b[31m',
		username: 'mallory\u202Egnp.exe\u001b[31m',
		errorCode: 'Denied\u0007\u001b[5m',
		sourceIp: '10.0.0.1\u001b[1A\r\n',
		identityType: 'IAMUser\u001b[0m' as 'IAMUser',
	});
	const lines = await linesOf({events: [evil], view: {selectedIndex: 0, offset: 0, newCount: 0}, follow: true, since: NOW, width: 160, height: 3});
	const frame = stripInkStyles(lines.join('\n'));
	assert.doesNotMatch(frame, /[\u001b\u0007\u202E\u009b\r]/);
	assert.match(frame, /Attach␛\]0;pwned␇Policy/);
	assert.match(frame, /mallory/);
	assert.equal(lines.length, 3, 'a newline inside a field does not add a row');
	for (const line of lines) assert.ok(textWidth(line) <= 160, line);
});

test('empty log says so', async () => {
	const lines = await linesOf({events: [], view: {selectedIndex: -1, offset: 0, newCount: 0}, follow: true, since: NOW, width: 80, height: 5});
	assert.match(lines.join('\n'), /no events yet/);
});

test('when the buffer limit drops older events, the title says so', async () => {
	const events = makeEvents(50);
	const lines = await linesOf({events, view: {selectedIndex: 0, offset: 0, newCount: 0}, follow: true, since: NOW - 3_600_000, dropped: 1234, width: 100, height: 5});
	assert.match(lines[0] ?? '', /newest 50 kept, 1234 older dropped/);
});

test('events from another day than today carry their date (--lookback 26h); a list of today only does not', async () => {
	const DAY = 86_400_000;
	const events = [event({eventId: 'today', eventName: 'UpdateThing', eventTime: NOW - 60_000}), event({eventId: 'old', eventName: 'DeleteThing', eventTime: NOW - DAY})];
	const view = {selectedIndex: 0, offset: 0, newCount: 0};
	const dated = await linesOf({events, view, follow: true, since: NOW - 2 * DAY, width: 80, height: 4, today: NOW});
	const date = (at: number) => new Date(at).toISOString().slice(5, 10);
	assert.ok(dated.some(line => line.includes(`${date(NOW - DAY)} `) && line.includes('DeleteThing')), dated.join('\n'));
	assert.ok(dated.some(line => line.includes(`${date(NOW)} `) && line.includes('UpdateThing')));
	for (const line of dated) assert.ok(textWidth(line) <= 80);
	cleanup();
	const plain = await linesOf({events: events.slice(0, 1), view, follow: true, since: NOW - DAY, width: 80, height: 4, today: NOW});
	assert.ok(!plain.some(line => line.includes(`${date(NOW)} `)), 'no date when every event is from today');
});

test('sameEventLogProps: a poll that changed nothing in the list keeps it; anything it draws from redraws it', () => {
	const events = makeEvents(20);
	const base: EventLogProps = {events, total: 20, filter: null, view: {selectedIndex: 3, offset: 0, newCount: 0}, follow: false, since: NOW - 3_600_000, width: 80, height: 8, today: NOW};
	const noon = Date.UTC(2024, 0, 2, 12);
	const table: Array<[string, Partial<EventLogProps>, boolean]> = [
		['a new but equal view', {view: {selectedIndex: 3, offset: 0, newCount: 0}}, true],
		['later the same UTC day', {today: NOW + 60_000}, true],
		['another selection', {view: {selectedIndex: 4, offset: 0, newCount: 0}}, false],
		['another offset', {view: {selectedIndex: 3, offset: 1, newCount: 0}}, false],
		['new events above', {view: {selectedIndex: 3, offset: 0, newCount: 2}}, false],
		['another UTC day', {today: NOW + 86_400_000}, false],
		['no day at all', {today: undefined}, false],
		['another list', {events: makeEvents(20)}, false],
		['another width', {width: 81}, false],
		['a filter', {filter: 'errors'}, false],
	];
	for (const [what, change, same] of table) assert.equal(sameEventLogProps(base, {...base, ...change}), same, what);
	assert.ok(sameEventLogProps({...base, today: noon}, {...base, today: noon + 11 * 3_600_000}), 'noon and 23:00 UTC');
	assert.ok(!sameEventLogProps({...base, today: noon}, {...base, today: noon + 12 * 3_600_000}), 'noon and midnight UTC');
});
