/** Pure: the footer's key hints, from the keymap. keys/footer.tsx draws them. */
import {keyLabel, UNICODE, type Glyphs} from '../../render/glyphs.js';
import {activeIn, type Binding, type Keymap, type UiMode} from './keymap.js';
import {segmentsWidth, type Segment} from '../../render/segments.js';

const itemSegments = (binding: Binding, first: boolean, paused: boolean, g: Glyphs, mode: UiMode): Segment[] => [
	{text: first ? ' ' : '  '},
	{text: keyLabel(binding.label, g), bold: true},
	{text: ` ${paused && binding.whilePaused ? binding.whilePaused : (binding.elsewhere?.[mode] ?? binding.description)}`, dim: true},
];

/** Two scroll keys of one unit (k/j, PgUp/PgDn, g/G) are shown or dropped together. */
const pairOf = (a: Binding | undefined, b: Binding | undefined): boolean =>
	a !== undefined && b !== undefined && a.command.type === 'scroll' && b.command.type === 'scroll' && a.command.unit === b.command.unit;

/**
 * The key hints, generated from the keymap: bindings with a footer priority that work on screen
 * `mode`, in keymap order; when the line is too narrow, the least important ones go first (measured
 * with the glyph set's key names, which are longer in ASCII: "Enter").
 */
export function footerSegments(keymap: Keymap, width: number, mode: UiMode = 'list', g: Glyphs = UNICODE, paused = false): Segment[] {
	let shown = keymap.filter(binding => binding.footer !== null && activeIn(binding, mode));
	const build = (): Segment[] => shown.flatMap((binding, index) => itemSegments(binding, index === 0, paused, g, mode));
	while (shown.length > 1 && segmentsWidth(build()) > width) {
		const worst = Math.max(...shown.map(binding => binding.footer ?? 0));
		// Drop the last binding of the least important priority, with its scroll partner (PgUp with PgDn).
		const victim = shown.findLastIndex(binding => binding.footer === worst);
		const partner = pairOf(shown[victim - 1], shown[victim]) ? victim - 1 : victim;
		shown = shown.filter((_, index) => index !== victim && index !== partner);
	}
	return build();
}
