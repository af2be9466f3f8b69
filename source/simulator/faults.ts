/**
 * Fault injection for the embedded endpoint: queued faults that the next matching requests consume,
 * shaped like the errors real CloudWatch and CloudTrail send.
 */
import {SimError} from './protocol.js';
import type {HostileEdit} from './hostile.js';

export type FaultService = 'cloudwatch' | 'cloudtrail' | 'logs' | 'oam';

export type FaultKind =
	| 'throttle'
	| 'access-denied'
	/** Access denied with a message that does not name the action (as some SCP and boundary denials read). */
	| 'access-denied-no-action'
	| 'expired-token'
	/** Keys AWS does not know: InvalidClientTokenId (CloudWatch) / UnrecognizedClientException (CloudTrail). */
	| 'invalid-token'
	/** A wrong secret key: SignatureDoesNotMatch (CloudWatch) / InvalidSignatureException (CloudTrail). */
	| 'bad-signature'
	| 'internal-error'
	| 'unavailable'
	| 'malformed-json'
	| 'delay'
	/** The connection is dropped without an answer (the SDK sees ECONNRESET, "socket hang up"). */
	| 'connection-reset'
	/**
	 * A 200 with well-formed JSON whose contents are hostile: seeded, some items of the answer's lists (or
	 * one of their fields, at any depth) and now and then a top-level field are replaced by null, wrong
	 * types, 1e300, escapes, huge strings... (source/simulator/hostile.ts).
	 */
	| 'hostile-values';

/** A fault for the next `times` requests (default 1, Infinity allowed) to a service, optionally one operation. */
export type Fault = {
	readonly service: FaultService;
	readonly operation?: string;
	readonly kind: FaultKind;
	readonly times?: number;
	/** For 'delay': how long to wait before answering normally (default 1000); for the others, before the fault's answer (default 0). */
	readonly delayMs?: number;
	/**
	 * The chance (0-1, default 1) that a matching request gets this fault; a request it spares neither gets
	 * it nor uses up one of its `times`, and goes on to the next matching fault ("20 % 5xx": 0.2).
	 */
	readonly probability?: number;
	/** For 'hostile-values': seed of what is replaced, and with what (default 1). */
	readonly seed?: number;
	/** For 'hostile-values': share of list items touched, 0-1 (default 0.3). */
	readonly rate?: number;
	/** For 'hostile-values': exactly these replacements instead of random ones (path from the answer's top). */
	readonly edits?: readonly HostileEdit[];
};

export type FaultQueue = {
	add(fault: Fault): void;
	/** Consumes one use of the first fault matching this request (and hitting it, by its probability), if any. */
	take(service: FaultService, operation: string): Fault | undefined;
	/** Removes every queued fault (a chaos run ends a phase with this). */
	clear(): void;
};

const KINDS: readonly FaultKind[] = [
	'throttle',
	'access-denied',
	'access-denied-no-action',
	'expired-token',
	'invalid-token',
	'bad-signature',
	'internal-error',
	'unavailable',
	'malformed-json',
	'delay',
	'connection-reset',
	'hostile-values',
];

/**
 * What a region that is not enabled for the account answers to every request (opt-in regions): the
 * credentials are unknown there.
 */
export function regionNotEnabled(service: FaultService): SimError {
	const message = 'The security token included in the request is invalid.';
	return service === 'cloudwatch'
		? new SimError('UnrecognizedClientException', message, 403, 'UnrecognizedClientException')
		: new SimError('UnrecognizedClientException', message, 400);
}

/** The IAM user the simulated credentials belong to (named in access-denied messages). */
export const SIM_USER_ARN = 'arn:aws:iam::123456789012:user/demo';

export function createFaultQueue(random: () => number = Math.random): FaultQueue {
	const queue: Array<{fault: Fault; remaining: number}> = [];
	return {
		add(fault) {
			queue.push({fault, remaining: fault.times ?? 1});
		},
		clear() {
			queue.length = 0;
		},
		take(service, operation) {
			const index = queue.findIndex(
				entry =>
					entry.fault.service === service &&
					(entry.fault.operation === undefined || entry.fault.operation === operation) &&
					(entry.fault.probability === undefined || entry.fault.probability >= 1 || random() < entry.fault.probability),
			);
			const entry = queue[index];
			if (!entry) return undefined;
			entry.remaining--;
			if (entry.remaining <= 0) queue.splice(index, 1);
			return entry.fault;
		},
	};
}

/** Validates a fault from untrusted JSON (the /_sim/faults control path). `times` may be "Infinity". */
export function checkFault(value: unknown): Fault {
	const input = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
	const service = input['service'];
	if (service !== 'cloudwatch' && service !== 'cloudtrail' && service !== 'logs' && service !== 'oam') throw new Error('service must be cloudwatch, cloudtrail, logs or oam');
	const kind = input['kind'];
	if (!KINDS.includes(kind as FaultKind)) throw new Error(`kind must be one of ${KINDS.join(', ')}`);
	const operation = input['operation'];
	if (operation !== undefined && typeof operation !== 'string') throw new Error('operation must be a string');
	const times = input['times'] === 'Infinity' ? Number.POSITIVE_INFINITY : input['times'];
	if (times !== undefined && (typeof times !== 'number' || !(times >= 1))) throw new Error('times must be >= 1');
	const delayMs = input['delayMs'];
	if (delayMs !== undefined && (typeof delayMs !== 'number' || !(delayMs >= 0))) throw new Error('delayMs must be >= 0');
	const probability = input['probability'];
	if (probability !== undefined && (typeof probability !== 'number' || !(probability > 0 && probability <= 1))) {
		throw new Error('probability must be > 0 and <= 1');
	}
	const seed = input['seed'];
	if (seed !== undefined && (typeof seed !== 'number' || !Number.isInteger(seed))) throw new Error('seed must be an integer');
	const rate = input['rate'];
	if (rate !== undefined && (typeof rate !== 'number' || !(rate >= 0 && rate <= 1))) throw new Error('rate must be between 0 and 1');
	const edits = input['edits'];
	const validPath = (path: unknown): boolean =>
		Array.isArray(path) && path.length > 0 && path.every(key => typeof key === 'string' || (typeof key === 'number' && Number.isInteger(key) && key >= 0));
	if (
		edits !== undefined &&
		(!Array.isArray(edits) || !edits.every(e => typeof e === 'object' && e !== null && validPath((e as Record<string, unknown>)['path'])))
	) {
		throw new Error('edits must be a list of {"path": ["Events", 0, "Resources"], "value": <any JSON>}');
	}
	return {
		service,
		kind: kind as FaultKind,
		...(operation === undefined ? {} : {operation}),
		...(times === undefined ? {} : {times}),
		...(delayMs === undefined ? {} : {delayMs}),
		...(probability === undefined ? {} : {probability}),
		...(seed === undefined ? {} : {seed}),
		...(rate === undefined ? {} : {rate}),
		...(edits === undefined ? {} : {edits: (edits as Array<Record<string, unknown>>).map(e => ({path: e['path'] as HostileEdit['path'], value: e['value']}))}),
	};
}

/**
 * The error a fault answers with, or undefined for 'delay', 'malformed-json', 'connection-reset' and
 * 'hostile-values' (which change how the answer is sent, or what it holds). CloudWatch errors carry awsQuery codes, so the SDK names them Throttling,
 * AccessDenied, ExpiredToken, InvalidClientTokenId, SignatureDoesNotMatch, InternalServiceFault;
 * CloudTrail's are the *Exception names (UnrecognizedClientException, InvalidSignatureException).
 */
export function faultError(service: FaultService, kind: FaultKind, operation: string): SimError | undefined {
	const cw = service === 'cloudwatch';
	const action = `${service}:${operation}`;
	switch (kind) {
		case 'throttle':
			return cw
				? new SimError('ThrottlingException', 'Rate exceeded', 400, 'Throttling')
				: new SimError('ThrottlingException', 'Rate exceeded', 400);
		case 'access-denied': {
			const message = `User: ${SIM_USER_ARN} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`;
			return cw
				? new SimError('AccessDeniedException', message, 403, 'AccessDenied')
				: new SimError('AccessDeniedException', message, 400);
		}
		case 'access-denied-no-action':
			return cw
				? new SimError('AccessDeniedException', 'You are not authorized to perform this operation.', 403, 'AccessDenied')
				: new SimError('AccessDeniedException', 'You are not authorized to perform this operation.', 400);
		case 'invalid-token':
			return cw
				? new SimError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403, 'InvalidClientTokenId')
				: new SimError('UnrecognizedClientException', 'The security token included in the request is invalid.', 400);
		case 'bad-signature': {
			const message =
				'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.';
			return cw
				? new SimError('SignatureDoesNotMatch', message, 403, 'SignatureDoesNotMatch')
				: new SimError('InvalidSignatureException', message, 400);
		}
		case 'expired-token':
			return new SimError(
				'ExpiredTokenException',
				'The security token included in the request is expired',
				403,
				cw ? 'ExpiredToken' : undefined,
			);
		case 'internal-error':
			return cw
				? new SimError('InternalServiceFault', 'Internal service error.', 500, 'InternalServiceError')
				: new SimError('InternalFailure', 'The request processing has failed because of an unknown error.', 500);
		case 'unavailable':
			return new SimError('ServiceUnavailableException', 'Service Unavailable', 503, cw ? 'ServiceUnavailable' : undefined);
		case 'malformed-json':
		case 'delay':
		case 'connection-reset':
		case 'hostile-values':
			return undefined;
	}
}
