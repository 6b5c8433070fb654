import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { assertInertMarkdown, assertNoLeaks, CANARIES } from '../fixtures/security/securityChecks';
import { closeAll, EXTENSION_ID, openFixture, openUntitled, positionOf, waitForActivation } from './helpers';

// The language-model tool (#tokenError in chat) through VS Code's own lm API, as a chat
// participant or agent calls it: listed in vscode.lm.tools, answered by vscode.lm.invokeTool.

const TOOL = 'explain_token_error';
const PLANTED = 'Zk3Jq9vX2mP7sL4tR8wY1nB6cD0eF5gHplanted';
const RESPONSE_WITH_SECRET = [
	'POST https://login.example.com/oauth2/token',
	'Content-Type: application/x-www-form-urlencoded',
	'',
	`grant_type=client_credentials&client_id=app&client_secret=${PLANTED}`,
	'',
	'HTTP/1.1 401 Unauthorized',
	'Content-Type: application/json',
	'',
	`{"error":"invalid_client","error_description":"Client authentication failed for secret ${PLANTED}"}`,
	'',
].join('\n');

/** Invokes the tool outside a chat request (no invocation token) and joins its text parts. */
async function invoke(input: object): Promise<string> {
	const source = new vscode.CancellationTokenSource();
	try {
		const result = await vscode.lm.invokeTool(TOOL, { input, toolInvocationToken: undefined }, source.token);
		assert.ok(result.content.length > 0, 'the tool answers with content');
		return result.content.map(part => {
			assert.ok(part instanceof vscode.LanguageModelTextPart, `a text part, not ${JSON.stringify(part)}`);
			return part.value;
		}).join('');
	} finally {
		source.dispose();
	}
}

suite('Language-model tool', () => {
	suiteSetup(waitForActivation);
	teardown(closeAll);

	test('the same paste as every other surface: the refresh-token cause (test/mcp/surfaces.test.ts checks the CLI, language server and MCP server)', async () => {
		const text = [
			'POST https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
			'Content-Type: application/x-www-form-urlencoded',
			'',
			'grant_type=refresh_token&client_id={{clientId}}&scope=openid%20offline_access&refresh_token={{refreshToken}}',
			'',
			'HTTP/1.1 400 Bad Request',
			'Content-Type: application/json; charset=utf-8',
			'Cache-Control: no-store',
			'',
			'{"error":"invalid_grant","error_description":"AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.","error_codes":[70008]}',
			'',
		].join('\n');
		const report = await invoke({ text });
		assert.match(report, /invalid\\?_grant/);
		assert.match(report, /AADSTS70008/);
		assert.match(report, /\*\*Most likely:\*\* .*kind refresh-token-expired/);
	});

	test('vscode.lm.tools lists explain_token_error with the contributed description and schema', () => {
		const tool = vscode.lm.tools.find(t => t.name === TOOL);
		assert.ok(tool, `${TOOL} in vscode.lm.tools: ${JSON.stringify(vscode.lm.tools.map(t => t.name))}`);
		const contributed = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.languageModelTools[0];
		assert.equal(contributed.toolReferenceName, 'tokenError');
		assert.equal(tool.description, contributed.modelDescription);
		assert.deepEqual(tool.inputSchema, contributed.inputSchema);
	});

	test('given text: the report names the code and its title and holds no secret', async () => {
		const text = await invoke({ text: RESPONSE_WITH_SECRET });
		assert.match(text, /^# Token Error Help/);
		assert.match(text, /## invalid_client: Invalid client \(line 6\)/);
		assert.match(text, /\*\*Most likely:\*\*/);
		assert.match(text, /\*\*What to do next\*\*\n\n1\. /);
		assert.match(text, /_Source: text given to the tool_/);
		assert.match(text, /## Redacted input/);
		assert.ok(!text.includes(PLANTED), 'the planted client secret must not be in the tool result');
		assert.ok(!text.replace(/\\/g, '').includes(PLANTED), 'nor an escaped copy of it');
	});

	test('the canary secrets of the security fixture never reach the tool result', async () => {
		const canaries = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '..', 'security', 'canaries.http');
		const content = new TextDecoder().decode(await vscode.workspace.fs.readFile(canaries));
		assert.ok(Object.values(CANARIES).every(value => content.includes(value) || value === CANARIES.basicPassword), 'the fixture plants the canaries');
		const text = await invoke({ text: content });
		assert.match(text, /^# Token Error Help/);
		assertNoLeaks('languageModelTool', [text]);
		assertInertMarkdown(text.slice(0, text.indexOf('## Redacted input')), 'tool report');
	});

	test('without text: the selection, else the whole active document', async () => {
		const doc = await openFixture('entra-invalid-client.http');
		const editor = vscode.window.activeTextEditor!;
		const whole = await invoke({});
		assert.match(whole, /invalid_client: Client authentication failed/);
		assert.match(whole, /_Source: `?entra-invalid-client\.http`?_/);

		const start = positionOf(doc, 'HTTP/1.1 401');
		editor.selection = new vscode.Selection(start, doc.positionAt(doc.getText().length));
		const selected = await invoke({ text: '' });
		assert.match(selected, /_Source: selection in `?entra-invalid-client\.http`?_/);
		assert.match(selected, /AADSTS7000215/);
		assert.doesNotMatch(selected, /POST https/, 'only the selected response is quoted');
	});

	test('the same answer as Explain Response for the same text', async () => {
		const doc = await openUntitled(RESPONSE_WITH_SECRET);
		const editor = vscode.window.activeTextEditor!;
		editor.selection = new vscode.Selection(doc.positionAt(0), doc.positionAt(doc.getText().length));
		const explained = await vscode.commands.executeCommand<{ markdown: string }>('tokenErrorHelp.explainResponse');
		const fromTool = await invoke({ text: RESPONSE_WITH_SECRET });
		const withoutSource = (md: string) => md.slice(0, md.indexOf('\n---\n_Source:'));
		assert.equal(withoutSource(fromTool), withoutSource(explained.markdown));
	});

	test('nothing to explain: an answer that says so, no error', async () => {
		const text = await invoke({ text: 'GET https://example.com/ HTTP/1.1\nAccept: text/html\n' });
		assert.match(text, /No OAuth or OpenID Connect error, HTTP error response or secret was found/);
		await closeAll();
		assert.equal(vscode.window.activeTextEditor, undefined);
		assert.match(await invoke({}), /no text was given and no editor is open/);
	});
});
