import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {defaultLogPath, divertDiagnostics} from '../../source/cli/diagnostics.js';

test('divertDiagnostics: warnings and console output go to the log, not the terminal, until restored', async () => {
	const log = join(mkdtempSync(join(tmpdir(), 'iotmon-')), 'sub', 'iot-monitor.log');
	const writes: string[] = [];
	const realWrite = process.stderr.write.bind(process.stderr);
	process.stderr.write = ((chunk: string | Uint8Array) => {
		writes.push(String(chunk));
		return true;
	}) as typeof process.stderr.write;
	const restore = divertDiagnostics(log);
	try {
		process.emitWarning('NodeVersionSupportWarning: please upgrade', 'NodeVersionSupportWarning');
		console.error('stray %s', 'output');
		await new Promise(resolve => setImmediate(resolve)); // warnings are emitted on the next tick
	} finally {
		restore();
		process.stderr.write = realWrite;
	}
	assert.deepEqual(writes, []);
	const text = readFileSync(log, 'utf8');
	assert.match(text, /warning NodeVersionSupportWarning: NodeVersionSupportWarning: please upgrade/);
	assert.match(text, /error stray output/);
	assert.notEqual(console.error.name, '', 'console restored');
});

test('defaultLogPath follows XDG_STATE_HOME', () => {
	assert.equal(defaultLogPath({XDG_STATE_HOME: '/s'}), '/s/iot-monitor/iot-monitor.log');
	assert.match(defaultLogPath({}), /\.local\/state\/iot-monitor\/iot-monitor\.log$/);
});
