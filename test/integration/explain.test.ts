import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, openFixture, openUntitled, positionOf, waitForActivation } from './helpers';

suite('Explain Response', () => {
	suiteSetup(waitForActivation);
	teardown(closeAll);

	test('explains the response at the cursor: error, cause and next steps', async () => {
		const doc = await openFixture('entra-invalid-client.http');
		const editor = vscode.window.activeTextEditor!;
		editor.selection = new vscode.Selection(positionOf(doc, 'invalid_client'), positionOf(doc, 'invalid_client'));
		const result = await vscode.commands.executeCommand<{ uri: string; markdown: string }>('tokenErrorHelp.explainResponse');
		assert.match(result.markdown, /^# Token Error Help/);
		assert.match(result.markdown, /invalid_client/);
		assert.match(result.markdown, /\*\*Most likely:\*\*.*secret/i);
		assert.match(result.markdown, /\*\*What to do next\*\*\n\n1\. /);
		assert.match(result.markdown, /AADSTS7000215/);
		const report = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.uri));
		assert.equal(report.getText(), result.markdown);
	});

	test('Explain Response from Clipboard explains copied text', async () => {
		const copied = 'OPError: invalid_grant (grant request is invalid)';
		await vscode.env.clipboard.writeText(copied);
		// In the web workbench the clipboard is the browser's: wait (bounded) until the write is visible.
		for (let i = 0; i < 40 && (await vscode.env.clipboard.readText()) !== copied; i++) await new Promise(r => setTimeout(r, 50));
		assert.equal(await vscode.env.clipboard.readText(), copied);
		const result = await vscode.commands.executeCommand<{ markdown: string }>('tokenErrorHelp.explainClipboard');
		assert.match(result.markdown, /invalid_grant/);
	});

	test('Copy Redacted Report puts a report without secrets on the clipboard', async () => {
		const secret = 'Zk3Jq9vX2mP7sL4tR8wY1nB6cD0eF5gH';
		const doc = await openUntitled(`POST https://login.example.com/oauth2/token\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credentials&client_id=app&client_secret=${secret}\n\nHTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n{"error":"invalid_client","error_description":"Client authentication failed"}\n`);
		await vscode.commands.executeCommand('tokenErrorHelp.explainResponse', doc.uri.toString(), doc.getText().indexOf('HTTP/1.1'));
		assert.equal(await vscode.commands.executeCommand('tokenErrorHelp.copyRedactedReport'), true);
		const copied = await vscode.env.clipboard.readText();
		assert.match(copied, /## Redacted input/);
		assert.match(copied, /invalid_client/);
		assert.ok(!copied.includes(secret), 'the client secret must not be copied');
	});
});
