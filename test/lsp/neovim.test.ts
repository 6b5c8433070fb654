import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundledService, escapeMarkdown } from '../../src/core';
import { CLI, ROOT } from './lspClient';

// A real editor as the client: Neovim's built-in LSP client (headless) opens the fixtures, and the
// Lua script test/lsp/neovim/client.lua writes what Neovim holds (vim.diagnostic.get, a hover, a quick
// fix it applied itself, the diagnostics after typing, the explain command, a hostile buffer) to a
// JSON file read here. `npm run test:lsp` installs Debian's neovim first (scripts/ensureNeovim.mjs).

const FIXTURE = resolve(ROOT, 'test/fixtures/lsp/token-errors.http');
const HOSTILE = resolve(ROOT, 'test/fixtures/lsp/hostile.txt');
/** Where the run's JSON is kept for a look (test-results/ is not committed). */
const KEPT = resolve(ROOT, 'test-results/lsp/neovim.json');
const MADE_UP_SECRETS = ['MadeUpRefresh-Zq81Lw0Rt6Yp', 'MadeUpClientSecret-Hn27Vb5Kx'];
/** Neovim's severities are the protocol's: 1 error … 4 hint. */
const SEVERITY = { error: 1, warning: 2, information: 3, hint: 4 } as const;

interface NvimDiagnostic {
	lnum: number; col: number; end_lnum: number; end_col: number;
	severity: number; message: string; source: string; code: string; href: string | null; text: string | null;
}
interface NvimRun {
	ok: boolean;
	error: string | null;
	steps: string[];
	nvim: { major: number; minor: number; patch: number };
	sync: { change: number; openClose: boolean };
	offset_encoding: string;
	initial: NvimDiagnostic[];
	hover: { kind: string; value: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
	hover_lines: string[];
	actions: string[];
	line_after_fix: string;
	after_edits: NvimDiagnostic[];
	report: string;
	report_buffer: string[];
	hostile: NvimDiagnostic[];
	hostile_hovers: string[];
	published: Array<{ uri: string; version: number | null; count: number }>;
	closed_uri: string;
	exit: { code: number; signal: number };
}

type Held = { line: number; code: string; severity: number; message: string; source: string; href: string | null; text: string | null };
const byPlace = (a: Held, b: Held) => a.line - b.line || (a.text ?? '').localeCompare(b.text ?? '') || a.code.localeCompare(b.code);

/** What Neovim should hold for `text`: each finding's line, rule, severity, message, link and the exact text it covers. */
function expected(text: string): Held[] {
	return bundledService().analyze(text).messages.flatMap(m => m.findings).map(f => ({
		line: text.slice(0, f.span.start).split('\n').length - 1,
		code: f.rule,
		severity: SEVERITY[f.severity],
		message: f.message,
		source: 'token-error-help',
		href: f.reference?.url?.startsWith('https://') ? f.reference.url : null,
		text: text.slice(f.span.start, f.span.end),
	})).sort(byPlace);
}

function held(diagnostics: readonly NvimDiagnostic[]): Held[] {
	return diagnostics.map(d => ({ line: d.lnum, code: d.code, severity: d.severity, message: d.message, source: d.source, href: d.href, text: d.text })).sort(byPlace);
}

/** Runs the Lua client in a headless Neovim; resolves with its JSON. */
function runNeovim(): Promise<NvimRun> {
	const home = mkdtempSync(join(tmpdir(), 'teh-nvim-'));
	const out = join(home, 'out.json');
	return new Promise((done, fail) => {
		// Neovim's config, state and log go to a temporary home.
		const env = {
			...process.env, XDG_CONFIG_HOME: home, XDG_DATA_HOME: home, XDG_STATE_HOME: home, XDG_CACHE_HOME: home,
			TEH_NODE: process.execPath, TEH_CLI: CLI, TEH_FIXTURE: FIXTURE, TEH_HOSTILE: HOSTILE, TEH_OUT: out,
		};
		const nvim = spawn('nvim', ['--headless', '--clean', '-c', `luafile ${resolve(__dirname, 'neovim/client.lua')}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		nvim.stdout.on('data', (d: Buffer) => { output += d.toString(); });
		nvim.stderr.on('data', (d: Buffer) => { output += d.toString(); });
		const timer = setTimeout(() => nvim.kill('SIGKILL'), 120_000);
		nvim.on('error', fail);
		nvim.on('exit', (code, signal) => {
			clearTimeout(timer);
			try {
				const json = readFileSync(out, 'utf8');
				mkdirSync(resolve(KEPT, '..'), { recursive: true });
				writeFileSync(KEPT, json);
				done(JSON.parse(json) as NvimRun);
			} catch (e) {
				fail(new Error(`Neovim wrote no result (exit ${code}, signal ${signal}): ${(e as Error).message}\n${output}`));
			} finally {
				rmSync(home, { recursive: true, force: true });
			}
		});
	});
}

suite('language server in Neovim (built-in LSP client, headless)', function () {
	this.timeout(180_000);
	let run: NvimRun;
	const text = readFileSync(FIXTURE, 'utf8');
	// The buffer after the quick fix Neovim applied and the character the script typed.
	const edited = text.replace('GET {{as}}/oauth2/token', 'POST {{as}}/oauth2/token').replace('authorization_cod&', 'authorization_code&');

	suiteSetup(async () => {
		const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
		if (version.error || version.status !== 0) throw new Error('nvim is not installed: run "npm run test:lsp", which installs it (scripts/ensureNeovim.mjs).');
		run = await runNeovim();
	});

	test('the Lua client ran every step', () => {
		assert.equal(run.error, null);
		assert.equal(run.ok, true);
		assert.deepEqual(run.steps, ['attached', 'diagnostics', 'hover', 'code action', 'edits', 'explain', 'explain command', 'hostile', 'closed', 'stopped']);
		assert.ok(run.nvim.major > 0 || run.nvim.minor >= 6, JSON.stringify(run.nvim));
	});

	test('Neovim syncs incrementally in UTF-16, as the server asks', () => {
		assert.deepEqual(run.sync, { openClose: true, change: 2 });
		assert.equal(run.offset_encoding, 'utf-16');
	});

	test('vim.diagnostic.get: every finding, on exactly its text (also after non-ASCII on the line)', () => {
		assert.deepEqual(held(run.initial), expected(text));
		const chars = run.initial.find(d => d.code === 'invalid-error-chars')!;
		assert.equal(chars.text, 'Grant type not supported – 認可タイプ 🔑');
		const get = run.initial.find(d => d.code === 'token-request-get')!;
		assert.deepEqual([get.lnum, get.col, get.end_col, get.severity, get.href], [4, 0, 3, 1, 'https://www.rfc-editor.org/rfc/rfc6749#section-3.2']);
	});

	test('hover (textDocument/hover at the cursor): the core\'s Markdown', () => {
		const service = bundledService();
		const offset = text.lastIndexOf('invalid_grant') + 3;
		const info = service.hover(service.analyze(text), offset, s => text.slice(s.start, s.end))!;
		assert.equal(run.hover.kind, 'markdown');
		assert.equal(run.hover.value, info.markdown);
		assert.deepEqual(run.hover.range, { start: { line: 35, character: 10 }, end: { line: 35, character: 23 } });
		// The description is Google's own wording (its profile's evidence), so the hover is Google's entry.
		assert.equal(run.hover_lines[0], '**Google rejected the grant** · `invalid_grant`');
	});

	test('code action: Neovim applied "Change GET to POST" with its own WorkspaceEdit code', () => {
		assert.deepEqual(run.actions, ['Change GET to POST', 'Explain this response']);
		assert.equal(run.line_after_fix, 'POST {{as}}/oauth2/token?grant_type=client_credentials&client_id={{clientId}}');
	});

	test('after the edits, the diagnostics are those of the edited text', () => {
		const codes = run.after_edits.map(d => d.code);
		assert.ok(!codes.includes('token-request-get') && !codes.includes('unknown-grant-type'), JSON.stringify(codes));
		assert.deepEqual(held(run.after_edits), expected(edited));
	});

	test('workspace/executeCommand tokenErrorHelp.explain: the report of the edited buffer', () => {
		const service = bundledService();
		assert.equal(run.report, service.report(edited, service.analyze(edited)));
		// The README's :TokenErrorExplain shows the same report in a Markdown buffer.
		assert.deepEqual(run.report_buffer, run.report.split('\n'));
	});

	test('a hostile buffer: no made-up secret and no control or bidi character in diagnostics or hovers', () => {
		assert.ok(run.hostile.some(d => d.code === 'secret-exposed'));
		assert.ok(run.hostile_hovers.length >= 3, `${run.hostile_hovers.length} hovers`);
		const shown = [...run.hostile.map(d => d.message), ...run.hostile_hovers];
		for (const s of shown) {
			for (const secret of MADE_UP_SECRETS) {
				assert.ok(!s.includes(secret) && !s.includes(escapeMarkdown(secret)), `secret in ${JSON.stringify(s)}`);
			}
			// eslint-disable-next-line no-control-regex
			assert.doesNotMatch(s, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]/);
		}
	});

	test('closing the buffer cleared its diagnostics; stopping the client ended the server with code 0', () => {
		const forClosed = run.published.filter(p => p.uri === run.closed_uri);
		assert.ok(forClosed[0].count > 0);
		assert.equal(forClosed[forClosed.length - 1].count, 0);
		assert.deepEqual(run.exit, { code: 0, signal: 0 });
	});
});
