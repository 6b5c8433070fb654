import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, openFixture, openUntitled, ours, positionOf, ruleOf, waitForActivation, waitForDiagnostics } from './helpers';

suite('Diagnostics', () => {
	suiteSetup(waitForActivation);
	teardown(closeAll);

	test('an Entra invalid_client response: codes, ranges, severities and links', async () => {
		const doc = await openFixture('entra-invalid-client.http');
		const diagnostics = await waitForDiagnostics(doc.uri, d => d.some(x => ruleOf(x) === 'recognized-error'));
		const error = diagnostics.find(d => ruleOf(d) === 'recognized-error')!;
		assert.equal(error.severity, vscode.DiagnosticSeverity.Error);
		assert.equal(doc.getText(error.range), 'invalid_client');
		assert.ok(typeof error.code === 'object' && error.code.target.scheme === 'https', 'the rule links to its reference');
		const vendor = diagnostics.find(d => ruleOf(d) === 'vendor-code')!;
		assert.equal(doc.getText(vendor.range), 'AADSTS7000215');
		assert.equal(vendor.severity, vscode.DiagnosticSeverity.Information);
		assert.ok(diagnostics.some(d => ruleOf(d) === 'support-ids' && /5ddb68ce-bdcb-47e4-a1eb-d74fa2ee4f00/.test(d.message)));
	});

	test('a pasted 401 with a Bearer invalid_token challenge in an untitled buffer', async () => {
		const doc = await openUntitled('HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm="api", error="invalid_token", error_description="The access token expired"\nContent-Length: 0\n');
		const diagnostics = await waitForDiagnostics(doc.uri, d => d.some(x => ruleOf(x) === 'recognized-error'));
		const error = diagnostics.find(d => ruleOf(d) === 'recognized-error')!;
		assert.equal(doc.getText(error.range), 'invalid_token');
		assert.deepEqual(error.range.start, positionOf(doc, 'invalid_token'));
	});

	test('token-request mistakes and an unknown code are flagged', async () => {
		const doc = await openFixture('mistakes.http');
		const diagnostics = await waitForDiagnostics(doc.uri, d => ['token-request-get', 'unknown-grant-type', 'unknown-code'].every(r => d.some(x => ruleOf(x) === r)));
		const get = diagnostics.find(d => ruleOf(d) === 'token-request-get')!;
		assert.equal(doc.getText(get.range), 'GET');
		assert.equal(get.severity, vscode.DiagnosticSeverity.Error);
		assert.equal(doc.getText(diagnostics.find(d => ruleOf(d) === 'unknown-grant-type')!.range), 'authorization_cod');
		assert.match(diagnostics.find(d => ruleOf(d) === 'unknown-code')!.message, /invalid_grant/);
	});

	test('a REST Client file with requests and variables has no problems', async () => {
		const doc = await openFixture('rest-client-no-errors.http');
		const result = await vscode.commands.executeCommand<{ markdown: string }>('tokenErrorHelp.explainResponse', doc.uri.toString());
		assert.match(result.markdown, /No OAuth or OpenID Connect error/);
		assert.deepEqual(ours(doc.uri), []);
	});

	test('documents over the size limit are skipped with a visible reason', async () => {
		const config = vscode.workspace.getConfiguration('tokenErrorHelp');
		await config.update('maxDocumentSize', 50, vscode.ConfigurationTarget.Global);
		try {
			const doc = await openUntitled(`HTTP/1.1 400 Bad Request\n\n{"error":"invalid_grant"}\n${'x'.repeat(100)}`);
			const diagnostics = await waitForDiagnostics(doc.uri, d => d.some(x => ruleOf(x) === 'skipped-large-document'));
			assert.equal(diagnostics.length, 1);
			assert.match(diagnostics[0].message, /maxDocumentSize/);
		} finally {
			await config.update('maxDocumentSize', undefined, vscode.ConfigurationTarget.Global);
		}
	});
});
