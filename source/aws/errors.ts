/**
 * Turns whatever an SDK call threw into one line a person can act on. CloudWatch (query-compatible JSON)
 * and CloudTrail spell the same error differently (Throttling vs ThrottlingException, AccessDenied vs
 * AccessDeniedException), so both spellings are matched.
 */

export type ErrorKind =
	| 'throttled'
	| 'access-denied'
	| 'expired-credentials'
	| 'no-credentials'
	| 'network'
	| 'timeout'
	| 'service'
	| 'other';

export type DescribedError = {readonly kind: ErrorKind; readonly message: string};

const THROTTLING = new Set([
	'Throttling',
	'ThrottlingException',
	'ThrottledException',
	'RequestThrottledException',
	'TooManyRequestsException',
	'RequestLimitExceeded',
	'LimitExceededException',
]);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'OperationNotPermittedException']);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'InvalidClientTokenId', 'UnrecognizedClientException']);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

function firstLine(text: string): string {
	return text.split('\n')[0]!.trim();
}

/** Classifies an error thrown by an SDK call made for `service` (e.g. "CloudWatch"). */
export function describeAwsError(error: unknown, service: string): DescribedError {
	const e = (error ?? {}) as {name?: string; message?: string; code?: string; $metadata?: {httpStatusCode?: number}};
	const name = e.name ?? '';
	const code = e.code ?? '';
	const message = firstLine(e.message ?? String(error));
	if (THROTTLING.has(name) || e.$metadata?.httpStatusCode === 429) {
		return {kind: 'throttled', message: `${service} is throttling requests; backing off`};
	}
	if (DENIED.has(name)) {
		const action = /perform: ([\w:]+)/.exec(message)?.[1];
		return {
			kind: 'access-denied',
			message: action
				? `${service}: access denied for ${action}; add it to your IAM policy (see README)`
				: `${service}: access denied (${message})`,
		};
	}
	if (EXPIRED.has(name)) {
		return {kind: 'expired-credentials', message: `${service}: credentials expired or invalid; refresh them and restart`};
	}
	if (name === 'CredentialsProviderError') {
		if (/sso/i.test(message)) {
			return {kind: 'expired-credentials', message: 'SSO session expired: run aws sso login (with your --profile)'};
		}
		return {
			kind: 'no-credentials',
			message: 'No AWS credentials found: set AWS_PROFILE or AWS_ACCESS_KEY_ID, or try --demo',
		};
	}
	if (name === 'TimeoutError' || name === 'AbortError') return {kind: 'timeout', message: `${service}: request timed out`};
	if (NETWORK.has(code) || NETWORK.has(name) || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH/.test(message)) {
		return {kind: 'network', message: `${service}: network unreachable (${code || name || message})`};
	}
	if (e.$metadata?.httpStatusCode && e.$metadata.httpStatusCode >= 500) {
		return {kind: 'service', message: `${service}: service error ${name || e.$metadata.httpStatusCode}`};
	}
	return {kind: 'other', message: `${service}: ${name && name !== 'Error' ? `${name}: ` : ''}${message}`};
}
