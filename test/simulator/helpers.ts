/**
 * Shared pieces of the simulator tests: a fixed simulated clock, real SDK clients pointed at the
 * simulator, query builders and a plain-fetch poster for wire-level checks.
 */
import {CloudWatchClient, type Dimension, type MetricDataQuery} from '@aws-sdk/client-cloudwatch';
import type {Simulator} from '../../source/simulator/server.js';

/** Wednesday 2025-11-19 14:00 UTC: a weekday at the daily peak, minute- and hour-aligned. */
export const NOW = Date.UTC(2025, 10, 19, 14, 0, 0);
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export const MQTT: Dimension[] = [{Name: 'Protocol', Value: 'MQTT'}];
export const HTTP: Dimension[] = [{Name: 'Protocol', Value: 'HTTP'}];

/** A real CloudWatch client for the simulator: one attempt, or the SDK's default retries when `maxAttempts` is null. */
export function cloudWatch(sim: Simulator, maxAttempts: number | null = 1): CloudWatchClient {
	return new CloudWatchClient({
		region: 'us-east-1',
		endpoint: sim.url,
		credentials: {accessKeyId: 'test', secretAccessKey: 'test'},
		...(maxAttempts === null ? {} : {maxAttempts}),
	});
}

/** A MetricStat query on AWS/IoT. */
export function statQuery(
	id: string,
	metricName: string,
	dimensions: Dimension[] = MQTT,
	stat = 'Sum',
	period = 60,
): MetricDataQuery {
	return {Id: id, MetricStat: {Metric: {Namespace: 'AWS/IoT', MetricName: metricName, Dimensions: dimensions}, Period: period, Stat: stat}};
}

/** POSTs a raw AWS JSON request with the given X-Amz-Target; returns status, headers and parsed body. */
export async function post(
	sim: Simulator,
	target: string,
	body: string,
): Promise<{status: number; headers: Headers; json: Record<string, unknown>}> {
	const response = await fetch(`${sim.url}/`, {
		method: 'POST',
		headers: {'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target},
		body,
	});
	return {status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown>};
}

/** Runs a promise that must reject and returns the error (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
	try {
		await promise;
	} catch (error) {
		return error as Error & Record<string, unknown>;
	}
	throw new Error('expected the call to fail, but it succeeded');
}
