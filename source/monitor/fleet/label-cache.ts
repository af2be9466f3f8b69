/**
 * The OAM link labels of the last run, so that a start names its accounts in its first frame: the OAM
 * client (about a hundred modules) is loaded and asked only once the first metrics are in, and its
 * answer replaces these and is written back. A small JSON file beside the baselines; a missing, foreign
 * or unreadable file, or a failed write, only costs the names of the first seconds.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {cleanLabel, type LinkLabels} from '../../aws/oam.js';
import {cacheKey, writeCacheFile} from '../baseline-cache.js';

const FORMAT = 1;
const ACCOUNT = /^\d{12}$/;

/** One file per monitoring account and endpoint (a simulator's names never mix with a real one's). */
export function labelCachePath(dir: string, parts: readonly string[]): string {
	return join(dir, 'labels', `${cacheKey(parts)}.json`);
}

/** Account id -> label as last read; entries that are not a 12-digit id and a clean label are dropped. */
export function readLabelCache(path: string): Map<string, string> {
	const labels = new Map<string, string>();
	try {
		const file = JSON.parse(readFileSync(path, 'utf8')) as {format?: unknown; labels?: unknown};
		if (file.format !== FORMAT || typeof file.labels !== 'object' || file.labels === null) return labels;
		for (const [account, label] of Object.entries(file.labels)) {
			const clean = cleanLabel(label);
			if (ACCOUNT.test(account) && clean) labels.set(account, clean);
		}
	} catch {
		// No names yet: the ids show until OAM answers.
	}
	return labels;
}

/** Writes the labels atomically (a temporary file renamed over the old one); never throws. */
export function writeLabelCache(path: string, labels: ReadonlyMap<string, string>): void {
	try {
		writeCacheFile(path, JSON.stringify({format: FORMAT, labels: Object.fromEntries(labels)}) + '\n', 0o600);
	} catch {
		// Only the next start's first seconds lose their names.
	}
}

/** The names in use: the last run's (from `path`) until OAM answers; a full answer replaces them and is kept. */
export class AccountLabels {
	private current: ReadonlyMap<string, string>;
	private read: Promise<boolean> | null = null;

	constructor(private readonly path: string | null) {
		this.current = path ? readLabelCache(path) : new Map();
	}

	get labels(): ReadonlyMap<string, string> {
		return this.current;
	}

	/** Asks once (later calls share the first answer); resolves whether the names changed. */
	refresh(ask: () => Promise<LinkLabels>): Promise<boolean> {
		this.read ??= ask().then(answer => {
			// Read in full: these are the names now. Refused or failed: the last run's stay beside what came.
			const labels = answer.error === null ? answer.labels : new Map([...this.current, ...answer.labels]);
			const changed = labels.size !== this.current.size || [...labels].some(([account, label]) => this.current.get(account) !== label);
			this.current = labels;
			if (answer.error === null && this.path) writeLabelCache(this.path, labels);
			return changed;
		});
		return this.read;
	}
}
