// iot-monitor: top for AWS IoT Core. Entry point only; see source/cli/ (the bundle starts at
// scripts/bundle-entry.js, which runs the same cli()).
import {cli} from './source/cli/entry.js';

await cli();
