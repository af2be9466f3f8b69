/**
 * Shared pieces of the embedded endpoint's wire protocol: the error type every service handler throws
 * and the handler signature the HTTP server routes to.
 */

/** An AWS-shaped error. `code` becomes `__type`; CloudWatch also sends `x-amzn-query-error: queryCode;Sender`. */
export class SimError extends Error {
	constructor(
		readonly code: string,
		message: string,
		readonly status = 400,
		/** The awsQuery error code CloudWatch puts in x-amzn-query-error (e.g. Throttling, InvalidParameterValue). */
		readonly queryCode?: string,
	) {
		super(message);
		this.name = code;
	}
}

/**
 * A service handler: takes the operation name (text after the last '.' of X-Amz-Target), the parsed
 * JSON body and the simulated clock, and returns the JSON response body (or a promise of it, for long
 * work that pauses for the event loop) or throws/rejects with SimError.
 */
export type ServiceHandler = (operation: string, input: Record<string, unknown>, now: number) => unknown;
