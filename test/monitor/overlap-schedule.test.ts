import {test} from 'node:test';
import assert from 'node:assert/strict';
import {OverlapSchedule} from '../../source/monitor/overlap-schedule.js';

const MINUTE = 60_000;

/** The overlap each poll re-reads (in seconds) over `polls` polls `every` ms apart, the first fill first. */
function reread(schedule: OverlapSchedule, polls: number, every: number): number[] {
	const out: number[] = [];
	let end = 0;
	schedule.done(20 * MINUTE, end); // the first fill
	for (let i = 0; i < polls; i++) {
		end += every;
		const overlap = schedule.overlapAt(end);
		out.push(overlap / 1000);
		schedule.done(overlap, end);
	}
	return out;
}

test('OverlapSchedule: spans re-read as the table says (overlap 20 min, polls 5 s apart)', () => {
	const table: ReadonlyArray<{name: string; quick?: number; wholeEvery?: number; expect: (seconds: readonly number[]) => void}> = [
		{
			name: 'no quick span: the whole overlap at every poll',
			expect: s => assert.ok(s.every(o => o === 1200)),
		},
		{
			name: 'quick 5 min, the whole at least every minute: 5 min at 11 polls of 12, the whole at every 12th',
			quick: 5 * MINUTE,
			wholeEvery: MINUTE,
			expect: s => assert.deepEqual(s, Array.from({length: s.length}, (_, i) => ((i + 1) % 12 === 0 ? 1200 : 300))),
		},
		{
			name: 'quick 2 min, default (the whole every quarter of the overlap): 4 min every 2, the whole every 5',
			quick: 2 * MINUTE,
			expect: s => {
				const at = (span: number) => s.flatMap((o, i) => (o >= span ? [i] : []));
				assert.deepEqual(at(240).slice(0, 3), [23, 47, 59]);
				assert.deepEqual(at(1200), [59, 119, 179, 239]);
				assert.ok(s.filter(o => o === 120).length > s.length * 0.8);
			},
		},
		{
			name: 'a quick span as long as the overlap: the whole overlap at every poll',
			quick: 20 * MINUTE,
			wholeEvery: MINUTE,
			expect: s => assert.ok(s.every(o => o === 1200)),
		},
	];
	for (const row of table) {
		const seconds = reread(new OverlapSchedule(20 * MINUTE, row.quick, row.wholeEvery), 240, 5_000);
		try {
			row.expect(seconds);
		} catch (error) {
			assert.fail(`${row.name}: ${seconds.join(' ')}\n${String(error)}`);
		}
	}
});

test('OverlapSchedule: late marking looks at when the span a poll re-reads was last re-read whole', () => {
	const schedule = new OverlapSchedule(20 * MINUTE, 5 * MINUTE, MINUTE);
	schedule.done(20 * MINUTE, 0);
	let end = 0;
	for (let i = 0; i < 11; i++) {
		end += 5_000;
		assert.equal(schedule.overlapAt(end), 5 * MINUTE);
		// A quick re-read looked at its minutes at the previous poll.
		assert.equal(schedule.lookedAt(5 * MINUTE), end - 5_000);
		schedule.done(5 * MINUTE, end);
	}
	end += 5_000;
	assert.equal(schedule.overlapAt(end), 20 * MINUTE);
	// The whole overlap was last looked at by the first fill, a minute ago (not by the quick polls since).
	assert.equal(schedule.lookedAt(20 * MINUTE), 0);
	schedule.done(20 * MINUTE, end);
	assert.equal(schedule.lookedAt(20 * MINUTE), end);
});
