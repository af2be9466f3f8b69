// The CommonJS bundle (see scripts/build.mjs) cannot hold yoga-layout's top-level await. Ink only uses
// Yoga's default export when it lays out a frame, never while its modules load, so the bundle gets this
// object instead, filled in by loadYoga() before the CLI starts.
import loadWasm from '../../node_modules/yoga-layout/dist/binaries/yoga-wasm-base64-esm.js';
import wrapAssembly from '../../node_modules/yoga-layout/dist/src/wrapAssembly.js';

const Yoga = {};
export default Yoga;
export * from '../../node_modules/yoga-layout/dist/src/generated/YGEnums.js';

/** Instantiates the WebAssembly and fills in the default export. */
export async function loadYoga() {
	Object.assign(Yoga, wrapAssembly(await loadWasm()));
}
