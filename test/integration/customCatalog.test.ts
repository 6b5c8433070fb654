import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, fixture, openFixture, ruleOf, waitForActivation, waitForDiagnostics } from './helpers';

suite('Custom catalogs', () => {
	suiteSetup(waitForActivation);
	teardown(closeAll);

	test('codes from tokenErrorHelp.catalogFiles are recognised', async () => {
		const doc = await openFixture('custom-code.txt');
		const before = await waitForDiagnostics(doc.uri, d => d.some(x => ruleOf(x) === 'unknown-code'));
		assert.ok(before.some(d => ruleOf(d) === 'unknown-code'));
		const config = vscode.workspace.getConfiguration('tokenErrorHelp');
		await config.update('catalogFiles', [fixture('org.token-errors.jsonc').fsPath], vscode.ConfigurationTarget.Global);
		try {
			const after = await waitForDiagnostics(doc.uri, d => d.some(x => ruleOf(x) === 'recognized-error'));
			const recognized = after.find(d => ruleOf(d) === 'recognized-error')!;
			assert.match(recognized.message, /Contoso tenant suspended/);
			assert.equal(doc.getText(recognized.range), 'contoso_tenant_suspended');
		} finally {
			await config.update('catalogFiles', undefined, vscode.ConfigurationTarget.Global);
		}
	});
});
