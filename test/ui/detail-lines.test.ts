import {test} from 'node:test';
import assert from 'node:assert/strict';
import {recordLines} from '../../source/ui/detail/detail-lines.js';
import {event} from './helpers.js';

test('a record nested too deep to pretty-print says so, and is shown as received', () => {
	const depth = 20_000;
	const raw = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
	const lines = recordLines(event({eventId: 'deep', raw}));
	assert.match(lines[0] ?? '', /^\(nested too deep to pretty-print; shown as received\)$/);
	assert.equal(lines.slice(1).join(''), raw);
});

test('a record that is not JSON is called that', () => {
	const lines = recordLines(event({eventId: 'broken', raw: '{"eventID": '}));
	assert.match(lines[0] ?? '', /not valid JSON/);
});

test('an ordinary record is pretty-printed', () => {
	const lines = recordLines(event({eventId: 'ok', raw: '{"eventID":"ok","readOnly":false}'}));
	assert.deepEqual(lines, ['{', '  "eventID": "ok",', '  "readOnly": false', '}']);
});
