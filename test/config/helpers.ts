/** Real settings files in fresh temporary folders (no mocks). */
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';

/** A fresh XDG_CONFIG_HOME, and the path iot-monitor reads in it. */
export function configHome(): {home: string; path: string} {
	const home = mkdtempSync(join(tmpdir(), 'iotmon-config-'));
	return {home, path: join(home, 'iot-monitor', 'config.json')};
}

/** Writes `text` (or the object as JSON) to `path`, creating its folder. */
export function writeSettings(path: string, content: string | object): void {
	mkdirSync(dirname(path), {recursive: true});
	writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
}

/** The broken files of the issue, each with a pattern its one-line message must match. */
export const BROKEN: ReadonlyArray<{readonly name: string; readonly text: string; readonly message: RegExp}> = [
	{name: 'invalid JSON', text: '{\n  "region": "eu-west-1",\n  "lookback": 3h\n}\n', message: /not valid JSON at line 3 column 16 \(expected "," or "}", found "h"\); fix it or remove the file$/},
	{name: 'a trailing comma', text: '{"region": "eu-west-1",}', message: /not valid JSON at line 1 column 24 /},
	{name: 'an empty file', text: '', message: /not valid JSON at line 1 column 1 \(expected a value, found the end of the file\)/},
	{name: 'not an object', text: '["region"]', message: /must hold one JSON object/},
	{name: 'a schema violation', text: '{"pollInterval": "5s"}', message: /"pollInterval" must be a duration of at least 10s, e.g. "60s"; fix or remove it \(iot-monitor config set pollInterval 60s/},
	{name: 'a wrong type', text: '{"maxEvents": "10000"}', message: /"maxEvents" must be a whole number from 100 to 1000000, e.g. 10000; fix or remove it/},
	{name: 'a wrong nested type', text: '{"notify": {"bell": "yes"}}', message: /"notify.bell" must be true or false/},
	{name: 'an unknown key', text: '{"pollIntervall": "60s"}', message: /unknown key "pollIntervall" \(did you mean "pollInterval"\?\); rename or remove it$/},
	{name: 'an unknown nested key', text: '{"notify": {"sound": true}}', message: /unknown key "notify.sound"; the keys are notify.bell, notify.command/},
	{name: 'an unknown metric', text: '{"metrics": ["PublishIn.Sucess"]}', message: /"metrics" names an unknown metric "PublishIn.Sucess"/},
	{name: 'a duration that does not parse', text: '{"lookback": "soon"}', message: /"lookback" must be a duration up to 90d, e.g. "3h"; fix or remove it \(iot-monitor config set lookback 3h/},
];
