/**
 * The risk catalog: every AWS IoT control-plane operation (control-operations.ts) and the device-side
 * calls CloudTrail can also record (data-operations.ts), each classified by hand (operation-types.ts).
 * CloudTrail's eventName for an IoT call is the operation name; operationOf looks one up.
 */
import {IOT_OPERATIONS} from './control-operations.js';
import {IOT_DATA_OPERATIONS} from './data-operations.js';
import {IOT_OPERATION_NAMES, type IotOperationName} from './operation-names.js';
import type {Operation} from './operation-types.js';

export {IOT_OPERATIONS} from './control-operations.js';
export {IOT_DATA_OPERATIONS} from './data-operations.js';
export {
	AREA_WORDS,
	type Operation,
	type OperationAccess,
	type OperationArea,
	type OperationImpact,
	type OperationRisk,
	type OperationScope,
} from './operation-types.js';

/** The classification of an eventName, or null when it is none of the above (or not a string). */
export function operationOf(eventName: unknown): Operation | null {
	if (typeof eventName !== 'string') return null;
	if (Object.hasOwn(IOT_OPERATIONS, eventName)) return IOT_OPERATIONS[eventName as IotOperationName];
	if (Object.hasOwn(IOT_DATA_OPERATIONS, eventName)) return IOT_DATA_OPERATIONS[eventName] ?? null;
	return null;
}

export {IOT_OPERATION_NAMES};
