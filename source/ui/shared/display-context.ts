/**
 * The UI's one context: whether to colour and which glyph set to draw with. Both are fixed for a run
 * and needed by every line, so they travel here instead of through every component's props; widths and
 * data stay props.
 */
import {createContext, useContext} from 'react';
import {UNICODE, type Glyphs} from '../../render/glyphs.js';

export type DisplayStyle = {
	/** False: <Line> passes no colour to Ink, so no colour escape is written (bold, dim, inverse stay). */
	readonly color: boolean;
	readonly glyphs: Glyphs;
};

export const DEFAULT_STYLE: DisplayStyle = {color: true, glyphs: UNICODE};

export const DisplayContext = createContext<DisplayStyle>(DEFAULT_STYLE);

/** The display style of the surrounding App (colour and Unicode outside one). */
export const useDisplay = (): DisplayStyle => useContext(DisplayContext);
