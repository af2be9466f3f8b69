/**
 * The risk catalog covers every AWS IoT control-plane operation of the SDK's model, each classified and
 * described in words; the checked-in list is the SDK's (scripts/gen-iot-operations.mjs refreshes it).
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync} from 'node:fs';
import {IOT_OPERATION_NAMES, IOT_SDK_VERSION} from '../../source/iot/operation-names.js';
import {AREA_WORDS, IOT_DATA_OPERATIONS, IOT_OPERATIONS, operationOf, type Operation} from '../../source/iot/operations.js';

const IMPACTS = new Set(['credentials', 'permissions', 'deploy', 'route', 'grant', 'none']);
const SCOPES = new Set(['fleet', 'device', 'none']);
const RISKS = new Set(['high', 'medium', 'low', 'none']);

test('the checked-in operation list is the installed SDK model, every name once and sorted', () => {
	const sdk = new URL('../../node_modules/@aws-sdk/client-iot/', import.meta.url);
	const names = readdirSync(new URL('dist-types/commands/', sdk))
		.map(file => /^([A-Z]\w*)Command\.d\.ts$/.exec(file)?.[1])
		.filter((name): name is string => name !== undefined)
		.sort();
	assert.deepEqual([...IOT_OPERATION_NAMES], names, `regenerate with: node scripts/gen-iot-operations.mjs (list is from ${IOT_SDK_VERSION})`);
	assert.ok(names.length > 250, `${names.length} operations`);
	assert.equal(new Set(IOT_OPERATION_NAMES).size, IOT_OPERATION_NAMES.length);
});

function check(name: string, operation: Operation | undefined): void {
	assert.ok(operation, `${name} is not classified`);
	assert.ok(operation.access === 'read' || operation.access === 'write', name);
	assert.ok(Object.hasOwn(AREA_WORDS, operation.area), `${name}: area ${operation.area}`);
	assert.ok(IMPACTS.has(operation.impact), `${name}: impact`);
	assert.ok(SCOPES.has(operation.scope), `${name}: scope`);
	assert.ok(RISKS.has(operation.risk), `${name}: risk`);
	assert.ok(operation.strength >= 0 && operation.strength <= 1, `${name}: strength`);
	assert.equal(operation.impact === 'none', operation.strength === 0, `${name}: strength 0 exactly when no impact`);
	if (operation.access === 'read') {
		assert.equal(operation.risk, 'none', `${name}: a read is no risk`);
		assert.equal(operation.impact, 'none', `${name}: a read changes no traffic`);
	} else {
		assert.notEqual(operation.risk, 'none', `${name}: a write has a risk level`);
	}
	// Words: present tense, lower case, no API name split into bad words ("v2logging", "c a").
	assert.match(operation.words, /^[a-z][a-z]+s\b/, `${name}: "${operation.words}" starts with a verb`);
	assert.doesNotMatch(operation.words, /v2\s?logging|\bc a\b|\bo t a\b/i, `${name}: ${operation.words}`);
	assert.ok(operation.words.length <= 140, name);
}

test('every operation of the list is classified and described; none classified that is not in the list', () => {
	for (const name of IOT_OPERATION_NAMES) check(name, IOT_OPERATIONS[name]);
	assert.deepEqual(Object.keys(IOT_OPERATIONS).sort(), [...IOT_OPERATION_NAMES]);
	for (const [name, operation] of Object.entries(IOT_DATA_OPERATIONS)) check(name, operation);
});

test('reads and writes follow the verb of the name', () => {
	const reads = /^(Describe|List|Get|Search|Test|Validate)/;
	const writes = /^(Create|Delete|Update|Attach|Detach|Set|Register|Start|Cancel|Add|Remove|Replace|Enable|Disable|Transfer|Accept|Reject|Clear|Confirm|Deprecate|Associate|Disassociate|Tag|Untag|Put|Stop)/;
	for (const name of IOT_OPERATION_NAMES) {
		const operation = IOT_OPERATIONS[name];
		if (reads.test(name)) assert.equal(operation.access, 'read', name);
		else if (writes.test(name)) assert.equal(operation.access, 'write', name);
		else assert.fail(`${name}: neither a read nor a write verb; classify it by hand and extend this test`);
	}
});

test('the calls the issue named: fleet changes, authorizers, destinations, encryption, words', () => {
	for (const name of ['CreateJob', 'CreateOTAUpdate', 'AssociateTargetsWithJob'] as const) {
		assert.equal(IOT_OPERATIONS[name].area, 'fleet', name);
		assert.equal(IOT_OPERATIONS[name].impact, 'deploy', name);
		assert.equal(IOT_OPERATIONS[name].risk, 'high', name);
	}
	assert.equal(IOT_OPERATIONS.ClearDefaultAuthorizer.risk, IOT_OPERATIONS.SetDefaultAuthorizer.risk);
	assert.equal(IOT_OPERATIONS.ClearDefaultAuthorizer.impact, 'credentials');
	assert.equal(IOT_OPERATIONS.UpdateEncryptionConfiguration.risk, 'high');
	assert.equal(IOT_OPERATIONS.UpdateTopicRuleDestination.impact, 'route');
	assert.match(IOT_OPERATIONS.DetachSecurityProfile.words, /Device Defender/);
	assert.doesNotMatch(IOT_OPERATIONS.DetachSecurityProfile.words, /polic|principal/);
	assert.match(IOT_OPERATIONS.DeleteV2LoggingLevel.words, /logging level/);
	assert.match(IOT_OPERATIONS.SetDefaultPolicyVersion.words, /in force/);
	assert.equal(IOT_OPERATIONS.AttachPolicy.risk, 'low', 'fleet provisioning attaches policies all day');
});

test('operationOf: control plane, data plane, unknown and hostile names', () => {
	assert.equal(operationOf('CreateJob'), IOT_OPERATIONS.CreateJob);
	assert.equal(operationOf('UpdateThingShadow')?.area, 'shadow');
	for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'NotAnOperation', '', 42, null, undefined]) {
		assert.equal(operationOf(name), null, String(name));
	}
});
