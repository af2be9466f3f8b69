/**
 * Compact storage for CloudTrail record text. The event buffer keeps up to 10,000 (configurable: 50,000
 * and more) records of about 1 KB each, and they were most of the app's memory. Records of one account
 * repeat themselves (field names, the account id, role ARNs, user agents, TLS details), so each one is
 * deflated against a shared dictionary: a fixed seed of CloudTrail field names, then the first records
 * this process sees. A packed record keeps a reference to the dictionary it was packed with, so the
 * dictionary may grow without breaking older records. The packed bytes are kept as a one-byte string
 * (latin1): on the V8 heap, no backing store per record.
 */
import {deflateRawSync, inflateRawSync} from 'node:zlib';

import type {PackedText, RecordText} from '../types.js';

export type {RecordText};

/** A deflated record; `text()` gives back exactly the string that was packed. */
export class PackedRecord implements PackedText {
	readonly #bytes: string;
	readonly #dictionary: Buffer;
	/** Length of the original string in UTF-16 code units (as String.length). */
	readonly length: number;

	constructor(bytes: string, dictionary: Buffer, length: number) {
		this.#bytes = bytes;
		this.#dictionary = dictionary;
		this.length = length;
	}

	/** The original text (inflated on every call: callers that need it twice keep it). */
	text(): string {
		return inflateRawSync(Buffer.from(this.#bytes, 'latin1'), {dictionary: this.#dictionary}).toString('utf8');
	}

	/** Bytes kept for the record (for tests and benchmarks). */
	get packedSize(): number {
		return this.#bytes.length;
	}
}

/** The text of a record however it is kept. */
export function recordText(text: RecordText | null | undefined): string {
	if (typeof text === 'string') return text;
	return text instanceof PackedRecord ? text.text() : '';
}

/** The length in UTF-16 code units of a record however it is kept. */
export function recordLength(text: RecordText | null | undefined): number {
	return typeof text === 'string' || text instanceof PackedRecord ? text.length : 0;
}

// What every IoT record from LookupEvents has in common, most frequent last (deflate reaches back 32 KB,
// and nearer matches cost fewer bits).
const SEED = [
	'"tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"iot.',
	'.amazonaws.com"},"sessionCredentialFromConsole":"true"',
	'"errorCode":"AccessDeniedException","errorMessage":"User: arn:aws:sts::',
	' is not authorized to perform: iot:',
	'"userIdentity":{"type":"AssumedRole","principalId":"AROA","arn":"arn:aws:sts::',
	':assumed-role/","accountId":"","accessKeyId":"ASIA","sessionContext":{"sessionIssuer":{"type":"Role",',
	'"principalId":"AROA","arn":"arn:aws:iam::',
	':role/","accountId":"","userName":""},"webIdFederationData":{},"attributes":{"creationDate":"',
	'Z","mfaAuthenticated":"false"}}},',
	'{"type":"IAMUser","principalId":"AIDA","arn":"arn:aws:iam::',
	':user/","accountId":"","accessKeyId":"AKIA","userName":""},',
	'"invokedBy":"iot.amazonaws.com"',
	'"userAgent":"aws-cli/2. md/awscrt#0. ua/2.1 os/linux#',
	'aws-sdk-js/3. ua/2.1 os/linux lang/js md/nodejs#20 api/iot#3. m/',
	'"requestParameters":{"thingName":"","policyName":"","target":"arn:aws:iot:',
	':cert/","certificateId":"","newStatus":"REVOKED","ruleName":"","thingGroupName":"","thingTypeName":""},',
	'"responseElements":null,"requestID":"","eventID":"","readOnly":false,"eventType":"AwsApiCall",',
	'"managementEvent":true,"recipientAccountId":"","eventCategory":"Management"',
	'{"eventVersion":"1.11","userIdentity":{"type":"',
	'"eventTime":"20','T',':00Z","eventSource":"iot.amazonaws.com","eventName":"","awsRegion":"us-east-1",',
	'"sourceIPAddress":"","userAgent":"',
].join('');

/** Records shorter than this are kept as they are: packing would not save enough to matter. */
const MIN_PACKED_CHARS = 200;
/** The dictionary stops learning at this size (deflate's window is 32 KB). */
const MAX_DICTIONARY_BYTES = 24 * 1024;
/** A learned record longer than this is not taken into the dictionary (one record would fill it). */
const MAX_LEARNED_RECORD_BYTES = 6 * 1024;

/** Packs records; learns its dictionary from the first ones it is given. */
export class RecordPacker {
	#dictionary = Buffer.from(SEED, 'utf8');
	#learned = 0;

	pack(text: string): RecordText {
		if (text.length < MIN_PACKED_CHARS) return text;
		const input = Buffer.from(text, 'utf8');
		const dictionary = this.#dictionary;
		const bytes = deflateRawSync(input, {dictionary, level: 6});
		if (bytes.length >= text.length) return text; // already compressed, or random: keep it as it came
		this.#learn(input);
		return new PackedRecord(bytes.toString('latin1'), dictionary, text.length);
	}

	/** The newest learned record goes last (nearest). Older packed records keep their own dictionary. */
	#learn(input: Buffer): void {
		if (this.#learned >= 8 || input.length > MAX_LEARNED_RECORD_BYTES) return;
		if (this.#dictionary.length + input.length > MAX_DICTIONARY_BYTES) return;
		this.#dictionary = Buffer.concat([this.#dictionary, input]);
		this.#learned++;
	}
}
