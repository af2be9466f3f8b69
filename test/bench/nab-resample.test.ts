import {test} from 'node:test';
import assert from 'node:assert/strict';
import {bucketStart, floorWindows, formatG, resampleRows} from '../../bench/nab-resample.js';

test("formatG writes numbers as Python's format(v, 'g'), ties to even", () => {
	const cases: Array<[number, string]> = [
		[1234565, '1.23456e+06'],
		[0.0001, '0.0001'],
		[0.00001, '1e-05'],
		[123456.5, '123456'],
		[2.5, '2.5'],
		[1e21, '1e+21'],
		[0.1 + 0.2, '0.3'],
		[12.3456789, '12.3457'],
		[999999.5, '1e+06'],
		[412345600, '4.12346e+08'],
		[-3.25, '-3.25'],
		[100, '100'],
		[0, '0'],
	];
	for (const [v, text] of cases) assert.equal(formatG(v), text, String(v));
});

test('resampleRows: sums for a count file, means otherwise, buckets floored to the step and kept in order', () => {
	const rows = (values: number[]) => values.map((v, i) => ({text: `2015-03-01 00:${String(10 + 5 * i).padStart(2, '0')}:00`, v}));
	const counts = resampleRows(rows([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 30);
	assert.deepEqual(
		counts.map(r => [r.text, r.raw]),
		[
			['2015-03-01 00:00:00', '10'],
			['2015-03-01 00:30:00', '45'],
		],
	);
	const means = resampleRows(rows([1.5, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 30);
	assert.deepEqual(
		means.map(r => r.v),
		[2.625, 7.5],
	);
	assert.equal(bucketStart(Date.UTC(2015, 2, 1, 0, 59, 59), 60), Date.UTC(2015, 2, 1, 0, 0));
	assert.deepEqual(floorWindows({'a/b.csv': [['2015-03-01 00:59:00.000000', '2015-03-01 02:05:00.000000']]}, 60), {
		'a/b.csv': [['2015-03-01 00:00:00.000000', '2015-03-01 02:00:00.000000']],
	});
});
