import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fakeJwt, prng } from './rulesUtil';

const CLI = resolve(__dirname, '../../dist/cli.js');
/** The start of an ANSI escape sequence (colours). */
const ANSI = '\u001b[';
const STACK_TRACE = /\n\s+at .+[(:]\d+/;

interface Result {
	status: number | null;
	stdout: string;
	stderr: string;
}

/** Runs `node dist/cli.js …`; stdout and stderr are pipes, so the CLI never sees a TTY. */
function cli(args: string[], input?: string | Buffer): Result {
	const env = { ...process.env };
	delete env.FORCE_COLOR;
	const r = spawnSync(process.execPath, [CLI, ...args], { input: input ?? '', encoding: 'utf8', env, timeout: 60000 });
	if (r.error) throw r.error;
	return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function cliJson(args: string[], input?: string): { result: Result; json: JsonOutput } {
	const result = cli([...args, '--json'], input);
	return { result, json: JSON.parse(result.stdout) as JsonOutput };
}

interface JsonOutput {
	version: number;
	truncated?: boolean;
	messages: JsonMessage[];
}

interface JsonMessage {
	file?: string;
	kind: string;
	start: number;
	end: number;
	status: number | null;
	vendor: string | null;
	errors: Array<{ code: string; entry: string | null; start: number; end: number }>;
	vendorCodes: Array<{ code: string; entry: string | null; start: number; end: number }>;
	findings: Array<{ rule: string; severity: string; message: string; start: number; end: number }>;
	secrets: Array<{ kind: string; start: number; end: number }>;
}

const MESSAGE_KEYS = ['kind', 'start', 'end', 'status', 'vendor', 'errors', 'vendorCodes', 'findings', 'secrets'];

/** An Entra refresh that fails with invalid_grant (an error finding) after a request carrying a refresh token. */
const ENTRA = [
	'POST https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token HTTP/1.1',
	'Content-Type: application/x-www-form-urlencoded',
	'',
	'grant_type=refresh_token&client_id=app&refresh_token=RT5k8Pq2Wz7Lm4Nx1Vb6',
	'',
	'HTTP/1.1 400 Bad Request',
	'Content-Type: application/json',
	'',
	JSON.stringify({
		error: 'invalid_grant',
		error_description: 'AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.',
		error_codes: [70008],
		trace_id: '0a1b2c3d-1111-2222-3333-444455556666',
		correlation_id: '9f8e7d6c-aaaa-bbbb-cccc-ddddeeeeffff',
	}),
	'',
].join('\n');

/** Only a warning: a 503 with no recognisable code. */
const WARNING_ONLY = 'HTTP/1.1 503 Service Unavailable\nRetry-After: 30\n\n';
/** Nothing to report. */
const CLEAN = 'Meeting notes: the login page works again after the deploy.\n';

const CANARY_SECRET = 'Canary7ClientSecret9Qx2Lm';
const CANARY_BASIC = Buffer.from(`reporting-ui:${CANARY_SECRET}Basic`).toString('base64');
const CANARY_JWT = fakeJwt(4242);
const CANARY = [
	'POST https://as.example.com/oauth2/token HTTP/1.1',
	`Authorization: Basic ${CANARY_BASIC}`,
	'Content-Type: application/x-www-form-urlencoded',
	'',
	`grant_type=client_credentials&client_id=reporting-ui&client_secret=${CANARY_SECRET}`,
	'',
	'HTTP/1.1 200 OK',
	'Content-Type: application/json',
	'',
	`{"access_token":"${CANARY_JWT}","token_type":"Bearer","expires_in":3600}`,
	'',
].join('\n');
const CANARY_VALUES = [CANARY_SECRET, CANARY_BASIC, CANARY_JWT, CANARY_JWT.split('.')[2], `${CANARY_SECRET}Basic`];

let dir = '';
const file = (name: string): string => join(dir, name);

function assertNoSecrets(output: string, label: string): void {
	// Markdown escapes `_` and `-`; a backslash-escaped copy of a secret is still a leak.
	const plain = output.replace(/\\/g, '');
	for (const value of CANARY_VALUES) {
		assert.ok(!plain.includes(value), `${label} output contains the secret ${value.slice(0, 12)}…`);
	}
}

function assertUsageError(r: Result, message: string | RegExp): void {
	assert.equal(r.status, 2, `exit code (stderr: ${r.stderr})`);
	if (typeof message === 'string') assert.ok(r.stderr.includes(message), `stderr should mention ${message}:\n${r.stderr}`);
	else assert.match(r.stderr, message);
	assert.equal(r.stdout, '');
	assert.doesNotMatch(r.stderr, STACK_TRACE);
}

suite('cli', function () {
	this.timeout(60000);

	suiteSetup(() => {
		if (!existsSync(CLI)) {
			throw new Error(`${CLI} is missing: run "npm run build" first (npm test builds it before the unit tests).`);
		}
		dir = mkdtempSync(join(tmpdir(), 'teh-cli-'));
		writeFileSync(file('entra.http'), ENTRA);
		writeFileSync(file('warning.txt'), WARNING_ONLY);
		writeFileSync(file('clean.txt'), CLEAN);
		writeFileSync(file('canary.http'), CANARY);
		writeFileSync(file('empty.txt'), '');
		const random = prng(7);
		const bytes = Buffer.alloc(4096);
		for (let i = 0; i < bytes.length; i++) bytes[i] = i % 97 === 0 ? 0 : Math.floor(random() * 256);
		writeFileSync(file('binary.log'), bytes);
		mkdirSync(file('two'));
		writeFileSync(file('two/a.http'), ENTRA);
		writeFileSync(file('two/b.txt'), WARNING_ONLY);
		writeFileSync(file('two/ignored.bin'), 'HTTP/1.1 500 Internal Server Error\n');
	});

	suiteTeardown(() => {
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	suite('--json', () => {
		test('has exactly the documented shape', () => {
			const { result, json } = cliJson(['explain', file('entra.http')]);
			assert.equal(result.status, 0);
			assert.equal(result.stderr, '');
			assert.deepEqual(Object.keys(json), ['version', 'messages']);
			assert.equal(json.version, 1);
			assert.deepEqual(json.messages.map(m => [m.kind, m.status, m.vendor]), [['request', null, 'entra'], ['response', 400, 'entra']]);
			for (const m of json.messages) {
				// A message that reports an error carries its diagnosis (the request before it does not).
				assert.deepEqual(Object.keys(m), m.kind === 'response' ? [...MESSAGE_KEYS, 'diagnosis'] : MESSAGE_KEYS);
				for (const e of m.errors) assert.deepEqual(Object.keys(e), ['code', 'entry', 'start', 'end']);
				for (const v of m.vendorCodes) assert.deepEqual(Object.keys(v), ['code', 'entry', 'start', 'end']);
				for (const f of m.findings) assert.deepEqual(Object.keys(f), ['rule', 'severity', 'message', 'start', 'end']);
				for (const s of m.secrets) assert.deepEqual(Object.keys(s), ['kind', 'start', 'end']);
			}
		});

		test('the response carries its diagnosis: kind, confidence, cause, evidence, steps, alternatives', () => {
			const { json } = cliJson(['explain', file('entra.http')]);
			const d = (json.messages[1] as unknown as { diagnosis: Record<string, unknown> }).diagnosis;
			for (const key of ['kind', 'confidence', 'cause', 'evidence', 'steps', 'alternatives']) assert.ok(key in d, key);
			// A refresh request answered with AADSTS70008: the refresh token expired.
			assert.equal(d.kind, 'refresh-token-expired');
			assert.ok((d.evidence as string[]).length > 0);
		});

		test('offsets point into the file', () => {
			const { json } = cliJson(['explain', file('entra.http')]);
			const [request, response] = json.messages;
			assert.deepEqual(request.secrets.map(s => [s.kind, ENTRA.slice(s.start, s.end)]), [['refresh_token', 'RT5k8Pq2Wz7Lm4Nx1Vb6']]);
			assert.deepEqual(response.errors.map(e => [e.code, e.entry]), [['invalid_grant', 'entra.invalid_grant']]);
			for (const m of json.messages) {
				assert.ok(ENTRA.slice(m.start, m.end).length > 0);
				for (const e of m.errors) assert.equal(ENTRA.slice(e.start, e.end), e.code);
				// `error_codes: [70008]` names AADSTS70008 by its number.
				for (const v of m.vendorCodes) assert.ok([v.code, v.code.replace(/^AADSTS/, '')].includes(ENTRA.slice(v.start, v.end)), v.code);
				for (const f of m.findings) assert.ok(f.start >= m.start && f.end <= m.end && f.end > f.start, f.rule);
			}
			const recognized = response.findings.find(f => f.rule === 'recognized-error');
			assert.ok(recognized);
			assert.equal(recognized.severity, 'error');
			assert.equal(ENTRA.slice(recognized.start, recognized.end), 'invalid_grant');
		});

		test('a file with nothing to report gives no messages', () => {
			const { result, json } = cliJson(['explain', file('clean.txt')]);
			assert.equal(result.status, 0);
			assert.deepEqual(json, { version: 1, messages: [] });
		});

		test('a directory: every message names its file', () => {
			const { result, json } = cliJson(['explain', file('two')]);
			assert.equal(result.status, 0);
			const files = [...new Set(json.messages.map(m => m.file))];
			assert.deepEqual(files, [file('two/a.http'), file('two/b.txt')]);
			for (const m of json.messages) {
				assert.deepEqual(Object.keys(m).filter(k => k !== 'diagnosis'), ['file', ...MESSAGE_KEYS]);
				const text = m.file === file('two/a.http') ? ENTRA : WARNING_ONLY;
				for (const e of m.errors) assert.equal(text.slice(e.start, e.end), e.code);
			}
			const warning = json.messages.find(m => m.file === file('two/b.txt'));
			assert.ok(warning);
			assert.deepEqual(warning.findings.map(f => [f.rule, WARNING_ONLY.slice(f.start, f.end)]), [['http-status', '503']]);
		});
	});

	suite('stdin', () => {
		test('"-" reads standard input', () => {
			const fromFile = cliJson(['explain', file('entra.http')]).json;
			const { result, json } = cliJson(['explain', '-'], ENTRA);
			assert.equal(result.status, 0);
			assert.deepEqual(json, fromFile);
		});

		test('no input argument reads standard input', () => {
			const fromFile = cliJson(['explain', file('entra.http')]).json;
			const { result, json } = cliJson(['explain'], ENTRA);
			assert.equal(result.status, 0);
			assert.deepEqual(json, fromFile);
		});

		test('human output names <stdin>', () => {
			const r = cli(['explain'], ENTRA);
			assert.equal(r.status, 0);
			assert.ok(r.stdout.startsWith('<stdin>'), r.stdout);
			assert.ok(r.stdout.includes('invalid_grant'));
		});
	});

	suite('--fail-on', () => {
		const rows: Array<[name: string, args: string[], status: number]> = [
			['error: an error finding exits 1', ['--fail-on', 'error', 'entra.http'], 1],
			['error=…: an error finding exits 1', ['--fail-on=error', 'entra.http'], 1],
			['error: only warnings exits 0', ['--fail-on', 'error', 'warning.txt'], 0],
			['error: nothing found exits 0', ['--fail-on', 'error', 'clean.txt'], 0],
			['warning: a warning exits 1', ['--fail-on', 'warning', 'warning.txt'], 1],
			['warning: an error exits 1', ['--fail-on', 'warning', 'entra.http'], 1],
			['warning: nothing found exits 0', ['--fail-on', 'warning', 'clean.txt'], 0],
			['without --fail-on, findings exit 0', ['entra.http'], 0],
		];
		for (const [name, args, status] of rows) {
			test(name, () => {
				const r = cli(['explain', ...args.map(a => a.includes('.') && !a.startsWith('--') ? file(a) : a)]);
				assert.equal(r.status, status, r.stderr);
				assert.ok(r.stdout.length > 0);
				assert.equal(r.stderr, '');
			});
		}

		test('--json still prints the analysis when failing', () => {
			const { result, json } = cliJson(['explain', '--fail-on', 'error', file('entra.http')]);
			assert.equal(result.status, 1);
			assert.equal(json.messages.length, 2);
		});
	});

	suite('usage errors exit 2', () => {
		test('unknown option', () => assertUsageError(cli(['explain', '--bogus', file('entra.http')]), 'Unknown option "--bogus"'));
		test('bad --fail-on value', () => assertUsageError(cli(['explain', '--fail-on', 'fatal', file('entra.http')]), '--fail-on'));
		test('--fail-on without a value', () => assertUsageError(cli(['explain', '--fail-on']), '--fail-on'));
		test('unknown command', () => assertUsageError(cli(['frobnicate', file('entra.http')]), 'Unknown command "frobnicate"'));
		test('no command', () => assertUsageError(cli([]), /command/i));
		test('--json with --markdown', () => assertUsageError(cli(['explain', '--json', '--markdown', file('entra.http')]), /--json|--markdown/));
		test('missing file', () => {
			const missing = file('does-not-exist.http');
			assertUsageError(cli(['explain', missing]), missing);
		});
		test('a directory with no readable files', () => {
			const empty = file('empty-dir');
			mkdirSync(empty, { recursive: true });
			assertUsageError(cli(['explain', empty]), empty);
		});

		test('unreadable file', async () => {
			// Root reads files whatever their mode; a socket cannot be read by anyone.
			if (process.getuid?.() !== 0) {
				const locked = file('locked.txt');
				writeFileSync(locked, ENTRA);
				chmodSync(locked, 0o000);
				assertUsageError(cli(['explain', locked]), locked);
				return;
			}
			if (process.platform === 'win32') return;
			const socket = file('socket.txt');
			const server: Server = createServer();
			await new Promise<void>(done => server.listen(socket, done));
			try {
				assertUsageError(cli(['explain', socket]), socket);
			} finally {
				await new Promise<void>(done => server.close(() => done()));
			}
		});
	});

	suite('help', () => {
		test('--help exits 0 and prints usage', () => {
			const r = cli(['--help']);
			assert.equal(r.status, 0);
			assert.ok(r.stdout.includes('Usage: token-error-help explain'), r.stdout);
			assert.ok(r.stdout.includes('--fail-on'));
			assert.equal(r.stderr, '');
		});

		test('explain --help exits 0', () => {
			const r = cli(['explain', '--help']);
			assert.equal(r.status, 0);
			assert.ok(r.stdout.includes('Usage: token-error-help explain'));
		});
	});

	suite('human output', () => {
		test('names the code, gives a likely cause, no colour on a pipe', () => {
			const r = cli(['explain', file('entra.http')]);
			assert.equal(r.status, 0);
			assert.ok(r.stdout.startsWith(file('entra.http')), r.stdout);
			assert.ok(r.stdout.includes('invalid_grant'));
			assert.ok(r.stdout.includes('AADSTS70008'));
			assert.match(r.stdout, /^\s*Most likely: \S.*confidence/m);
			assert.match(r.stdout, /^\s*Because: \S/m);
			assert.ok(!r.stdout.includes(ANSI), 'ANSI escape in output');
			assert.equal(r.stderr, '');
		});

		test('--no-color', () => {
			const r = cli(['explain', '--no-color', file('entra.http')]);
			assert.equal(r.status, 0);
			assert.ok(r.stdout.includes('invalid_grant'));
			assert.ok(!r.stdout.includes(ANSI), 'ANSI escape in output');
		});

		test('--no-color after --color turns colour off', () => {
			const coloured = cli(['explain', '--color', file('entra.http')]);
			assert.ok(coloured.stdout.includes(ANSI), '--color should colour');
			const r = cli(['explain', '--color', '--no-color', file('entra.http')]);
			assert.ok(!r.stdout.includes(ANSI), 'ANSI escape in output');
		});

		test('a file with nothing to report says so', () => {
			const r = cli(['explain', file('clean.txt')]);
			assert.equal(r.status, 0);
			assert.match(r.stdout, /No OAuth\/OIDC error/);
		});

		test('a code that is only mentioned is explained, and said to be no problem', () => {
			const r = cli(['explain', '-'], 'invalid_grant\n');
			assert.equal(r.status, 0);
			assert.match(r.stdout, /No problem reported: these codes are only mentioned/);
			assert.match(r.stdout, /invalid_grant: Invalid grant/);
			assert.match(r.stdout, /Next steps:/);
			const json = JSON.parse(cli(['explain', '--json', '-'], 'invalid_grant\n').stdout) as { messages: unknown[] };
			assert.deepEqual(json.messages, [], '--json lists only what is reported');
			assert.equal(cli(['explain', '--fail-on', 'warning', '-'], 'invalid_grant\n').status, 0);
		});

		test('a directory lists both files', () => {
			const r = cli(['explain', file('two')]);
			assert.equal(r.status, 0);
			assert.ok(r.stdout.includes(file('two/a.http')));
			assert.ok(r.stdout.includes(file('two/b.txt')));
			assert.ok(!r.stdout.includes('ignored.bin'));
		});
	});

	suite('secrets never reach the output', () => {
		const modes: Array<[string, string[]]> = [['human', []], ['--json', ['--json']], ['--markdown', ['--markdown']], ['--color', ['--color']]];
		for (const [label, flags] of modes) {
			test(`${label} from a file`, () => {
				const r = cli(['explain', ...flags, file('canary.http')]);
				assert.equal(r.status, 0, r.stderr);
				assert.ok(r.stdout.length > 0);
				assertNoSecrets(r.stdout, label);
				assertNoSecrets(r.stderr, `${label} stderr`);
			});
			test(`${label} from stdin`, () => {
				const r = cli(['explain', ...flags, '-'], CANARY);
				assert.equal(r.status, 0, r.stderr);
				assertNoSecrets(r.stdout, label);
			});
		}

		test('a bearer token from a curl command, echoed in error_description, is not printed', () => {
			const token = 'Op4queT0kenVa1ue9xyz';
			const input = [
				`$ curl -si https://api.example.com/v1/me -H "Authorization: Bearer ${token}"`,
				'',
				'HTTP/2 401',
				`www-authenticate: Bearer error="invalid_token", error_description="token ${token} expired"`,
				'',
			].join('\n');
			for (const flags of [[], ['--json'], ['--markdown']]) {
				const r = cli(['explain', ...flags, '-'], input);
				assert.equal(r.status, 0, r.stderr);
				assert.ok(!r.stdout.replace(/\\/g, '').includes(token), `${flags[0] ?? 'human'} output contains the bearer token`);
			}
		});

		test('the canary secrets are detected (so the check above is meaningful)', () => {
			const { json } = cliJson(['explain', file('canary.http')]);
			const secrets = json.messages.flatMap(m => m.secrets).map(s => [s.kind, CANARY.slice(s.start, s.end)]);
			assert.deepEqual(secrets, [['basic_credentials', CANARY_BASIC], ['client_secret', CANARY_SECRET], ['access_token', CANARY_JWT]]);
		});
	});

	suite('odd inputs', () => {
		for (const name of ['empty.txt', 'binary.log']) {
			for (const flags of [[], ['--json'], ['--markdown']]) {
				test(`${name} ${flags.join(' ') || 'human'} exits 0 without a stack trace`, () => {
					const r = cli(['explain', ...flags, file(name)]);
					assert.equal(r.status, 0, r.stderr);
					assert.doesNotMatch(r.stderr, STACK_TRACE);
					assert.equal(r.stderr, '');
					if (flags[0] === '--json') assert.equal((JSON.parse(r.stdout) as JsonOutput).version, 1);
				});
			}
		}

		test('binary input on stdin', () => {
			const r = cli(['explain', '--json'], Buffer.from([0, 255, 0, 1, 2, 3, 0xc3, 0x28, 10, 0]));
			assert.equal(r.status, 0, r.stderr);
			assert.deepEqual(JSON.parse(r.stdout), { version: 1, messages: [] });
		});
	});
});
