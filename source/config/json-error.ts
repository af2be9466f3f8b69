import {safeJsonStringify} from '../text/json.js';

/**
 * Where a text stops being JSON, as line and column: JSON.parse's own messages differ between Node
 * versions and often give no position at all. Pure; run only after JSON.parse has failed.
 */

export type JsonErrorLocation = {readonly line: number; readonly column: number; readonly problem: string};

class Stop {
	constructor(
		readonly at: number,
		readonly problem: string,
	) {}
}

/** The first place `text` breaks the JSON grammar (line and column count from 1), or null if it is JSON. */
export function findJsonError(text: string): JsonErrorLocation | null {
	let i = 0;
	const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
	const found = (): string => (i >= text.length ? 'the end of the file' : safeJsonStringify(text[i]));
	const fail = (expected: string): never => {
		throw new Stop(i, `expected ${expected}, found ${found()}`);
	};
	const space = (): void => {
		while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
	};
	const literal = (word: string): void => {
		for (const char of word) {
			if (text[i] !== char) fail(`"${word}"`);
			i++;
		}
	};
	const string = (): void => {
		i++; // the opening quote
		for (;;) {
			if (i >= text.length) fail('a closing "');
			const char = text[i]!;
			if (char === '"') break;
			if (char < ' ') throw new Stop(i, `a line break or control character inside a string`);
			if (char === '\\') {
				i++;
				if (text[i] === 'u') {
					i++;
					for (let n = 0; n < 4; n++, i++) if (!/[\da-f]/i.test(text[i] ?? '')) fail('four hex digits after \\u');
					continue;
				}
				if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail('an escape such as \\" or \\n');
			}
			i++;
		}
		i++;
	};
	const number = (): void => {
		NUMBER.lastIndex = i;
		const match = NUMBER.exec(text);
		if (!match) fail('a value');
		i += match![0].length;
	};
	const value = (): void => {
		space();
		const char = text[i];
		if (char === '{') return object();
		if (char === '[') return array();
		if (char === '"') return string();
		if (char === 't') return literal('true');
		if (char === 'f') return literal('false');
		if (char === 'n') return literal('null');
		if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return number();
		fail('a value');
	};
	const object = (): void => {
		i++;
		space();
		if (text[i] === '}') {
			i++;
			return;
		}
		for (;;) {
			space();
			if (text[i] !== '"') fail('a "quoted" key');
			string();
			space();
			if (text[i] !== ':') fail('":"');
			i++;
			value();
			space();
			if (text[i] === '}') break;
			if (text[i] !== ',') fail('"," or "}"');
			i++;
		}
		i++;
	};
	const array = (): void => {
		i++;
		space();
		if (text[i] === ']') {
			i++;
			return;
		}
		for (;;) {
			value();
			space();
			if (text[i] === ']') break;
			if (text[i] !== ',') fail('"," or "]"');
			i++;
		}
		i++;
	};
	try {
		value();
		space();
		if (i < text.length) fail('nothing more after the JSON value');
		return null;
	} catch (error) {
		if (!(error instanceof Stop)) return null; // nesting too deep for this scanner: no position
		const before = text.slice(0, error.at).split('\n');
		return {line: before.length, column: before.at(-1)!.length + 1, problem: error.problem};
	}
}
