import {useDisplay} from '../shared/display-context.js';
import type {Keymap, UiMode} from './keymap.js';
import {Line} from '../shared/line.js';
import {footerSegments} from './footer-lines.js';

export type FooterProps = {readonly keymap: Keymap; readonly width: number; readonly mode?: UiMode};

/** The one-line key hint footer for the current screen. */
export function Footer({keymap, width, mode = 'list'}: FooterProps) {
	const {glyphs} = useDisplay();
	return <Line segments={footerSegments(keymap, width, mode, glyphs)} width={width} />;
}
