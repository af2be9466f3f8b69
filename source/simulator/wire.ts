/**
 * HTTP framing for the embedded endpoint: reading bodies, routing X-Amz-Target to a service, and
 * writing success and error responses in each service's JSON dialect.
 */
import {randomUUID} from 'node:crypto';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {SimError} from './protocol.js';

export type ServiceName = 'cloudwatch' | 'cloudtrail' | 'logs' | 'oam';

/** Largest request body accepted (a 500-query GetMetricData is ~100 KB). */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

const CONTENT_TYPES: Record<ServiceName | 'unknown', string> = {
	cloudwatch: 'application/x-amz-json-1.0',
	cloudtrail: 'application/x-amz-json-1.1',
	logs: 'application/x-amz-json-1.1',
	oam: 'application/json',
	unknown: 'application/json',
};

/**
 * Routes an X-Amz-Target header: CloudWatch's `GraniteServiceVersion20100801.Op`, and CloudTrail's short
 * `CloudTrail_20131101.Op` as well as the long `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.Op`.
 */
export function routeTarget(target: string): {service: ServiceName | undefined; operation: string} {
	const operation = target.slice(target.lastIndexOf('.') + 1);
	if (target.startsWith('GraniteServiceVersion20100801.')) return {service: 'cloudwatch', operation};
	if (target.includes('CloudTrail_20131101.')) return {service: 'cloudtrail', operation};
	if (target.startsWith('Logs_20140328.')) return {service: 'logs', operation};
	return {service: undefined, operation};
}

/** Reads the whole body as text; rejects bodies over 10 MB. */
export function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new SimError('SerializationException', 'Request body too large', 413));
				request.destroy();
				return;
			}
			chunks.push(chunk);
		});
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

/** Parses an AWS JSON body: empty means `{}`; anything but an object is a SerializationException. */
export function parseJsonBody(text: string): Record<string, unknown> {
	if (text.trim() === '') return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new SimError('SerializationException', 'Request body is not valid JSON');
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new SimError('SerializationException', 'Request body must be a JSON object');
	}
	return parsed as Record<string, unknown>;
}

/** Writes a response body with the headers every AWS JSON answer carries. */
export function send(
	response: ServerResponse,
	status: number,
	service: ServiceName | undefined,
	body: string,
	headers: Record<string, string> = {},
): void {
	if (response.destroyed || response.headersSent) return;
	response.writeHead(status, {
		'content-type': CONTENT_TYPES[service ?? 'unknown'],
		'content-length': Buffer.byteLength(body),
		'x-amzn-requestid': randomUUID(),
		...headers,
	});
	response.end(body);
}

/**
 * Writes an error. CloudWatch: `{"__type":"com.amazonaws.cloudwatch#Code","message"}` plus
 * `x-amzn-query-error: QueryCode;Sender` (Receiver for 5xx), which the query-compatible SDK uses to
 * name the exception. CloudTrail: `{"__type":"Code","Message"}`. OAM (REST-JSON): `x-amzn-errortype: Code` and `{"message"}`.
 */
export function sendError(response: ServerResponse, service: ServiceName | undefined, error: SimError): void {
	if (service === 'cloudwatch') {
		const fault = error.status >= 500 ? 'Receiver' : 'Sender';
		const body = JSON.stringify({__type: `com.amazonaws.cloudwatch#${error.code}`, message: error.message});
		send(response, error.status, service, body, {'x-amzn-query-error': `${error.queryCode ?? error.code};${fault}`});
		return;
	}
	if (service === 'oam') {
		// REST-JSON: the error code travels in a header (and the body's message).
		send(response, error.status, service, JSON.stringify({message: error.message}), {'x-amzn-errortype': error.code});
		return;
	}
	const body =
		service === 'cloudtrail'
			? JSON.stringify({__type: error.code, Message: error.message})
			: JSON.stringify({__type: error.code, message: error.message});
	send(response, error.status, service, body);
}

/** Converts anything thrown by a handler into an AWS-shaped error (unexpected ones become a 500). */
export function asSimError(error: unknown, service: ServiceName | undefined): SimError {
	if (error instanceof SimError) return error;
	const message = error instanceof Error ? error.message : String(error);
	return service === 'cloudwatch'
		? new SimError('InternalServiceFault', message, 500, 'InternalServiceError')
		: new SimError('InternalFailure', message, 500);
}
