import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, EXTENSION_ID, openFixture, openUntitled, ruleOf, waitForActivation, waitForDiagnostics } from './helpers';

suite('Activation', () => {
	teardown(closeAll);

	test('an .http document gets language http and activates the extension', async () => {
		const doc = await openFixture('entra-invalid-client.http');
		assert.equal(doc.languageId, 'http');
		const ext = await waitForActivation();
		assert.equal(ext.id, EXTENSION_ID);
	});

	test('an untitled document with a pasted response gets diagnostics', async () => {
		const doc = await openUntitled('HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{"error":"invalid_grant","error_description":"Code expired"}\n');
		assert.equal(doc.uri.scheme, 'untitled');
		const diagnostics = await waitForDiagnostics(doc.uri, d => d.some(x => ruleOf(x) === 'recognized-error'));
		assert.ok(diagnostics.length > 0);
	});

	test('every contributed command is registered', async () => {
		await waitForActivation();
		const all = await vscode.commands.getCommands(true);
		const contributed = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as Array<{ command: string }>).map(c => c.command);
		for (const command of contributed) assert.ok(all.includes(command), `${command} must be registered`);
	});
});
