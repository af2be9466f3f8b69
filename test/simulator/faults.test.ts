import {test} from 'node:test';
import assert from 'node:assert/strict';
import {checkFault, createFaultQueue} from '../../source/simulator/faults.js';

test('fault queue: a probability spares some requests without using up the fault; clear() drops everything', () => {
	// A fixed sequence of "random" draws: 0.1 hits a 0.2 fault, 0.5 and 0.9 spare it.
	const draws = [0.1, 0.5, 0.9, 0.1];
	const queue = createFaultQueue(() => draws.shift() ?? 0);
	queue.add({service: 'cloudtrail', kind: 'internal-error', probability: 0.2, times: 2, delayMs: 800});
	queue.add({service: 'cloudtrail', kind: 'delay', delayMs: 800, times: Number.POSITIVE_INFINITY});
	const kinds = Array.from({length: 4}, () => queue.take('cloudtrail', 'LookupEvents')?.kind);
	assert.deepEqual(kinds, ['internal-error', 'delay', 'delay', 'internal-error']);
	assert.equal(queue.take('cloudwatch', 'GetMetricData'), undefined, 'another service is untouched');
	queue.clear();
	assert.equal(queue.take('cloudtrail', 'LookupEvents'), undefined);
});

test('checkFault: probability must be in (0, 1]', () => {
	assert.equal(checkFault({service: 'cloudwatch', kind: 'throttle', probability: 0.2}).probability, 0.2);
	assert.equal(checkFault({service: 'cloudwatch', kind: 'throttle'}).probability, undefined);
	for (const probability of [0, -1, 1.5, '0.2']) {
		assert.throws(() => checkFault({service: 'cloudwatch', kind: 'throttle', probability}), /probability must be/);
	}
});
