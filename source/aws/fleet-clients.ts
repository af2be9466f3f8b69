/**
 * Fleet mode's clients: per watched region one CloudWatch, one CloudTrail and one CloudWatch Logs client,
 * all sharing the first region's credential chain (one SSO session, one metadata-service walk). The first
 * region is built by createAwsClients, so a missing or invalid region or credentials fail exactly as in
 * single-scope mode.
 */
import {CloudTrailClient} from '@aws-sdk/client-cloudtrail';
import {CloudWatchClient} from '@aws-sdk/client-cloudwatch';
import {CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs';
import {clientLogger, createAwsClients, type AwsConnectOptions} from './clients.js';
import {readLinkLabels, type LinkLabels} from './oam.js';

export type RegionClients = {
	readonly region: string;
	readonly cloudwatch: CloudWatchClient;
	readonly cloudtrail: CloudTrailClient;
	readonly logs: CloudWatchLogsClient;
};

export type FleetClients = {
	/** In the order the regions were given (the first one is the default region when none were). */
	readonly regions: readonly RegionClients[];
	readonly profile: string | null;
	/** The caller's account id when the credentials carry it (SSO, some chains), else null. */
	callerAccount(): Promise<string | null>;
	/**
	 * The OAM link labels of the linked accounts, read from every watched region's sink (the first label
	 * seen for an account wins); `error` says why some could not be read (e.g. no oam:ListAttachedLinks).
	 */
	linkLabels(signal?: AbortSignal): Promise<LinkLabels>;
	/** Clients for a region not in the list (e.g. the home region of an organization trail's log group). */
	extra(region: string): RegionClients;
	destroy(): void;
};


export async function createFleetClients(options: AwsConnectOptions & {readonly regions: readonly string[]}): Promise<FleetClients> {
	const first = await createAwsClients({...options, ...(options.regions[0] ? {region: options.regions[0]} : {})});
	const credentials = first.cloudwatch.config.credentials;
	const common = (region: string) => ({
		region,
		...(options.profile ? {profile: options.profile} : {}),
		...(options.endpointUrl ? {endpoint: options.endpointUrl} : {}),
		credentials,
		// Silent, and without info: the SDK then skips filtering every answer for a log nobody reads.
		logger: clientLogger,
		requestHandler: {requestTimeout: options.requestTimeoutMs ?? 10_000, throwOnRequestTimeout: true},
	});
	// Our own pacing counts every FilterLogEvents and LookupEvents request: no hidden SDK retries there.
	const logsFor = (region: string) => new CloudWatchLogsClient({...common(region), maxAttempts: 1});
	const built: RegionClients[] = [{region: first.region, cloudwatch: first.cloudwatch, cloudtrail: first.cloudtrail, logs: logsFor(first.region)}];
	const make = (region: string): RegionClients => ({
		region,
		cloudwatch: new CloudWatchClient(common(region)),
		cloudtrail: new CloudTrailClient({...common(region), maxAttempts: 1}),
		logs: logsFor(region),
	});
	for (const region of options.regions.slice(1)) if (region !== first.region) built.push(make(region));
	const extras = new Map<string, RegionClients>();
	// The OAM client predates AWS_ENDPOINT_URL_*: the same variables, read here.
	const env = process.env;
	const oamEndpoint =
		options.endpointUrl ??
		(env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'] === 'true' ? undefined : (env['AWS_ENDPOINT_URL_OAM'] ?? env['AWS_ENDPOINT_URL']));
	const all = () => [...built, ...extras.values()];
	return {
		regions: built,
		profile: first.profile,
		async callerAccount() {
			try {
				const id = (await credentials()).accountId;
				return typeof id === 'string' && /^\d{12}$/.test(id) ? id : null;
			} catch {
				return null;
			}
		},
		async linkLabels(signal) {
			const answers = await Promise.all(
				built.map(clients =>
					readLinkLabels({region: clients.region, credentials, timeoutMs: options.requestTimeoutMs ?? 10_000, ...(oamEndpoint ? {endpoint: oamEndpoint} : {})}, signal),
				),
			);
			const labels = new Map<string, string>();
			for (const answer of answers) for (const [account, label] of answer.labels) if (!labels.has(account)) labels.set(account, label);
			return {labels, error: answers.find(answer => answer.error !== null)?.error ?? null};
		},
		extra(region) {
			const known = built.find(clients => clients.region === region) ?? extras.get(region);
			if (known) return known;
			const clients = make(region);
			extras.set(region, clients);
			return clients;
		},
		destroy() {
			for (const clients of all()) {
				clients.cloudwatch.destroy();
				clients.cloudtrail.destroy();
				clients.logs.destroy();
			}
		},
	};
}
