/**
 * CloudWatch Observability Access Manager (OAM) on the embedded endpoint: REST-JSON (`POST /ListSinks`,
 * `POST /ListAttachedLinks`, no X-Amz-Target), as the monitoring account sees it. Each region has one
 * sink; every linked source account has one link to it, labelled as AWS labels a link made with the
 * `$AccountName` template. Both operations page with NextToken (MaxResults 1-100).
 */
import {SimError, type ServiceHandler} from './protocol.js';
import type {Org} from './org.js';

/** The name of each region's sink in the monitoring account. */
export const SIM_SINK_NAME = 'org-monitoring-sink';

const sinkArn = (region: string, account: string) => `arn:aws:oam:${region}:${account}:sink/${SIM_SINK_NAME.slice(0, 8)}-${region}`;
const linkArn = (region: string, account: string) => `arn:aws:oam:${region}:${account}:link/${account.slice(-6)}-${region}`;

function page<T>(items: readonly T[], input: Record<string, unknown>, defaultSize: number): {Items: T[]; NextToken?: string} {
	const max = input['MaxResults'];
	if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 100)) {
		throw new SimError('InvalidParameterException', 'MaxResults must be between 1 and 100', 400);
	}
	const size = typeof max === 'number' ? max : defaultSize;
	const token = input['NextToken'];
	const start = typeof token === 'string' && /^\d+$/.test(token) ? Number(token) : 0;
	if (token !== undefined && (typeof token !== 'string' || !/^\d+$/.test(token) || start > items.length)) {
		throw new SimError('InvalidParameterException', 'The NextToken is not valid', 400);
	}
	const end = start + size;
	return {Items: items.slice(start, end), ...(end < items.length ? {NextToken: String(end)} : {})};
}

/** The OAM handler for requests signed for `region`. Labels of linked accounts come from the org (default: their id). */
export function createOamService(org: Org, region: string, labels: Readonly<Record<string, string>>): ServiceHandler {
	const sink = sinkArn(region, org.monitoring);
	return (operation, input) => {
		switch (operation) {
			case 'ListSinks':
				return page([{Arn: sink, Id: sink.slice(sink.lastIndexOf('/') + 1), Name: SIM_SINK_NAME}], input, 5);
			case 'ListAttachedLinks': {
				const identifier = input['SinkIdentifier'];
				if (typeof identifier !== 'string' || identifier === '') {
					throw new SimError('MissingRequiredParameterException', 'SinkIdentifier is required', 400);
				}
				if (identifier !== sink && identifier !== sink.slice(sink.lastIndexOf('/') + 1)) {
					throw new SimError('ResourceNotFoundException', `Sink ${identifier} does not exist`, 404);
				}
				const links = org.linked.map(account => ({
					Label: labels[account] ?? account,
					LinkArn: linkArn(region, account),
					ResourceTypes: ['AWS::CloudWatch::Metric', 'AWS::Logs::LogGroup'],
				}));
				return page(links, input, 5);
			}
			default:
				throw new SimError('UnknownOperationException', `Unknown OAM operation: ${operation}`, 404);
		}
	};
}

/** Routes a REST-JSON OAM request by its path: `/ListSinks` -> ListSinks. */
export function oamOperationOfPath(path: string): string | null {
	const match = /^\/(ListSinks|ListAttachedLinks)$/.exec(path);
	return match?.[1] ?? null;
}
