/**
 * Turns whatever an SDK call threw into one line a person can act on. CloudWatch (query-compatible JSON)
 * and CloudTrail spell the same error differently (Throttling vs ThrottlingException, AccessDenied vs
 * AccessDeniedException, ExpiredToken vs ExpiredTokenException, InvalidClientTokenId vs
 * UnrecognizedClientException), so both spellings are matched.
 */

export type ErrorKind =
	| 'throttled'
	| 'access-denied'
	/** An SSO profile whose login has expired or was never made: `aws sso login --profile X`. */
	| 'sso-expired'
	| 'expired-credentials'
	/** Keys AWS does not accept (unknown key id, wrong secret). */
	| 'invalid-credentials'
	| 'no-credentials'
	/** A region name that is not one, or whose service host does not resolve. */
	| 'unknown-region'
	| 'clock-skew'
	| 'network'
	| 'timeout'
	| 'service'
	| 'other';

export type DescribedError = {
	readonly kind: ErrorKind;
	/** One line that says what happened and what to do. */
	readonly message: string;
	/** For access-denied: the IAM action that is missing, e.g. `cloudtrail:LookupEvents`, when known. */
	readonly action?: string;
};

/**
 * A failure of the default credential chain, carrying the profile it was resolving so that messages can
 * name it (`aws sso login --profile X`). Named like the SDK's own error so it is classified the same way.
 */
export class CredentialsError extends Error {
	override readonly name = 'CredentialsProviderError';
	/** The chain is done: nothing else will be tried (as the SDK's final error). */
	readonly tryNextLink = false;
	constructor(
		/** The profile the chain resolved (`--profile`, else AWS_PROFILE, else `default`). */
		readonly profile: string,
		/** Whether a profile named explicitly exists in the shared files; null when none was named. */
		readonly profileFound: boolean | null,
		override readonly cause: unknown,
	) {
		super(cause instanceof Error ? cause.message : String(cause));
	}
}

const THROTTLING = new Set([
	'Throttling',
	'ThrottlingException',
	'ThrottledException',
	'RequestThrottledException',
	'TooManyRequestsException',
	'RequestLimitExceeded',
	'LimitExceededException',
	'RequestThrottled',
	'SlowDown',
]);
const DENIED = new Set([
	'AccessDenied',
	'AccessDeniedException',
	'UnauthorizedOperation',
	'UnauthorizedException',
	'OperationNotPermittedException',
]);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException']);
const INVALID = new Set([
	'InvalidClientTokenId',
	'UnrecognizedClientException',
	'SignatureDoesNotMatch',
	'InvalidSignatureException',
	'IncompleteSignature',
	'IncompleteSignatureException',
	'MissingAuthenticationToken',
	'MissingAuthenticationTokenException',
	'InvalidAccessKeyId',
	'AuthFailure',
]);
const CLOCK = new Set(['RequestExpired', 'RequestTimeTooSkewed', 'RequestInTheFuture']);
const UNREACHABLE = new Set(['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EPIPE', 'ECONNABORTED']);

/**
 * Every AWS region name has this shape (the partitions' region patterns in the SDK's endpoint rules:
 * aws, aws-cn, aws-us-gov, the ISO partitions and the European Sovereign Cloud).
 */
const REGION_NAME = /^(?:(?:us|eu|ap|sa|ca|me|af|il|mx|cn)(?:-(?:gov|iso|isob|isoe|isof))?|eusc-de)-[a-z]+-\d+$/;

/** True when `name` has the shape of an AWS region name (us-east-1, cn-north-1, us-gov-west-1, ...). */
export function isAwsRegionName(name: string): boolean {
	return REGION_NAME.test(name);
}

/** The default service host the SDK builds from the region: monitoring.<region>.amazonaws.com and the like. */
const SERVICE_HOST = /^(?:monitoring|cloudtrail|sts)(?:-fips)?\.([^.]+)\.(?:amazonaws\.com(?:\.cn)?|api\.aws)$/;

type ErrorShape = {
	name?: unknown;
	message?: unknown;
	code?: unknown;
	hostname?: unknown;
	address?: unknown;
	port?: unknown;
	profile?: unknown;
	profileFound?: unknown;
	$metadata?: {httpStatusCode?: number};
	$response?: unknown;
};

/** True for a throttled request in either client's spelling (or HTTP 429), as the SDK's retry logic sees it. */
export function isThrottlingError(error: unknown): boolean {
	const e: ErrorShape = typeof error === 'object' && error !== null ? (error as ErrorShape) : {};
	return THROTTLING.has(text(e.name)) || e.$metadata?.httpStatusCode === 429;
}

function firstLine(text: string): string {
	return (text.split('\n')[0] ?? '').trim();
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Classifies an error thrown by an SDK call made for `service` ("CloudWatch", "CloudTrail"); `operation`
 * is the API that failed (e.g. "GetMetricData"), so that a denial can name the IAM action even when
 * AWS's message does not.
 */
export function describeAwsError(error: unknown, service: string, operation?: string): DescribedError {
	const e: ErrorShape = typeof error === 'object' && error !== null ? (error as ErrorShape) : {};
	const name = text(e.name);
	const code = text(e.code);
	const message = firstLine(text(e.message) || String(error));
	const status = e.$metadata?.httpStatusCode;
	const call = operation ?? 'its API';

	if (name === 'CredentialsProviderError' || name === 'TokenProviderError') return describeCredentials(e, message);

	if (isThrottlingError(error)) {
		return {
			kind: 'throttled',
			message:
				service === 'CloudTrail'
					? `CloudTrail is throttling ${call} (2 requests/s per account, shared): backing off; lower --trail-rate if it persists`
					: `${service} is throttling ${call}: backing off and retrying`,
		};
	}
	if (DENIED.has(name)) {
		const named = /perform: ([\w-]+:[\w*]+)/.exec(message)?.[1];
		const action = named ?? (operation ? `${service.toLowerCase()}:${operation}` : undefined);
		return action
			? {kind: 'access-denied', action, message: `${service}: access denied for ${action}: add it to your IAM policy (see README)`}
			: {kind: 'access-denied', message: `${service}: access denied (${message}): check your IAM policy (see README)`};
	}
	if (EXPIRED.has(name)) {
		return {
			kind: 'expired-credentials',
			message: `${service}: AWS credentials have expired (${name}): get fresh ones (aws sso login, aws configure or new AWS_* keys) and restart iot-monitor`,
		};
	}
	if (INVALID.has(name)) {
		return {
			kind: 'invalid-credentials',
			message: `${service}: AWS rejected the credentials (${name}): check the access key and secret in use (aws configure list shows where they come from), then restart iot-monitor`,
		};
	}
	if (CLOCK.has(name)) {
		return {kind: 'clock-skew', message: `${service}: AWS rejected the request time (${name}): check this machine's clock (NTP)`};
	}

	const region = /^Region not accepted: region="([^"]*)"/.exec(message)?.[1];
	if (region !== undefined) {
		return {kind: 'unknown-region', message: `"${region}" is not an AWS region name: check --region ${region} (e.g. us-east-1)`};
	}
	if (code === 'ENOTFOUND') {
		const host = text(e.hostname) || (/ENOTFOUND (\S+)/.exec(message)?.[1] ?? '');
		const hostRegion = SERVICE_HOST.exec(host)?.[1];
		if (hostRegion !== undefined) {
			return {
				kind: 'unknown-region',
				message: isAwsRegionName(hostRegion)
					? `${service}: cannot resolve ${host} (ENOTFOUND): check --region ${hostRegion} and your DNS`
					: `"${hostRegion}" is not an AWS region name (${host} does not resolve): check --region ${hostRegion} (e.g. us-east-1)`,
			};
		}
		return {
			kind: 'network',
			message: `${service}: cannot resolve ${host || 'the endpoint host'} (ENOTFOUND): check --endpoint-url / AWS_ENDPOINT_URL and your DNS`,
		};
	}
	if (code === 'EAI_AGAIN') {
		return {kind: 'network', message: `${service}: DNS lookup failed (EAI_AGAIN): check your network and DNS; retrying`};
	}
	if (code === 'ECONNREFUSED') {
		const where = typeof e.address === 'string' ? ` ${e.address}${typeof e.port === 'number' ? `:${e.port}` : ''}` : '';
		return {
			kind: 'network',
			message: `${service}: connection refused by${where || ' the endpoint'} (ECONNREFUSED): check --endpoint-url, your network or proxy; retrying`,
		};
	}
	if (code === 'ECONNRESET') {
		return {kind: 'network', message: `${service}: connection reset (ECONNRESET): retrying; check your network or proxy if it persists`};
	}
	if (name === 'TimeoutError' || name === 'RequestTimeout' || name === 'RequestTimeoutException') {
		return {kind: 'timeout', message: `${service}: ${call} got no answer in time (${name}): check your network or proxy; retrying`};
	}
	if (UNREACHABLE.has(code)) {
		return {kind: 'network', message: `${service}: network unreachable (${code}): check your network or proxy; retrying`};
	}
	if (status !== undefined && status >= 500) {
		return {kind: 'service', message: `${service}: AWS service error (${name || 'HTTP'} ${status}) on ${call}; retrying`};
	}
	if (name === 'SyntaxError' || (e.$response !== undefined && /Deserialization error/.test(text(e.message)))) {
		return {kind: 'service', message: `${service}: unreadable answer to ${call} (${message}); retrying`};
	}
	return {kind: 'other', message: `${service}: ${name && name !== 'Error' ? `${name}: ` : ''}${message}`};
}

/** The credential chain failed before any request was sent. */
function describeCredentials(e: ErrorShape, message: string): DescribedError {
	const profile = text(e.profile) || (/profile=([\w.@+-]+)/.exec(message)?.[1] ?? '');
	if (/\bsso\b/i.test(message)) {
		const login = profile ? `aws sso login --profile ${profile}` : 'aws sso login --profile <your profile>';
		const missing = /not found or is invalid/.test(message);
		return {
			kind: 'sso-expired',
			message: missing
				? `No AWS SSO login for profile ${profile || '(unknown)'}: run ${login}`
				: `AWS SSO session for profile ${profile || '(unknown)'} has expired: run ${login}`,
		};
	}
	if (e.profileFound === false) {
		return {
			kind: 'no-credentials',
			message: `AWS profile "${profile}" not found in ~/.aws/config or ~/.aws/credentials: check --profile / AWS_PROFILE (aws configure list-profiles), or try --demo`,
		};
	}
	if (/Could not load credentials from any providers/.test(message)) {
		return {
			kind: 'no-credentials',
			message:
				e.profileFound === true
					? `AWS profile "${profile}" gave no credentials: check it with aws sts get-caller-identity --profile ${profile}, or try --demo`
					: 'No AWS credentials found: run aws configure or aws sso login, or set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; or try --demo',
		};
	}
	const which = profile ? ` for profile "${profile}"` : '';
	return {
		kind: 'no-credentials',
		message: `AWS credentials${which} could not be loaded (${message}): fix the profile in ~/.aws/config, or try --demo`,
	};
}
