/**
 * Runs `load` with globalThis.fetch hidden. yoga-layout (Ink's layout engine) loads its inline base64
 * WebAssembly with fetch() whenever fetch exists; on Node that first loads undici and then fetches a
 * data: URL, about 20-40 ms of start-up for nothing. Without fetch it decodes the bytes directly.
 * The property descriptor is read without touching Node's lazy getter and put back afterwards.
 */
export async function withoutFetch<T>(load: () => Promise<T>): Promise<T> {
	const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
	if (!descriptor?.configurable) return load();
	Object.defineProperty(globalThis, 'fetch', {value: undefined, configurable: true, writable: true});
	try {
		return await load();
	} finally {
		Object.defineProperty(globalThis, 'fetch', descriptor);
	}
}
