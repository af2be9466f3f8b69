/**
 * CloudWatch request plumbing for the simulator: AWS-shaped errors (with the awsQuery codes the
 * query-compatible SDK maps to its exception names), defensive readers for the JSON body, and
 * NextTokens that are only valid for the request that produced them.
 */
import {createHash} from 'node:crypto';
import {SimError} from './protocol.js';

/** 400 InvalidParameterValue: the SDK raises InvalidParameterValueException. */
export const invalidParameter = (message: string) =>
	new SimError('InvalidParameterValueException', message, 400, 'InvalidParameterValue');

/** 400 ValidationError (constraint or pattern violations): the SDK raises ValidationException. */
export const validationError = (message: string) => new SimError('ValidationException', message, 400, 'ValidationError');

/** 400 MissingParameter: the SDK raises MissingRequiredParameterException. */
export const missingParameter = (name: string) =>
	new SimError('MissingRequiredParameterException', `The parameter ${name} is required.`, 400, 'MissingParameter');

/** 400 InvalidParameterCombination: the SDK raises InvalidParameterCombinationException. */
export const invalidCombination = (message: string) =>
	new SimError('InvalidParameterCombinationException', message, 400, 'InvalidParameterCombination');

/** 400 InvalidNextToken: the SDK raises InvalidNextToken. */
export const invalidNextToken = () =>
	new SimError('InvalidNextToken', 'The service cannot decode or reuse the NextToken it was given.', 400, 'InvalidNextToken');

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An optional string member; a non-string is a validation error. */
export function optionalString(input: Json, name: string, path = name): string | undefined {
	const value = input[name];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw validationError(`The parameter ${path} must be a string.`);
	return value;
}

/** An optional integer member within [min, max]. */
export function optionalInteger(input: Json, name: string, min: number, max: number): number | undefined {
	const value = input[name];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw invalidParameter(`The parameter ${name} must be an integer between ${min} and ${max}.`);
	}
	return value;
}

/** An optional array member (elements are checked by the caller). */
export function optionalArray(input: Json, name: string, maxLength: number, path = name): unknown[] | undefined {
	const value = input[name];
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value)) throw validationError(`The parameter ${path} must be a list.`);
	if (value.length > maxLength) {
		throw validationError(
			`1 validation error detected: Value at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${maxLength}`,
		);
	}
	return value;
}

/** A required timestamp (epoch seconds as number or numeric string, or an ISO date), returned as epoch ms. */
export function requiredTimestamp(input: Json, name: string): number {
	const value = input[name];
	if (value === undefined || value === null) throw missingParameter(name);
	let ms = Number.NaN;
	if (typeof value === 'number') ms = value * 1000;
	else if (typeof value === 'string') ms = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : Date.parse(value);
	if (!Number.isFinite(ms)) throw new SimError('SerializationException', `The parameter ${name} is not a timestamp.`);
	return Math.round(ms);
}

/** One value from a closed set, else a validation error naming the allowed values. */
export function optionalEnum<T extends string>(input: Json, name: string, allowed: readonly T[]): T | undefined {
	const value = optionalString(input, name);
	if (value === undefined) return undefined;
	if (!(allowed as readonly string[]).includes(value)) {
		throw validationError(
			`1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
		);
	}
	return value as T;
}

/** A stable fingerprint of the parts of a request a NextToken is bound to. */
export function fingerprint(value: unknown): string {
	return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22);
}

/** Encodes a paging state bound to a request fingerprint. */
export function encodeToken(print: string, state: unknown): string {
	return Buffer.from(JSON.stringify({f: print, s: state})).toString('base64url');
}

/** Decodes a token made by encodeToken for the same fingerprint; anything else is InvalidNextToken. */
export function decodeToken(token: string, print: string): unknown {
	try {
		const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
		if (isObject(parsed) && parsed['f'] === print && 's' in parsed) return parsed['s'];
	} catch {
		// fall through: a token we cannot parse is as invalid as one for another request
	}
	throw invalidNextToken();
}

/** Reads a paging offset token (ListMetrics, DescribeAlarms). */
export function decodeOffset(token: string | undefined, print: string, total: number): number {
	if (token === undefined) return 0;
	const offset = decodeToken(token, print);
	if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || offset > total) {
		throw invalidNextToken();
	}
	return offset;
}
