// Module resolution hooks that give Ink the same string-width and ansi-tokenize as the bundle does
// (the `alias` option of scripts/build.mjs). Registered by test/ui/shipped-renderer.ts.
const ALIASES = {
	'string-width': new URL('../../source/text/fast-string-width.ts', import.meta.url).href,
	'@alcalzone/ansi-tokenize': new URL('../../source/text/fast-ansi-tokenize.ts', import.meta.url).href,
};

export async function resolve(specifier, context, next) {
	const alias = Object.hasOwn(ALIASES, specifier) ? ALIASES[specifier] : undefined;
	// Through `next`, so tsx (registered before us) still resolves and compiles the TypeScript target.
	return next(alias ?? specifier, context);
}
