// one-off: profile the fleet overview's first frame (not kept)
import {spawn} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startSimulator} from '../source/simulator/server.js';
const regions = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
const linked = Array.from({length: 49}, (_, i) => String(200000000000 + i * 1111));
const sim = await startSimulator({seed: 1, org: {linkedAccounts: linked, trailRegions: regions, trailHome: regions[0]!, incidentScope: {account: linked[7]!, region: regions[1]!}}});
const home = mkdtempSync(join(tmpdir(), 'ffprof-'));
const env: NodeJS.ProcessEnv = {...process.env, AWS_ACCESS_KEY_ID: 'b', AWS_SECRET_ACCESS_KEY: 'b', AWS_REGION: regions[0], AWS_EC2_METADATA_DISABLED: 'true', XDG_CACHE_HOME: join(home, 'cache'), XDG_CONFIG_HOME: join(home, 'config')};
const common = ['--endpoint-url', sim.url, '--regions', regions.join(','), '--accounts', 'all', '--trail-log-group', 'aws-controltower/CloudTrailLogs', '--baseline-days', '1', '--lookback', '1h'];
const warm = spawn(process.execPath, ['dist/cli.js', '--once', '--json', ...common], {env, stdio: ['ignore', 'ignore', 'inherit']});
await new Promise(r => warm.on('exit', r));
const extra = (process.env['NODEFLAGS'] ?? '').split(' ').filter(Boolean);
for (let run = 0; run < Number(process.env['RUNS'] ?? 3); run++) {
	const ptyEnv = {...env, TERM: 'xterm-256color', LANG: 'C.UTF-8'};
	delete ptyEnv['CI'];
	const cmd = `stty cols 80 rows 24; exec node --max-semi-space-size=4 --expose-gc ${extra.join(' ')} dist/cli.js ${common.map(a => `'${a}'`).join(' ')}`;
	const started = performance.now();
	const child = spawn('script', ['-qfec', cmd, '/dev/null'], {env: ptyEnv, stdio: ['pipe', 'pipe', 'inherit']});
	let seen = '';
	await new Promise<void>(resolve => {
		child.stdout.on('data', (c: Buffer) => {
			seen += c.toString('utf8').replace(/\u001b\[[0-9;]*m/g, '');
			if (/FLAGGED METRICS OR STATE/.test(seen) && /(CRIT|WARN|all normal)/.test(seen) && /▸ /.test(seen)) resolve();
		});
	});
	console.log(`run ${run}: first frame ${Math.round(performance.now() - started)} ms`);
	child.stdin.write('q');
	await new Promise(r => child.on('exit', r));
}
await sim.close();
