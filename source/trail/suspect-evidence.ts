/**
 * The evidence that one control-plane change explains a deviation is the product of four weights:
 *
 * - kind: what the change can do to device traffic (the risk catalog, source/iot/operations.ts, refined
 *   by what the call asked for) against what moved: policies (what devices may do) for publish drops and
 *   publish/subscribe auth errors, certificates, CAs and authorizers (who can connect) for connect drops
 *   and every kind of auth error, jobs and OTA updates (work sent to devices: downloads, restarts) for connect
 *   storms, topic rules and their destinations for the rules metrics. 1 = can explain it directly.
 * - strength: how strongly that particular call can do it (a policy version put in force: 1; one made
 *   but not put in force: almost 0; a certificate revoked: 1, activated: 0);
 * - reach: a change that reaches one device (a policy detached from one certificate) can hardly explain
 *   a fleet-wide drop (0.3); one device retrying can make an error burst, though a change that reaches a
 *   group or the fleet explains one better (0.7);
 * - time: a change takes a while to show: AWS IoT applies policy changes within 6-8 minutes (its policy
 *   cache), certificates and authorizers are checked when devices connect, devices need minutes to
 *   download and install firmware. Within that delay a change counts fully; older ones count half as much
 *   for every further delay of the same length (the window reaches 30 minutes back).
 */
import {CATALOG} from '../iot/catalog.js';
import type {OperationImpact} from '../iot/operations.js';

const MINUTE = 60_000;

export type Direction = 'up' | 'down';
export type Relevance = Readonly<Record<OperationImpact, number>>;

/** What moved, as far as explaining it goes. */
export type Deviation = {
	readonly metric: string;
	readonly direction: Direction | null;
	/** Per impact: can such a change explain this deviation (1), contribute (0.3-0.7), hardly (0)? */
	readonly relevance: Relevance;
	/** A fleet-wide volume (successes, rule executions) rather than a count of errors. */
	readonly volume: boolean;
	/** How much of this deviation a change that reaches one device can explain (ONE_DEVICE_REACH). */
	readonly oneDevice: number;
	/** "drop", "rise" or "deviation". */
	readonly noun: string;
};

const rel = (credentials: number, permissions: number, deploy: number, route: number, grant: number): Relevance => ({
	credentials,
	permissions,
	deploy,
	route,
	grant,
	none: 0,
});

/**
 * The reach of a change to one device (a certificate, a thing, a policy detached from one certificate):
 * it can hardly move a fleet-wide volume; one device retrying can make an error burst, but a change that
 * reaches a thing group or the fleet (a policy version, a CA, an authorizer) explains one better.
 */
export const ONE_DEVICE_REACH = {volume: 0.3, errors: 0.7} as const;

/**
 * Relevance by metric and direction of change; [down, up] (a metric that only goes wrong one way has that).
 * Auth errors: a device is refused at CONNECT when its credentials are gone (a certificate revoked or
 * deactivated, its CA deactivated, the authorizer changed) or its policy no longer allows iot:Connect;
 * it is refused a PUBLISH or SUBSCRIBE when its policy no longer allows that topic (a policy version in
 * force that narrows it, a policy detached), and when its credentials are gone everything it tries
 * fails (an authorizer's answer is the policy too). So credentials explain connect auth errors fully and
 * publish/subscribe ones nearly as well; policies explain publish/subscribe ones fully, connect ones
 * partly.
 */
function relevanceOf(metric: string): {volume: boolean; down: Relevance | null; up: Relevance | null} {
	if (/^Connect\.AuthError$/.test(metric)) return {volume: false, down: null, up: rel(1, 0.6, 0.4, 0, 0)};
	if (/AuthError$/.test(metric)) return {volume: false, down: null, up: rel(1, 1, 0.4, 0, 0)};
	if (/Throttle$|^RuleMessageThrottled$/.test(metric)) return {volume: false, down: null, up: rel(0.2, 0.2, 1, metric.startsWith('Rule') ? 0.7 : 0, 0.4)};
	if (/ClientError$/.test(metric)) return {volume: false, down: null, up: rel(0.5, 0.5, 0.8, 0, 0.1)};
	if (/ServerError$/.test(metric)) return {volume: false, down: null, up: rel(0.3, 0.3, 0.3, 0.3, 0)};
	if (/^(Failure|ParseError|RuleNotFound|ErrorAction\w*)$/.test(metric)) return {volume: false, down: null, up: rel(0.1, 0.1, 0.4, 1, 0)};
	// RulesExecuted counts every rule of the account: one rule changed moves only its share of it.
	if (metric === 'RulesExecuted') return {volume: true, down: rel(0.6, 0.8, 0.4, 0.6, 0), up: rel(0.2, 0.2, 0.7, 0.6, 0.2)};
	if (/^(TopicMatch|Success)$/.test(metric)) return {volume: true, down: rel(0.5, 0.7, 0.4, 1, 0), up: rel(0.2, 0.2, 0.7, 0.8, 0.2)};
	if (/^Connect\./.test(metric)) return {volume: true, down: rel(1, 0.7, 0.5, 0, 0), up: rel(0.4, 0.4, 1, 0, 0.4)};
	if (/^(Ping|Subscribe)\./.test(metric)) return {volume: true, down: rel(1, 1, 0.5, 0, 0), up: rel(0.4, 0.4, 1, 0, 0.4)};
	if (/^(PublishIn|PublishOut)\./.test(metric)) return {volume: true, down: rel(0.6, 1, 0.5, 0, 0), up: rel(0.2, 0.2, 1, metric.startsWith('PublishOut') ? 0.5 : 0, 0.4)};
	if (/Shadow/.test(metric)) return {volume: true, down: rel(0.6, 1, 0.5, 0, 0), up: rel(0.2, 0.3, 1, 0, 0.4)};
	return {volume: true, down: rel(0.7, 0.7, 0.7, 0.7, 0.1), up: rel(0.7, 0.7, 0.7, 0.7, 0.3)};
}

/** What moved, as far as explaining it goes: `metric` moving `direction`, or its usual bad way when not known. */
export function deviationOf(metric: string, direction: Direction | undefined): Deviation {
	const known = relevanceOf(metric);
	const bad = CATALOG.find(entry => entry.name === metric)?.bad;
	// Unknown direction: the way this metric goes wrong, or either way when both can.
	const dir: Direction | null =
		direction ?? (known.down === null ? 'up' : known.up === null ? 'down' : bad === 'up' || bad === 'down' ? bad : null);
	let relevance: Relevance;
	if (dir === 'down') relevance = known.down ?? known.up!;
	else if (dir === 'up') relevance = known.up ?? known.down!;
	else {
		const a = known.down!;
		const b = known.up!;
		relevance = rel(
			Math.max(a.credentials, b.credentials),
			Math.max(a.permissions, b.permissions),
			Math.max(a.deploy, b.deploy),
			Math.max(a.route, b.route),
			Math.max(a.grant, b.grant),
		);
	}
	return {metric, direction: dir, relevance, volume: known.volume, oneDevice: known.volume ? ONE_DEVICE_REACH.volume : ONE_DEVICE_REACH.errors, noun: dir === 'down' ? 'drop' : dir === 'up' ? 'rise' : 'deviation'};
}

/** How long a change of each kind takes to show in the metrics, at most (its effect is due by then). */
export const EFFECT_DELAY_MS: Readonly<Record<OperationImpact, number>> = {
	permissions: 10 * MINUTE, // AWS IoT: policy changes take 6-8 minutes to become effective (policy cache)
	credentials: 5 * MINUTE, // checked when devices connect; most reconnect within minutes
	deploy: 15 * MINUTE, // devices download, install and restart
	route: 5 * MINUTE, // the rules engine applies a rule change within seconds
	grant: 10 * MINUTE,
	none: 5 * MINUTE,
};

/** 1 within the effect delay, then halving with every further delay of the same length. */
export function timeWeight(impact: OperationImpact, ageMs: number): number {
	const delay = EFFECT_DELAY_MS[impact];
	return ageMs <= delay ? 1 : 0.5 ** ((ageMs - delay) / delay);
}
