/**
 * Builds the two real AWS SDK clients from standard AWS configuration (default credential chain,
 * AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_CLOUDWATCH/_CLOUDTRAIL, shared config
 * files) plus our flags. The demo uses exactly this path, with an endpoint and static keys.
 */
import {CloudWatchClient} from '@aws-sdk/client-cloudwatch';
import {CloudTrailClient} from '@aws-sdk/client-cloudtrail';
// Both already come with the SDK clients (they are what the clients use by default); we call them
// ourselves to bound the metadata services and to share one chain between the two clients.
import {defaultProvider} from '@aws-sdk/credential-provider-node';
import {loadConfig, loadSharedConfigFiles} from '@smithy/core/config';
import type {AwsCredentialIdentity, AwsCredentialIdentityProvider} from '@smithy/types';
import {CredentialsError, describeAwsError} from './errors.js';
import {guardTimestamps} from './timestamps.js';

/** The SDK clients the layers above are handed; only source/aws/ imports @aws-sdk itself. */
export type {CloudTrailClient, CloudWatchClient};

export type AwsConnectOptions = {
	readonly region?: string;
	readonly profile?: string;
	/** Overrides every AWS_ENDPOINT_URL* variable for both services. */
	readonly endpointUrl?: string;
	/** Static credentials (the demo); otherwise the default chain resolves them. */
	readonly credentials?: {readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string};
	readonly requestTimeoutMs?: number;
};

export type AwsClients = {
	readonly cloudwatch: CloudWatchClient;
	readonly cloudtrail: CloudTrailClient;
	readonly region: string;
	readonly profile: string | null;
	destroy(): void;
};

/** The SDK must never print onto the TUI: all of its log lines are dropped. */
const silentLogger = {
	trace() {},
	debug() {},
	info() {},
	warn() {},
	error() {},
};

/**
 * The clients' logger: silent, and without `info` (or `error`). The SDK's logger middleware calls
 * `logger?.info?.({input: filter(input), output: filter(output)})` after every request, and the
 * filter walks the whole answer against its schema to mask sensitive fields: for a page of 50
 * CloudTrail events that is most of the cost of reading it, thrown away by a logger that prints
 * nothing. Without the method the call, arguments included, is skipped; nothing in the SDK calls
 * either method unguarded.
 */
export const clientLogger = {
	trace() {},
	debug() {},
	warn() {},
} as unknown as typeof silentLogger;

/** Thrown when no region can be resolved; the message says how to fix it (and credentials too, if missing). */
export class MissingRegionError extends Error {
	constructor(readonly credentialsMissing = false) {
		super(
			credentialsMissing
				? 'No AWS credentials or region configured: run aws configure (or aws sso login), or set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION (or --region); or try --demo'
				: 'No AWS region: set AWS_REGION, add "region" to your profile in ~/.aws/config, or pass --region.',
		);
		this.name = 'MissingRegionError';
	}
}

/** Thrown for a region name the SDK refuses outright; the message says "check --region <x>". */
export class InvalidRegionError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InvalidRegionError';
	}
}

/** How long, and how often, the EC2 instance and container metadata services are asked for credentials. */
export type MetadataServiceSettings = {readonly timeoutMs: number; readonly attempts: number};

/**
 * The AWS CLI's settings for the metadata services: `AWS_METADATA_SERVICE_TIMEOUT` (seconds per attempt,
 * default 1) and `AWS_METADATA_SERVICE_NUM_ATTEMPTS` (default 1), or `metadata_service_timeout` /
 * `metadata_service_num_attempts` in the profile. The JS SDK does not read them itself, and its container
 * provider would otherwise try 4 times: off EC2, a blackholed 169.254.169.254 costs at most
 * timeout x (1 + attempts) (a token request, then the IMDSv1 fallback), 2 s by default.
 */
export async function metadataServiceSettings(profile?: string): Promise<MetadataServiceSettings> {
	const read = (env: string, key: string) =>
		loadConfig<string | undefined>(
			{environmentVariableSelector: e => e[env], configFileSelector: p => p[key], default: undefined},
			profile ? {profile} : {},
		)().catch(() => undefined);
	const [timeout, attempts] = await Promise.all([
		read('AWS_METADATA_SERVICE_TIMEOUT', 'metadata_service_timeout'),
		read('AWS_METADATA_SERVICE_NUM_ATTEMPTS', 'metadata_service_num_attempts'),
	]);
	const seconds = Number(timeout);
	const count = Number(attempts);
	return {
		timeoutMs: timeout !== undefined && seconds > 0 && seconds <= 60 ? Math.round(seconds * 1000) : 1000,
		attempts: attempts !== undefined && Number.isInteger(count) && count >= 1 && count <= 10 ? count : 1,
	};
}

/**
 * A failed resolution is reused this long: the two clients, and the calls that follow one another at
 * start (cache key, first polls), then cost one trip through the chain, not three. Later retries walk
 * the chain again, so a fresh `aws sso login` is picked up without a restart.
 */
const FAILURE_REUSE_MS = 2_000;

async function profileExists(profile: string): Promise<boolean> {
	try {
		const {configFile, credentialsFile} = await loadSharedConfigFiles();
		return Object.hasOwn(configFile, profile) || Object.hasOwn(credentialsFile, profile);
	} catch {
		return true; // unreadable files: let the chain say what is wrong
	}
}

/** Credentials are renewed this long before they expire (as the SDK's own chain does). */
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

/**
 * The default credential chain, resolved exactly as the AWS CLI does (environment keys unless a profile is
 * named, SSO / credential_process / assume-role / static keys from the profile, web identity, container
 * credentials, then the EC2 instance role), shared by both clients, with the metadata services bounded
 * by the AWS CLI's settings. Chain failures become CredentialsError, which names the profile.
 */
export function sharedCredentialChain(options: {
	readonly profile?: string;
	readonly metadata: MetadataServiceSettings;
	readonly now?: () => number;
}): AwsCredentialIdentityProvider {
	const now = options.now ?? Date.now;
	const named = options.profile ?? process.env['AWS_PROFILE'];
	const profile = named || 'default';
	const {timeoutMs, attempts} = options.metadata;
	// The container provider for AWS_CONTAINER_CREDENTIALS_FULL_URI (fromHttp) never gives up on an
	// endpoint that accepts the connection and stays silent: its request timeout only logs a warning. So
	// the remote step as a whole gets a deadline: the longest its bounded requests can legitimately take
	// (IMDS: a token, then `attempts` tries for the role name and for the credentials), plus a margin.
	const remoteBudgetMs = timeoutMs * (1 + 2 * attempts) + 250;

	/** One walk through the SDK's chain. A fresh chain each time: a walk abandoned at the deadline keeps its own lock. */
	const walk = (properties?: Parameters<AwsCredentialIdentityProvider>[0]) =>
		new Promise<AwsCredentialIdentity>((resolve, reject) => {
			let timer: NodeJS.Timeout | undefined;
			const startDeadline = () => {
				timer ??= setTimeout(() => {
					const message = `Could not load credentials from any providers (no answer from the metadata service within ${remoteBudgetMs} ms)`;
					reject(Object.assign(new Error(message), {name: 'CredentialsProviderError'}));
				}, remoteBudgetMs);
			};
			const chain = defaultProvider({
				...(options.profile ? {profile: options.profile} : {}),
				logger: {
					...silentLogger,
					debug(message: unknown) {
						if (typeof message === 'string' && message.includes('defaultProvider::remoteProvider')) startDeadline();
					},
				},
				timeout: timeoutMs,
				maxRetries: attempts - 1,
			});
			chain(properties)
				.then(resolve, reject)
				.finally(() => clearTimeout(timer));
		});

	const resolve = async (properties?: Parameters<AwsCredentialIdentityProvider>[0]): Promise<AwsCredentialIdentity> => {
		// As the AWS CLI: a profile that is named but exists nowhere is an error, not a reason to try IMDS.
		if (named && !(await profileExists(named))) throw new CredentialsError(profile, false, new Error(`profile ${named} not found`));
		try {
			return await walk(properties);
		} catch (error) {
			const name = (error as {name?: unknown} | null)?.name;
			if (name !== 'CredentialsProviderError' && name !== 'ProviderError' && name !== 'TokenProviderError') throw error;
			throw new CredentialsError(profile, named ? true : null, error);
		}
	};

	let credentials: AwsCredentialIdentity | null = null;
	let pending: Promise<AwsCredentialIdentity> | null = null;
	let failure: {error: unknown; at: number} | null = null;
	return properties => {
		const force = (properties as {forceRefresh?: boolean} | undefined)?.forceRefresh === true;
		const expiry = credentials?.expiration?.getTime() ?? Infinity;
		if (credentials && !force && expiry - now() > REFRESH_BEFORE_EXPIRY_MS) return Promise.resolve(credentials);
		if (failure && !force && now() - failure.at < FAILURE_REUSE_MS) return Promise.reject(failure.error);
		pending ??= resolve(properties)
			.then(
				resolved => {
					credentials = resolved;
					failure = null;
					return resolved;
				},
				(error: unknown) => {
					failure = {error, at: now()};
					throw error;
				},
			)
			.finally(() => {
				pending = null;
			});
		return pending;
	};
}

/** Silences the SDK's Node-version warning; call before the first client is created. */
export function quietSdkWarnings(env: NodeJS.ProcessEnv = process.env): void {
	env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
}

export async function createAwsClients(options: AwsConnectOptions = {}): Promise<AwsClients> {
	quietSdkWarnings();
	const credentials =
		options.credentials ??
		sharedCredentialChain({
			...(options.profile ? {profile: options.profile} : {}),
			metadata: await metadataServiceSettings(options.profile ?? process.env['AWS_PROFILE']),
		});
	const common = {
		...(options.region ? {region: options.region} : {}),
		...(options.profile ? {profile: options.profile} : {}),
		...(options.endpointUrl ? {endpoint: options.endpointUrl} : {}),
		credentials,
		logger: clientLogger,
		requestHandler: {
			requestTimeout: options.requestTimeoutMs ?? 10_000,
			throwOnRequestTimeout: true,
		},
	};
	const cloudwatch = new CloudWatchClient(common);
	// LookupEvents is limited to 2 TPS for the whole account: the tail paces and retries itself so that
	// every request it makes is counted; the SDK's hidden retries would break that budget.
	const cloudtrail = new CloudTrailClient({...common, maxAttempts: 1});
	// A malformed timestamp must cost its item, not the whole answer (source/aws/timestamps.ts).
	guardTimestamps(cloudwatch);
	guardTimestamps(cloudtrail);
	// The chain starts now, beside the region lookup (which may itself ask IMDS): off EC2 both wait on
	// 169.254.169.254 at the same time instead of one after the other. Nobody waits for it here unless
	// the region is missing; the first request joins it.
	const resolving = cloudwatch.config.credentials().then(
		() => null,
		(error: unknown) => error,
	);
	let region: string | undefined;
	try {
		region = await cloudwatch.config.region();
	} catch (error) {
		// The SDK refuses a region that cannot be part of a host name (Region not accepted: ...).
		const described = describeAwsError(error, 'AWS');
		if (described.kind === 'unknown-region') {
			cloudwatch.destroy();
			cloudtrail.destroy();
			throw new InvalidRegionError(described.message);
		}
		region = undefined;
	}
	if (!region) {
		// On a machine with nothing configured, say everything that is missing at once.
		const failure = await resolving;
		cloudwatch.destroy();
		cloudtrail.destroy();
		throw new MissingRegionError(failure !== null && describeAwsError(failure, 'AWS').kind === 'no-credentials');
	}
	return {
		cloudwatch,
		cloudtrail,
		region,
		profile: options.profile ?? process.env['AWS_PROFILE'] ?? null,
		destroy() {
			cloudwatch.destroy();
			cloudtrail.destroy();
		},
	};
}
