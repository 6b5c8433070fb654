import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitForExtensionLog } from '../../fixtures/security/logs';
import { closeAll, fixture, hoverText, openFixture, openUntitled, positionOf, ruleOf, waitForActivation, waitForDiagnostics } from '../helpers';

// Runs in a real untrusted workspace (npm run test:integration:untrusted: workspace trust on,
// test/fixtures/untrusted-workspace not trusted, so VS Code is in Restricted Mode). The same
// catalog is recognised in the trusted run (test/integration/customCatalog.test.ts); here it
// must be ignored, whether the folder's settings or the user's settings name it, and the user
// is told why (the notification is checked by runIntegration.mjs --expect-notification).

const REASON = 'ignored because this workspace is not trusted';

suite('Untrusted workspace', () => {
	suiteSetup(waitForActivation);
	teardown(closeAll);

	test('VS Code runs this folder untrusted', () => {
		assert.equal(vscode.workspace.isTrusted, false);
		assert.ok(vscode.workspace.workspaceFolders?.[0].uri.path.endsWith('/untrusted-workspace'));
	});

	test('the extension works in Restricted Mode: a standard code is explained', async () => {
		const doc = await openUntitled('HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{"error":"invalid_grant"}\n');
		const diagnostics = await waitForDiagnostics(doc.uri, d => d.some(x => ruleOf(x) === 'recognized-error'));
		assert.ok(diagnostics.some(d => /invalid_grant|grant/i.test(d.message)));
	});

	test('the folder\'s catalogFiles setting does not load the custom catalog', async () => {
		// VS Code withholds restricted settings of an untrusted folder from extensions.
		const inspected = vscode.workspace.getConfiguration('tokenErrorHelp').inspect<string[]>('catalogFiles');
		assert.deepEqual(vscode.workspace.getConfiguration('tokenErrorHelp').get('catalogFiles'), []);
		assert.equal(inspected?.workspaceValue, undefined);
		const doc = await openFixture('custom-code.txt');
		const diagnostics = await waitForDiagnostics(doc.uri, d => d.some(x => ruleOf(x) === 'unknown-code'));
		assert.ok(!diagnostics.some(d => /Contoso/.test(d.message)), 'the custom code is not recognised');
		assert.match(await hoverText(doc, positionOf(doc, 'contoso_tenant_suspended', 3)), /Unknown error code/);
	});

	test('catalogFiles in the user settings is ignored too, and the log says why', async () => {
		const config = vscode.workspace.getConfiguration('tokenErrorHelp');
		await config.update('catalogFiles', [fixture('org.token-errors.jsonc').fsPath], vscode.ConfigurationTarget.Global);
		try {
			assert.deepEqual(vscode.workspace.getConfiguration('tokenErrorHelp').get('catalogFiles'), [fixture('org.token-errors.jsonc').fsPath]);
			// A new paste is analysed with the catalog as it is now.
			const doc = await openUntitled('HTTP/1.1 403 Forbidden\nContent-Type: application/json\n\n{"error":"contoso_tenant_suspended"}\n');
			const log = await waitForExtensionLog(content => content.includes(REASON));
			assert.match(log, /\[warning\] Custom catalogs \(tokenErrorHelp\.catalogFiles\) are ignored because this workspace is not trusted/);
			const diagnostics = await waitForDiagnostics(doc.uri, d => d.some(x => ruleOf(x) === 'unknown-code'));
			assert.ok(!diagnostics.some(d => /Contoso/.test(d.message)), 'the custom code is not recognised');
			assert.match(await hoverText(doc, positionOf(doc, 'contoso_tenant_suspended', 3)), /Unknown error code/);
			assert.doesNotMatch(log, /Loaded \d+ custom catalog entries/);
		} finally {
			await config.update('catalogFiles', undefined, vscode.ConfigurationTarget.Global);
		}
	});
});
