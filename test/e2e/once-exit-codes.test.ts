import {test, before} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

type Run = {code: number | null; stdout: string; stderr: string};

let cacheHome = '';
before(() => {
	assert.ok(existsSync('dist/cli.js'), 'run npm run build first (npm test does)');
	cacheHome = mkdtempSync(join(tmpdir(), 'iotmon-once-'));
});

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
	return new Promise(resolve => {
		const child = spawn(process.execPath, ['dist/cli.js', ...args], {
			// The glyphs of --once text follow the locale: a UTF-8 one here, whatever the caller's.
			env: {...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_CTYPE: '', XDG_CACHE_HOME: cacheHome, XDG_STATE_HOME: cacheHome, ...env},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => (stdout += String(chunk)));
		child.stderr.on('data', chunk => (stderr += String(chunk)));
		child.on('exit', code => resolve({code, stdout, stderr}));
	});
}

function startSimulator(args: string[]): Promise<{url: string; stop(): void}> {
	const child = spawn(process.execPath, ['dist/cli.js', 'simulate', '--port', '0', ...args], {stdio: ['ignore', 'pipe', 'ignore']});
	return new Promise((resolve, reject) => {
		let out = '';
		child.stdout.on('data', chunk => {
			out += String(chunk);
			const match = /listening on (http:\/\/\S+)/.exec(out);
			if (match) resolve({url: match[1]!, stop: () => child.kill('SIGTERM')});
		});
		child.on('exit', () => reject(new Error(`simulator exited: ${out}`)));
	});
}

test('--once exits 2 (CRITICAL) during the demo publish drop, with the JSON saying why', async () => {
	const result = await run(['--demo', '--once', '--json']);
	assert.equal(result.code, 2, result.stderr);
	const json = JSON.parse(result.stdout);
	assert.equal(json.status, 'CRIT');
	const publish = json.metrics.find((m: {name: string}) => m.name === 'PublishIn.Success');
	assert.equal(publish.deviation.severity, 'crit');
	assert.equal(publish.deviation.direction, 'down');
	assert.deepEqual(Object.keys(publish.baseline), ['expected', 'low', 'high']);
	assert.ok(json.metrics.filter((m: {state: string}) => m.state === 'no-data').every((m: {deviation: unknown}) => m.deviation === null));
	assert.equal(publish.state, 'current');
	assert.equal(publish.severity, 'crit');
	const strings = (value: unknown): string[] =>
		typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];
	assert.deepEqual(strings(publish).filter(text => /^ok$/i.test(text)), [], 'no field reads "ok" on the CRIT row');
});

test('--once text: the first line is the Nagios status line with the flagged metric and perfdata; the exit code follows', async () => {
	const result = await run(['--demo', '--once']);
	assert.equal(result.code, 2, result.stderr);
	const [first, second] = result.stdout.split('\n');
	assert.match(first!, /^IOT-MONITOR CRIT - PublishIn\.Success -\d+% \(▼CRIT\)(, [^|]+)? \| PublishIn\.Success=\d+;;;0( \S+=(\d+|U);;;0)+$/);
	assert.match(second!, /^us-east-1 at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \(times UTC\)$/);
});

test('--once bad input: exit 3, the reason and the fix in one line (stdout for Nagios, stderr for a person); -h is help', async () => {
	const typo = await run(['--once', '--demo', '--regoin', 'us-east-1']);
	assert.equal(typo.code, 3);
	assert.equal(typo.stdout, 'IOT-MONITOR UNKNOWN - unknown flag --regoin: did you mean --region?\n');
	assert.equal(typo.stderr, 'iot-monitor: unknown flag --regoin: did you mean --region?\n');
	const json = await run(['--once', '--json', '--demo', '--regoin', 'us-east-1']);
	assert.equal(json.code, 3);
	assert.equal(json.stdout, '', 'nothing that is not JSON on the stdout of --json');
	const table: Array<[string[], RegExp]> = [
		[['--once', 'tial'], /unknown command "tial": did you mean tail\?/],
		[['--once', '--demo', '--sensitivity', 'extrem'], /--sensitivity "extrem" must be one of low, normal, high/],
		[['--once', '--demo', '--lookback', '3x'], /--lookback "3x" must be a duration/],
		[['--once', '--demo', '--format', 'yaml'], /--format "yaml" must be text, json or markdown/],
		[['--once', '--config', ''], /--config needs a file path/],
		[['--once', '-x'], /unknown flag -x; run iot-monitor --help for the list/],
	];
	for (const [argv, reason] of table) {
		const result = await run(argv);
		assert.equal(result.code, 3, argv.join(' '));
		assert.match(result.stderr, reason, argv.join(' '));
		assert.equal(result.stderr.split('\n').length, 2, 'one line');
	}
	for (const flag of ['-h', '--help']) {
		const help = await run(['--once', flag]);
		assert.equal(help.code, 0, flag);
		assert.match(help.stdout, /Usage\n +\$ iot-monitor \[options\]/);
	}
});

test('--once exits 0 (OK) on the quiet fleet', async () => {
	const result = await run(['--demo', '--quiet-fleet', '--once', '--json']);
	assert.equal(result.code, 0, result.stderr);
	assert.equal(JSON.parse(result.stdout).status, 'OK');
});

test('--once exits 1 (WARNING) on a moderate publish drop', async () => {
	const sim = await startSimulator(['--quiet-fleet']);
	try {
		const now = Date.now();
		const response = await fetch(`${sim.url}/_sim/incidents`, {
			method: 'POST',
			body: JSON.stringify({kind: 'publish-drop', start: now - 15 * 60_000, end: now + 3600_000, magnitude: 0.4}),
		});
		assert.equal(response.status, 200);
		const result = await run(['--once', '--json', '--endpoint-url', sim.url], {
			AWS_REGION: 'us-east-1',
			AWS_ACCESS_KEY_ID: 'x',
			AWS_SECRET_ACCESS_KEY: 'x',
		});
		assert.equal(result.code, 1, result.stdout + result.stderr);
		const json = JSON.parse(result.stdout);
		assert.equal(json.status, 'WARN');
		assert.equal(json.metrics.find((m: {name: string}) => m.name === 'PublishIn.Success').deviation.severity, 'warn');
	} finally {
		sim.stop();
	}
});

test('--once exits 3 (UNKNOWN) when AWS cannot be reached, and says so on stderr', async () => {
	const result = await run(['--once', '--json', '--endpoint-url', 'http://127.0.0.1:9'], {
		AWS_REGION: 'us-east-1',
		AWS_ACCESS_KEY_ID: 'x',
		AWS_SECRET_ACCESS_KEY: 'x',
		AWS_MAX_ATTEMPTS: '1',
	});
	assert.equal(result.code, 3);
	assert.equal(JSON.parse(result.stdout).status, 'UNKNOWN');
	assert.match(result.stderr, /network unreachable|ECONNREFUSED/);
});

test('--once with bad input exits 3 (UNKNOWN), not 2: a typo in a check must not read as CRITICAL', async () => {
	const result = await run(['--once', '--sensitivity', 'extreme']);
	assert.equal(result.code, 3, result.stderr);
	assert.equal(result.stderr, 'iot-monitor: --sensitivity "extreme" must be one of low, normal, high, e.g. --sensitivity normal\n');
	const plain = await run(['--sensitivity', 'extreme', '--json']);
	assert.equal(plain.code, 2, 'without --once a usage error is 2, as for any command');
});

test('--once --format markdown prints the incident hand-off, with the same exit code', async () => {
	const result = await run(['--demo', '--once', '--format', 'markdown']);
	assert.equal(result.code, 2, result.stderr);
	assert.match(result.stdout, /^# iot-monitor incident snapshot: us-east-1, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\n/);
	assert.match(result.stdout, /^## Flags$/m);
	assert.match(result.stdout, /\| PublishIn\.Success \| ▼ CRIT \|/);
	assert.match(result.stdout, /^## What changed before$/m);
	assert.ok(result.stdout.length <= 16_000, `ticket-sized: ${result.stdout.length} characters`);
	assert.match(result.stdout, /^- \*\*Account:\*\* 123456789012 \(from the CloudTrail records\); \*\*region:\*\* us-east-1/m);
	assert.doesNotMatch(result.stdout, /^```/m, 'the records are left out...');
	assert.match(result.stdout, /--full` includes them/);
	const full = await run(['--demo', '--once', '--format', 'markdown', '--full']);
	assert.equal(full.code, 2, full.stderr);
	assert.match(full.stdout, /^```json\n\{\n {2}"eventVersion"/m, '...and come inline with --full');
	const wrong = await run(['--demo', '--format', 'markdown']);
	assert.equal(wrong.code, 2);
	assert.match(wrong.stderr, /--format goes with --once/);
});
