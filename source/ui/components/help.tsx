import {Box} from 'ink';
import {pad} from '../../text/width.js';
import type {Keymap} from '../keymap.js';
import {Line} from './line.js';

const LABEL_WIDTH = 8;

export type HelpProps = {readonly keymap: Keymap; readonly width: number; readonly height: number};

/** The `?` overlay: every binding with its full description, from the same keymap as the footer. */
export function Help({keymap, width, height}: HelpProps) {
	const rows = keymap.slice(0, Math.max(0, height - 2));
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Line segments={[{text: ' HELP', bold: true}, {text: ' · keys (Esc or ? closes)', dim: true}]} width={width} />
			<Line segments={[{text: ''}]} width={width} />
			{rows.map((binding, index) => (
				<Line
					key={index}
					segments={[{text: ` ${pad(binding.label, LABEL_WIDTH)} `, bold: true}, {text: binding.help}]}
					width={width}
				/>
			))}
		</Box>
	);
}
