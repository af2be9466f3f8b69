import {test} from 'node:test';
import assert from 'node:assert/strict';
import {snapshotToText} from '../../source/cli/once-text.js';
import {ASCII} from '../../source/render/glyphs.js';
import {event, judged, snapshot, step} from '../ui/helpers.js';

const flagged = snapshot({
	metrics: [judged('PublishIn.Success', step(1000, 100), {expected: 1000, low: 900, high: 1100}, 'crit')],
	events: [event({errorCode: 'AccessDenied'})],
});

test('--once text: the flag, the change and failures in Unicode by default', () => {
	const text = snapshotToText(flagged);
	assert.match(text, /PublishIn\.Success +100 +1000 +-90% +▼ CRIT/);
	assert.match(text, /✗ AccessDenied/);
});

test('--once text with --ascii (or a non-UTF-8 locale): nothing but ASCII', () => {
	const text = snapshotToText(flagged, ASCII);
	assert.match(text, /PublishIn\.Success +100 +1000 +-90% +v CRIT/);
	assert.match(text, /x AccessDenied/);
	assert.doesNotMatch(text, /[^\x00-\x7f]/);
});
