/**
 * Builds the two real AWS SDK clients from standard AWS configuration (default credential chain,
 * AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_CLOUDWATCH/_CLOUDTRAIL, shared config
 * files) plus our flags. The demo uses exactly this path, with an endpoint and static keys.
 */
import {CloudWatchClient} from '@aws-sdk/client-cloudwatch';
import {CloudTrailClient} from '@aws-sdk/client-cloudtrail';

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

/** Thrown when no region can be resolved; the message says how to fix it. */
export class MissingRegionError extends Error {
	constructor() {
		super('No AWS region: set AWS_REGION, add "region" to your profile in ~/.aws/config, or pass --region.');
		this.name = 'MissingRegionError';
	}
}

/** Silences the SDK's Node-version warning; call before the first client is created. */
export function quietSdkWarnings(env: NodeJS.ProcessEnv = process.env): void {
	env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
}

export async function createAwsClients(options: AwsConnectOptions = {}): Promise<AwsClients> {
	quietSdkWarnings();
	const common = {
		...(options.region ? {region: options.region} : {}),
		...(options.profile ? {profile: options.profile} : {}),
		...(options.endpointUrl ? {endpoint: options.endpointUrl} : {}),
		...(options.credentials ? {credentials: options.credentials} : {}),
		logger: silentLogger,
		requestHandler: {
			requestTimeout: options.requestTimeoutMs ?? 10_000,
			throwOnRequestTimeout: true,
		},
	};
	const cloudwatch = new CloudWatchClient(common);
	// LookupEvents is limited to 2 TPS for the whole account: the tail paces and retries itself so that
	// every request it makes is counted; the SDK's hidden retries would break that budget.
	const cloudtrail = new CloudTrailClient({...common, maxAttempts: 1});
	let region: string | undefined;
	try {
		region = await cloudwatch.config.region();
	} catch {
		region = undefined;
	}
	if (!region) {
		cloudwatch.destroy();
		cloudtrail.destroy();
		throw new MissingRegionError();
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
