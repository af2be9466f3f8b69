import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startPane} from './tmux.js';

const CLI = 'dist/cli.js';
const SCOPE_ROW = /^[▸ ] (▼ CRIT|▲ CRIT|▼ WARN|▲ WARN|·     |✗ fail |\?     |learn…) +(monitoring 123456789012|prod-eu 210987654321|staging 345678901234) +(us-east-1|eu-west-1) /;
const rows = (screen: string) => screen.split('\n').filter(line => SCOPE_ROW.test(line));

test('--demo --org in a real 80x24 terminal: six scopes, the incident first and flagged, Enter opens it, Esc comes back', async () => {
	assert.ok(existsSync(CLI), 'dist/cli.js is missing: run npm run build first (npm test does)');
	// A cold baseline cache of its own, so the run does not depend on an earlier one; no settings file.
	const home = mkdtempSync(join(tmpdir(), 'iotmon-e2e-fleet-'));
	// CI=true makes Ink hold every frame until exit, and a tmux pane inherits it: start without it.
	const pane = startPane(`env -u CI XDG_CACHE_HOME=${home}/cache XDG_CONFIG_HOME=${home}/config node ${CLI} --demo --org; echo "EXIT:$?"; exec sleep 600`);
	try {
		const overview = await pane.waitFor(
			s => rows(s).length === 6 && /^▸ (▼|▲) (CRIT|WARN) +prod-eu 210987654321 +eu-west-1 /m.test(s),
			60_000,
			'six scope rows, prod-eu eu-west-1 first and flagged',
		);
		const lines = overview.trimEnd().split('\n');
		assert.ok(lines.length <= 24);
		assert.match(lines[0]!, /DEMO.*fleet · 6 scopes: 3 accounts x 2 regions/);
		assert.match(overview, /EVENTS · all scopes/);
		// Only the incident scope is flagged.
		assert.equal(rows(overview).filter(row => /CRIT|WARN/.test(row)).length, 1, overview);
		assert.doesNotMatch(overview, /Warning|\(node:\d+\)/i);

		pane.send('Enter');
		const scope = await pane.waitFor(
			s => /fleet · prod-eu 210987654321 · eu-west-1 · scope 1 of 6/.test(s) && /METRIC/.test(s) && /PublishIn\.Success/.test(s) && /(▼|▲) (CRIT|WARN)/.test(s),
			10_000,
			"the incident scope's metrics table",
		);
		assert.match(scope, /Esc overview/);

		pane.send('Escape');
		await pane.waitFor(s => rows(s).length === 6 && /FLAGGED METRICS OR STATE/.test(s), 10_000, 'the overview again');
		pane.send('q');
		const after = await pane.waitFor(s => /EXIT:\d+/.test(s), 5_000, 'the process to exit');
		assert.match(after, /EXIT:0/);
		assert.equal(pane.format('#{alternate_on}'), '0');
	} finally {
		pane.kill();
		rmSync(home, {recursive: true, force: true});
	}
});
