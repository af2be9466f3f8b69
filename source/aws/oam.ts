/**
 * Account names from CloudWatch cross-account observability (OAM): in a monitoring account, each region's
 * sink lists the links of its source accounts with their labels (`$AccountName` by AWS's own template).
 * Read once per region with ListSinks + ListAttachedLinks. Optional: a denial (no oam:ListSinks or
 * oam:ListAttachedLinks), no sink, or any other failure leaves the ids, with the reason kept for the log.
 *
 * The OAM client is loaded only when account names are wanted (it is not part of the start-up bundle).
 */
import type {AwsCredentialIdentityProvider} from '@smithy/types';
import {sanitize} from '../text/sanitize.js';
import {clientLogger} from './clients.js';
import {describeAwsError} from './errors.js';

export type LinkLabels = {
	/** Account id (12 digits) -> its link's label, sanitised. */
	readonly labels: ReadonlyMap<string, string>;
	/** Why some or all labels could not be read (one line), else null. */
	readonly error: string | null;
};

export type OamConnection = {
	readonly region: string;
	readonly endpoint?: string;
	readonly credentials: AwsCredentialIdentityProvider;
	readonly timeoutMs: number;
};

/** A label longer than this is cut: it names a row, it is not a document. */
const MAX_LABEL = 64;
/** More pages than this is not an organization, it is a loop. */
const MAX_PAGES = 50;

const LINK_ACCOUNT = /^arn:[\w-]+:oam:[\w-]*:(\d{12}):link\//;

/** The source account a link ARN belongs to, or null. */
export function accountOfLink(arn: unknown): string | null {
	return typeof arn === 'string' ? (LINK_ACCOUNT.exec(arn)?.[1] ?? null) : null;
}

/** A label as shown: one sanitised line, trimmed, at most MAX_LABEL characters; null when nothing is left. */
export function cleanLabel(label: unknown): string | null {
	const text = sanitize(typeof label === 'string' ? label : '').trim();
	if (text === '') return null;
	return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

/** Every linked account's label in one region; never throws. */
export async function readLinkLabels(connection: OamConnection, signal?: AbortSignal): Promise<LinkLabels> {
	const labels = new Map<string, string>();
	let operation = 'ListSinks';
	let client: {destroy(): void} | undefined;
	try {
		const oam = await import('@aws-sdk/client-oam');
		const created = new oam.OAMClient({
			region: connection.region,
			credentials: connection.credentials,
			maxAttempts: 2,
			logger: clientLogger,
			...(connection.endpoint ? {endpoint: connection.endpoint} : {}),
		});
		client = created;
		const call = async <T>(command: unknown): Promise<T> => {
			const timeout = AbortSignal.timeout(connection.timeoutMs);
			const abortSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
			return (await created.send(command as never, {abortSignal: abortSignal as never})) as T;
		};
		const sinks: string[] = [];
		let token: string | undefined;
		for (let pages = 0; pages < MAX_PAGES; pages++) {
			const answer: {Items?: unknown; NextToken?: unknown} = await call(new oam.ListSinksCommand({...(token ? {NextToken: token} : {})}));
			for (const item of Array.isArray(answer?.Items) ? answer.Items : []) {
				const arn = (item as {Arn?: unknown} | null)?.Arn;
				if (typeof arn === 'string' && arn !== '') sinks.push(arn);
			}
			token = typeof answer?.NextToken === 'string' && answer.NextToken !== '' ? answer.NextToken : undefined;
			if (!token) break;
		}
		operation = 'ListAttachedLinks';
		for (const sink of sinks) {
			token = undefined;
			for (let pages = 0; pages < MAX_PAGES; pages++) {
				const answer: {Items?: unknown; NextToken?: unknown} = await call(
					new oam.ListAttachedLinksCommand({SinkIdentifier: sink, ...(token ? {NextToken: token} : {})}),
				);
				for (const item of Array.isArray(answer?.Items) ? answer.Items : []) {
					// One malformed item spoils only itself.
					const link = item as {LinkArn?: unknown; Label?: unknown} | null;
					const account = accountOfLink(link?.LinkArn);
					const label = cleanLabel(link?.Label);
					if (account && label && label !== account && !labels.has(account)) labels.set(account, label);
				}
				token = typeof answer?.NextToken === 'string' && answer.NextToken !== '' ? answer.NextToken : undefined;
				if (!token) break;
			}
		}
		return {labels, error: null};
	} catch (error) {
		return {labels, error: describeAwsError(error, 'OAM', operation).message};
	} finally {
		client?.destroy();
	}
}
