/**
 * Ink, React and the App as dist/cli.js runs them: React's production build and the bundle's aliases of
 * string-width and @alcalzone/ansi-tokenize (scripts/build.mjs). Tests that push thousands of frames use
 * it because that renderer is the one users run, and it is 2-3 times faster than the development build
 * with the real string-width. Nothing in the test process may have loaded react or ink before: both are
 * loaded here, after the switch, so the test file must not import them statically (nor use JSX, which
 * imports react/jsx-runtime).
 */
import {register} from 'node:module';

export async function loadShippedRenderer() {
	process.env['NODE_ENV'] = 'production';
	register('./bundle-aliases.mjs', import.meta.url);
	const [react, testing, app] = await Promise.all([import('react'), import('ink-testing-library'), import('../../source/ui/app.js')]);
	// captureOwnerStack exists only in React's development build.
	if (typeof (react as {captureOwnerStack?: unknown}).captureOwnerStack === 'function') {
		throw new Error('react was loaded before loadShippedRenderer(): the development build is in use');
	}
	return {createElement: react.createElement, render: testing.render, cleanup: testing.cleanup, App: app.App, Text: (await import('ink')).Text};
}
