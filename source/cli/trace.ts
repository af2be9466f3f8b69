/**
 * Start-up tracing for benchmarks: when IOT_MONITOR_TRACE names a file, `trace(label)` appends
 * "<ms since process start> <label>" to it. Never writes to the terminal.
 */
import {appendFileSync} from 'node:fs';

const file = process.env['IOT_MONITOR_TRACE'];

export function trace(label: string): void {
	if (!file) return;
	appendFileSync(file, `${performance.now().toFixed(1)} ${label}\n`);
}
