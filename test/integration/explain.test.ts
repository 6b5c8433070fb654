import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, openFixture, positionOf, waitForActivation } from './helpers';

suite('Explain Response', () => {
	suiteSetup(waitForActivation);
	teardown(closeAll);

	test('explains the response at the cursor: error, cause and next steps', async () => {
		const doc = await openFixture('entra-invalid-client.http');
		const editor = vscode.window.activeTextEditor!;
		editor.selection = new vscode.Selection(positionOf(doc, 'invalid_client'), positionOf(doc, 'invalid_client'));
		const result = await vscode.commands.executeCommand<{ uri: string; markdown: string }>('tokenErrorHelp.explainResponse');
		assert.match(result.markdown, /^# Token Error Help/);
		assert.match(result.markdown, /invalid\\_client/);
		assert.match(result.markdown, /\*\*Most likely cause\.\*\*.*secret/i);
		assert.match(result.markdown, /\*\*What to do next\*\*\n\n1\. /);
		assert.match(result.markdown, /AADSTS7000215/);
		const report = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.uri));
		assert.equal(report.getText(), result.markdown);
	});

	test('Copy Redacted Report puts a report without secrets on the clipboard', async () => {
		const doc = await openFixture('entra-invalid-client.http');
		await vscode.commands.executeCommand('tokenErrorHelp.explainResponse', doc.uri.toString(), doc.getText().indexOf('HTTP/1.1'));
		assert.equal(await vscode.commands.executeCommand('tokenErrorHelp.copyRedactedReport'), true);
		const copied = await vscode.env.clipboard.readText();
		assert.match(copied, /## Redacted input/);
		assert.match(copied, /invalid_client/);
	});

	test('Explain Response from Clipboard explains copied text', async () => {
		await vscode.env.clipboard.writeText('OPError: invalid_grant (grant request is invalid)');
		const result = await vscode.commands.executeCommand<{ markdown: string }>('tokenErrorHelp.explainClipboard');
		assert.match(result.markdown, /invalid\\_grant/);
	});
});
