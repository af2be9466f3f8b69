/** What one setting is: its default, its rule, and the one validator flags, the settings file and `config set` share. */

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | {readonly [key: string]: JsonValue};

/** A validator's answer: the value, or what is wrong (when absent, the key's rule says it). */
export type Checked<T> = {readonly ok: true; readonly value: T} | {readonly ok: false; readonly problem?: string};

export type KeySpec<T> = {
	readonly default: T;
	/** Completes `"pollInterval" ...` or `--poll-interval "5s" ...`: what a valid value is. */
	readonly rule: string;
	/** A valid value as typed on the command line, and as written in the file. */
	readonly example: string;
	readonly exampleJson: string;
	/** From a flag or `config set` argument. */
	readonly fromText: (text: string) => Checked<T>;
	/** From the parsed settings file. */
	readonly fromJson: (value: unknown) => Checked<T>;
	/** What `config set` writes for a valid text (durations stay as typed, e.g. "90m"). */
	readonly toJson: (value: T, text: string) => JsonValue;
	/** For `config`. */
	readonly show: (value: T) => string;
	/** JSON Schema of the value in the file (the structure; ranges of durations are beyond it). */
	readonly schema: Readonly<Record<string, unknown>>;
};

export const ok = <T>(value: T): Checked<T> => ({ok: true, value});
export const bad = <T>(problem?: string): Checked<T> => (problem === undefined ? {ok: false} : {ok: false, problem});

