import {useDisplay} from '../shared/display-context.js';
import type {Keymap, UiMode} from './keymap.js';
import {Line} from '../shared/line.js';
import {footerSegments} from './footer-lines.js';

export type FooterProps = {
	readonly keymap: Keymap;
	readonly width: number;
	readonly mode?: UiMode;
	/** Polling is paused: keys say what they do now (p resume). */
	readonly paused?: boolean;
};

/** The one-line key hint footer for the current screen. */
export function Footer({keymap, width, mode = 'list', paused = false}: FooterProps) {
	const {glyphs} = useDisplay();
	return <Line segments={footerSegments(keymap, width, mode, glyphs, paused)} width={width} />;
}
