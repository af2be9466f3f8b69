/**
 * Command-line flags (meow) turned into validated options. Bad input gives one line naming the problem and
 * the fix; nothing here touches AWS or the terminal.
 */
import meow from 'meow';
import {DEFAULT_METRICS, findMetric} from '../iot/catalog.js';
import {parseDuration} from './duration.js';
import {SENSITIVITY, type Sensitivity} from '../baseline/severity.js';
import packageJson from '../../package.json' with {type: 'json'};

export const HELP = `
  Usage
    $ iot-monitor [options]            live terminal UI for AWS IoT Core
    $ iot-monitor --demo               the same UI on a built-in simulated account
    $ iot-monitor --once --json        print one snapshot as JSON and exit
    $ iot-monitor simulate --port N    run the embedded AWS-compatible endpoint alone
    $ iot-monitor tail --json          stream IoT control-plane events as JSON lines until interrupted

  Options
    --region <name>        AWS region (default: AWS_REGION, then your profile's region)
    --profile <name>       AWS profile from ~/.aws/config (default: AWS_PROFILE, then default)
    --endpoint-url <url>   send CloudWatch and CloudTrail calls to this endpoint
    --demo                 start the embedded endpoint in-process and monitor it (no AWS account needed)
    --once                 one refresh, print, exit: 0 OK, 1 WARN, 2 CRIT, 3 UNKNOWN (Nagios-style)
    --json                 with --once: print JSON
    --metrics <a,b,...>    metric names to monitor (default: the nine baseline + error metrics)
    --lookback <dur>       CloudTrail history to load at start, e.g. 90m, 3h (default 3h)
    --since <dur>          tail: the same as --lookback
    --max-events <n>       CloudTrail events kept in memory (default 10000; older ones are dropped)
    --trail-rate <r>       LookupEvents requests per second we allow ourselves (default 1; AWS allows
                           2 per account and region, shared with everyone)
    --tail-interval <dur>  pause between CloudTrail polls (default 5s)
    --sensitivity <level>  low, normal (default) or high: how big a deviation must be to flag
    --rebaseline           ignore the cached baselines and relearn 14 days of history
    --port <n>             simulate: port to listen on (default 4566; 0 picks a free one)
    --seed <n>             simulate/demo: fleet seed (default 1)
    --quiet-fleet          simulate/demo: the same fleet without incidents
    --version, --help

  Keys: q quit · j/k or ↑/↓ move · PgUp/PgDn page · g/G newest/oldest · p pause · r refresh · ? help
`;

export type Command =
	| {kind: 'monitor'; options: MonitorCliOptions}
	| {kind: 'simulate'; port: number; seed: number; quiet: boolean}
	| {kind: 'tail'; options: MonitorCliOptions};

export type MonitorCliOptions = {
	readonly demo: boolean;
	readonly once: boolean;
	readonly json: boolean;
	readonly region?: string;
	readonly profile?: string;
	readonly endpointUrl?: string;
	readonly metrics: readonly string[];
	readonly lookbackMs: number;
	readonly tailIntervalMs: number;
	readonly seed: number;
	readonly quietFleet: boolean;
	readonly sensitivity: Sensitivity;
	readonly rebaseline: boolean;
	readonly maxEvents: number;
	readonly trailRate: number;
};

/** A user error: printed as one line, exit code 2. */
export class UsageError extends Error {
	override name = 'UsageError';
}

export function parseArgs(argv: readonly string[]): Command {
	const cli = meow(HELP, {
		// Only its url is read; the bundle (CommonJS, scripts/build.mjs) defines import.meta.url alone.
		importMeta: {url: import.meta.url} as ImportMeta,
		// Our own package, not whatever package.json meow would find above the installed bundle.
		pkg: {name: packageJson.name, version: packageJson.version, description: packageJson.description, bin: packageJson.bin},
		argv: [...argv],
		allowUnknownFlags: false,
		flags: {
			region: {type: 'string'},
			profile: {type: 'string'},
			endpointUrl: {type: 'string'},
			demo: {type: 'boolean', default: false},
			once: {type: 'boolean', default: false},
			json: {type: 'boolean', default: false},
			metrics: {type: 'string'},
			lookback: {type: 'string', default: '3h'},
			since: {type: 'string'},
			maxEvents: {type: 'number', default: 10_000},
			trailRate: {type: 'number', default: 1},
			tailInterval: {type: 'string', default: '5s'},
			port: {type: 'number', default: 4566},
			seed: {type: 'number', default: 1},
			quietFleet: {type: 'boolean', default: false},
			sensitivity: {type: 'string', default: 'normal'},
			rebaseline: {type: 'boolean', default: false},
		},
	});
	const f = cli.flags;
	const [command, ...rest] = cli.input;
	if (rest.length > 0 || (command !== undefined && command !== 'simulate' && command !== 'tail')) {
		throw new UsageError(`unknown command "${cli.input.join(' ')}"; run iot-monitor --help`);
	}
	if (!Number.isInteger(f.seed)) throw new UsageError('--seed must be an integer, e.g. --seed 7');
	if (command === 'simulate') {
		if (!Number.isInteger(f.port) || f.port < 0 || f.port > 65535) {
			throw new UsageError(`--port ${f.port} is not a port; use 0-65535 (0 picks a free one)`);
		}
		return {kind: 'simulate', port: f.port, seed: f.seed, quiet: f.quietFleet};
	}
	if (f.json && !f.once && command !== 'tail') {
		throw new UsageError('--json needs --once or tail (e.g. iot-monitor --once --json)');
	}
	const lookbackText = f.since ?? f.lookback;
	const lookbackMs = parseDuration(lookbackText);
	if (lookbackMs === null || lookbackMs > 90 * 86_400_000) {
		throw new UsageError(`--${f.since ? 'since' : 'lookback'} "${lookbackText}" is not a duration up to 90d; use e.g. 90m, 3h or 2d`);
	}
	const tailIntervalMs = parseDuration(f.tailInterval);
	if (tailIntervalMs === null || tailIntervalMs < 1000) {
		throw new UsageError(`--tail-interval "${f.tailInterval}" must be at least 1s, e.g. 5s`);
	}
	const metrics = f.metrics ? f.metrics.split(',').map(name => name.trim()).filter(Boolean) : [...DEFAULT_METRICS];
	const unknown = metrics.find(name => !findMetric(name));
	if (unknown) throw new UsageError(`--metrics: unknown metric "${unknown}"; see the README for the catalog`);
	if (f.endpointUrl !== undefined && !/^https?:\/\/.+/.test(f.endpointUrl)) {
		throw new UsageError(`--endpoint-url "${f.endpointUrl}" is not an http(s) URL`);
	}
	if (!Number.isInteger(f.maxEvents) || f.maxEvents < 100 || f.maxEvents > 1_000_000) {
		throw new UsageError(`--max-events ${f.maxEvents} must be a whole number from 100 to 1000000`);
	}
	if (!(f.trailRate > 0 && f.trailRate <= 2)) {
		throw new UsageError(`--trail-rate ${f.trailRate} must be above 0 and at most 2 (the LookupEvents quota), e.g. 0.5`);
	}
	if (!(f.sensitivity in SENSITIVITY)) {
		throw new UsageError(`--sensitivity "${f.sensitivity}" is not one of low, normal, high`);
	}
	return {
		kind: command === 'tail' ? 'tail' : 'monitor',
		options: {
			demo: f.demo,
			once: f.once,
			json: f.json,
			...(f.region ? {region: f.region} : {}),
			...(f.profile ? {profile: f.profile} : {}),
			...(f.endpointUrl ? {endpointUrl: f.endpointUrl} : {}),
			metrics,
			lookbackMs,
			tailIntervalMs,
			seed: f.seed,
			quietFleet: f.quietFleet,
			sensitivity: f.sensitivity as Sensitivity,
			rebaseline: f.rebaseline,
			maxEvents: f.maxEvents,
			trailRate: f.trailRate,
		},
	};
}
