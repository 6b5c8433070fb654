import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { HoverRequest, type Hover, type MarkupContent } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ExplainAnswer } from '../../src/mcp/schemas';
import { LspClient } from '../lsp/lspClient';

// One paste, every surface: the CLI's --json, the language server (a real stdio server and a
// protocol client) and the MCP server (the SDK's client) name the same codes and the same cause.
// The VS Code language-model tool is checked on the same fixture inside the real VS Code
// (test/integration/languageModelTool.test.ts). npm run build first (npm test does).

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const FILE = join(ROOT, 'test/fixtures/surfaces/entra-refresh.http');
const TEXT = readFileSync(FILE, 'utf8');

/** The kind the diagnosis names for a refresh answered with AADSTS70008 (decided by the paste, asserted on every surface). */
const KIND = 'refresh-token-expired';

interface CliDiagnosis { kind: string; cause: string }

suite('one paste, every surface: the same codes and the same cause', function () {
	this.timeout(60_000);
	let cli: { codes: string[]; vendor: string | null; diagnosis: CliDiagnosis };

	suiteSetup(() => {
		const r = spawnSync(process.execPath, [CLI, 'explain', '--json', FILE], { encoding: 'utf8' });
		assert.equal(r.status, 0, r.stderr);
		const json = JSON.parse(r.stdout) as { messages: Array<{ kind: string; vendor: string | null; errors: Array<{ code: string }>; vendorCodes: Array<{ code: string }>; diagnosis?: CliDiagnosis }> };
		const response = json.messages.find(m => m.kind === 'response')!;
		cli = { codes: [...response.errors, ...response.vendorCodes].map(c => c.code).sort(), vendor: response.vendor, diagnosis: response.diagnosis! };
	});

	test('the CLI: invalid_grant and AADSTS70008 from Entra, and the refresh-token cause', () => {
		assert.deepEqual([...new Set(cli.codes)], ['AADSTS70008', 'invalid_grant']);
		assert.equal(cli.vendor, 'entra');
		assert.equal(cli.diagnosis.kind, KIND);
	});

	test('the MCP server: the same codes, kind and cause', async () => {
		const client = new Client({ name: 'surfaces-test', version: '1.0.0' });
		await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp'], stderr: 'pipe' }));
		try {
			const result = await client.callTool({ name: 'explain_token_error', arguments: { text: TEXT } });
			const answer = result.structuredContent as unknown as ExplainAnswer;
			const response = answer.messages.find(m => m.kind === 'response')!;
			assert.deepEqual([...new Set([...response.errors, ...response.vendorCodes].map(c => c.code))].sort(), ['AADSTS70008', 'invalid_grant']);
			assert.equal(response.vendor, 'entra');
			assert.equal(response.diagnosis?.kind, KIND);
			assert.equal(response.cause, cli.diagnosis.cause);
		} finally {
			await client.close();
		}
	});

	test('the language server: the Problems message and the hover name the same cause', async () => {
		const { client } = await LspClient.start();
		try {
			const uri = 'file:///project/entra-refresh.http';
			await client.open(uri, TEXT, 'http');
			const published = await client.waitForDiagnostics(uri, p => p.diagnostics.length > 0);
			const recognized = published.diagnostics.filter(d => d.code === 'recognized-error');
			assert.equal(recognized.length, 1);
			assert.ok(String(recognized[0].message).includes(`Most likely: ${cli.diagnosis.cause}`), String(recognized[0].message));
			const vendorCode = published.diagnostics.filter(d => d.code === 'vendor-code');
			assert.ok(vendorCode.length >= 1, 'AADSTS70008 is reported');
			const doc = TextDocument.create(uri, 'http', 1, TEXT);
			const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: doc.positionAt(TEXT.indexOf('"invalid_grant"') + 3) }) as Hover;
			const markdown = (hover.contents as MarkupContent).value;
			// The hover escapes Markdown; compare its words.
			const words = (s: string) => s.replace(/\\(.)/g, '$1').replace(/\s+/g, ' ');
			assert.ok(words(markdown).includes(`Most likely:** ${cli.diagnosis.cause}`), markdown);
			await client.stop();
		} finally {
			client.kill();
		}
	});
});
