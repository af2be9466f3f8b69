import {test} from 'node:test';
import assert from 'node:assert/strict';
import {PackedRecord, RecordPacker, recordLength, recordText} from '../../source/trail/packed-record.js';
import {cloudTrailRecord, ROLE_IDENTITY} from '../ui/helpers.js';

const records = (count: number): string[] =>
	Array.from({length: count}, (_, i) =>
		cloudTrailRecord({
			eventId: `e${i}-${(i * 2654435761) % 4294967296}`,
			eventTime: Date.UTC(2026, 10, 24, 3, 0, 0) - i * 7000,
			eventName: ['AttachPolicy', 'UpdateCertificate', 'DeleteThing'][i % 3] ?? 'CreateThing',
			userIdentity: ROLE_IDENTITY,
			sourceIp: `203.0.113.${i % 250}`,
			requestParameters: {thingName: `thing-${i}`, policyName: `policy-${i % 7}`},
			readOnly: false,
		}),
	);

test('a packed record gives back exactly the text that was packed, length included', () => {
	const packer = new RecordPacker();
	const hostile = JSON.stringify({eventID: 'x', userAgent: '\u001b]0;pwned\u0007 \u202e 漢字 👩‍👩‍👧 \ud800 lone', blob: 'y'.repeat(500)});
	for (const text of [...records(20), hostile]) {
		const kept = packer.pack(text);
		assert.equal(recordText(kept), text);
		assert.equal(recordLength(kept), text.length);
	}
});

test('records of one account pack to a fraction of their size once the dictionary has learned', () => {
	const packer = new RecordPacker();
	const all = records(400);
	let plain = 0;
	let packed = 0;
	for (const text of all) {
		const kept = packer.pack(text);
		assert.ok(kept instanceof PackedRecord, 'a ~1 KB record is packed');
		plain += text.length;
		packed += kept.packedSize;
	}
	assert.ok(packed < plain / 4, `packed ${packed} bytes of ${plain}`);
});

test('short, incompressible or absent text is kept as it is', () => {
	const packer = new RecordPacker();
	assert.equal(packer.pack('{"eventID":"short"}'), '{"eventID":"short"}');
	let noise = '';
	let seed = 7;
	for (let i = 0; i < 400; i++) {
		seed = (seed * 1103515245 + 12345) % 2147483648;
		noise += String.fromCharCode(0x4e00 + (seed % 20000));
	}
	assert.equal(typeof packer.pack(noise), 'string', 'random CJK text does not shrink');
	assert.equal(recordText(undefined), '');
	assert.equal(recordLength(null), 0);
});

test('records packed before the dictionary grew still unpack', () => {
	const packer = new RecordPacker();
	const all = records(30);
	const kept = all.map(text => packer.pack(text));
	kept.forEach((record, i) => assert.equal(recordText(record), all[i]));
});
