/**
 * The coarse-sampling check of bench/nab.ts (--resample MINUTES): every file of the dev split is sampled
 * every 5 minutes, while NAB's other real files include 30-minute and hourly series. This turns each dev
 * file into a coarser one, so the judge's dependence on the sampling step can be measured on files whose
 * windows are known:
 * - rows are grouped into buckets of MINUTES, the bucket of a row being its timestamp (seconds dropped
 *   past the 19th character, read as UTC) floored to a multiple of MINUTES since the epoch; buckets keep
 *   the order in which they first appear;
 * - a file whose values are all non-negative integers (counts) gets each bucket's sum, any other file
 *   each bucket's mean;
 * - values are written as Python's '%g' writes them (6 significant digits), timestamps as
 *   `YYYY-MM-DD HH:MM:SS` at the bucket's start;
 * - each window's start and end are floored to their bucket the same way (so they are rows of the file).
 */

export type SampledRow = {readonly text: string; readonly t: number; readonly raw: string; readonly v: number};

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD HH:MM:SS` of epoch-ms t in UTC. */
export function formatTimestamp(t: number): string {
	const d = new Date(t);
	return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** A NAB timestamp (fractional seconds ignored) as epoch ms, read as UTC. */
export function parseSecond(text: string): number {
	return Date.parse(`${text.slice(0, 19).replace(' ', 'T')}Z`);
}

/** The start of the bucket of `minutes` that epoch-ms t falls in (whole seconds, floored). */
export function bucketStart(t: number, minutes: number): number {
	const size = minutes * 60;
	return Math.floor(Math.floor(t / 1000) / size) * size * 1000;
}

/** Digits of |v| rounded to `precision` significant digits, half to even on exact ties (as CPython). */
function roundedDigits(v: number, precision: number): {digits: string; exponent: number} {
	// toPrecision rounds exact ties up; the exact expansion (at most 100 digits suffice for NAB's values) finds them.
	const exact = Math.abs(v).toPrecision(100);
	const [mantissa, exp] = exact.split('e');
	const all = mantissa!.replace('.', '');
	const exponent = exp !== undefined ? Number(exp) : mantissa!.indexOf('.') < 0 ? mantissa!.length - 1 : mantissa!.indexOf('.') - 1;
	const lead = all.search(/[1-9]/);
	const sig = all.slice(lead) + '0'.repeat(precision + 1);
	let kept = sig.slice(0, precision);
	const rest = sig.slice(precision);
	const tie = /^50*$/.test(rest);
	const up = rest[0]! > '5' || (rest[0] === '5' && !tie) || (tie && Number(kept[kept.length - 1]) % 2 === 1);
	let e = exponent - lead;
	if (up) {
		const bumped = (BigInt(kept) + 1n).toString();
		if (bumped.length > precision) {
			kept = bumped.slice(0, precision);
			e++;
		} else kept = bumped;
	}
	return {digits: kept, exponent: e};
}

/** Python's `format(v, 'g')`: 6 significant digits, trailing zeros dropped, exponent outside 1e-4..1e6. */
export function formatG(v: number): string {
	if (v === 0) return Object.is(v, -0) ? '-0' : '0';
	if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
	const precision = 6;
	const sign = v < 0 ? '-' : '';
	const {digits, exponent} = roundedDigits(v, precision);
	const strip = (s: string): string => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
	if (exponent < -4 || exponent >= precision) {
		const mantissa = strip(`${digits[0]}.${digits.slice(1)}`);
		return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${pad(Math.abs(exponent))}`;
	}
	if (exponent >= 0) return sign + strip(`${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`);
	return sign + strip(`0.${'0'.repeat(-exponent - 1)}${digits}`);
}

/** One dev file resampled to buckets of `minutes`: sums for counts, means otherwise (see the module comment). */
export function resampleRows(rows: ReadonlyArray<{readonly text: string; readonly v: number}>, minutes: number): SampledRow[] {
	const counts = rows.every(r => Number.isInteger(r.v) && r.v >= 0);
	const buckets = new Map<number, {sum: number; n: number}>();
	for (const row of rows) {
		const start = bucketStart(parseSecond(row.text), minutes);
		const bucket = buckets.get(start);
		if (bucket) {
			bucket.sum += row.v;
			bucket.n++;
		} else buckets.set(start, {sum: row.v, n: 1});
	}
	return [...buckets].map(([t, {sum, n}]) => {
		const raw = formatG(counts ? sum : sum / n);
		return {text: formatTimestamp(t), t, raw, v: Number(raw)};
	});
}

export type Windows = Record<string, Array<[string, string]>>;

/** NAB windows with both ends floored to their bucket of `minutes`. */
export function floorWindows(windows: Windows, minutes: number): Windows {
	const floor = (text: string): string => `${formatTimestamp(bucketStart(parseSecond(text), minutes))}.000000`;
	return Object.fromEntries(Object.entries(windows).map(([file, list]) => [file, list.map(([a, b]) => [floor(a), floor(b)] as [string, string])]));
}
