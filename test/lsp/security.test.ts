import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionRequest, ExecuteCommandRequest, HoverRequest, type CodeAction, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { bundledService, escapeMarkdown } from '../../src/core';
import { LspClient, ROOT } from './lspClient';

// Hostile text through the language server: no secret value (raw or Markdown-escaped) in any
// diagnostic, hover, quick-fix title or command result, and no terminal control or bidi character.

const canaryFile = JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures/security/canaries.json'), 'utf8')) as { canaries: Record<string, string> };
/** Made-up secrets planted in test/fixtures/lsp/hostile.txt (none is a credential). */
const MADE_UP = { refreshToken: 'MadeUpRefresh-Zq81Lw0Rt6Yp', clientSecret: 'MadeUpClientSecret-Hn27Vb5Kx' };
const SECRETS = { ...canaryFile.canaries, ...MADE_UP };
const DOCUMENTS = [
	{ uri: 'file:///project/canaries.http', languageId: 'http', text: readFileSync(resolve(ROOT, 'test/fixtures/security/canaries.http'), 'utf8') },
	{ uri: 'file:///project/hostile.txt', languageId: 'plaintext', text: readFileSync(resolve(ROOT, 'test/fixtures/lsp/hostile.txt'), 'utf8') },
];
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

/** Fails when `output` holds a secret (raw or escaped) or a control/bidi character. */
function assertSafe(output: string, where: string): void {
	for (const [name, value] of Object.entries(SECRETS)) {
		assert.ok(!output.includes(value), `${where}: the ${name} secret appears`);
		assert.ok(!output.includes(escapeMarkdown(value)), `${where}: the ${name} secret appears Markdown-escaped`);
	}
	const bad = INVISIBLE.exec(output);
	assert.ok(!bad, `${where}: control or bidi character U+${bad?.[0].charCodeAt(0).toString(16).padStart(4, '0')}`);
}

suite('language server: secrets and hostile text', function () {
	this.timeout(120_000);
	let client: LspClient;

	suiteSetup(async () => {
		({ client } = await LspClient.start());
		for (const d of DOCUMENTS) await client.open(d.uri, d.text, d.languageId);
	});
	suiteTeardown(() => client?.kill());

	test('the fixtures hold the secrets and the hostile characters, and the core detects the secrets', () => {
		const service = bundledService();
		for (const [name, value] of Object.entries(MADE_UP)) {
			const text = DOCUMENTS[1].text;
			assert.ok(text.includes(value), name);
			const found = service.analyze(text).messages.flatMap(m => m.secrets).map(s => text.slice(s.start, s.end));
			assert.ok(found.includes(value), `${name} is detected as a secret`);
		}
		assert.ok(DOCUMENTS[1].text.includes('\u001b') && DOCUMENTS[1].text.includes('\u202e'));
		// The Basic password is inside the base64 credential; every other canary is there as written.
		for (const [name, value] of Object.entries(canaryFile.canaries)) if (name !== 'basicPassword') assert.ok(DOCUMENTS[0].text.includes(value), name);
	});

	test('diagnostics: messages and related information', async () => {
		for (const d of DOCUMENTS) {
			const { diagnostics } = await client.waitForDiagnostics(d.uri);
			assert.ok(diagnostics.some(x => x.code === 'secret-exposed'), `${d.uri} has secret-exposed diagnostics`);
			for (const x of diagnostics) {
				assertSafe(String(x.message), `${d.uri} diagnostic ${String(x.code)}`);
				for (const r of x.relatedInformation ?? []) assertSafe(r.message, `${d.uri} related information of ${String(x.code)}`);
			}
		}
		// The hostile description (escape sequences, a right-to-left override) reaches a diagnostic, cleaned.
		const hostile = client.published.find(p => p.uri === DOCUMENTS[1].uri)!.diagnostics;
		assert.ok(hostile.some(x => x.code === 'invalid-error-chars'));
	});

	test('hover at every offset', async () => {
		let hovers = 0;
		for (const d of DOCUMENTS) {
			const doc = TextDocument.create(d.uri, d.languageId, 1, d.text);
			for (let offset = 0; offset <= d.text.length; offset++) {
				const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: d.uri }, position: doc.positionAt(offset) }) as Hover | null;
				if (!hover) continue;
				hovers++;
				const markdown = (hover.contents as MarkupContent).value;
				assertSafe(markdown, `hover at ${d.uri}:${offset}`);
				assert.ok(!/\]\(\s*(command|javascript|data):/i.test(markdown), `hover at ${d.uri}:${offset} links to a non-https target`);
				assert.ok(!/<img|<script/i.test(markdown), `hover at ${d.uri}:${offset} holds raw HTML`);
			}
		}
		assert.ok(hovers > 100, `only ${hovers} hovers`);
	});

	test('quick fixes: titles and commands; a redaction replaces the secret with a marker or variable', async () => {
		for (const d of DOCUMENTS) {
			const { diagnostics } = client.published.find(p => p.uri === d.uri)!;
			for (const diagnostic of diagnostics) {
				const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: d.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } }) as CodeAction[];
				for (const a of actions) {
					assertSafe(a.title, `${d.uri} action "${a.title}"`);
					assertSafe(JSON.stringify(a.command ?? null), `${d.uri} action command`);
					if (a.title === 'Redact this secret') {
						const edits = Object.values(a.edit!.changes!).flat();
						for (const e of edits) assert.match(e.newText, d.languageId === 'http' ? /^\{\{[A-Za-z]+\}\}$/ : /^«redacted:[a-z_]+»$/);
					}
				}
			}
		}
	});

	test('executeCommand tokenErrorHelp.explain: the whole document and every message', async () => {
		const service = bundledService();
		for (const d of DOCUMENTS) {
			const offsets = [undefined, ...service.analyze(d.text).messages.map(m => m.span.start)];
			for (const offset of offsets) {
				const report = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'tokenErrorHelp.explain', arguments: offset === undefined ? [d.uri] : [d.uri, offset] }) as string;
				assert.match(report, /^# Token Error Help/);
				assertSafe(report, `report of ${d.uri} at ${offset}`);
			}
		}
	});

	test('shutdown and exit', async () => {
		assert.equal(await client.stop(), 0);
	});
});
