import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
	CodeActionRequest, ExecuteCommandRequest, HoverRequest, LSPErrorCodes, ResponseError, TextDocumentSyncKind,
	type CodeAction, type Diagnostic, type Hover, type MarkupContent, type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { bundledService } from '../../src/core';
import { LspClient, ROOT } from './lspClient';

// The language server as a client meets it: a real `node dist/cli.js lsp --stdio` process, spoken to
// with vscode-languageserver-protocol. Expected answers come from the core service the server adapts,
// so these tests check that the server gives the same answers, at the right places.

const FIXTURES = resolve(ROOT, 'test/fixtures/lsp');
const fixture = (name: string) => readFileSync(resolve(FIXTURES, name), 'utf8');
const service = bundledService();
const SEVERITY = { error: 1, warning: 2, information: 3, hint: 4 } as const;

/** The text a range covers. */
function textAt(text: string, range: Diagnostic['range']): string {
	const doc = TextDocument.create('file:///x', 'plaintext', 1, text);
	return doc.getText(range);
}

/** The diagnostics the server should publish for `text`: one per finding of the core's analysis. */
function expectedDiagnostics(text: string): Array<Pick<Diagnostic, 'range' | 'severity' | 'code' | 'message' | 'source'> & { href?: string }> {
	const doc = TextDocument.create('file:///x', 'plaintext', 1, text);
	return service.analyze(text).messages.flatMap(m => m.findings).map(f => ({
		range: { start: doc.positionAt(f.span.start), end: doc.positionAt(f.span.end) },
		severity: SEVERITY[f.severity],
		code: f.rule,
		message: f.message,
		source: 'token-error-help',
		href: f.reference?.url?.startsWith('https://') ? f.reference.url : undefined,
	}));
}

function comparable(diagnostics: readonly Diagnostic[]) {
	return diagnostics.map(d => ({ range: d.range, severity: d.severity, code: d.code, message: d.message, source: d.source, href: d.codeDescription?.href }));
}

/** Applies edits (non-overlapping, any order) to `text`. */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
	const doc = TextDocument.create('file:///x', 'plaintext', 1, text);
	return TextDocument.applyEdits(doc, [...edits]);
}

suite('language server over stdio (vscode-languageserver-protocol client)', function () {
	this.timeout(60_000);
	let client: LspClient;
	let result: Awaited<ReturnType<typeof LspClient.start>>['result'];

	suiteSetup(async () => {
		({ client, result } = await LspClient.start({ capabilities: { workspace: { workspaceEdit: { documentChanges: true } } } }));
	});
	suiteTeardown(() => client?.kill());

	test('initialize: incremental sync, hover, quick fixes and the explain command', () => {
		assert.deepEqual(result.capabilities.textDocumentSync, { openClose: true, change: TextDocumentSyncKind.Incremental });
		assert.equal(result.capabilities.hoverProvider, true);
		assert.deepEqual(result.capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
		assert.deepEqual(result.capabilities.executeCommandProvider, { commands: ['tokenErrorHelp.explain'] });
		assert.equal(result.serverInfo?.name, 'token-error-help');
	});

	test('didOpen publishes one diagnostic per finding: rule id, source, https link, severity, UTF-16 range', async () => {
		const text = fixture('token-errors.http');
		const uri = 'file:///project/token-errors.http';
		await client.open(uri, text, 'http');
		const published = await client.waitForDiagnostics(uri);
		assert.equal(published.version, 1);
		assert.deepEqual(comparable(published.diagnostics), expectedDiagnostics(text));
		const byCode = (code: string) => published.diagnostics.filter(d => d.code === code);
		const get = byCode('token-request-get');
		assert.equal(get.length, 1);
		assert.equal(textAt(text, get[0].range), 'GET');
		assert.equal(get[0].severity, 1);
		assert.equal(get[0].codeDescription?.href, 'https://www.rfc-editor.org/rfc/rfc6749#section-3.2');
		assert.equal(textAt(text, byCode('unknown-grant-type')[0].range), 'authorization_cod');
		assert.equal(byCode('secret-exposed')[0].severity, 2);
		assert.equal(byCode('invalid-error-chars')[0].severity, 4);
		// After "🔑 ünïcödé" (surrogate pair, combining-free accents) the range still covers the code exactly.
		const grants = byCode('recognized-error').map(d => textAt(text, d.range));
		assert.deepEqual(grants, ['unsupported_grant_type', 'invalid_request', 'invalid_grant']);
		const lastGrant = byCode('recognized-error')[2];
		const line = text.split('\n')[lastGrant.range.start.line];
		assert.equal(line.slice(lastGrant.range.start.character, lastGrant.range.end.character), 'invalid_grant');
		for (const d of published.diagnostics) assert.ok(!d.codeDescription || d.codeDescription.href.startsWith('https://'), d.codeDescription?.href);
	});

	test('hover: the core\'s Markdown for the code under the cursor, with its range', async () => {
		const text = fixture('token-errors.http');
		const uri = 'file:///project/token-errors.http';
		const offset = text.lastIndexOf('invalid_grant') + 3;
		const doc = TextDocument.create(uri, 'http', 1, text);
		const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: doc.positionAt(offset) }) as Hover;
		const analysis = service.analyze(text);
		const info = service.hover(analysis, offset, s => text.slice(s.start, s.end))!;
		assert.equal((hover.contents as MarkupContent).kind, 'markdown');
		assert.equal((hover.contents as MarkupContent).value, info.markdown);
		assert.match(info.markdown, /invalid_grant/);
		assert.equal(doc.getText(hover.range!), 'invalid_grant');
		const blank = text.indexOf('\n\n') + 1;
		assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: doc.positionAt(blank) }), null);
	});

	test('code actions: the findings\' fixes as edits (snippets as plain text) and "Explain this response"', async () => {
		const text = fixture('token-errors.http');
		const uri = 'file:///project/token-errors.http';
		const { diagnostics } = client.published.find(p => p.uri === uri)!;
		const actionsFor = async (code: string) => {
			const diagnostic = diagnostics.find(d => d.code === code)!;
			const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } }) as CodeAction[];
			return { diagnostic, actions };
		};
		const editsOf = (action: CodeAction) => {
			const change = action.edit!.documentChanges![0] as { textDocument: { uri: string; version: number }; edits: TextEdit[] };
			assert.deepEqual(change.textDocument, { uri, version: 1 });
			return change.edits;
		};

		const get = await actionsFor('token-request-get');
		const post = get.actions.find(a => a.title === 'Change GET to POST')!;
		assert.equal(post.kind, 'quickfix');
		assert.equal(post.isPreferred, true);
		assert.deepEqual(post.diagnostics, [get.diagnostic]);
		assert.match(applyEdits(text, editsOf(post)), /^POST \{\{as\}\}\/oauth2\/token\?grant_type=client_credentials/m);

		const typo = await actionsFor('unknown-grant-type');
		const fixed = applyEdits(text, editsOf(typo.actions.find(a => a.title === 'Replace with "authorization_code"')!));
		assert.match(fixed, /^grant_type=authorization_code&code=/m);

		// The core's fix is the snippet grant_type=${1|authorization_code,client_credentials,…|}&: its first choice, as text.
		const missing = await actionsFor('missing-grant-type');
		const add = missing.actions.find(a => a.title === 'Add grant_type')!;
		assert.deepEqual(editsOf(add).map(e => e.newText), ['grant_type=authorization_code&']);
		assert.match(applyEdits(text, editsOf(add)), /^grant_type=authorization_code&client_id=\{\{clientId\}\}&scope=ledger\.read$/m);

		// In .http documents a redacted secret becomes a {{variable}}.
		const secret = await actionsFor('secret-exposed');
		assert.deepEqual(editsOf(secret.actions.find(a => a.title === 'Redact this secret')!).map(e => e.newText), ['{{authorizationCode}}']);

		const explain = get.actions.find(a => a.title === 'Explain this response')!;
		const message = service.analyze(text).messages.find(m => m.findings.some(f => f.rule === 'token-request-get'))!;
		assert.deepEqual(explain.command, { title: 'Explain this response', command: 'tokenErrorHelp.explain', arguments: [uri, message.span.start] });
		for (const { actions } of [get, typo, missing, secret]) {
			for (const a of actions) for (const e of a.edit ? editsOf(a) : []) assert.ok(!/\$\{?\d/.test(e.newText), `snippet syntax left in ${JSON.stringify(e.newText)}`);
		}

		// A range with none of our diagnostics inside a message still offers the explanation; `only` other kinds, nothing.
		const doc = TextDocument.create(uri, 'http', 1, text);
		const inside = doc.positionAt(text.indexOf('Allow: POST'));
		const plain = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: inside, end: inside }, context: { diagnostics: [] } }) as CodeAction[];
		assert.deepEqual(plain.map(a => a.title), ['Explain this response']);
		assert.deepEqual(await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: get.diagnostic.range, context: { diagnostics: [get.diagnostic], only: ['refactor'] } }), []);
	});

	test('code actions when a client sends the range back in byte columns (as Neovim 0.7 does)', async () => {
		const uri = 'file:///project/accented.http';
		const text = 'POST https://login.example.com/oauth2/token\nContent-Type: application/x-www-form-urlencoded\n\nscope=lédger.read&grant_type=authorization_cod&code=abc\n';
		await client.open(uri, text, 'http');
		const diagnostic = (await client.waitForDiagnostics(uri)).diagnostics.find(d => d.code === 'unknown-grant-type')!;
		const line = text.split('\n')[diagnostic.range.start.line];
		const byteColumn = (character: number) => Buffer.byteLength(line.slice(0, character));
		const shifted = { ...diagnostic, range: {
			start: { line: diagnostic.range.start.line, character: byteColumn(diagnostic.range.start.character) },
			end: { line: diagnostic.range.end.line, character: byteColumn(diagnostic.range.end.character) },
		} };
		assert.notDeepEqual(shifted.range, diagnostic.range);
		const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: shifted.range, context: { diagnostics: [shifted] } }) as CodeAction[];
		const replace = actions.find(a => a.title === 'Replace with "authorization_code"');
		assert.ok(replace, JSON.stringify(actions.map(a => a.title)));
		assert.deepEqual(replace.diagnostics, [shifted]);
		await client.close(uri);
	});

	test('executeCommand tokenErrorHelp.explain: the report of the message at the offset, or of the document', async () => {
		const text = fixture('token-errors.http');
		const uri = 'file:///project/token-errors.http';
		const analysis = service.analyze(text);
		const message = analysis.messages.find(m => m.errors.some(e => e.code === 'invalid_grant'))!;
		const one = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'tokenErrorHelp.explain', arguments: [uri, message.span.start] });
		assert.equal(one, service.report(text, analysis, [message]));
		assert.match(one as string, /^## invalid_grant: Google rejected the grant/m);
		assert.doesNotMatch(one as string, /unsupported_grant_type/);
		const all = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'tokenErrorHelp.explain', arguments: [uri] });
		assert.equal(all, service.report(text, analysis));
		assert.match(all as string, /^## unsupported_grant_type/m);

		const failure = async (args: unknown[], command = 'tokenErrorHelp.explain') => {
			try {
				await client.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
			} catch (e) {
				return e as ResponseError<unknown>;
			}
			return assert.fail(`${command} ${JSON.stringify(args)} did not fail`);
		};
		assert.match((await failure(['file:///project/not-open.http'])).message, /not open/);
		assert.match((await failure([uri, -4])).message, /offset/);
		assert.match((await failure([42])).message, /URI/);
		assert.match((await failure([uri], 'tokenErrorHelp.nothing')).message, /Unknown command/);
	});

	test('incremental didChange: diagnostics follow the edits and equal those of the same text opened afresh', async () => {
		const uri = 'file:///project/edited.http';
		let doc = TextDocument.create(uri, 'http', 1, fixture('token-errors.http'));
		await client.open(uri, doc.getText(), 'http');
		await client.waitForDiagnostics(uri, p => p.version === 1);

		// Version 2: fix the typo. Version 3: two changes in one notification, each on the text the previous left.
		const typo = doc.getText().indexOf('authorization_cod&') + 'authorization_cod'.length;
		const v2 = [{ range: { start: doc.positionAt(typo), end: doc.positionAt(typo) }, text: 'e' }];
		doc = TextDocument.update(doc, v2, 2);
		await client.change(uri, 2, v2);
		const get = doc.getText().indexOf('GET {{as}}');
		const v3a = { range: { start: doc.positionAt(get), end: doc.positionAt(get + 3) }, text: 'POST' };
		const afterA = TextDocument.update(TextDocument.create(uri, 'http', 2, doc.getText()), [v3a], 3);
		const grant = afterA.getText().lastIndexOf('invalid_grant');
		const v3b = { range: { start: afterA.positionAt(grant), end: afterA.positionAt(grant + 'invalid_grant'.length) }, text: 'invalid_client' };
		doc = TextDocument.update(doc, [v3a, v3b], 3);
		await client.change(uri, 3, [v3a, v3b]);

		const published = await client.waitForDiagnostics(uri, p => p.version === 3);
		const codes = published.diagnostics.map(d => d.code);
		assert.ok(!codes.includes('unknown-grant-type'), JSON.stringify(codes));
		assert.ok(!codes.includes('token-request-get'), JSON.stringify(codes));
		assert.ok(published.diagnostics.some(d => d.code === 'recognized-error' && textAt(doc.getText(), d.range) === 'invalid_client'));
		assert.deepEqual(comparable(published.diagnostics), expectedDiagnostics(doc.getText()));

		const fresh = 'file:///project/fresh.http';
		await client.open(fresh, doc.getText(), 'http');
		// Related locations point into the document itself, so they carry its URI.
		const sameDocument = JSON.parse(JSON.stringify((await client.waitForDiagnostics(fresh)).diagnostics).split(fresh).join(uri));
		assert.deepEqual(sameDocument, published.diagnostics);
		// Publishes for the edited document never go back to an older version.
		const versions = client.published.filter(p => p.uri === uri).map(p => p.version!);
		assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
		await client.close(fresh);
	});

	test('a full-text change and a burst of edits: the last version is published, and matches a fresh analysis', async () => {
		const uri = 'file:///project/burst.txt';
		await client.open(uri, 'nothing here yet', 'plaintext');
		await client.waitForDiagnostics(uri, p => p.version === 1);
		let doc = TextDocument.create(uri, 'plaintext', 1, 'nothing here yet');
		const full = [{ text: fixture('token-errors.http') }];
		doc = TextDocument.update(doc, full, 2);
		await client.change(uri, 2, full);
		for (let version = 3; version <= 12; version++) {
			const at = doc.getText().indexOf('Missing grant_type') + 'Missing grant_type'.length;
			const edit = [{ range: { start: doc.positionAt(at), end: doc.positionAt(at) }, text: '!' }];
			doc = TextDocument.update(doc, edit, version);
			await client.change(uri, version, edit);
		}
		const published = await client.waitForDiagnostics(uri, p => p.version === 12);
		assert.match(doc.getText(), /Missing grant_type!{10}"/);
		assert.deepEqual(comparable(published.diagnostics), expectedDiagnostics(doc.getText()));
	});

	test('didClose clears the document\'s diagnostics', async () => {
		const uri = 'file:///project/edited.http';
		const before = client.published.length;
		await client.close(uri);
		const cleared = await client.waitForDiagnostics(uri, () => true, before);
		assert.deepEqual(cleared.diagnostics, []);
	});

	test('maxDocumentSize (didChangeConfiguration): a notice instead of findings, no hover, the command says why', async () => {
		const uri = 'file:///project/token-errors.http';
		const text = fixture('token-errors.http');
		let before = client.published.length;
		await client.configure({ tokenErrorHelp: { maxDocumentSize: 100 } });
		const skipped = await client.waitForDiagnostics(uri, () => true, before);
		assert.equal(skipped.diagnostics.length, 1);
		assert.equal(skipped.diagnostics[0].code, 'skipped-large-document');
		assert.equal(skipped.diagnostics[0].severity, 3);
		assert.match(skipped.diagnostics[0].message as string, /larger than maxDocumentSize \(100 characters\)/);
		const doc = TextDocument.create(uri, 'http', 1, text);
		assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: doc.positionAt(text.lastIndexOf('invalid_grant')) }), null);
		try {
			await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'tokenErrorHelp.explain', arguments: [uri] });
			assert.fail('the command should refuse a document over the limit');
		} catch (e) {
			assert.equal((e as ResponseError<unknown>).code, LSPErrorCodes.RequestFailed);
			assert.match((e as Error).message, /larger than maxDocumentSize/);
		}
		before = client.published.length;
		await client.configure({ tokenErrorHelp: { maxDocumentSize: 0 } });
		const back = await client.waitForDiagnostics(uri, () => true, before);
		assert.deepEqual(comparable(back.diagnostics), expectedDiagnostics(text));
	});

	test('shutdown and exit end the process with code 0', async () => {
		const code = await client.stop();
		assert.equal(code, 0);
	});
});

suite('language server: maxDocumentSize from initializationOptions', function () {
	this.timeout(60_000);
	let client: LspClient | undefined;
	teardown(() => client?.kill());

	test('the default is 5,000,000 characters; initializationOptions can lower it', async () => {
		({ client } = await LspClient.start({ initializationOptions: { maxDocumentSize: 1000 } }));
		const small = 'HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{"error":"invalid_grant"}\n';
		await client.open('file:///small.txt', small);
		assert.deepEqual((await client.waitForDiagnostics('file:///small.txt')).diagnostics.map(d => d.code), ['recognized-error']);
		await client.open('file:///large.txt', small + 'x'.repeat(1000));
		const large = await client.waitForDiagnostics('file:///large.txt');
		assert.deepEqual(large.diagnostics.map(d => d.code), ['skipped-large-document']);
		assert.match(large.diagnostics[0].message as string, /1,000 characters/);
		assert.equal(await client.stop(), 0);
		client = undefined;

		({ client } = await LspClient.start());
		const big = `${small}${'.'.repeat(5_000_000 - small.length)}`;
		await client.open('file:///at-limit.txt', big);
		assert.deepEqual((await client.waitForDiagnostics('file:///at-limit.txt')).diagnostics.map(d => d.code), ['recognized-error']);
		await client.open('file:///over-limit.txt', `${big}.`);
		const over = await client.waitForDiagnostics('file:///over-limit.txt');
		assert.deepEqual(over.diagnostics.map(d => d.code), ['skipped-large-document']);
		assert.match(over.diagnostics[0].message as string, /5,000,000 characters/);
		assert.equal(await client.stop(), 0);
		client = undefined;
	});
});
