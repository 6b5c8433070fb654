import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'token-error-help.token-error-help';
export const SOURCE = 'Token Error Help';
const DEFAULT_TIMEOUT = 15000;

/** A file of the fixture workspace (test/fixtures/workspace). */
export function fixture(name: string): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	assert.ok(folder, 'the fixture workspace must be open');
	return vscode.Uri.joinPath(folder.uri, name);
}

/** Opens a fixture file in an editor. */
export async function openFixture(name: string): Promise<vscode.TextDocument> {
	const doc = await vscode.workspace.openTextDocument(fixture(name));
	await vscode.window.showTextDocument(doc);
	return doc;
}

/**
 * Opens a new untitled document holding `content`, as a paste would.
 * The workbench names untitled documents Untitled-1, -2…, reusing a name once its document is
 * closed; right after closeAll() the new Untitled-1 can come back with the previous one's text
 * (its working-copy backup is discarded asynchronously; seen in the browser's web-worker host).
 * Then the text is replaced by `content`, as a paste over it would.
 */
export async function openUntitled(content: string, language = 'plaintext'): Promise<vscode.TextDocument> {
	const doc = await vscode.workspace.openTextDocument({ content, language });
	const editor = await vscode.window.showTextDocument(doc);
	if (doc.getText() !== content) {
		await editor.edit(b => b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), content));
		assert.equal(doc.getText(), content, `${doc.uri.toString()} holds the text it was opened with`);
	}
	return doc;
}

/** Our diagnostics for a document. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
	return vscode.languages.getDiagnostics(uri).filter(d => d.source === SOURCE);
}

/** The rule id of a diagnostic. */
export function ruleOf(d: vscode.Diagnostic): string {
	return typeof d.code === 'object' && d.code ? String(d.code.value) : String(d.code);
}

/** Resolves with our diagnostics once `predicate` holds, waiting on onDidChangeDiagnostics (no sleeps). */
export function waitForDiagnostics(uri: vscode.Uri, predicate: (d: vscode.Diagnostic[]) => boolean, timeout = DEFAULT_TIMEOUT): Promise<vscode.Diagnostic[]> {
	return new Promise((resolve, reject) => {
		const check = () => {
			const current = ours(uri);
			if (predicate(current)) {
				done();
				resolve(current);
			}
		};
		const listener = vscode.languages.onDidChangeDiagnostics(e => {
			if (e.uris.some(u => u.toString() === uri.toString())) check();
		});
		const timer = setTimeout(() => {
			done();
			reject(new Error(`Timed out waiting for diagnostics on ${uri.toString()}; current: ${JSON.stringify(ours(uri).map(d => [ruleOf(d), d.message.slice(0, 60)]))}`));
		}, timeout);
		const done = () => {
			clearTimeout(timer);
			listener.dispose();
		};
		check();
	});
}

/** Waits (bounded) until the extension reports itself active. */
export async function waitForActivation(timeout = DEFAULT_TIMEOUT): Promise<vscode.Extension<unknown>> {
	const ext = vscode.extensions.getExtension(EXTENSION_ID);
	assert.ok(ext, `${EXTENSION_ID} must be installed`);
	const deadline = Date.now() + timeout;
	while (!ext.isActive) {
		if (Date.now() > deadline) throw new Error(`${EXTENSION_ID} did not activate within ${timeout} ms`);
		await new Promise(r => setTimeout(r, 50));
	}
	return ext;
}

/** The position of `needle` (plus `delta` characters) in the document. */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
	const at = doc.getText().indexOf(needle);
	assert.ok(at >= 0, `"${needle}" must occur in ${doc.uri.toString()}`);
	return doc.positionAt(at + delta);
}

/** Hover text at a position, all contents joined. */
export async function hoverText(doc: vscode.TextDocument, position: vscode.Position): Promise<string> {
	const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
	return hovers.flatMap(h => h.contents.map(c => typeof c === 'string' ? c : c.value)).join('\n');
}

/** Closes all editors without saving (a dirty buffer would otherwise open a "Save changes?" dialog). */
export async function closeAll(): Promise<void> {
	for (let i = 0; i < 50 && vscode.window.activeTextEditor; i++) {
		await settle('workbench.action.revertAndCloseActiveEditor');
	}
	for (const doc of vscode.workspace.textDocuments) {
		if (doc.isDirty) {
			await vscode.window.showTextDocument(doc);
			await settle('workbench.action.revertAndCloseActiveEditor');
		}
	}
	await settle('workbench.action.closeAllEditors');
}

/**
 * Runs a workbench command that may lose a race with an editor the workbench
 * opens by itself (it can open the user settings.json while a test changes a
 * global setting): such a command is tried again, up to three times.
 */
async function settle(command: string): Promise<void> {
	for (let attempt = 1; ; attempt++) {
		try {
			await vscode.commands.executeCommand(command);
			return;
		} catch (error) {
			if (attempt >= 3 || !/another editor opened in the meantime/.test(String(error))) throw error;
			await new Promise(resolve => setTimeout(resolve, 200));
		}
	}
}
