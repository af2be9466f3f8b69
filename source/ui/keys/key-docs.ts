/**
 * The keymap written out for the README's key table and the `--help` key line, so neither is a copy
 * kept by hand: `--help` prints keyHelpLines(KEYMAP), and test/ui/key-docs.test.ts fails when the
 * README's table is not keyTableMarkdown(KEYMAP) (its message holds the table to paste).
 */
import {FILTER_INPUT_KEYS, type Keymap} from './keymap.js';

/** Screens named in the README for keys limited to them. */
const SCREEN_WORDS: Readonly<Record<string, string>> = {list: 'event list', detail: 'detail', help: 'help', alarms: 'alarm list', changes: 'What changed', overview: 'fleet overview'};

/** The README's key table: one row per binding, in keymap order, then the filter line's keys. */
export function keyTableMarkdown(keymap: Keymap, filterKeys = true): string {
	const rows = keymap.map(binding => {
		const keys = (binding.label.length > 1 ? binding.label.split('/') : [binding.label]).map(key => `\`${key}\``).join(' / ');
		const only =
			binding.fleet === true
				? ' (fleet: a scope opened from the overview)'
				: binding.modes === undefined || binding.modes.length > 2
					? ''
					: ` (${binding.modes.map(mode => SCREEN_WORDS[mode] ?? mode).join(', ')})`;
		return `| ${keys} | ${binding.help}${only}${binding.more ? `. ${binding.more}` : ''} |`;
	});
	const filter = !filterKeys ? [] : FILTER_INPUT_KEYS.map(key => `| \`${key.label}\` while typing a filter | ${key.help} |`);
	return ['| key | what it does |', '| --- | --- |', ...rows, ...filter].join('\n');
}

/** `--help`'s key lines: every key with a footer word, wrapped to `width` after an indent. */
export function keyHelpLines(keymap: Keymap, width = 100, indent = '  ', title = 'Keys:'): string {
	const items = keymap.filter(binding => binding.footer !== null).map(binding => `${binding.label} ${binding.description}`);
	const lines: string[] = [];
	let line = `${indent}${title}`;
	for (const item of items) {
		const next = `${line}${line === `${indent}${title}` ? ' ' : ' · '}${item}`;
		if (next.length + 2 > width && line !== `${indent}${title}`) {
			lines.push(`${line} ·`);
			line = `${indent}${' '.repeat(title.length + 1)}${item}`;
		} else line = next;
	}
	lines.push(line);
	return lines.join('\n');
}
