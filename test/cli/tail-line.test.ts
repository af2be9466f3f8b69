import {test} from 'node:test';
import assert from 'node:assert/strict';
import {tailHeader, tailLayout, tailRow, tailTime, timeWidth, type TailLayout} from '../../source/cli/tail-line.js';
import {textWidth} from '../../source/text/width.js';
import type {TrailEvent} from '../../source/types.js';
import {ASCII, UNICODE} from '../../source/render/glyphs.js';

const NOW = Date.UTC(2026, 10, 24, 14, 0, 30);

function ev(extra: Partial<TrailEvent> = {}): TrailEvent {
	return {
		eventId: 'e1',
		eventTime: NOW - 60_000,
		eventName: 'DeleteThing',
		eventSource: 'iot.amazonaws.com',
		username: 'alice',
		identityType: 'IAMUser',
		readOnly: false,
		errorCode: null,
		sourceIp: '203.0.113.7',
		awsRegion: 'us-east-1',
		resources: [{type: 'AWS::IoT::Thing', name: 'gateway-0007'}],
		raw: '',
		late: false,
		...extra,
	};
}

/**
 * Checks that a row's columns start where the header's do: the fixed widths (time, mark, event, identity,
 * resource, source IP), each followed by one space; no wide character straddles a boundary.
 */
function assertAligned(line: string, layout: TailLayout): void {
	const boundaries: number[] = [];
	let at = 0;
	const widths = [layout.time, 1, layout.event, layout.identity, ...(layout.resource > 0 ? [layout.resource] : []), layout.sourceIp];
	for (const w of widths) {
		at += w;
		boundaries.push(at);
		at += 1;
	}
	let col = 0;
	const chars = [...line];
	const seen = new Set<number>();
	for (const char of chars) {
		if (boundaries.includes(col)) {
			assert.equal(char, ' ', `a space after each column at ${col}: ${line}`);
			seen.add(col);
		}
		col += textWidth(char);
	}
	for (const b of boundaries) if (b < col) assert.ok(seen.has(b), `column boundary ${b} falls inside a character: ${line}`);
}

test('tailTime: the clock today, the date too on another day (UTC)', () => {
	assert.equal(tailTime(Date.UTC(2026, 10, 24, 9, 5, 7), NOW), '09:05:07');
	assert.equal(tailTime(Date.UTC(2026, 10, 23, 23, 59, 59), NOW), '11-23 23:59:59');
	assert.equal(tailTime(Number.NaN, NOW), '?');
	assert.equal(tailTime(1e300, NOW), '?');
	assert.equal(timeWidth(NOW - 3 * 3600_000, NOW), 8);
	assert.equal(timeWidth(NOW - 15 * 3600_000, NOW), 14);
});

test('tailRow: every column starts at the same place whatever the text, wide and hostile text included', () => {
	const rows = [
		ev(),
		ev({eventName: 'AttachThingPrincipal', username: null, identityType: 'AWSService', sourceIp: 'iot.amazonaws.com', errorCode: 'AccessDenied', late: true}),
		ev({eventName: 'UpdateCertificateWithAVeryLongNameIndeed', username: '设备管理员-操作员-设备管理员-操作员', resources: [{type: null, name: '🚀'.repeat(40)}, {type: 'x', name: 'y'}]}),
		ev({eventName: '\u001b[2J\u001b]0;pwned\u0007', username: '\u202Eevil', sourceIp: '2001:db8:85a3::8a2e:370:7334', eventTime: NOW - 20 * 3600_000}),
	];
	for (const g of [UNICODE, ASCII]) {
		for (const [columns, width] of [[80, 8], [80, 14], [132, 8], [132, 14], [200, 14]] as const) {
			const layout = tailLayout(columns, width);
			// A dated time in a clock-wide column shifts its row on purpose (checked below).
			const out = rows.filter(row => tailTime(row.eventTime, NOW).length <= width).map(row => tailRow(row, NOW, layout, g));
			const header = tailHeader(layout, g);
			// Short of the error (which may run on), the row fits the terminal.
			for (const line of [header, ...out]) {
				const error = line.search(/ ((✗|x) \S+|ERROR)$/);
				assert.ok(textWidth(error > 0 ? line.slice(0, error) : line) <= columns - 14, `fits ${columns}: ${line}`);
			}
			for (const line of [header, ...out]) {
				assert.doesNotMatch(line, /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/, line);
			}
			for (const line of [header, ...out]) assertAligned(line, layout);
		}
	}
	const wide = tailLayout(132, 8);
	assert.deepEqual(tailLayout(80, 8), {time: 8, event: 22, identity: 12, resource: 0, sourceIp: 17}, 'at 80 columns the resource makes room');
	assert.deepEqual(tailLayout(200, 8), {time: 8, event: 28, identity: 26, resource: 30, sourceIp: 17});
	const late = tailRow(rows[1]!, NOW, wide, UNICODE);
	assert.match(late, /^\d\d:\d\d:\d\d ↶ AttachThingPrincipal/);
	assert.match(late, /✗ AccessDenied$/);
	assert.match(tailRow(rows[1]!, NOW, wide, ASCII), /^\d\d:\d\d:\d\d < AttachThingPrincipal.*x AccessDenied$/);
	assert.match(tailRow(rows[2]!, NOW, wide, UNICODE), /🚀… \+1/);
	assert.match(tailRow(rows[3]!, NOW, wide, UNICODE), /^11-23 18:00:30   ␛/, 'a dated time in a clock-wide column is never cut');
	assert.match(tailRow(rows[3]!, NOW, tailLayout(132, 14), UNICODE), /^11-23 18:00:30   ␛\[2J␛\]0;pwned␇/);
});
