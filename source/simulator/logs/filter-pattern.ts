/**
 * CloudWatch Logs filter patterns, as far as iot-monitor and its users send them: JSON patterns
 * `{ $.eventSource = "iot.amazonaws.com" }` with `=` / `!=`, `&&` / `||`, parentheses, quoted strings
 * (with `*` wildcards), numbers, true / false / NULL, and `EXISTS` / `NOT EXISTS`; plus plain term
 * patterns (every term must occur in the message). An empty pattern matches everything.
 */
import {SimError} from '../protocol.js';

/** Reads a JSON path of the event (`["eventSource"]`); undefined when absent. */
export type FieldReader = (path: readonly string[]) => unknown;

export type LogFilter = {
	/** The JSON paths the pattern reads (lets the caller answer cheap ones without parsing). */
	readonly paths: ReadonlyArray<readonly string[]>;
	matches(message: () => string, field: FieldReader): boolean;
};

type Node =
	| {kind: 'and' | 'or'; left: Node; right: Node}
	| {kind: 'cmp'; path: string[]; op: '=' | '!='; value: string | number | boolean | null}
	| {kind: 'exists'; path: string[]; negate: boolean};

export const invalidPattern = (pattern: string) =>
	new SimError('InvalidParameterException', `Invalid filter pattern: ${pattern.slice(0, 200)}`, 400);

const TOKEN = /\s*(\(|\)|&&|\|\||!=|=|\$(?:\.[A-Za-z_][\w-]*|\[\d+\])+|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|[A-Za-z_]+)/y;

function tokenize(body: string, pattern: string): string[] {
	const tokens: string[] = [];
	TOKEN.lastIndex = 0;
	let at = 0;
	while (at < body.length) {
		if (body.slice(at).trim() === '') break;
		TOKEN.lastIndex = at;
		const match = TOKEN.exec(body);
		if (!match) throw invalidPattern(pattern);
		tokens.push(match[1]!);
		at = TOKEN.lastIndex;
	}
	return tokens;
}

function parseJsonPattern(body: string, pattern: string): Node {
	const tokens = tokenize(body, pattern);
	let i = 0;
	const peek = () => tokens[i];
	const next = () => {
		const token = tokens[i++];
		if (token === undefined) throw invalidPattern(pattern);
		return token;
	};
	const path = (token: string): string[] => {
		if (!token.startsWith('$')) throw invalidPattern(pattern);
		return [...token.matchAll(/\.([A-Za-z_][\w-]*)|\[(\d+)\]/g)].map(m => m[1] ?? m[2]!);
	};
	const primary = (): Node => {
		const token = next();
		if (token === '(') {
			const inner = or();
			if (next() !== ')') throw invalidPattern(pattern);
			return inner;
		}
		const selector = path(token);
		const op = next();
		if (op === 'NOT' && next() === 'EXISTS') return {kind: 'exists', path: selector, negate: true};
		if (op === 'EXISTS') return {kind: 'exists', path: selector, negate: false};
		if (op !== '=' && op !== '!=') throw invalidPattern(pattern);
		const raw = next();
		let value: string | number | boolean | null;
		if (raw.startsWith('"')) value = JSON.parse(raw) as string;
		else if (/^-?\d/.test(raw)) value = Number(raw);
		else if (raw === 'true' || raw === 'false') value = raw === 'true';
		else if (raw === 'NULL') value = null;
		else value = raw; // a bare word compares as a string, as CloudWatch Logs does
		return {kind: 'cmp', path: selector, op, value};
	};
	const and = (): Node => {
		let left = primary();
		while (peek() === '&&') {
			i++;
			left = {kind: 'and', left, right: primary()};
		}
		return left;
	};
	const or = (): Node => {
		let left = and();
		while (peek() === '||') {
			i++;
			left = {kind: 'or', left, right: and()};
		}
		return left;
	};
	const root = or();
	if (i !== tokens.length) throw invalidPattern(pattern);
	return root;
}

function wildcard(expected: string, actual: string): boolean {
	if (!expected.includes('*')) return expected === actual;
	const source = expected
		.split('*')
		.map(part => part.replaceAll(/[.+?^${}()|[\]\\]/g, '\\$&'))
		.join('.*');
	return new RegExp(`^${source}$`, 's').test(actual);
}

function evaluate(node: Node, field: FieldReader): boolean {
	switch (node.kind) {
		case 'and':
			return evaluate(node.left, field) && evaluate(node.right, field);
		case 'or':
			return evaluate(node.left, field) || evaluate(node.right, field);
		case 'exists':
			return (field(node.path) !== undefined) !== node.negate;
		case 'cmp': {
			const actual = field(node.path);
			let equal: boolean;
			if (node.value === null) equal = actual === null;
			else if (typeof node.value === 'string') equal = typeof actual === 'string' && wildcard(node.value, actual);
			else equal = actual === node.value;
			// `!=` on a field that is absent does not match, as in CloudWatch Logs.
			return node.op === '=' ? equal : actual !== undefined && !equal;
		}
	}
}

function pathsOf(node: Node, into: string[][]): string[][] {
	if ('left' in node) {
		pathsOf(node.left, into);
		pathsOf(node.right, into);
	} else into.push(node.path);
	return into;
}

/** Parses a filter pattern; throws InvalidParameterException for one it cannot read. */
export function parseFilterPattern(pattern: string | undefined): LogFilter {
	const text = (pattern ?? '').trim();
	if (text === '') return {paths: [], matches: () => true};
	if (text.startsWith('{')) {
		if (!text.endsWith('}')) throw invalidPattern(text);
		const root = parseJsonPattern(text.slice(1, -1), text);
		return {paths: pathsOf(root, []), matches: (_message, field) => evaluate(root, field)};
	}
	const terms = [...text.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map(m => m[1] ?? m[2]!);
	return {paths: [], matches: message => terms.every(term => message().includes(term))};
}
