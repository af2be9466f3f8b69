import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ERROR_METRICS, findMetric} from '../../source/iot/catalog.js';
import {errorRate, formatRate} from '../../source/iot/rates.js';
import {metric, noData} from '../ui/helpers.js';

test('an error metric is a share of its success metric for the same minute', () => {
	const success = metric('Connect.Success', () => 2000);
	const errors = metric('Connect.AuthError', () => 50);
	assert.deepEqual(errorRate(errors, [success, errors]), {per: 'Connect.Success', value: 0.025, errors: 50, successes: 2000});
	assert.equal(formatRate(errorRate(errors, [success, errors])), '2.5%');
});

test('no rate without a success metric loaded, or with no successes that minute', () => {
	const errors = metric('PublishIn.AuthError', () => 5);
	assert.equal(errorRate(errors, [errors]), null, 'PublishIn.Success not monitored');
	const zero = metric('PublishIn.Success', () => 0);
	assert.deepEqual(errorRate(errors, [zero, errors]), {per: 'PublishIn.Success', value: null, errors: 5, successes: 0});
	assert.equal(formatRate(errorRate(errors, [zero, errors])), '—');
	assert.equal(errorRate(noData('Connect.AuthError'), [metric('Connect.Success')]), null);
	assert.equal(errorRate(metric('Connect.Success'), [metric('Connect.Success')]), null, 'a success metric has no rate');
});

test('a share of too few successes is shown as counts, not as 2400%', () => {
	const errors = metric('Connect.Throttle', () => 24);
	const few = metric('Connect.Success', () => 1);
	assert.equal(formatRate(errorRate(errors, [few, errors])), '24/1');
});

test('every error metric names a success metric that exists in the catalog', () => {
	for (const name of ERROR_METRICS) {
		const per = findMetric(name)?.per;
		assert.ok(per && findMetric(per)?.group !== 'errors', name);
	}
	assert.ok(ERROR_METRICS.includes('Failure'), 'rule-action failures are in the group');
});

test('rates read well from tiny to total', () => {
	const cases: Array<[number | null, string]> = [[0, '0%'], [0.00005, '<0.01%'], [0.0042, '0.42%'], [0.025, '2.5%'], [0.5, '50%'], [3, '300%'], [null, '—']];
	for (const [value, text] of cases) assert.equal(formatRate({per: 'x', value}), text, String(value));
});
