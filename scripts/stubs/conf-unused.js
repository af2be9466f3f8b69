// conf imports ajv (JSON-schema validation) and semver (migrations) at the top, but uses them only with
// its `schema` and `migrations` options, which iot-monitor never passes: it validates settings itself
// (source/config/). The bundle gets this instead of ~175 kB of code every start would compile.
const unused = what => {
	throw new Error(`conf's ${what} is not bundled: iot-monitor never passes conf a schema or migrations`);
};
export class Ajv2020 {
	constructor() {
		unused('schema validation (ajv)');
	}
}
export default new Proxy(() => unused('ajv-formats / semver'), {get: () => () => unused('ajv-formats / semver')});
