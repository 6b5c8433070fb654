import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, openUntitled, ours, ruleOf, waitForActivation, waitForDiagnostics } from './helpers';

/** Diagnostics as comparable data. */
function summary(diagnostics: readonly vscode.Diagnostic[]): string[] {
	return diagnostics.map(d => `${ruleOf(d)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`).sort();
}

function logLines(): string {
	const lines: string[] = [];
	for (let i = 0; i < 80; i++) {
		if (i % 20 === 5) lines.push(`2026-11-23T10:00:${String(i % 60).padStart(2, '0')}.000Z ERROR token request failed: invalid_grant (refresh token expired) #${i}`);
		else if (i === 40) lines.push('2026-11-23T10:00:40.000Z DEBUG response:', 'HTTP/1.1 401 Unauthorized', 'WWW-Authenticate: Bearer error="invalid_token"', '');
		else lines.push(`2026-11-23T10:00:${String(i % 60).padStart(2, '0')}.000Z INFO request ${i} completed`);
	}
	return lines.join('\n');
}

/** Waits until the edited document's diagnostics equal those of a fresh document with the same text. */
async function expectSameAsFresh(doc: vscode.TextDocument): Promise<string[]> {
	const fresh = await vscode.workspace.openTextDocument({ content: doc.getText(), language: 'plaintext' });
	const expected = summary(await waitForDiagnostics(fresh.uri, d => d.length > 0));
	const got = await waitForDiagnostics(doc.uri, d => JSON.stringify(summary(d)) === JSON.stringify(expected)).catch(() => ours(doc.uri));
	assert.deepEqual(summary(got), expected);
	return expected;
}

suite('Editing', () => {
	suiteSetup(waitForActivation);
	teardown(closeAll);

	test('diagnostics follow edits exactly as a fresh analysis of the same text would', async () => {
		const doc = await openUntitled(logLines());
		await waitForDiagnostics(doc.uri, d => d.some(x => /invalid_grant/.test(x.message)));
		const editor = vscode.window.activeTextEditor!;
		assert.equal(editor.document.uri.toString(), doc.uri.toString());

		// A line becomes an error line.
		const line30 = doc.lineAt(doc.getText().split('\n').findIndex(l => l.includes('request 30 completed')));
		await editor.edit(b => b.replace(line30.range, '2026-11-23T10:00:30.000Z ERROR client authentication failed: invalid_client'));
		const afterFirst = await expectSameAsFresh(doc);
		assert.ok(afterFirst.some(d => /invalid_client/.test(d)), 'the new error is reported');

		// Two quick edits before the analysis runs: a line removed near the top, a response pasted near the end.
		const errorLine = doc.lineAt(doc.getText().split('\n').findIndex(l => l.endsWith(' #5')));
		await editor.edit(b => b.delete(errorLine.rangeIncludingLineBreak));
		await editor.edit(b => b.insert(new vscode.Position(doc.lineCount - 3, 0), 'HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{"error":"invalid_scope"}\n'));
		const afterSecond = await expectSameAsFresh(doc);
		assert.ok(afterSecond.some(d => /invalid_scope/.test(d)), 'the pasted response is reported');
		const grants = (list: string[]) => list.filter(d => /invalid_grant/.test(d)).length;
		assert.equal(grants(afterSecond), grants(afterFirst) - 1, 'the removed error line is no longer reported');
	});
});
