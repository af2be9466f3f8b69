// Ink imports ./devtools.js only when DEV=true, to connect React DevTools. The bundle stubs
// react-devtools-core, so the connection never happens; this stub also keeps out the WebSocket
// polyfill (the ws package, ~50 kB of code to compile at every start) that would only serve it.
export {};
