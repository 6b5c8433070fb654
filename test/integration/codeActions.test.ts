import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, openFixture, openUntitled, ruleOf, waitForActivation, waitForDiagnostics } from './helpers';

async function actionsFor(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
	return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
}

async function applyPreferred(doc: vscode.TextDocument, rule: string): Promise<string> {
	const diagnostics = await waitForDiagnostics(doc.uri, d => d.some(x => ruleOf(x) === rule));
	const diagnostic = diagnostics.find(d => ruleOf(d) === rule)!;
	const actions = await actionsFor(doc, diagnostic);
	const preferred = actions.find(a => a.isPreferred && a.edit);
	assert.ok(preferred, `a preferred fix for ${rule}; got ${actions.map(a => a.title).join(', ')}`);
	assert.ok(await vscode.workspace.applyEdit(preferred.edit!));
	return doc.getText();
}

suite('Quick fixes', () => {
	suiteSetup(waitForActivation);
	teardown(closeAll);

	test('GET to a token endpoint becomes POST', async () => {
		const doc = await openFixture('mistakes.http');
		const text = await applyPreferred(doc, 'token-request-get');
		assert.match(text, /^POST https:\/\/login\.example\.com\/oauth2\/token\?grant_type=client_credentials$/m);
	});

	test('a misspelled grant_type is corrected', async () => {
		const doc = await openFixture('mistakes.http');
		const text = await applyPreferred(doc, 'unknown-grant-type');
		assert.match(text, /grant_type=authorization_code&code=/);
	});

	test('an unknown code is replaced with the suggestion', async () => {
		const doc = await openFixture('mistakes.http');
		const text = await applyPreferred(doc, 'unknown-code');
		assert.match(text, /"error":"invalid_grant"/);
	});

	test('a secret is redacted to a placeholder, or a {{variable}} in .http', async () => {
		const plain = await openUntitled('HTTP/1.1 200 OK\nContent-Type: application/json\n\n{"access_token":"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwiZXhwIjoxNzAwMDAwMDAwfQ.c2lnbmF0dXJlc2lnbmF0dXJl","token_type":"Bearer"}\n');
		const redacted = await applyPreferred(plain, 'secret-exposed');
		assert.match(redacted, /"access_token":"«redacted:access_token»"/);
		const http = await openUntitled('POST https://login.example.com/oauth2/token\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credentials&client_id=app&client_secret=Zk3Jq9vX2mP7sL4tR8wY1nB6\n', 'http');
		const text = await applyPreferred(http, 'secret-exposed');
		assert.match(text, /client_secret=\{\{clientSecret\}\}/);
	});

	test('each diagnostic also offers "Explain this response"', async () => {
		const doc = await openFixture('entra-invalid-client.http');
		const diagnostics = await waitForDiagnostics(doc.uri, d => d.some(x => ruleOf(x) === 'recognized-error'));
		const actions = await actionsFor(doc, diagnostics.find(d => ruleOf(d) === 'recognized-error')!);
		assert.ok(actions.some(a => a.title === 'Explain this response' && a.command?.command === 'tokenErrorHelp.explainResponse'));
	});
});
