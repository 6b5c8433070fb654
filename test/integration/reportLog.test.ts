import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { logFiles } from '../fixtures/security/logs';
import { closeAll, openFixture, positionOf, waitForActivation } from './helpers';

// Node host only (it reads VS Code's log files of the run from the disk). httpYac stats the folder
// of every Markdown document it sees and logged "ENOPRO: No file system provider found" for our
// reports while they came from a content provider. The test runner extension does the same stat
// for every Markdown document that opens and logs the outcome (runnerExtension/extension.js).

const SCHEME = 'token-error-help-report';
const RUNNER_LOG = 'token-error-help-test.test-runner';

/** The runner's log once it has a line about `folder` (bounded; log files are written asynchronously). */
async function probeLineFor(folder: vscode.Uri, timeout = 15_000): Promise<string> {
	const deadline = Date.now() + timeout;
	for (;;) {
		const file = logFiles().find(f => f.includes(RUNNER_LOG) && f.endsWith('.log'));
		const lines = file ? readFileSync(file, 'utf8').split('\n') : [];
		const line = lines.find(l => l.includes(`: ${folder.toString()}`));
		if (line) return line;
		if (Date.now() > deadline) throw new Error(`The runner's log (${file ?? 'not found'}) has no line about ${folder.toString()} within ${timeout} ms:\n${lines.slice(-5).join('\n')}`);
		await new Promise(r => setTimeout(r, 100));
	}
}

suite('Report documents in the extension host logs', () => {
	suiteSetup(waitForActivation);
	teardown(closeAll);

	test('another extension that stats a report\'s folder gets no error, and no log of the run has one about reports', async () => {
		const doc = await openFixture('entra-invalid-client.http');
		vscode.window.activeTextEditor!.selection = new vscode.Selection(positionOf(doc, 'invalid_client'), positionOf(doc, 'invalid_client'));
		const result = await vscode.commands.executeCommand<{ uri: string }>('tokenErrorHelp.explainResponse');
		const report = vscode.Uri.parse(result.uri);
		assert.equal(report.scheme, SCHEME);
		await vscode.workspace.openTextDocument(report); // opened by the preview already; this makes sure the probe saw it

		const line = await probeLineFor(vscode.Uri.joinPath(report, '..'));
		assert.match(line, /\[info\] markdown folder stat ok: token-error-help-report:\/ \(type 2\)/, line);

		const complaints = logFiles().filter(f => f.endsWith('.log')).flatMap(file => readFileSync(file, 'utf8').split('\n')
			.filter(l => /ENOPRO/.test(l) || (l.includes(SCHEME) && /\[(error|warning)\]/.test(l)))
			.map(l => `${file.slice(file.lastIndexOf('/') + 1)}: ${l}`));
		assert.deepEqual(complaints, []);
	});
});
