/** Pure: the footer's key hints, from the keymap. keys/footer.tsx draws them. */
import {keyLabel, UNICODE, type Glyphs} from '../../render/glyphs.js';
import {activeIn, type Binding, type Keymap, type UiMode} from './keymap.js';
import {segmentsWidth, type Segment} from '../../render/segments.js';

const itemSegments = (binding: Binding, first: boolean, g: Glyphs): Segment[] => [
	{text: first ? ' ' : '  '},
	{text: keyLabel(binding.label, g), bold: true},
	{text: ` ${binding.description}`, dim: true},
];

/**
 * The key hints, generated from the keymap: bindings with a footer priority that work on screen
 * `mode`, in keymap order; when the line is too narrow, the least important ones go first (measured
 * with the glyph set's key names, which are longer in ASCII: "Enter").
 */
export function footerSegments(keymap: Keymap, width: number, mode: UiMode = 'list', g: Glyphs = UNICODE): Segment[] {
	let shown = keymap.filter(binding => binding.footer !== null && activeIn(binding, mode));
	const build = (): Segment[] => shown.flatMap((binding, index) => itemSegments(binding, index === 0, g));
	while (shown.length > 1 && segmentsWidth(build()) > width) {
		const worst = Math.max(...shown.map(binding => binding.footer ?? 0));
		// Drop the last binding of the least important priority, so pairs like k/j go together.
		const victim = shown.findLastIndex(binding => binding.footer === worst);
		shown = shown.filter((_, index) => index !== victim);
	}
	return build();
}
