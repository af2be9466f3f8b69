// An esbuild plugin for every bundle that runs the UI (scripts/build.mjs, bench/eventlog.mjs).
import {readFileSync} from 'node:fs';

/** A dependency's file with each `from` (present exactly once, else the build fails) replaced. */
function patched(path, replacements) {
	let contents = readFileSync(path, 'utf8');
	for (const [from, to] of replacements) {
		if (contents.split(from).length !== 2) throw new Error(`${path} changed: cannot patch "${from.split('\n')[0]}"`);
		contents = contents.replace(from, () => to);
	}
	return {contents, loader: 'js'};
}

/**
 * Ink 6.8 builds every frame from scratch: a fresh grid of one object per cell (4,800 at 120x40), a fresh
 * cache that tokenizes every line again, and every row of the grid turned back into a string. When only
 * an age changed, all but one or two rows are the same as in the last frame. Patched:
 * - the line caches outlive the frame (bounded: cleared when full), and blank cells share one object
 *   (cells are replaced, never changed in place). A styledChars entry is one object per character of a
 *   written text (~65 KB for a styled 200-column line), and only rows that miss ROW_STRINGS ask for it,
 *   so it keeps 32 (128 held ~8 MB, filling over half an hour and then cleared: a slow RSS sawtooth);
 * - Output.get() (ROW_CACHED_GET) first collects, per row, what is written on it (column and text, after
 *   clipping and transformers, in order), and only a row whose writes differ from every row seen lately
 *   gets a grid of cells and is turned into a string; the others are one Map lookup, and a row written
 *   exactly as in the last frame (most rows of a tick) not even that. Rows are independent
 *   (a line written at row y touches only row y), so the text is the same as Ink's own get() makes
 *   (test/ui/ink-output-patch.test.ts compares them);
 * - squashTextNodes() (a Text's children joined, each nested Text's colours applied, then sanitised:
 *   every Text, every frame) keeps its last result per node and gives it again while the children's text
 *   and transforms are the same objects (React gives an unchanged Text the same transform);
 * - wrapText()'s cache, which Ink never empties (one entry per distinct line ever drawn: every age, every
 *   selected row), is bounded;
 * - so is measureText()'s (a text's width and height, for Yoga): the same one-entry-per-distinct-text
 *   cache, never emptied. Unbounded, it held every header and status line ever drawn (each names an age
 *   or a time): +1.1 MB of keys in 11 minutes of the soak at 200x50, ~140 MB a day (heap snapshots).
 */
const ROW_CACHED_GET = `
const ROW_STRINGS = new Map();
/** Per row index: the writes last seen there and their text. */
const LAST_ROWS = [];
function rowCachedGet(output) {
    const {width, height} = output;
    // Per row: [x, text, x, text, ...], written in this order.
    const writes = [];
    for (let y = 0; y < height; y++) writes.push([]);
    const clips = [];
    for (const operation of output.operations) {
        if (operation.type === 'clip') {
            clips.push(operation.clip);
        }
        if (operation.type === 'unclip') {
            clips.pop();
        }
        if (operation.type === 'write') {
            const { text, transformers } = operation;
            let { x, y } = operation;
            let lines = text.split('\\n');
            const clip = clips.at(-1);
            if (clip) {
                const clipHorizontally = typeof clip?.x1 === 'number' && typeof clip?.x2 === 'number';
                const clipVertically = typeof clip?.y1 === 'number' && typeof clip?.y2 === 'number';
                if (clipHorizontally) {
                    const width = output.caches.getWidestLine(text);
                    if (x + width < clip.x1 || x > clip.x2) {
                        continue;
                    }
                }
                if (clipVertically) {
                    const height = lines.length;
                    if (y + height < clip.y1 || y > clip.y2) {
                        continue;
                    }
                }
                if (clipHorizontally) {
                    lines = lines.map(line => {
                        const from = x < clip.x1 ? clip.x1 - x : 0;
                        const width = output.caches.getStringWidth(line);
                        const to = x + width > clip.x2 ? clip.x2 - x : width;
                        return sliceAnsi(line, from, to);
                    });
                    if (x < clip.x1) {
                        x = clip.x1;
                    }
                }
                if (clipVertically) {
                    const from = y < clip.y1 ? clip.y1 - y : 0;
                    const height = lines.length;
                    const to = y + height > clip.y2 ? clip.y2 - y : height;
                    lines = lines.slice(from, to);
                    if (y < clip.y1) {
                        y = clip.y1;
                    }
                }
            }
            let offsetY = 0;
            for (let [index, line] of lines.entries()) {
                const row = writes[y + offsetY];
                if (!row) {
                    continue;
                }
                for (const transformer of transformers) {
                    line = transformer(line, index);
                }
                row.push(x, line);
                offsetY++;
            }
        }
    }
    const rows = [];
    for (let y = 0; y < height; y++) {
        const row = writes[y];
        // The same writes as on this row last time (most rows of most frames): its text, no key built.
        const last = LAST_ROWS[y];
        if (last !== undefined && last.width === width && sameWrites(last.row, row)) {
            rows.push(last.text);
            continue;
        }
        const key = width + '\\u0001' + row.join('\\u0001');
        let text = ROW_STRINGS.get(key);
        if (text === undefined) {
            text = rowString(output, width, row);
            if (ROW_STRINGS.size >= 1024) ROW_STRINGS.clear();
            ROW_STRINGS.set(key, text);
        }
        LAST_ROWS[y] = {width, row, text};
        rows.push(text);
    }
    LAST_ROWS.length = Math.min(LAST_ROWS.length, 1024);
    return {output: rows.join('\\n'), height};
}
function sameWrites(a, b) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
        if (a[i] !== b[i]) return false;
    }
    return true;
}
function rowString(output, width, row) {
    const cells = [];
    for (let x = 0; x < width; x++) cells.push(BLANK_CELL);
    for (let i = 0; i < row.length; i += 2) {
        let offsetX = row[i];
        for (const character of output.caches.getStyledChars(row[i + 1])) {
            cells[offsetX] = character;
            const characterWidth = Math.max(1, output.caches.getStringWidth(character.value));
            for (let index = 1; index < characterWidth; index++) {
                cells[offsetX + index] = {type: 'char', value: '', fullWidth: false, styles: character.styles};
            }
            offsetX += characterWidth;
        }
    }
    return styledCharsToString(cells.filter(item => item !== undefined)).trimEnd();
}
`;

const SQUASH_CACHED = `const SQUASHED = new WeakMap();
/** A child's text (a nested Text squashed) and its transform (null for plain text). */
const childText = (childNode) => {
    if (childNode === undefined) {
        return '';
    }
    if (childNode.nodeName === '#text') {
        return childNode.nodeValue;
    }
    const nested = childNode.nodeName === 'ink-text' || childNode.nodeName === 'ink-virtual-text';
    return nested ? squashTextNodes(childNode) : '';
};
const childTransform = (childNode) => childNode === undefined || childNode.nodeName === '#text' ? null : childNode.internal_transform;
const squashTextNodes = (node) => {
    const children = node.childNodes;
    const last = SQUASHED.get(node);
    // The last result again, while every child's text and transform are the same (checked without allocating:
    // this runs for every Text of every frame).
    if (last !== undefined && last.parts.length === children.length * 2) {
        let same = true;
        for (let index = 0; index < children.length; index++) {
            const childNode = children[index];
            if (childText(childNode) !== last.parts[index * 2] || childTransform(childNode) !== last.parts[index * 2 + 1]) {
                same = false;
                break;
            }
        }
        if (same) {
            return last.text;
        }
    }
    // Per child: its text (a nested Text squashed), and the transform to apply (null for plain text).
    const parts = [];
    for (let index = 0; index < children.length; index++) {
        const childNode = children[index];
        parts.push(childText(childNode), childTransform(childNode));
    }
    let text = '';
    for (let index = 0; index < parts.length; index += 2) {
        let nodeText = parts[index];
        const transform = parts[index + 1];
        if (nodeText.length > 0 && typeof transform === 'function') {
            nodeText = transform(nodeText, index / 2);
        }
        text += nodeText;
    }
    text = sanitizeAnsi(text);
    SQUASHED.set(node, {parts, text});
    return text;
};`;

export const inkFrameCaches = {
	name: 'ink-frame-caches',
	setup(b) {
		b.onLoad({filter: /[\\/]ink[\\/]build[\\/]squash-text-nodes\.js$/}, args => {
			const contents = readFileSync(args.path, 'utf8');
			const start = contents.indexOf('const squashTextNodes = (node) => {');
			const end = contents.indexOf('export default squashTextNodes;');
			if (start < 0 || end < start || !contents.includes("import sanitizeAnsi from './sanitize-ansi.js';")) {
				throw new Error(`${args.path} changed: cannot cache squashTextNodes`);
			}
			return {contents: `${contents.slice(0, start)}${SQUASH_CACHED}\n${contents.slice(end)}`, loader: 'js'};
		});
		b.onLoad({filter: /[\\/]ink[\\/]build[\\/]measure-text\.js$/}, args =>
			patched(args.path, [['    cache.set(text, dimensions);', '    if (cache.size >= 2048) cache.clear();\n    cache.set(text, dimensions);']]),
		);
		b.onLoad({filter: /[\\/]ink[\\/]build[\\/]wrap-text\.js$/}, args =>
			patched(args.path, [
				['const cache = {};', 'let cache = {};\nlet cached = 0;'],
				['    cache[cacheKey] = wrappedText;', '    if (++cached > 4096) {\n        cache = {};\n        cached = 1;\n    }\n    cache[cacheKey] = wrappedText;'],
			]),
		);
		b.onLoad({filter: /[\\/]ink[\\/]build[\\/]output\.js$/}, args =>
			patched(args.path, [
				[
					'class OutputCaches {\n    widths = new Map();\n    blockWidths = new Map();\n    styledChars = new Map();',
					[
						'const FRAME_CACHES = {widths: new Map(), blockWidths: new Map(), styledChars: new Map()};',
						'const boundedCache = (map, max) => { if (map.size >= max) map.clear(); return map; };',
						"const BLANK_CELL = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([])});",
						'class OutputCaches {',
						'    get widths() { return boundedCache(FRAME_CACHES.widths, 4096); }',
						'    get blockWidths() { return boundedCache(FRAME_CACHES.blockWidths, 256); }',
						'    get styledChars() { return boundedCache(FRAME_CACHES.styledChars, 32); }',
					].join('\n'),
				],
				["row.push({\n                    type: 'char',\n                    value: ' ',\n                    fullWidth: false,\n                    styles: [],\n                });", 'row.push(BLANK_CELL);'],
				['    get() {\n        // Initialize output array', '    get() {\n        return rowCachedGet(this);\n    }\n    inkGet() {\n        // Initialize output array'],
				['export default class Output {', `${ROW_CACHED_GET}\nexport default class Output {`],
			]),
		);
	},
};

