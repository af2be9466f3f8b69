/**
 * Sees every attempt an SDK client makes, its own retries included: the SDK retries throttled and
 * transient failures inside one `send`, so counting at the call site would miss most throttles.
 */
import {randomUUID} from 'node:crypto';
import type {DeserializeMiddleware, MetadataBearer, MiddlewareStack} from '@smithy/types';
import {isThrottlingError} from './errors.js';

/** Calls `onThrottle` for every throttled attempt of `client`; returns a function that stops watching. */
export function watchThrottles<Input extends object, Output extends MetadataBearer>(
	client: {readonly middlewareStack: MiddlewareStack<Input, Output>},
	onThrottle: () => void,
): () => void {
	const name = `iot-monitor-throttles-${randomUUID()}`;
	const middleware: DeserializeMiddleware<Input, Output> = next => async args => {
		try {
			return await next(args);
		} catch (error) {
			if (isThrottlingError(error)) onThrottle();
			throw error;
		}
	};
	// The deserialize step runs once per attempt, inside the retry loop; high priority puts this outside
	// the deserializer, so it sees the named error (Throttling, ThrottlingException), not the raw response.
	client.middlewareStack.add(middleware, {step: 'deserialize', priority: 'high', name});
	return () => {
		client.middlewareStack.remove(name);
	};
}
