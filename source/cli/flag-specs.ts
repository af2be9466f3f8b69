/** The flags and commands iot-monitor knows, as data: meow parses these, and the checks refuse anything else. */
import type {SettingKey} from '../config/keys.js';

/** Flags that carry a setting as text, and the setting each one sets. */
export const TEXT_FLAGS = {
	region: 'region',
	profile: 'profile',
	metrics: 'metrics',
	pollInterval: 'pollInterval',
	tailInterval: 'tailInterval',
	lookback: 'lookback',
	since: 'lookback',
	baselineDays: 'baselineDays',
	sensitivity: 'sensitivity',
	maxEvents: 'maxEvents',
	trailRate: 'trailRate',
	notifyCommand: 'notify.command',
	regions: 'regions',
	accounts: 'accounts',
	trailLogGroup: 'trailLogGroup',
	accountNames: 'accountNames',
} as const satisfies Record<string, SettingKey>;

/** Every flag: meow parses these, and anything else on the command line is refused with a suggestion. */
export const FLAGS = {
	region: {type: 'string'},
	profile: {type: 'string'},
	endpointUrl: {type: 'string'},
	demo: {type: 'boolean'},
	once: {type: 'boolean'},
	json: {type: 'boolean'},
	format: {type: 'string'},
	full: {type: 'boolean'},
	metrics: {type: 'string'},
	pollInterval: {type: 'string'},
	baselineDays: {type: 'string'},
	lookback: {type: 'string'},
	since: {type: 'string'},
	maxEvents: {type: 'string'},
	trailRate: {type: 'string'},
	tailInterval: {type: 'string'},
	port: {type: 'number'},
	seed: {type: 'number'},
	quietFleet: {type: 'boolean'},
	sensitivity: {type: 'string'},
	rebaseline: {type: 'boolean'},
	color: {type: 'boolean'},
	ascii: {type: 'boolean'},
	bell: {type: 'boolean'},
	notifyCommand: {type: 'string'},
	config: {type: 'string'},
	regions: {type: 'string'},
	accounts: {type: 'string'},
	trailLogGroup: {type: 'string'},
	accountNames: {type: 'string'},
	org: {type: 'boolean'},
	help: {type: 'boolean', shortFlag: 'h'},
	version: {type: 'boolean'},
} as const;

/** The flag as typed from its name here: pollInterval -> poll-interval. */
export const kebab = (name: string) => name.replaceAll(/[A-Z]/g, upper => `-${upper.toLowerCase()}`);

/** The commands (the first word that is not a flag). */
export const COMMANDS = ['simulate', 'tail', 'config'] as const;
/** Every flag as typed, without its dashes, for suggestions. */
export const FLAG_NAMES = [...Object.keys(FLAGS).map(kebab), 'no-color', 'no-bell'];
