import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {ListMetricsCommand, CloudWatchClient} from '@aws-sdk/client-cloudwatch';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

test('iot-monitor simulate --port 0 prints its port and serves the real SDK until SIGTERM', async () => {
	assert.ok(existsSync('dist/cli.js'), 'run npm run build first (npm test does)');
	const child = spawn(process.execPath, ['dist/cli.js', 'simulate', '--port', '0'], {stdio: ['ignore', 'pipe', 'pipe']});
	try {
		const port = await new Promise<number>((resolve, reject) => {
			let out = '';
			const timer = setTimeout(() => reject(new Error(`no port printed: ${out}`)), 10_000);
			child.stdout.on('data', chunk => {
				out += String(chunk);
				const match = /port (\d+)/.exec(out);
				if (match) {
					clearTimeout(timer);
					resolve(Number(match[1]));
				}
			});
		});
		assert.ok(port > 0);
		const client = new CloudWatchClient({
			region: 'us-east-1',
			endpoint: `http://127.0.0.1:${port}`,
			credentials: {accessKeyId: 'x', secretAccessKey: 'x'},
		});
		const page = await client.send(new ListMetricsCommand({Namespace: 'AWS/IoT', MetricName: 'PublishIn.Success'}));
		client.destroy();
		assert.ok((page.Metrics?.length ?? 0) >= 1);
		const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));
		child.kill('SIGTERM');
		assert.equal(await exited, 0);
	} finally {
		child.kill('SIGKILL');
	}
});
