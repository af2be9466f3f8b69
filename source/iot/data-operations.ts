import {read, write} from './operation-builders.js';
import type {Operation} from './operation-types.js';

/**
 * Calls CloudTrail can record for IoT that are not control-plane operations: the device side (MQTT
 * messaging, shadows, jobs for devices), logged only as data events when a trail asks for them.
 */
export const IOT_DATA_OPERATIONS: Readonly<Record<string, Operation>> = {
	Publish: write('messaging', 'low', 'publishes an MQTT message'),
	DeleteConnection: write('messaging', 'medium', 'disconnects an MQTT client', 'credentials', {strength: 0.5, scope: 'device'}),
	GetRetainedMessage: read('messaging', 'reads a retained MQTT message'),
	ListRetainedMessages: read('messaging', 'lists retained MQTT messages'),
	GetThingShadow: read('shadow', 'reads a device shadow'),
	ListNamedShadowsForThing: read('shadow', 'lists the named shadows of a thing'),
	UpdateThingShadow: write('shadow', 'low', 'updates a device shadow'),
	DeleteThingShadow: write('shadow', 'medium', 'deletes a device shadow'),
	GetPendingJobExecutions: read('fleet', 'lists the jobs waiting for a device'),
	StartNextPendingJobExecution: write('fleet', 'low', 'starts the next job waiting for a device'),
	UpdateJobExecution: write('fleet', 'low', "reports a device's progress on a job"),
	StartCommandExecution: write('fleet', 'medium', 'sends a command to a device', 'deploy', {strength: 0.6, scope: 'device'}),
};
