/**
 * Errors in fleet mode name their region: the same credentials work in one region and not in another
 * when that region is not enabled for the account (opt-in regions answer UnrecognizedClientException or
 * InvalidClientTokenId), which single-scope mode would read as bad keys.
 */
import {describeAwsError, type DescribedError} from '../../aws/errors.js';

const NOT_ENABLED = new Set(['UnrecognizedClientException', 'InvalidClientTokenId']);

export function describeRegionError(error: unknown, region: string, service: string, operation: string): DescribedError {
	const name = typeof error === 'object' && error !== null ? (error as {name?: unknown}).name : undefined;
	if (typeof name === 'string' && NOT_ENABLED.has(name)) {
		return {
			kind: 'invalid-credentials',
			message: `region ${region} is not enabled for this account (${service} answered ${name}): enable it in the AWS console (Account > AWS Regions) or drop it from --regions`,
		};
	}
	const described = describeAwsError(error, service, operation);
	return {...described, message: `${region}: ${described.message}`};
}
