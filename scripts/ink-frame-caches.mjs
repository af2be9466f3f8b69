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
 * Ink 6.8 builds every frame from scratch: a fresh grid of one object per cell, and a fresh cache that
 * tokenizes every line again. When only an age changed, all but one or two lines are the same as in the
 * last frame. These caches outlive the frame (bounded: cleared when full), and blank cells share one
 * object (cells are replaced, never changed in place), so an unchanged line costs a lookup.
 */
export const inkFrameCaches = {
	name: 'ink-frame-caches',
	setup(b) {
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
						'    get styledChars() { return boundedCache(FRAME_CACHES.styledChars, 128); }',
					].join('\n'),
				],
				["row.push({\n                    type: 'char',\n                    value: ' ',\n                    fullWidth: false,\n                    styles: [],\n                });", 'row.push(BLANK_CELL);'],
			]),
		);
	},
};

