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

	test('a JSON token request body is converted to form-urlencoded', async () => {
		const doc = await openUntitled('POST https://login.example.com/oauth2/token\nContent-Type: application/json\n\n{"grant_type":"client_credentials","client_id":"app","scope":"api://orders/.default"}\n', 'http');
		const text = await applyPreferred(doc, 'token-request-not-form');
		assert.match(text, /^Content-Type: application\/x-www-form-urlencoded$/m);
		assert.match(text, /^grant_type=client_credentials&client_id=app&scope=api%3A%2F%2Forders%2F\.default$/m);
	});

	test('a missing grant_type is added as a snippet with a choice', async () => {
		const doc = await openUntitled('POST https://login.example.com/oauth2/token\nContent-Type: application/x-www-form-urlencoded\n\nclient_id=app&scope=read\n', 'http');
		await vscode.window.showTextDocument(doc);
		const text = await applyPreferred(doc, 'missing-grant-type');
		// The snippet's first choice is inserted; the others stay offered at the tab stop.
		assert.match(text, /^grant_type=authorization_code&client_id=app&scope=read$/m);
	});

	test('a second client authentication method is removed', async () => {
		const doc = await openUntitled('POST https://login.example.com/oauth2/token\nAuthorization: Basic {{basic}}\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credentials&client_secret={{secret}}&scope=read\n', 'http');
		const text = await applyPreferred(doc, 'multiple-client-auth');
		assert.match(text, /^grant_type=client_credentials&scope=read$/m);
		assert.doesNotMatch(text, /client_secret/);
	});

	test('a client secret in the URL moves to the request body', async () => {
		const doc = await openUntitled('POST https://login.example.com/oauth2/token?client_secret=Zk3Jq9vX2mP7sL4tR8wY1nB6\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credentials&client_id=app\n', 'http');
		const text = await applyPreferred(doc, 'secret-in-url');
		assert.match(text, /^POST https:\/\/login\.example\.com\/oauth2\/token$/m);
		assert.match(text, /^grant_type=client_credentials&client_id=app&client_secret=Zk3Jq9vX2mP7sL4tR8wY1nB6$/m);
	});

	test('a status mismatch points at the error code as related information', async () => {
		const doc = await openUntitled('HTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n{"error":"invalid_grant","error_description":"Code expired"}\n');
		const diagnostics = await waitForDiagnostics(doc.uri, d => d.some(x => ruleOf(x) === 'status-mismatch'));
		const mismatch = diagnostics.find(d => ruleOf(d) === 'status-mismatch')!;
		assert.equal(mismatch.relatedInformation?.length, 1);
		assert.equal(doc.getText(mismatch.relatedInformation![0].location.range), 'invalid_grant');
	});

	test('each diagnostic also offers "Explain this response"', async () => {
		const doc = await openFixture('entra-invalid-client.http');
		const diagnostics = await waitForDiagnostics(doc.uri, d => d.some(x => ruleOf(x) === 'recognized-error'));
		const actions = await actionsFor(doc, diagnostics.find(d => ruleOf(d) === 'recognized-error')!);
		assert.ok(actions.some(a => a.title === 'Explain this response' && a.command?.command === 'tokenErrorHelp.explainResponse'));
	});
});
