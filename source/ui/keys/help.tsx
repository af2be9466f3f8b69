import {useDisplay} from '../shared/display-context.js';
import type {Keymap} from './keymap.js';
import type {Segment} from '../../render/segments.js';
import {Pager} from '../shared/pager.js';
import {helpLines} from './help-lines.js';

export type HelpProps = {
	readonly keymap: Keymap;
	readonly width: number;
	readonly height: number;
	/** First visible line. */
	readonly scroll?: number;
};

/** The `?` overlay, generated from the same keymap as the footer; scrolls when taller than the screen. */
export function Help({keymap, width, height, scroll = 0}: HelpProps) {
	const {glyphs: g} = useDisplay();
	const lines = helpLines(keymap, g);
	const title: Segment[] = [{text: ' HELP', bold: true}, {text: ` ${g.sep} keys (Esc or ? closes)`, dim: true}];
	return <Pager title={title} total={lines.length} lineAt={index => lines[index] ?? []} scroll={scroll} width={width} height={height} />;
}
