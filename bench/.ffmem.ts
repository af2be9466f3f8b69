// one-off: memory breakdown of the fleet app over time (not kept)
import {spawn} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startSimulator} from '../source/simulator/server.js';
const regions = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
const linked = Array.from({length: 49}, (_, i) => String(200000000000 + i * 1111));
const sim = await startSimulator({seed: 1, org: {linkedAccounts: linked, trailRegions: regions, trailHome: regions[0]!, incidentScope: {account: linked[7]!, region: regions[1]!}}});
const home = mkdtempSync(join(tmpdir(), 'ffmem-'));
const env: NodeJS.ProcessEnv = {...process.env, AWS_ACCESS_KEY_ID: 'b', AWS_SECRET_ACCESS_KEY: 'b', AWS_REGION: regions[0], AWS_EC2_METADATA_DISABLED: 'true', XDG_CACHE_HOME: join(home, 'cache'), XDG_CONFIG_HOME: join(home, 'config'), BENCH_TICK_MS: '20000', BENCH_SCOPES: '150'};
const common = ['--endpoint-url', sim.url, '--regions', regions.join(','), '--accounts', 'all', '--trail-log-group', 'aws-controltower/CloudTrailLogs', '--baseline-days', '1', '--lookback', '1h'];
const warm = spawn(process.execPath, ['dist/cli.js', '--once', '--json', ...common], {env, stdio: ['ignore', 'ignore', 'inherit']});
await new Promise(r => warm.on('exit', r));
const flags = (process.env['NODEFLAGS'] ?? '--max-semi-space-size=4 --expose-gc').split(' ').filter(Boolean);
const app = spawn(process.execPath, [...flags, '--import', 'tsx', 'bench/fleet-app.ts', ...common], {env, stdio: ['ignore', 'pipe', 'inherit']});
app.stdout.on('data', c => process.stdout.write(c));
await new Promise(r => setTimeout(r, Number(process.env['SECONDS_RUN'] ?? 180) * 1000));
if (process.env['SNAP']) { app.kill('SIGUSR2'); await new Promise(r => setTimeout(r, 20000)); }
app.kill();
await sim.close();
