/**
 * Pure: how the screen is drawn (colour or not, Unicode or ASCII glyphs) from the settings and the
 * environment. The CLI makes one call, `resolveDisplay({...settings, env: process.env, isTTY})`, and
 * hands the result to runTui; resolving a resolved display again changes nothing.
 */

/** `auto`: colour on a terminal unless NO_COLOR says otherwise; `always`/`never` as the user says. */
export type ColorChoice = 'auto' | 'always' | 'never';

/** What the user asked for (flags, settings); `ascii: false` still lets a non-UTF-8 locale turn ASCII on. */
export type DisplayOptions = {readonly color: ColorChoice; readonly ascii: boolean};

/** What the UI does: colour decided, ASCII decided. Also a valid DisplayOptions. */
export type ResolvedDisplay = {readonly color: 'always' | 'never'; readonly ascii: boolean};

/** The environment variables we read (process.env fits). */
export type DisplayEnv = Readonly<Record<string, string | undefined>>;

export type ResolveDisplayInput = DisplayOptions & {
	readonly env: DisplayEnv;
	/** Whether stdout is a terminal. */
	readonly isTTY: boolean;
};

const set = (value: string | undefined): value is string => value !== undefined && value !== '';

/**
 * Whether the locale's character set is UTF-8, decided the way libc and tmux decide it: the first of
 * LC_ALL, LC_CTYPE, LANG that is set and not empty is the locale, and it is UTF-8 when it names UTF-8
 * ("en_US.UTF-8", "C.utf8", macOS's bare "UTF-8"). So LC_ALL=C wins over LANG=en_US.UTF-8, as it does for
 * every other program in the pane. Nothing set, "C" or "POSIX" mean ASCII: that is what libc gives such
 * a process, and tmux itself then replaces every non-ASCII character with '_' (set LANG=C.UTF-8 to get
 * the Unicode glyphs).
 */
export function localeIsUtf8(env: DisplayEnv): boolean {
	const locale = [env['LC_ALL'], env['LC_CTYPE'], env['LANG']].find(set);
	return locale !== undefined && /utf-?8/i.test(locale);
}

/**
 * Whether to colour: `always` and `never` win over everything (a flag or setting beats NO_COLOR, as
 * no-color.org asks). `auto`: never when NO_COLOR is set to anything but the empty string; else as
 * FORCE_COLOR says when it is set (0 or false: no; anything else: yes, the convention chalk and Node
 * follow); else on a terminal (stdout a TTY, TERM not "dumb").
 */
export function colorWanted(choice: ColorChoice, env: DisplayEnv, isTTY: boolean): boolean {
	if (choice !== 'auto') return choice === 'always';
	if (set(env['NO_COLOR'])) return false;
	const force = env['FORCE_COLOR'];
	if (force !== undefined) return force !== '0' && force !== 'false';
	return isTTY && env['TERM'] !== 'dumb';
}

/** The display for these settings in this environment; idempotent. */
export function resolveDisplay({color, ascii, env, isTTY}: ResolveDisplayInput): ResolvedDisplay {
	return {color: colorWanted(color, env, isTTY) ? 'always' : 'never', ascii: ascii || !localeIsUtf8(env)};
}
