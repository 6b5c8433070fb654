import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from '../../src/cli/main';

// Issue 13, exit codes and inputs: 0 ran, 1 findings with --fail-on (a truncated analysis counts),
// 2 usage, input or output errors, 3 internal errors (one line, never a stack trace); EPIPE ends
// quietly; UTF-8 with or without BOM and UTF-16 with BOM; directories of links; `--`; `.har`.

const CLI = resolve(__dirname, '../../dist/cli.js');
const STACK_TRACE = /\n\s+at .+[(:]\d+/;
const ERROR_BODY = '{"error":"invalid_client","error_description":"Client authentication failed"}\n';

interface Result {
	status: number | null;
	stdout: string;
	stderr: string;
}

function cli(args: string[], input: string | Buffer = '', options: SpawnSyncOptions = {}): Result {
	const env = { ...process.env };
	delete env.FORCE_COLOR;
	const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', env, timeout: 120_000, maxBuffer: 1 << 28, ...options });
	if (r.error) throw r.error;
	return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Runs a shell pipeline (for `| head -0` and `> /dev/full`); returns the CLI's exit status and stderr. */
function shell(script: string): { status: number; stderr: string } {
	const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', timeout: 120_000 });
	if (r.error) throw r.error;
	const [status] = r.stdout.trim().split('\n').slice(-1);
	return { status: Number(status), stderr: r.stderr };
}

function assertClean(r: Result): void {
	assert.doesNotMatch(r.stderr, STACK_TRACE, 'a stack trace on stderr');
	assert.doesNotMatch(r.stdout, STACK_TRACE, 'a stack trace on stdout');
}

suite('cli hardening (issue 13)', function () {
	this.timeout(120_000);
	let dir = '';
	const file = (name: string): string => join(dir, name);

	suiteSetup(() => {
		if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first.`);
		dir = mkdtempSync(join(tmpdir(), 'teh-cli13-'));
		writeFileSync(file('error.log'), ERROR_BODY);
		writeFileSync(file('clean.txt'), 'Meeting notes: the login page works again after the deploy.\n'.repeat(20_000));
	});

	suiteTeardown(() => {
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	suite('exit codes', () => {
		test('EPIPE ends quietly: `explain big.txt | head -0` exits 0 without a stack trace', () => {
			const r = shell(`node ${JSON.stringify(CLI)} explain ${JSON.stringify(file('clean.txt'))} --markdown | head -c 0; echo \${PIPESTATUS[0]}`);
			assert.equal(r.status, 0, r.stderr);
			assert.equal(r.stderr, '');
		});

		test('EPIPE keeps the --fail-on result', () => {
			writeFileSync(file('many-errors.log'), ERROR_BODY.repeat(3000));
			const r = shell(`node ${JSON.stringify(CLI)} explain --fail-on error ${JSON.stringify(file('many-errors.log'))} | head -c 0; echo \${PIPESTATUS[0]}`);
			assert.equal(r.status, 1, r.stderr);
			assert.equal(r.stderr, '');
		});

		test('a full disk: exit 2 and one line', function () {
			if (!existsSync('/dev/full')) this.skip();
			const r = shell(`node ${JSON.stringify(CLI)} explain ${JSON.stringify(file('error.log'))} > /dev/full; echo $?`);
			assert.equal(r.status, 2);
			assert.equal(r.stderr, 'token-error-help: cannot write the output: no space left on device.\n');
		});

		test('--fail-on fails when the analysis is truncated (5,000 ordinary responses, then an error)', () => {
			const text = 'HTTP/1.1 200 OK\nContent-Type: text/plain\n\nok\n\n'.repeat(5000) + `HTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n${ERROR_BODY}`;
			const r = cli(['explain', '--fail-on', 'error', '-'], text);
			assert.equal(r.status, 1, r.stderr);
			assert.match(r.stderr, /message limit, so --fail-on counts it as failing/);
			assertClean(r);
			assert.equal(cli(['explain', '-'], text).status, 0, 'without --fail-on the run is a success');
		});

		test('an internal error is exit 3 with one line, no stack trace', () => {
			const out: string[] = [];
			const err: string[] = [];
			const code = run(['explain', '-'], () => { throw new RangeError('Maximum call stack size exceeded'); }, s => err.push(s), () => Buffer.from(ERROR_BODY), false);
			assert.equal(code, 3);
			assert.deepEqual(out, []);
			assert.equal(err.length, 1);
			assert.match(err[0], /^token-error-help: internal error: Maximum call stack size exceeded\. Please report it/);
			assert.equal(err[0].split('\n').filter(Boolean).length, 1);
		});

		test('120,000 secrets in one message: no stack overflow', () => {
			const cookie = `Cookie: ${Array.from({ length: 120_000 }, (_, i) => `c${i}=v${String(i).padStart(8, '0')}Zq`).join('; ')}`;
			const r = cli(['explain', '--json', '-'], `GET https://api.example.com/ HTTP/1.1\n${cookie}\n\n`);
			assert.equal(r.status, 0, r.stderr.slice(0, 300));
			assertClean(r);
			const json = JSON.parse(r.stdout) as { messages: Array<{ secrets: unknown[] }> };
			assert.equal(json.messages[0].secrets.length, 120_000);
		});
	});

	suite('text decoding', () => {
		const response = 'HTTP/1.1 400 Bad Request\r\nSet-Cookie: sid=Abcdef1234567890xyz; Path=/\r\nContent-Type: application/json\r\n\r\n{"error":"invalid_grant"}\r\n';
		const rows: Array<[name: string, bytes: Buffer]> = [
			['UTF-8', Buffer.from(response, 'utf8')],
			['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(response, 'utf8')])],
			['UTF-16 LE with BOM (PowerShell 5)', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(response, 'utf16le')])],
			['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(response, 'utf16le').swap16()])],
		];
		for (const [name, bytes] of rows) {
			test(`${name}: the response, its code and its cookie are found, no note`, () => {
				writeFileSync(file('encoded.http'), bytes);
				for (const input of [[file('encoded.http')], ['-']]) {
					const r = cli(['explain', '--json', ...input], bytes);
					assert.equal(r.status, 0, r.stderr);
					assert.equal(r.stderr, '');
					const json = JSON.parse(r.stdout) as { messages: Array<{ kind: string; errors: Array<{ code: string }>; secrets: Array<{ kind: string }> }> };
					assert.deepEqual(json.messages.map(m => [m.kind, m.errors.map(e => e.code), m.secrets.map(s => s.kind)]), [['response', ['invalid_grant'], ['cookie']]]);
				}
			});
		}

		test('UTF-16 without a BOM is read as UTF-8 with a note', () => {
			writeFileSync(file('nobom16.txt'), Buffer.from(response.repeat(4), 'utf16le'));
			const r = cli(['explain', file('nobom16.txt')]);
			assert.equal(r.status, 0);
			assert.match(r.stderr, /note: .*nobom16\.txt: looks like UTF-16 without a byte order mark; read as UTF-8/);
		});

		test('Latin-1 bytes are read as UTF-8 with a note', () => {
			writeFileSync(file('latin1.txt'), Buffer.from('{"error":"invalid_grant","error_description":"Ung\xfcltig"}\n', 'latin1'));
			const r = cli(['explain', file('latin1.txt')]);
			assert.equal(r.status, 0);
			assert.match(r.stdout, /invalid_grant/);
			assert.match(r.stderr, /note: .*latin1\.txt: not valid UTF-8/);
		});
	});

	suite('files and directories', () => {
		test('a directory of links to files (container logs) is read', () => {
			mkdirSync(file('targets'));
			mkdirSync(file('links'));
			writeFileSync(file('targets/pod-1.log'), ERROR_BODY);
			symlinkSync(file('targets/pod-1.log'), file('links/pod-1.log'));
			symlinkSync(file('missing.log'), file('links/broken.log'));
			const r = cli(['explain', file('links')]);
			assert.equal(r.status, 0, r.stderr);
			assert.match(r.stdout, /invalid_client/);
			assert.match(r.stdout, /pod-1\.log/);
			assert.match(r.stderr, /note: skipped the link ".*broken\.log": no such file or directory\./);
			assertClean(r);
		});

		test('an unreadable subdirectory is skipped with a note, not an abort', function () {
			if (process.platform === 'win32') this.skip();
			mkdirSync(file('tree/locked'), { recursive: true });
			writeFileSync(file('tree/a.log'), ERROR_BODY);
			writeFileSync(file('tree/locked/b.log'), ERROR_BODY);
			chmodSync(file('tree/locked'), 0o000);
			try {
				// Root reads any directory: run as nobody then (the files are world-readable).
				chmodSync(dir, 0o755);
				const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
				const r = cli(['explain', file('tree')], '', asNobody);
				assert.equal(r.status, 0, r.stderr);
				assert.match(r.stdout, /a\.log/);
				assert.equal(r.stderr, `token-error-help: note: skipped the directory "${file('tree/locked')}": permission denied.\n`);
			} finally {
				chmodSync(file('tree/locked'), 0o755);
			}
		});

		test('precise messages: ELOOP, ENOTDIR, ENOENT', () => {
			symlinkSync(file('loop-b'), file('loop-a'));
			symlinkSync(file('loop-a'), file('loop-b'));
			const rows: Array<[string, RegExp]> = [
				[file('loop-a'), /too many levels of symbolic links/],
				[join(file('error.log'), 'x'), /a part of the path is not a directory/],
				[file('nothing-here.log'), /no such file or directory/],
			];
			for (const [path, message] of rows) {
				const r = cli(['explain', path]);
				assert.equal(r.status, 2, path);
				assert.match(r.stderr, message);
				assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, r.stderr);
				assertClean(r);
			}
		});

		test('`--` ends the options: a file named -x.log is read', () => {
			writeFileSync(file('-x.log'), ERROR_BODY);
			const r = cli(['explain', '--json', '--', '-x.log'], '', { cwd: dir });
			assert.equal(r.status, 0, r.stderr);
			assert.equal((JSON.parse(r.stdout) as { messages: unknown[] }).messages.length, 1);
			assert.equal(cli(['explain', '-x.log'], '', { cwd: dir }).status, 2, 'without --, -x.log is an unknown option');
		});

		test('.har files are read in a directory', () => {
			mkdirSync(file('har'));
			const har = { log: { entries: [{ request: { headers: [{ name: 'Authorization', value: 'Bearer HarB3arerT0kenValue42xy' }] }, response: { status: 400, content: { text: ERROR_BODY } } }] } };
			writeFileSync(file('har/session.har'), JSON.stringify(har, null, 2));
			const r = cli(['explain', '--json', file('har')]);
			assert.equal(r.status, 0, r.stderr);
			const json = JSON.parse(r.stdout) as { messages: Array<{ secrets: Array<{ kind: string }> }> };
			assert.deepEqual(json.messages.flatMap(m => m.secrets.map(s => s.kind)), ['bearer_token']);
			assert.ok(!r.stdout.includes('HarB3arerT0kenValue42xy'));
		});

		test('--markdown over several files names each file', () => {
			mkdirSync(file('md'));
			writeFileSync(file('md/one.log'), ERROR_BODY);
			writeFileSync(file('md/two.log'), ERROR_BODY);
			const r = cli(['explain', '--markdown', file('md')]);
			assert.equal(r.status, 0, r.stderr);
			const named = r.stdout.split('\n').filter(l => l.startsWith('**File:**'));
			assert.equal(named.length, 2);
			assert.match(named[0], /one\.log`?$/);
			assert.match(named[1], /two\.log`?$/);
		});

		test('file names with terminal escapes are shown inert', () => {
			const name = 'evil\u001b]0;pwned\u0007\u202e.log';
			writeFileSync(file(name), ERROR_BODY);
			for (const flags of [[], ['--markdown'], ['--json']]) {
				const r = cli(['explain', ...flags, file(name), file('error.log')]);
				assert.equal(r.status, 0, r.stderr);
				for (const ch of ['\u001b', '\u0007', '\u202e']) assert.ok(!r.stdout.includes(ch), `${flags[0] ?? 'human'}: U+${ch.charCodeAt(0).toString(16)} in the output`);
			}
			const missing = cli(['explain', file(`gone\u001b[2J.log`)]);
			assert.equal(missing.status, 2);
			assert.ok(!missing.stderr.includes('\u001b'), 'an escape in the error message');
		});
	});
});
