/**
 * The simulated AWS Organization behind the embedded endpoint: a monitoring account with OAM-linked
 * source accounts, and one independent fleet per account and region (each its own seed), created when
 * first asked for. The monitoring account in us-east-1 is exactly the single-account fleet of old (same
 * seed, same incidents), so everything that never names another account or region is unchanged.
 * Fault hooks: an account that denies access, a region that is not enabled.
 */
import {createFleet, type Fleet} from './fleet.js';
import {createIncidentBook, type IncidentBook} from './incidents.js';
import {hash, hashString} from './random.js';

/** The monitoring account: the one the simulated credentials belong to. */
export const SIM_MONITORING_ACCOUNT = '123456789012';
/** Region of a request without a readable SigV4 credential scope, and of the classic single fleet. */
export const SIM_HOME_REGION = 'us-east-1';
/** The organization trail's log group, as AWS Control Tower names it. */
export const SIM_TRAIL_GROUP = 'aws-controltower/CloudTrailLogs';
/** The organization id in log stream names. */
export const SIM_ORG_ID = 'o-sim1234567';

export type ScopeRef = {readonly account: string; readonly region: string};

export type OrgOptions = {
	/** OAM-linked source accounts (12 digits each); none by default. */
	readonly linkedAccounts?: readonly string[];
	/** Regions whose records the organization trail carries (default us-east-1 and eu-west-1). */
	readonly trailRegions?: readonly string[];
	/** Region holding the organization trail's log group (default us-east-1); null: there is none. */
	readonly trailHome?: string | null;
	/** The scope that lives through the demo incidents (default: the monitoring account in us-east-1). */
	readonly incidentScope?: ScopeRef;
	/** OAM link labels of linked accounts (default: the account id, as a link made without a label template). */
	readonly linkLabels?: Readonly<Record<string, string>>;
};

export type Org = {
	readonly monitoring: string;
	readonly linked: readonly string[];
	/** The monitoring account first, then the linked ones. */
	readonly accounts: readonly string[];
	readonly trailRegions: readonly string[];
	readonly trailHome: string | null;
	readonly incidentScope: ScopeRef;
	readonly linkLabels: Readonly<Record<string, string>>;
	isIncidentScope(scope: ScopeRef): boolean;
	/** Seed of one scope: the base seed for the monitoring account's home region. */
	seedOf(scope: ScopeRef): number;
	fleet(scope: ScopeRef): Fleet;
	incidents(scope: ScopeRef): IncidentBook;
	/** Whether the account is the monitoring account or linked to it. */
	knows(account: string): boolean;
	denyAccount(account: string): void;
	isDenied(account: string): boolean;
	disableRegion(region: string): void;
	isDisabled(region: string): boolean;
};

const key = (scope: ScopeRef) => `${scope.account}/${scope.region}`;

export function createOrg(options: OrgOptions & {seed: number; startedAt: number; quiet: boolean}): Org {
	const monitoring = SIM_MONITORING_ACCOUNT;
	const linked = [...new Set(options.linkedAccounts ?? [])].filter(account => account !== monitoring);
	const accounts = [monitoring, ...linked];
	const incidentScope = options.incidentScope ?? {account: monitoring, region: SIM_HOME_REGION};
	const fleets = new Map<string, Fleet>();
	const books = new Map<string, IncidentBook>();
	const denied = new Set<string>();
	const disabled = new Set<string>();
	const isIncidentScope = (scope: ScopeRef) => scope.account === incidentScope.account && scope.region === incidentScope.region;
	const seedOf = (scope: ScopeRef) =>
		scope.account === monitoring && scope.region === SIM_HOME_REGION
			? options.seed
			: hash(options.seed, hashString(scope.account), hashString(scope.region)) & 0x7fffffff;
	const incidents = (scope: ScopeRef): IncidentBook => {
		let book = books.get(key(scope));
		if (!book) {
			// Only the incident scope lives through the demo schedule and the historical incidents.
			book = createIncidentBook({seed: seedOf(scope), startedAt: options.startedAt, quiet: options.quiet || !isIncidentScope(scope)});
			books.set(key(scope), book);
		}
		return book;
	};
	return {
		monitoring,
		linked,
		accounts,
		trailRegions: options.trailRegions ?? [SIM_HOME_REGION, 'eu-west-1'],
		trailHome: options.trailHome === undefined ? SIM_HOME_REGION : options.trailHome,
		incidentScope,
		linkLabels: options.linkLabels ?? {},
		isIncidentScope,
		seedOf,
		fleet(scope) {
			let fleet = fleets.get(key(scope));
			if (!fleet) {
				fleet = createFleet({seed: seedOf(scope), incidents: incidents(scope)});
				fleets.set(key(scope), fleet);
			}
			return fleet;
		},
		incidents,
		knows: account => accounts.includes(account),
		denyAccount: account => void denied.add(account),
		isDenied: account => denied.has(account),
		disableRegion: region => void disabled.add(region),
		isDisabled: region => disabled.has(region),
	};
}

/**
 * The region of a request, from its SigV4 credential scope
 * (`Credential=AKID/20261203/eu-west-1/monitoring/aws4_request`); the home region when there is none.
 */
export function regionOfRequest(authorization: string | undefined): string {
	const match = /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\/[^/,\s]+\/aws4_request/.exec(authorization ?? '');
	return match?.[1] ?? SIM_HOME_REGION;
}
