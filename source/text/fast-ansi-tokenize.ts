/**
 * @alcalzone/ansi-tokenize with fast paths for what Ink's output does on every line of every frame. The
 * bundle aliases the package to this module for Ink (scripts/build.mjs); the answers are the same (a test
 * compares them with the real implementation).
 * - tokenize: the real one sends the whole line through Intl.Segmenter. A line made only of SIMPLE
 *   characters has one grapheme per UTF-16 code unit and no wide characters, so it is walked by index and
 *   its SGR sequences are split as the real one splits them (no Segmenter: creating the first one costs
 *   ~10 ms of ICU set-up, which the first frame then does not pay).
 * - styledCharsFromTokens: the real one gives every character its own copy of the active styles; here
 *   the characters between two style changes share one (nothing changes a character's styles in place).
 * - styledCharsToString: the real one diffs the styles of every pair of neighbouring characters (three
 *   Sets and two filters each); when both have the same codes that diff is empty and is skipped.
 */
import {
	ansiCodesToString,
	diffAnsiCodes,
	reduceAnsiCodesIncremental,
	tokenize as realTokenize,
	type AnsiCode,
	type StyledChar,
	type Token,
} from '../../node_modules/@alcalzone/ansi-tokenize/build/index.js';
import {getEndCode} from '../../node_modules/@alcalzone/ansi-tokenize/build/ansiCodes.js';
import {NARROW} from './fast-string-width.js';

export * from '../../node_modules/@alcalzone/ansi-tokenize/build/index.js';

/** ESC plus the one-column characters of fast-string-width: each is a grapheme of its own. */
export const SIMPLE = new RegExp(NARROW.source.replace('^[', '^[\\u001B'));

const ESC = 0x1b;
const CSI = 0x5b; // [
const SEMICOLON = 0x3b;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const SGR_END = 0x6d; // m

const MEMO_LIMIT = 256;
const sgrTokens = new Map<string, readonly AnsiCode[]>();

/** Splits a compound SGR sequence (`ESC[1;3;31m`) like the real tokenizer: 8- and 24-bit colours stay whole. */
function splitCompoundSgr(code: string): string[] {
	if (!code.includes(';')) return [code];
	const parts = code.slice(2, -1).split(';');
	const codes: string[] = [];
	for (let i = 0; i < parts.length; i++) {
		const part = parts[i] as string;
		if ((part === '38' || part === '48') && i + 2 < parts.length && parts[i + 1] === '5') {
			codes.push(parts.slice(i, i + 3).join(';'));
			i += 2;
		} else if ((part === '38' || part === '48') && i + 4 < parts.length && parts[i + 1] === '2') {
			codes.push(parts.slice(i, i + 5).join(';'));
			i += 4;
		} else {
			codes.push(part);
		}
	}
	return codes.map(part => `\u001B[${part}m`);
}

/** The ansi tokens of one complete SGR sequence, as the real tokenize produces them (memoised). */
function tokensOfSgr(code: string): readonly AnsiCode[] {
	let tokens = sgrTokens.get(code);
	if (tokens === undefined) {
		tokens = splitCompoundSgr(code).map(part => ({type: 'ansi', code: part, endCode: getEndCode(part)}));
		if (sgrTokens.size >= MEMO_LIMIT) sgrTokens.clear();
		sgrTokens.set(code, tokens);
	}
	return tokens;
}

export function tokenize(str: string, endChar = Number.POSITIVE_INFINITY): Token[] {
	if (!SIMPLE.test(str)) return realTokenize(str, endChar);
	const tokens: Token[] = [];
	let visible = 0;
	for (let index = 0; index < str.length; index++) {
		if (str.charCodeAt(index) === ESC && str.charCodeAt(index + 1) === CSI) {
			// Like the real parser: digits and semicolons up to an 'm', else ESC is an ordinary character.
			let end = -1;
			for (let at = index + 2; at < str.length; at++) {
				const char = str.charCodeAt(at);
				if (char === SGR_END) {
					end = at;
					break;
				}
				if (char !== SEMICOLON && (char < DIGIT_0 || char > DIGIT_9)) break;
			}
			if (end !== -1) {
				for (const token of tokensOfSgr(str.slice(index, end + 1))) {
					tokens.push({type: 'ansi', code: token.code, endCode: token.endCode});
				}
				index = end;
				continue;
			}
		}
		tokens.push({type: 'char', value: str[index] as string, fullWidth: false});
		visible++;
		if (visible >= endChar) break;
	}
	return tokens;
}

function sameCodes(a: readonly AnsiCode[], b: readonly AnsiCode[]): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) {
		if (a[i]?.code !== b[i]?.code || a[i]?.endCode !== b[i]?.endCode) return false;
	}
	return true;
}

export function styledCharsToString(chars: StyledChar[]): string {
	// Pieces joined once at the end: appending per character makes a chain of partial strings.
	const parts: string[] = [];
	for (let i = 0; i < chars.length; i++) {
		const char = chars[i] as StyledChar;
		if (i === 0) {
			parts.push(ansiCodesToString(char.styles));
		} else {
			const previous = (chars[i - 1] as StyledChar).styles;
			if (!sameCodes(previous, char.styles)) parts.push(ansiCodesToString(diffAnsiCodes(previous, char.styles)));
		}
		parts.push(char.value);
		// Reset the active styles at the end of the string.
		if (i === chars.length - 1 && char.styles.length > 0) parts.push(ansiCodesToString(diffAnsiCodes(char.styles, [])));
	}
	return parts.join('');
}

export function styledCharsFromTokens(tokens: Token[]): StyledChar[] {
	let codes: AnsiCode[] = [];
	let shared: AnsiCode[] | null = null;
	const chars: StyledChar[] = [];
	for (const token of tokens) {
		if (token.type === 'ansi') {
			codes = reduceAnsiCodesIncremental(codes, [token]);
			shared = null;
		} else if (token.type === 'char') {
			shared ??= [...codes];
			// Spelled out, not spread: a spread copy is several times the size (this runs per character).
			chars.push({type: 'char', value: token.value, fullWidth: token.fullWidth, styles: shared});
		}
	}
	return chars;
}
