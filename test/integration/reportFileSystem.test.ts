import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, openFixture, positionOf, waitForActivation } from './helpers';

// Explain Response's reports are files of a read-only file system (token-error-help-report:/),
// so that other extensions can stat a report and its folder as they do for any Markdown
// document (httpYac does, and logged ENOPRO while the reports came from a content provider).

const SCHEME = 'token-error-help-report';

async function explainFixture(): Promise<{ uri: vscode.Uri; markdown: string }> {
	const doc = await openFixture('entra-invalid-client.http');
	vscode.window.activeTextEditor!.selection = new vscode.Selection(positionOf(doc, 'invalid_client'), positionOf(doc, 'invalid_client'));
	const result = await vscode.commands.executeCommand<{ uri: string; markdown: string }>('tokenErrorHelp.explainResponse');
	assert.ok(result, 'Explain Response returns its report');
	return { uri: vscode.Uri.parse(result.uri), markdown: result.markdown };
}

/** Resolves with the error `action` rejects with; fails if it succeeds. */
async function rejection(action: () => Thenable<unknown>): Promise<unknown> {
	try {
		await action();
	} catch (error) {
		return error;
	}
	assert.fail('expected the call to be refused');
}

/** The first tab that satisfies `predicate`, waiting on tab changes (the extension host hears of new tabs a little later). */
function waitForTab(predicate: (tab: vscode.Tab) => boolean, timeout = 15_000): Promise<vscode.Tab> {
	return new Promise((resolve, reject) => {
		const find = () => vscode.window.tabGroups.all.flatMap(g => g.tabs).find(predicate);
		const done = (tab: vscode.Tab | undefined, error?: Error) => {
			clearTimeout(timer);
			listener.dispose();
			if (tab) resolve(tab); else reject(error);
		};
		const listener = vscode.window.tabGroups.onDidChangeTabs(() => { const tab = find(); if (tab) done(tab); });
		const timer = setTimeout(() => done(undefined, new Error(`no such tab within ${timeout} ms: ${JSON.stringify(vscode.window.tabGroups.all.flatMap(g => g.tabs.map(t => t.label)))}`)), timeout);
		const tab = find();
		if (tab) done(tab);
	});
}

suite('Report file system', () => {
	suiteSetup(waitForActivation);
	teardown(closeAll);

	test('a report and its folder can be stat-ed, listed and read', async () => {
		const { uri, markdown } = await explainFixture();
		assert.equal(uri.scheme, SCHEME);
		const bytes = new TextEncoder().encode(markdown);

		const file = await vscode.workspace.fs.stat(uri);
		assert.equal(file.type, vscode.FileType.File);
		assert.equal(file.size, bytes.byteLength);
		assert.ok(file.mtime > 0 && file.ctime > 0);
		assert.equal(file.permissions, vscode.FilePermission.Readonly);

		const folderUri = vscode.Uri.joinPath(uri, '..');
		const folder = await vscode.workspace.fs.stat(folderUri);
		assert.equal(folder.type, vscode.FileType.Directory);
		const entries = await vscode.workspace.fs.readDirectory(folderUri);
		const name = uri.path.slice(1);
		assert.ok(entries.some(([entry, type]) => entry === name && type === vscode.FileType.File), `${name} in ${JSON.stringify(entries)}`);

		assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), markdown);
		const doc = await vscode.workspace.openTextDocument(uri);
		assert.equal(doc.getText(), markdown);
		assert.equal(doc.languageId, 'markdown');
	});

	test('the report opens as a rendered Markdown preview, as before', async () => {
		const { uri } = await explainFixture();
		const preview = await waitForTab(tab => tab.input instanceof vscode.TabInputWebview && tab.label.includes(uri.path.slice(1)));
		assert.match((preview.input as vscode.TabInputWebview).viewType, /markdown\.preview/);
	});

	test('the file system is read-only: writes, deletes and renames are refused', async () => {
		const { uri, markdown } = await explainFixture();
		assert.equal(vscode.workspace.fs.isWritableFileSystem(SCHEME), false);
		const folderUri = vscode.Uri.joinPath(uri, '..');
		const refused = [
			await rejection(() => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('changed'))),
			await rejection(() => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folderUri, 'new.md'), new Uint8Array())),
			await rejection(() => vscode.workspace.fs.delete(uri)),
			await rejection(() => vscode.workspace.fs.rename(uri, vscode.Uri.joinPath(folderUri, 'renamed.md'))),
			await rejection(() => vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folderUri, 'sub'))),
		];
		for (const error of refused) {
			assert.ok(error instanceof vscode.FileSystemError, `a FileSystemError: ${String(error)}`);
			assert.equal(error.code, 'NoPermissions', String(error));
		}
		assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), markdown, 'the report is unchanged');
	});

	test('an unknown report is not found', async () => {
		await explainFixture();
		const error = await rejection(() => vscode.workspace.fs.stat(vscode.Uri.from({ scheme: SCHEME, path: '/no such report.md' })));
		assert.ok(error instanceof vscode.FileSystemError && error.code === 'FileNotFound', String(error));
	});
});
