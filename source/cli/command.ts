/** What the command line asks for (flags.ts parses it into one of these). */
import type {SettingsFileRef} from '../config/document.js';
import type {JsonValue, SettingKey} from '../config/keys.js';
import type {Settings} from '../config/resolve.js';
import type {SettingsReport} from '../config/show.js';

export type Command =
	/** --help or -h, --version: print `text` and exit 0. */
	| {kind: 'help'; text: string}
	| {kind: 'version'; text: string}
	| {kind: 'monitor'; options: MonitorCliOptions}
	| {kind: 'simulate'; port: number; seed: number; quiet: boolean; org: boolean}
	| {kind: 'tail'; options: MonitorCliOptions}
	/** `config`: print the report. */
	| {kind: 'config'; report: SettingsReport}
	/** `config set KEY VALUE`: the value is valid; the file is checked again when written. */
	| {kind: 'config-set'; file: SettingsFileRef; key: SettingKey; value: JsonValue};

/** What the monitor runs with: the effective settings (flags > environment > file > defaults) and the run's own flags. */
export type MonitorCliOptions = Omit<Settings, 'region' | 'profile'> & {
	readonly demo: boolean;
	readonly once: boolean;
	/** --json, or --format json. */
	readonly json: boolean;
	/** How --once prints: text (default), json, or markdown (the incident hand-off). */
	readonly format: 'text' | 'json' | 'markdown';
	/** The hand-off (s, --once --format markdown) with the records inline and no length bound. */
	readonly full: boolean;
	readonly region?: string;
	readonly profile?: string;
	readonly endpointUrl?: string;
	readonly seed: number;
	readonly quietFleet: boolean;
	readonly rebaseline: boolean;
	/** --demo --org: the embedded endpoint as an organization of 3 accounts in 2 regions. */
	readonly org: boolean;
};

/** Where parseArgs looks for settings besides argv (injectable for tests). */
export type ParseContext = {
	/** Default process.env: XDG_CONFIG_HOME, AWS_REGION, AWS_DEFAULT_REGION, AWS_PROFILE, NO_COLOR. */
	readonly env?: Readonly<Record<string, string | undefined>>;
};
