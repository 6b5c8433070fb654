import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, waitForActivation } from '../helpers';

// Run only by npm run test:integration:web, where the user setting remote.extensionKind puts the
// extension and the test runner into the browser's web-worker extension host. The other suites
// of that run (hover, diagnostics, explain, custom catalogs, the tool, the report file system)
// are the ones the Node host runs: this one proves where they ran.

suite('Web-worker extension host', () => {
	test('the suite and the extension run in a browser web worker, not in Node', async () => {
		const ext = await waitForActivation();
		const global = globalThis as { process?: unknown; WorkerGlobalScope?: unknown; importScripts?: unknown };
		assert.equal(global.process, undefined, 'no Node process object in this host');
		assert.equal(typeof global.WorkerGlobalScope, 'function', 'a web worker global scope');
		assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
		assert.equal(ext.id, EXTENSION_ID);
		assert.equal(ext.extensionKind, vscode.ExtensionKind.UI, 'the extension runs in the UI-side (web worker) host');
		assert.ok(ext.isActive);
	});

	test('the extension and the workspace are on the server, read through workspace.fs; file: is the browser\'s own', async () => {
		const ext = await waitForActivation();
		const asset = vscode.Uri.joinPath(ext.extensionUri, 'dist', 'catalog.json.zst');
		assert.notEqual(asset.scheme, 'file', `the extension's files are not file: URIs here (${asset.scheme})`);
		const stat = await vscode.workspace.fs.stat(asset);
		assert.ok(stat.size > 1000, `${asset.toString()} holds the catalog`);
		// file: here is the browser's own file system (folders picked in the browser), not the workspace
		// machine's: custom catalogs given as absolute paths are read from the workspace's file system
		// instead (customCatalog.test.ts runs here too).
		const folder = vscode.workspace.workspaceFolders![0].uri;
		assert.equal(folder.scheme, 'vscode-remote');
		const onServer = folder.with({ path: `${folder.path}/org.token-errors.jsonc` });
		assert.ok((await vscode.workspace.fs.stat(onServer)).size > 0);
		await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.file(onServer.path))), 'the same path as a file: URI is not readable in the browser');
	});
});
